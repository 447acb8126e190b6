// Histogram of the course's totals with the letter cut-offs drawn on it, as SVG sized to the element's width.
// The server sets `dataJson` ({bins: [{from, to, count}], cutoffs: [{letter, minimum}], texts: {x, y}}) and
// `summary` (what screen readers hear; the page also has the numbers as a table).

interface Bin {
  from: number;
  to: number;
  count: number;
}
interface Cutoff {
  letter: string;
  minimum: number;
}
interface Data {
  bins: Bin[];
  cutoffs: Cutoff[];
  texts: { x: string; y: string };
}

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 260;

const style = `
  :host { display: block; box-sizing: border-box; width: 100%; max-width: 100%; color: var(--lumo-body-text-color, #1a1a1a);
    font-family: var(--lumo-font-family, sans-serif); }
  svg { display: block; width: 100%; height: ${HEIGHT}px; overflow: hidden; }
  .bar { fill: var(--lumo-primary-color, #1565c0); }
  .axis { stroke: currentColor; stroke-width: 1; }
  .grid { stroke: rgba(128, 128, 128, 0.3); stroke-width: 1; }
  .cut { stroke: var(--lumo-error-text-color, #c62828); stroke-width: 1.5; stroke-dasharray: 4 3; }
  .cut-label { fill: var(--lumo-error-text-color, #b71c1c); font-size: 12px; font-weight: 600; }
  text { fill: currentColor; font-size: 12px; }
  .count { font-size: 11px; }
`;

function parse(text: string | null | undefined): Data {
  try {
    const d = JSON.parse(text ?? '') as Partial<Data>;
    return { bins: d.bins ?? [], cutoffs: d.cutoffs ?? [], texts: { x: '', y: '', ...(d.texts ?? {}) } };
  } catch {
    return { bins: [], cutoffs: [], texts: { x: '', y: '' } };
  }
}

function el(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) {
    e.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

class LetterHistogram extends HTMLElement {
  private data: Data = parse('');
  private _summary = '';
  private svg: SVGSVGElement;
  private observer = new ResizeObserver(() => this.draw());

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${style}</style>`;
    this.svg = document.createElementNS(SVG, 'svg') as SVGSVGElement;
    this.svg.setAttribute('role', 'img');
    root.appendChild(this.svg);
  }

  connectedCallback() {
    for (const name of ['dataJson', 'summary']) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = (this as any)[name];
        delete (this as any)[name];
        (this as any)[name] = value;
      }
    }
    this.observer.observe(this);
    this.draw();
  }

  disconnectedCallback() {
    this.observer.disconnect();
  }

  set dataJson(value: string) {
    this.data = parse(value);
    this.draw();
  }

  set summary(value: string) {
    this._summary = value ?? '';
    this.svg.setAttribute('aria-label', this._summary);
  }

  private draw() {
    const width = Math.max(200, Math.round(this.clientWidth || 600));
    const narrow = width < 500;
    const svg = this.svg;
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    svg.setAttribute('aria-label', this._summary);
    this.dataset.bins = String(this.data.bins.length);
    this.dataset.cutoffs = String(this.data.cutoffs.length);
    const left = 36;
    const right = 16;
    const top = narrow ? 46 : 30;
    const bottom = 40;
    const plotW = width - left - right;
    const plotH = HEIGHT - top - bottom;
    const max = Math.max(1, ...this.data.bins.map((b) => b.count));
    const step = max <= 5 ? 1 : Math.ceil(max / 5);
    const yMax = Math.ceil(max / step) * step;
    const x = (v: number) => left + (v / 100) * plotW;
    const y = (v: number) => top + plotH - (v / yMax) * plotH;

    for (let v = 0; v <= yMax; v += step) {
      svg.appendChild(el('line', { class: 'grid', x1: left, x2: left + plotW, y1: y(v), y2: y(v) }));
      svg.appendChild(el('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
    }
    for (const b of this.data.bins) {
      const x0 = x(b.from) + 1;
      const w = Math.max(1, x(b.to) - x(b.from) - 2);
      if (b.count > 0) {
        svg.appendChild(el('rect', { class: 'bar', x: x0, y: y(b.count), width: w, height: y(0) - y(b.count) }));
        if (w >= 12) {
          svg.appendChild(el('text', { class: 'count', x: x0 + w / 2, y: y(b.count) - 3, 'text-anchor': 'middle' },
            String(b.count)));
        }
      }
    }
    svg.appendChild(el('line', { class: 'axis', x1: left, x2: left + plotW, y1: y(0), y2: y(0) }));
    svg.appendChild(el('line', { class: 'axis', x1: left, x2: left, y1: top, y2: y(0) }));
    const tick = narrow ? 20 : 10;
    for (let v = 0; v <= 100; v += tick) {
      svg.appendChild(el('text', { x: x(v), y: y(0) + 15, 'text-anchor': 'middle' }, String(v)));
    }
    svg.appendChild(el('text', { x: left + plotW / 2, y: HEIGHT - 4, 'text-anchor': 'middle' }, this.data.texts.x));
    svg.appendChild(el('text', { x: 2, y: 12 }, this.data.texts.y));

    // cut-offs above 0: dashed lines; a label that would run into the previous one moves up a row
    const cuts = this.data.cutoffs.filter((c) => c.minimum > 0).sort((a, b) => a.minimum - b.minimum);
    const rows = narrow ? 3 : 2;
    const ends: number[] = new Array(rows).fill(-Infinity);
    for (const c of cuts) {
      const cx = x(c.minimum);
      svg.appendChild(el('line', { class: 'cut', x1: cx, x2: cx, y1: top - 4, y2: y(0) }));
      const half = (7 * c.letter.length + 6) / 2;
      let row = ends.findIndex((end) => cx - half > end + 2);
      if (row < 0) {
        row = ends.indexOf(Math.min(...ends));
      }
      ends[row] = cx + half;
      svg.appendChild(el('text', { class: 'cut-label', x: cx, y: top - 8 - row * 13, 'text-anchor': 'middle' }, c.letter));
    }
  }
}

if (!customElements.get('ll-histogram')) {
  customElements.define('ll-histogram', LetterHistogram);
}
