// Small helpers shared by the classifier lab's elements.

/** CIFAR-10 images are 32 × 32 pixels. */
export const SIDE = 32;

/** The bytes of a base64 string. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text ?? '');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** A JSON property value, or the fallback when it is empty or malformed. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) {
    return fallback;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Re-applies a property set on the element before it was upgraded, so its setter runs. */
export function upgradeProperty(element: HTMLElement, name: string) {
  if (Object.prototype.hasOwnProperty.call(element, name)) {
    const value = (element as any)[name];
    delete (element as any)[name];
    (element as any)[name] = value;
  }
}

/** A number formatter in the page's language (the server sets html lang). */
export function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(document.documentElement.lang || undefined, options);
  } catch {
    return new Intl.NumberFormat(undefined, options);
  }
}

/** Draws interleaved r,g,b bytes of a 32×32 image. */
export function drawRgb(canvas: HTMLCanvasElement, rgb: Uint8Array) {
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(SIDE, SIDE);
  for (let p = 0; p < SIDE * SIDE; p++) {
    image.data[4 * p] = rgb[3 * p];
    image.data[4 * p + 1] = rgb[3 * p + 1];
    image.data[4 * p + 2] = rgb[3 * p + 2];
    image.data[4 * p + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
