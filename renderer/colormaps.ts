/**
 * The heatmaps' colour maps, owned here rather than taken from Vega, so the raster drawn at first
 * paint (before Vega has loaded) and the Vega legend drawn later use the same stops: viridis
 * (perceptually uniform, readable in light, dark and high contrast) and, for gradients, ColorBrewer
 * RdBu reversed (blue below 0, white at 0, red above).
 */
export const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725'] as const;
export const BLUE_RED = ['#053061', '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'] as const;

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 256 RGB entries, linear in RGB between the stops (as Vega's scale with interpolate: 'rgb'). */
export function lut(stops: readonly string[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(256 * 3);
  const c = stops.map(rgb);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (c.length - 1);
    const k = Math.min(c.length - 2, Math.floor(x));
    const f = x - k;
    for (let j = 0; j < 3; j++) out[i * 3 + j] = Math.round(c[k][j] + (c[k + 1][j] - c[k][j]) * f);
  }
  return out;
}

/** Evenly spaced domain points matching the stops, for a piecewise Vega scale. */
export function stopDomain(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** The map at one pixel per cell (non-finite cells transparent). */
export function rasterize(values: Float64Array, rows: number, cols: number, range: readonly [number, number], colours: Uint8ClampedArray): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = cols;
  canvas.height = rows;
  const g = canvas.getContext('2d')!;
  const img = g.createImageData(cols, rows);
  const [lo, hi] = range;
  const k = 255 / (hi - lo);
  const d = img.data;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const j = Math.max(0, Math.min(255, Math.round((v - lo) * k))) * 3;
    d[i * 4] = colours[j];
    d[i * 4 + 1] = colours[j + 1];
    d[i * 4 + 2] = colours[j + 2];
    d[i * 4 + 3] = 255;
  }
  g.putImageData(img, 0, 0);
  return canvas;
}
