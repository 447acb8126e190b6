// The staff gradebook as a keyboard-driven table. The server sends the sheet as JSON ('sheet' property); the table
// keeps one cell focusable at a time (arrows, Home/End move), Enter or typing starts editing a cell, Enter (or Tab)
// commits and moves on, Escape cancels, and pasting a column from a spreadsheet sends every line at once. Events:
// 'cell-commit' {row, col, value}, 'column-paste' {row, col, values (JSON array)}, 'cell-focus' {row, col}.
// The server answers a refused change with refuse(row, col, typed, message): the typed value stays in the cell,
// marked, until it is edited again.

interface Cell { t: string; e?: boolean; h?: string; l?: string; d?: string }
interface Column { key: string; title: string; sub?: string; kind: string; href?: string; hrefLabel?: string }
interface Group { name: string; span: number; kind: string }
interface Row { key: string; number: string; name: string; cells: Cell[] }
interface Sheet {
  caption: string; student: string; groups: Group[]; columns: Column[]; rows: Row[];
  refusedHint: string; editHint: string; pendingHint: string;
}

class LlGradebookSheet extends HTMLElement {
  private _sheet = '';
  private data: Sheet | null = null;
  private row = 0;
  private col = 0;
  private editing: HTMLInputElement | null = null;
  private refused = new Map<string, { typed: string; message: string }>();
  private pending = new Map<string, string>();
  private focusTimer: number | undefined;
  private table: HTMLTableElement | null = null;

  connectedCallback() {
    if (Object.prototype.hasOwnProperty.call(this, 'sheet')) {
      const value = (this as any).sheet as string;
      delete (this as any).sheet;
      this.sheet = value;
    }
  }

  get sheet(): string {
    return this._sheet;
  }

  set sheet(value: string) {
    this._sheet = value ?? '';
    const hadFocus = this.contains(document.activeElement);
    // keep the place (by student and column, not by index) and an edit in progress across a redraw
    const at = this.data && this.data.rows.length > 0
      ? { row: this.data.rows[this.row]?.key, col: this.data.columns[this.col]?.key } : null;
    const typing = this.editing ? { value: this.editing.value, caret: this.editing.selectionStart } : null;
    this.data = this._sheet ? JSON.parse(this._sheet) as Sheet : null;
    this.pending.clear();
    this.editing = null;
    if (at && this.data) {
      const r = this.data.rows.findIndex((x) => x.key === at.row);
      const c = this.data.columns.findIndex((x) => x.key === at.col);
      if (r >= 0 && c >= 0) {
        this.row = r;
        this.col = c;
      }
    }
    this.render();
    if (typing && this.editable()) {
      this.startEdit(typing.value);
      if (typing.caret !== null) {
        this.editing!.setSelectionRange(typing.caret, typing.caret);
      }
    } else if (hadFocus) {
      this.focusCell(false);
    }
  }

  /** Keeps a refused value visible in its cell, with why it was refused. */
  refuse(rowKey: string, colKey: string, typed: string, message: string) {
    this.refused.set(rowKey + '|' + colKey, { typed, message });
    this.pending.delete(rowKey + '|' + colKey);
    this.render();
    const r = this.data?.rows.findIndex((x) => x.key === rowKey) ?? -1;
    const c = this.data?.columns.findIndex((x) => x.key === colKey) ?? -1;
    if (r >= 0 && c >= 0) {
      this.row = r;
      this.col = c;
      this.focusCell(false);
    }
  }

  /** Puts the keyboard focus on a cell (for a page that wants to start somewhere). */
  focusAt(rowKey: string, colKey: string) {
    const r = this.data?.rows.findIndex((x) => x.key === rowKey) ?? -1;
    const c = this.data?.columns.findIndex((x) => x.key === colKey) ?? -1;
    if (r >= 0 && c >= 0) {
      this.row = r;
      this.col = c;
      this.focusCell(true);
    }
  }

  private key(r: number, c: number) {
    return this.data!.rows[r].key + '|' + this.data!.columns[c].key;
  }

  private render() {
    this.replaceChildren();
    const d = this.data;
    if (!d) {
      return;
    }
    this.row = Math.min(this.row, Math.max(0, d.rows.length - 1));
    this.col = Math.min(this.col, Math.max(0, d.columns.length - 1));
    const table = document.createElement('table');
    table.setAttribute('role', 'grid');
    table.className = 'gb-table';
    const caption = document.createElement('caption');
    caption.textContent = d.caption;
    caption.className = 'gb-caption';
    table.append(caption);
    const head = document.createElement('thead');
    const groups = document.createElement('tr');
    const corner = document.createElement('th');
    corner.rowSpan = 2;
    corner.scope = 'col';
    corner.className = 'gb-corner';
    corner.textContent = d.student;
    groups.append(corner);
    for (const g of d.groups) {
      const th = document.createElement('th');
      th.colSpan = g.span;
      th.scope = 'colgroup';
      th.className = 'gb-group gb-' + g.kind;
      th.textContent = g.name;
      groups.append(th);
    }
    const titles = document.createElement('tr');
    for (const c of d.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.className = 'gb-col gb-' + c.kind;
      const title = document.createElement('span');
      title.textContent = c.title;
      th.append(title);
      if (c.sub) {
        const sub = document.createElement('span');
        sub.className = 'gb-sub';
        sub.textContent = c.sub;
        th.append(sub);
      }
      if (c.href) {
        const a = document.createElement('a');
        a.href = c.href;
        a.className = 'gb-link';
        a.textContent = c.hrefLabel ?? '';
        th.append(a);
      }
      titles.append(th);
    }
    head.append(groups, titles);
    const body = document.createElement('tbody');
    d.rows.forEach((row, r) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.className = 'gb-student';
      const name = document.createElement('span');
      name.textContent = row.name;
      const number = document.createElement('span');
      number.className = 'gb-number';
      number.textContent = row.number;
      th.append(name, number);
      tr.append(th);
      row.cells.forEach((cell, c) => {
        const td = document.createElement('td');
        td.setAttribute('role', 'gridcell');
        td.className = 'gb-cell gb-' + d.columns[c].kind;
        td.dataset.row = row.key;
        td.dataset.col = d.columns[c].key;
        td.tabIndex = r === this.row && c === this.col ? 0 : -1;
        if (!cell.e) {
          td.setAttribute('aria-readonly', 'true');
        }
        const k = row.key + '|' + d.columns[c].key;
        const refused = this.refused.get(k);
        const pending = this.pending.get(k);
        if (refused) {
          td.classList.add('gb-refused');
          td.textContent = refused.typed;
          td.title = refused.message;
          td.setAttribute('aria-label', refused.typed + ' — ' + refused.message + ' ' + d.refusedHint);
        } else if (pending !== undefined) {
          td.classList.add('gb-pending');
          td.textContent = pending;
          td.setAttribute('aria-busy', 'true');
        } else if (cell.h) {
          const a = document.createElement('a');
          a.href = cell.h;
          a.tabIndex = -1;
          a.textContent = cell.t || '–';
          if (cell.l) {
            a.setAttribute('aria-label', cell.l);
          }
          td.append(a);
        } else {
          td.textContent = cell.t;
        }
        if (cell.d && !refused) {
          td.title = cell.d;
        }
        if (cell.e) {
          td.classList.add('gb-editable');
        }
        td.addEventListener('mousedown', () => {
          if (this.editing && td.contains(this.editing)) {
            return;
          }
          this.commitIfEditing();
          this.row = r;
          this.col = c;
          this.updateTabStops();
        });
        td.addEventListener('focus', () => {
          if (this.row !== r || this.col !== c) {
            this.row = r;
            this.col = c;
            this.updateTabStops();
          }
          this.announceFocus();
        });
        td.addEventListener('dblclick', () => this.startEdit(undefined));
        tr.append(td);
      });
      body.append(tr);
    });
    table.append(head, body);
    table.addEventListener('keydown', (e) => this.onKey(e));
    table.addEventListener('paste', (e) => this.onPaste(e as ClipboardEvent));
    this.table = table;
    this.append(table);
    this.dataset.rows = String(d.rows.length);
  }

  private cellAt(r: number, c: number): HTMLTableCellElement | null {
    return this.table?.tBodies[0]?.rows[r]?.cells[c + 1] as HTMLTableCellElement ?? null;
  }

  private updateTabStops() {
    this.table?.querySelectorAll<HTMLElement>('td[tabindex="0"]').forEach((td) => td.tabIndex = -1);
    const td = this.cellAt(this.row, this.col);
    if (td) {
      td.tabIndex = 0;
    }
  }

  private focusCell(announce: boolean) {
    this.updateTabStops();
    const td = this.cellAt(this.row, this.col);
    if (td) {
      td.focus();
      td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      if (announce) {
        this.announceFocus();
      }
    }
  }

  private announceFocus() {
    window.clearTimeout(this.focusTimer);
    const d = this.data;
    if (!d || d.rows.length === 0) {
      return;
    }
    const row = d.rows[this.row].key;
    const col = d.columns[this.col].key;
    this.focusTimer = window.setTimeout(() =>
      this.dispatchEvent(new CustomEvent('cell-focus', { detail: { row, col } })), 250);
  }

  private move(dr: number, dc: number) {
    const d = this.data!;
    this.row = Math.max(0, Math.min(d.rows.length - 1, this.row + dr));
    this.col = Math.max(0, Math.min(d.columns.length - 1, this.col + dc));
    this.focusCell(true);
  }

  private onKey(e: KeyboardEvent) {
    const d = this.data;
    if (!d || d.rows.length === 0) {
      return;
    }
    if (this.editing) {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.commit();
        this.move(1, 0);
      } else if (e.key === 'Tab') {
        e.preventDefault();
        this.commit();
        this.move(0, e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.cancel();
      }
      return;
    }
    switch (e.key) {
      case 'ArrowUp': e.preventDefault(); this.move(-1, 0); return;
      case 'ArrowDown': e.preventDefault(); this.move(1, 0); return;
      case 'ArrowLeft': e.preventDefault(); this.move(0, -1); return;
      case 'ArrowRight': e.preventDefault(); this.move(0, 1); return;
      case 'Home': e.preventDefault(); this.move(0, -d.columns.length); return;
      case 'End': e.preventDefault(); this.move(0, d.columns.length); return;
      case 'Enter':
      case 'F2':
        e.preventDefault();
        if (this.editable()) {
          this.startEdit(undefined);
        } else if (e.key === 'Enter') {
          const a = this.cellAt(this.row, this.col)?.querySelector('a');
          a?.click();
        }
        return;
      case 'Delete':
      case 'Backspace':
        if (this.editable()) {
          e.preventDefault();
          this.startEdit('');
        }
        return;
      default:
        if (!e.ctrlKey && !e.metaKey && !e.altKey && /^[0-9.xXeE]$/.test(e.key) && this.editable()) {
          e.preventDefault();
          this.startEdit(e.key);
        }
    }
  }

  private editable(): boolean {
    return !!this.data?.rows[this.row]?.cells[this.col]?.e;
  }

  private startEdit(initial: string | undefined) {
    if (!this.editable()) {
      return;
    }
    const td = this.cellAt(this.row, this.col)!;
    const input = document.createElement('input');
    input.type = 'text';
    input.inputMode = 'decimal';
    input.className = 'gb-input';
    const column = this.data!.columns[this.col];
    const row = this.data!.rows[this.row];
    input.setAttribute('aria-label', row.name + ' · ' + column.title + ' · ' + this.data!.editHint);
    input.value = initial ?? this.editValue();
    td.replaceChildren(input);
    td.classList.add('gb-editing');
    this.editing = input;
    input.focus();
    if (initial === undefined) {
      input.select();
    } else {
      input.setSelectionRange(input.value.length, input.value.length);
    }
  }

  /** What an edit starts from: the refused value, the points, "x" for excused. */
  private editValue(): string {
    const k = this.key(this.row, this.col);
    const refused = this.refused.get(k);
    if (refused) {
      return refused.typed;
    }
    const cell = this.data!.rows[this.row].cells[this.col];
    if (/^[0-9]+(\.[0-9]+)?$/.test(cell.t)) {
      return cell.t;
    }
    return cell.t ? 'x' : '';
  }

  private commitIfEditing() {
    if (this.editing) {
      this.commit();
    }
  }

  private commit() {
    const input = this.editing!;
    this.editing = null;
    const value = input.value.trim();
    const k = this.key(this.row, this.col);
    const before = this.editValue();
    const wasRefused = this.refused.delete(k);
    const row = this.data!.rows[this.row].key;
    const col = this.data!.columns[this.col].key;
    const td = input.parentElement as HTMLTableCellElement;
    td.classList.remove('gb-editing', 'gb-refused');
    if (value === before && !wasRefused) {
      td.replaceChildren(document.createTextNode(this.data!.rows[this.row].cells[this.col].t));
      return;
    }
    this.pending.set(k, value);
    td.classList.add('gb-pending');
    td.replaceChildren(document.createTextNode(value));
    this.dispatchEvent(new CustomEvent('cell-commit', { detail: { row, col, value } }));
  }

  private cancel() {
    const td = this.editing!.parentElement as HTMLTableCellElement;
    this.editing = null;
    td.classList.remove('gb-editing');
    const k = this.key(this.row, this.col);
    const refused = this.refused.get(k);
    const cell = this.data!.rows[this.row].cells[this.col];
    td.replaceChildren(document.createTextNode(refused ? refused.typed : cell.t));
    td.focus();
  }

  private onPaste(e: ClipboardEvent) {
    const d = this.data;
    if (!d || !this.editable()) {
      return;
    }
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') {
      lines.pop();
    }
    if (lines.length <= 1 && this.editing) {
      return; // one value into the open editor: the browser pastes it there
    }
    e.preventDefault();
    if (this.editing) {
      this.cancel();
    }
    const values = lines.map((l) => l.split('\t')[0].trim());
    const row = d.rows[this.row].key;
    const col = d.columns[this.col].key;
    values.forEach((v, i) => {
      const r = this.row + i;
      if (r < d.rows.length) {
        const k = d.rows[r].key + '|' + col;
        this.refused.delete(k);
        this.pending.set(k, v);
        const td = this.cellAt(r, this.col);
        if (td) {
          td.classList.add('gb-pending');
          td.textContent = v;
        }
      }
    });
    this.dispatchEvent(new CustomEvent('column-paste', { detail: { row, col, values: JSON.stringify(values) } }));
  }
}

if (!customElements.get('ll-gradebook-sheet')) {
  customElements.define('ll-gradebook-sheet', LlGradebookSheet);
}
