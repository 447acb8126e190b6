// Each row of the classifier's W drawn as the 32×32 colour image it has learnt, captioned with its class.
// The server sends each template already scaled to bytes, interleaved r,g,b per pixel, row-major.
import { decodeBase64, drawRgb, parseJson, upgradeProperty, SIDE } from './lab-util';

interface Data {
  version: number;
  templates: { name: string; rgb: string }[];
}

const style = `
  :host { display: block; box-sizing: border-box; width: 100%; max-width: 100%; }
  .grid { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0; padding: 0; }
  figure { margin: 0; display: flex; flex-direction: column; align-items: center; gap: 0.25rem; }
  canvas { width: var(--ll-template-size, 4rem); height: var(--ll-template-size, 4rem);
           image-rendering: pixelated; border: 1px solid rgba(128, 128, 128, 0.5); }
  figcaption { font-size: var(--lumo-font-size-s, 0.875rem); max-width: 6rem; overflow-wrap: anywhere; text-align: center; }
`;

class TemplateGrid extends HTMLElement {
  private grid: HTMLElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${style}</style><div class="grid"></div>`;
    this.grid = root.querySelector('.grid')!;
  }

  connectedCallback() {
    if (!this.hasAttribute('role')) {
      this.setAttribute('role', 'group');
    }
    upgradeProperty(this, 'data');
  }

  set data(json: string) {
    const data = parseJson<Data>(json, { version: 0, templates: [] });
    while (this.grid.children.length > data.templates.length) {
      this.grid.lastElementChild!.remove();
    }
    while (this.grid.children.length < data.templates.length) {
      const figure = document.createElement('figure');
      figure.innerHTML = `<canvas width="${SIDE}" height="${SIDE}" role="img"></canvas><figcaption></figcaption>`;
      this.grid.append(figure);
    }
    data.templates.forEach((template, i) => {
      const figure = this.grid.children[i];
      const canvas = figure.querySelector('canvas')!;
      canvas.setAttribute('aria-label', template.name);
      figure.querySelector('figcaption')!.textContent = template.name;
      drawRgb(canvas, decodeBase64(template.rgb));
    });
    this.dataset.version = String(data.version);
  }
}

if (!customElements.get('ll-templates')) {
  customElements.define('ll-templates', TemplateGrid);
}
