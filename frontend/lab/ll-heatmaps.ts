// For each class, how much each pixel adds to (red) or takes from (blue) its score, on one symmetric scale.
// The server sends each map quantised to signed bytes (-127..127 of the scale) with its exact sum.
import { decodeBase64, numberFormat, parseJson, upgradeProperty, SIDE } from './lab-util';

interface Data {
  version: number;
  scale: number;
  maps: { name: string; sum: number; values: string }[];
  image: string | null;
}

// ColorBrewer RdBu: a diverging palette that stays readable with the common colour-vision deficiencies.
const STOPS = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];
// Share of the image's grey kept under the colours when the image is shown.
const IMAGE_SHARE = 0.3;

const PALETTE: number[][] = Array.from({ length: 255 }, (_, i) => colourAt(i / 254));

const style = `
  :host { display: block; box-sizing: border-box; width: 100%; max-width: 100%; }
  .legend { display: grid; grid-template-columns: auto 1fr auto; gap: 0.25rem 0.5rem; align-items: center;
            max-width: 28rem; margin-bottom: 0.75rem; font-size: var(--lumo-font-size-s, 0.875rem); }
  .bar { height: 0.75rem; border: 1px solid rgba(128, 128, 128, 0.5);
         background: linear-gradient(to right, ${STOPS.join(', ')}); }
  .grid { display: flex; flex-wrap: wrap; gap: 0.75rem; }
  figure { margin: 0; display: flex; flex-direction: column; align-items: center; gap: 0.25rem; }
  canvas { width: var(--ll-heatmap-size, 6rem); height: var(--ll-heatmap-size, 6rem); image-rendering: pixelated;
           border: 1px solid rgba(128, 128, 128, 0.5); }
  figcaption { font-size: var(--lumo-font-size-s, 0.875rem); text-align: center; max-width: 7rem; overflow-wrap: anywhere; }
  .sum { display: block; font-variant-numeric: tabular-nums; }
`;

class ContributionMaps extends HTMLElement {
  private texts = { negative: '−', positive: '+' };
  private root: ShadowRoot;
  private grid: HTMLElement;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.innerHTML = `<style>${style}</style>
      <div class="legend"><span class="negative"></span><div class="bar" aria-hidden="true"></div><span class="positive"></span></div>
      <div class="grid"></div>`;
    this.grid = this.root.querySelector('.grid')!;
  }

  connectedCallback() {
    if (!this.hasAttribute('role')) {
      this.setAttribute('role', 'group');
    }
    upgradeProperty(this, 'textsJson');
    upgradeProperty(this, 'data');
  }

  set textsJson(value: string) {
    this.texts = { ...this.texts, ...parseJson(value, {}) };
    this.legend(Number(this.dataset.scale ?? 0));
  }

  set data(json: string) {
    const data = parseJson<Data>(json, { version: 0, scale: 0, maps: [], image: null });
    const image = data.image ? decodeBase64(data.image) : null;
    const sums = numberFormat({ signDisplay: 'exceptZero', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    while (this.grid.children.length > data.maps.length) {
      this.grid.lastElementChild!.remove();
    }
    while (this.grid.children.length < data.maps.length) {
      const figure = document.createElement('figure');
      figure.innerHTML = `<canvas width="${SIDE}" height="${SIDE}" role="img"></canvas>
        <figcaption><span class="name"></span><span class="sum"></span></figcaption>`;
      this.grid.append(figure);
    }
    data.maps.forEach((map, i) => {
      const figure = this.grid.children[i];
      const sum = `Σ ${sums.format(map.sum)}`;
      figure.querySelector('.name')!.textContent = map.name;
      figure.querySelector('.sum')!.textContent = sum;
      const canvas = figure.querySelector('canvas')!;
      canvas.setAttribute('aria-label', `${map.name}, ${sum}`);
      draw(canvas, new Int8Array(decodeBase64(map.values).buffer), image);
    });
    this.dataset.scale = String(data.scale);
    this.legend(data.scale);
    this.dataset.version = String(data.version);
  }

  private legend(scale: number) {
    const f = numberFormat({ maximumSignificantDigits: 2 });
    const negative = scale > 0 ? ` (−${f.format(scale)})` : '';
    const positive = scale > 0 ? ` (+${f.format(scale)})` : '';
    this.root.querySelector('.negative')!.textContent = `${this.texts.negative}${negative}`;
    this.root.querySelector('.positive')!.textContent = `${this.texts.positive}${positive}`;
  }
}

function draw(canvas: HTMLCanvasElement, values: Int8Array, image: Uint8Array | null) {
  const context = canvas.getContext('2d')!;
  const out = context.createImageData(SIDE, SIDE);
  for (let p = 0; p < SIDE * SIDE; p++) {
    const colour = PALETTE[(values[p] ?? 0) + 127];
    const grey = image ? (0.299 * image[3 * p] + 0.587 * image[3 * p + 1] + 0.114 * image[3 * p + 2]) : 0;
    for (let c = 0; c < 3; c++) {
      out.data[4 * p + c] = image ? (1 - IMAGE_SHARE) * colour[c] + IMAGE_SHARE * grey : colour[c];
    }
    out.data[4 * p + 3] = 255;
  }
  context.putImageData(out, 0, 0);
}

function colourAt(t: number): number[] {
  const position = t * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(position));
  const [a, b] = [hex(STOPS[i]), hex(STOPS[i + 1])];
  const f = position - i;
  return a.map((v, c) => Math.round(v + (b[c] - v) * f));
}

function hex(colour: string): number[] {
  return [1, 3, 5].map((i) => parseInt(colour.substring(i, i + 2), 16));
}

if (!customElements.get('ll-heatmaps')) {
  customElements.define('ll-heatmaps', ContributionMaps);
}
