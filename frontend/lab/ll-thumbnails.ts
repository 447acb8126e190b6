// Small images drawn from the values the server sends (base64 RGB, 32×32, interleaved), each a button that
// fires 'thumbnail-pick' with the image's index.
class LlThumbnails extends HTMLElement {
  private _items = '[]';

  connectedCallback() {
    if (Object.prototype.hasOwnProperty.call(this, 'items')) {
      const value = (this as any).items as string;
      delete (this as any).items;
      this.items = value;
    }
  }

  get items(): string {
    return this._items;
  }

  set items(value: string) {
    this._items = value ?? '[]';
    this.render();
  }

  private render() {
    const items = JSON.parse(this._items) as { i: number; b: string; c: string }[];
    this.replaceChildren();
    for (const item of items) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'll-thumbnail';
      button.setAttribute('aria-label', item.c);
      button.title = item.c;
      const canvas = document.createElement('canvas');
      canvas.width = 32;
      canvas.height = 32;
      const bytes = Uint8Array.from(atob(item.b), (ch) => ch.charCodeAt(0));
      const context = canvas.getContext('2d')!;
      const image = context.createImageData(32, 32);
      for (let p = 0; p < 1024; p++) {
        image.data[p * 4] = bytes[p * 3];
        image.data[p * 4 + 1] = bytes[p * 3 + 1];
        image.data[p * 4 + 2] = bytes[p * 3 + 2];
        image.data[p * 4 + 3] = 255;
      }
      context.putImageData(image, 0, 0);
      canvas.setAttribute('aria-hidden', 'true');
      const caption = document.createElement('span');
      caption.textContent = item.c;
      button.append(canvas, caption);
      button.addEventListener('click', () =>
        this.dispatchEvent(new CustomEvent('thumbnail-pick', { detail: { index: item.i } })));
      this.append(button);
    }
    this.dataset.count = String(items.length);
  }
}

if (!customElements.get('ll-thumbnails')) {
  customElements.define('ll-thumbnails', LlThumbnails);
}
