// "What the computer sees": an image enlarged beside the 32×32 numbers of one of its colour channels.
// Pointing at or focusing a pixel marks it in both and reads its three values out in a live region.
import { decodeBase64, drawRgb, parseJson, upgradeProperty, SIDE } from './lab-util';

interface Texts {
  caption: string;
  image: string;
  channels: string;
  red: string;
  green: string;
  blue: string;
}
type Channel = 'r' | 'g' | 'b';

const FALLBACK_TEXTS: Texts = { caption: '', image: '', channels: '', red: 'R', green: 'G', blue: 'B' };
const CHANNELS: Channel[] = ['r', 'g', 'b'];
// Cell shading per channel; at most 50 % over white keeps dark text above 4.5:1 contrast.
const TINT: Record<Channel, string> = { r: '255, 0, 0', g: '0, 200, 0', b: '0, 0, 255' };

const style = `
  :host { display: block; box-sizing: border-box; width: 100%; max-width: 100%; }
  .caption { margin: 0 0 0.5rem; }
  .channels { display: flex; gap: 0.25rem; margin-bottom: 0.5rem; }
  .channels button { font: inherit; min-width: 2.75rem; min-height: 2.25rem; padding: 0 0.75rem; cursor: pointer;
                     border: 1px solid #6b6b6b; border-radius: 0.25rem; background: #fff; color: #1a1a1a; }
  .channels button[aria-pressed="true"] { background: #1a1a1a; color: #fff; }
  .channels button:focus-visible, td:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
  .layout { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
  .picture { position: relative; width: min(100%, var(--ll-pixels-image-size, 16rem)); aspect-ratio: 1; flex: none; }
  canvas { width: 100%; height: 100%; image-rendering: pixelated; display: block; }
  .mark { position: absolute; width: calc(100% / ${SIDE}); height: calc(100% / ${SIDE});
          outline: 2px solid #fff; box-shadow: 0 0 0 3px #000; pointer-events: none; }
  .scroll { overflow: auto; min-width: 0; max-width: 100%; max-height: var(--ll-pixels-table-height, 24rem); flex: 0 1 auto;
            border: 1px solid rgba(128, 128, 128, 0.5); }
  table { border-collapse: collapse; font: 10px/1.2 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
          background: #fff; color: #1a1a1a; }
  th, td { padding: 1px 2px; text-align: right; min-width: 3ch; }
  th { position: sticky; background: #eee; font-weight: normal; color: #333; }
  thead th { top: 0; z-index: 1; }
  tbody th { left: 0; }
  thead td { position: sticky; top: 0; left: 0; z-index: 2; background: #eee; }
  td.on, th.on { background: #1a1a1a !important; color: #fff; }
  .readout { min-height: 1.5em; margin: 0.5rem 0 0; font-variant-numeric: tabular-nums; }
`;

class PixelMatrix extends HTMLElement {
  private texts: Texts = FALLBACK_TEXTS;
  private rgb: Uint8Array = new Uint8Array(SIDE * SIDE * 3);
  private _channel: Channel = 'r';
  private selected = -1;
  private root: ShadowRoot;
  private canvas: HTMLCanvasElement;
  private mark: HTMLElement;
  private table: HTMLTableElement;
  private cells: HTMLTableCellElement[] = [];

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const columns = Array.from({ length: SIDE }, (_, x) => `<th scope="col">${x}</th>`).join('');
    const rows = Array.from(
      { length: SIDE },
      (_, y) => `<tr><th scope="row">${y}</th>${'<td tabindex="-1"></td>'.repeat(SIDE)}</tr>`,
    ).join('');
    this.root.innerHTML = `<style>${style}</style>
      <p class="caption"></p>
      <div class="channels" role="group">${CHANNELS.map((c) => `<button type="button" data-channel="${c}"></button>`).join('')}</div>
      <div class="layout">
        <div class="picture"><canvas width="${SIDE}" height="${SIDE}" role="img"></canvas><div class="mark" hidden></div></div>
        <div class="scroll"><table role="grid"><thead><tr><td></td>${columns}</tr></thead><tbody>${rows}</tbody></table></div>
      </div>
      <p class="readout" aria-live="polite"></p>`;
    this.canvas = this.root.querySelector('canvas')!;
    this.mark = this.root.querySelector('.mark')!;
    this.table = this.root.querySelector('table')!;
    this.cells = [...this.table.querySelectorAll('td[tabindex]')] as HTMLTableCellElement[];
    this.cells[0].tabIndex = 0;

    this.root.querySelectorAll<HTMLButtonElement>('.channels button').forEach((button) =>
      button.addEventListener('click', () => {
        this.channel = button.dataset.channel as Channel;
        this.dispatchEvent(new CustomEvent('channel-changed'));
      }),
    );
    this.canvas.addEventListener('pointermove', (e) => this.point(e));
    this.canvas.addEventListener('pointerdown', (e) => this.point(e));
    this.table.addEventListener('pointerover', (e) => {
      const index = this.cells.indexOf(e.target as HTMLTableCellElement);
      if (index >= 0) {
        this.select(index);
      }
    });
    this.table.addEventListener('focusin', (e) => {
      const index = this.cells.indexOf(e.target as HTMLTableCellElement);
      if (index >= 0) {
        this.select(index);
      }
    });
    this.table.addEventListener('keydown', (e) => this.key(e));
    this.render();
  }

  connectedCallback() {
    if (!this.hasAttribute('role')) {
      this.setAttribute('role', 'group');
    }
    upgradeProperty(this, 'textsJson');
    upgradeProperty(this, 'channel');
    upgradeProperty(this, 'data');
  }

  set textsJson(value: string) {
    this.texts = { ...FALLBACK_TEXTS, ...parseJson<Partial<Texts>>(value, {}) };
    this.render();
  }

  get channel(): Channel {
    return this._channel;
  }

  set channel(value: Channel) {
    this._channel = CHANNELS.includes(value) ? value : 'r';
    this.render();
  }

  /** JSON {version, rgb}: 3072 bytes base64, r,g,b per pixel, row-major. */
  set data(json: string) {
    const data = parseJson<{ version: number; rgb: string }>(json, { version: 0, rgb: '' });
    const bytes = decodeBase64(data.rgb);
    this.rgb = bytes.length === SIDE * SIDE * 3 ? bytes : new Uint8Array(SIDE * SIDE * 3);
    drawRgb(this.canvas, this.rgb);
    this.render();
    this.dataset.version = String(data.version);
  }

  private render() {
    const names: Record<Channel, string> = { r: this.texts.red, g: this.texts.green, b: this.texts.blue };
    this.root.querySelector('.caption')!.textContent = this.texts.caption;
    const group = this.root.querySelector('.channels')!;
    group.setAttribute('aria-label', this.texts.channels || `${this.texts.red} ${this.texts.green} ${this.texts.blue}`);
    group.querySelectorAll<HTMLButtonElement>('button').forEach((button) => {
      const channel = button.dataset.channel as Channel;
      button.textContent = names[channel];
      button.setAttribute('aria-pressed', String(channel === this._channel));
    });
    this.canvas.setAttribute('aria-label', this.texts.image || this.texts.caption || 'RGB');
    this.table.setAttribute('aria-label', `${this.texts.caption} ${names[this._channel]}`.trim());
    const offset = CHANNELS.indexOf(this._channel);
    const tint = TINT[this._channel];
    this.cells.forEach((cell, p) => {
      const value = this.rgb[3 * p + offset];
      cell.textContent = String(value);
      cell.style.background = `rgba(${tint}, ${((value / 255) * 0.5).toFixed(3)})`;
    });
    this.readOut();
  }

  private point(e: PointerEvent) {
    const box = this.canvas.getBoundingClientRect();
    const x = Math.floor(((e.clientX - box.left) / box.width) * SIDE);
    const y = Math.floor(((e.clientY - box.top) / box.height) * SIDE);
    if (x >= 0 && x < SIDE && y >= 0 && y < SIDE) {
      this.select(y * SIDE + x);
    }
  }

  private key(e: KeyboardEvent) {
    if (this.selected < 0) {
      return;
    }
    const x = this.selected % SIDE;
    const y = Math.floor(this.selected / SIDE);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [x - 1, y],
      ArrowRight: [x + 1, y],
      ArrowUp: [x, y - 1],
      ArrowDown: [x, y + 1],
      Home: [0, y],
      End: [SIDE - 1, y],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const [nx, ny] = [Math.min(SIDE - 1, Math.max(0, move[0])), Math.min(SIDE - 1, Math.max(0, move[1]))];
      this.cells[ny * SIDE + nx].focus();
    }
  }

  private select(index: number) {
    if (index === this.selected) {
      return;
    }
    const previous = this.cells[this.selected];
    if (previous) {
      previous.classList.remove('on');
      previous.tabIndex = -1;
      this.headers(this.selected).forEach((h) => h.classList.remove('on'));
    }
    this.selected = index;
    const cell = this.cells[index];
    cell.classList.add('on');
    cell.tabIndex = 0; // roving tab stop: Tab returns to the last pixel visited
    this.cells[0].tabIndex = index === 0 ? 0 : -1;
    this.headers(index).forEach((h) => h.classList.add('on'));
    const x = index % SIDE;
    const y = Math.floor(index / SIDE);
    this.mark.hidden = false;
    this.mark.style.left = `${(x * 100) / SIDE}%`;
    this.mark.style.top = `${(y * 100) / SIDE}%`;
    this.readOut();
  }

  private headers(index: number): HTMLElement[] {
    const x = index % SIDE;
    const y = Math.floor(index / SIDE);
    return [this.table.tHead!.rows[0].cells[x + 1], this.table.tBodies[0].rows[y].cells[0]];
  }

  private readOut() {
    if (this.selected < 0) {
      return;
    }
    const x = this.selected % SIDE;
    const y = Math.floor(this.selected / SIDE);
    const [r, g, b] = this.rgb.subarray(3 * this.selected, 3 * this.selected + 3);
    this.root.querySelector('.readout')!.textContent =
      `${x}, ${y}: ${this.texts.red} ${r} ${this.texts.green} ${g} ${this.texts.blue} ${b}`;
  }
}

if (!customElements.get('ll-pixels')) {
  customElements.define('ll-pixels', PixelMatrix);
}
