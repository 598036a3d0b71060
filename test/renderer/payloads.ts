/** Real payloads for the renderer tests and the benchmark, built from the catalogue's own samples. */
import { encodeTensor } from '../../core/json.js';
import type { AnyLoss, Category } from '../../core/loss.js';
import { CATEGORIES } from '../../core/loss.js';
import { lossesByCategory } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';

export function requestFor(loss: AnyLoss, seed = 7, n = 24): Record<string, unknown> {
  const rng = seededRng(seed);
  const { inputs, params } = loss.sample(rng, n);
  const extra: Record<string, unknown> = {};
  for (const [k, t] of Object.entries(inputs.extra)) if (t) extra[k] = encodeTensor(t);
  const ps: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    ps[k] = v instanceof Float64Array ? Array.from(v) : v && typeof v === 'object' && 'data' in v ? encodeTensor(v as never) : v;
  }
  return {
    version: 1,
    kind: 'request',
    loss: loss.id,
    input: encodeTensor(inputs.input),
    target: inputs.target ? encodeTensor(inputs.target) : null,
    extra,
    params: ps,
  };
}

/** Two losses of every category that has them (the first and the last registered). */
export function twoPerCategory(): { category: Category; losses: AnyLoss[] }[] {
  const by = lossesByCategory();
  return CATEGORIES.map((c) => {
    const l = by.get(c) ?? [];
    return { category: c, losses: l.length <= 2 ? [...l] : [l[0], l[l.length - 1]] };
  });
}

/** The cross-entropy article's worked example (examples/losses.py): (0.357 + 0.916 + 2.303) / 3 = 1.192. */
export const ARTICLE = {
  loss: 'categorical_cross_entropy',
  input: [[0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.1, 0.2, 0.7]],
  target: [[0, 0, 1], [0, 1, 0], [1, 0, 0]],
};

/** A 128 × 128 regression map (an image and its reconstruction): the heatmap benchmark's payload. */
export function heatmapRequest(size = 128, loss = 'mse_loss'): Record<string, unknown> {
  const rng = seededRng(11);
  const img: number[][] = [];
  const rec: number[][] = [];
  for (let r = 0; r < size; r++) {
    const a: number[] = [];
    const b: number[] = [];
    for (let c = 0; c < size; c++) {
      const v = Math.sin(r / 9) * Math.cos(c / 13) + 0.3 * Math.exp(-((r - size / 2) ** 2 + (c - size / 3) ** 2) / (2 * (size / 8) ** 2));
      a.push(Math.round(v * 1e4) / 1e4);
      b.push(Math.round((v + 0.15 * rng.normal()) * 1e4) / 1e4);
    }
    img.push(a);
    rec.push(b);
  }
  return { version: 1, kind: 'request', loss, input: [rec], target: [img], title: `${size}×${size} reconstruction` };
}

/**
 * A 16 × 16 two-class segmentation: logits of a blob (class 1 inside, class 0 outside) against a
 * disc-shaped mask, shape [1, 2, 16, 16] and target [1, 16, 16].
 */
export function maskRequest(loss: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const N = 16;
  const logit = (r: number, k: number) => Math.round((2.5 - Math.hypot(r - 7.5, k - 6.5) / 2.5) * 1000) / 1000;
  const input = [[0, 1].map((c) => Array.from({ length: N }, (_, r) => Array.from({ length: N }, (_, k) => (c ? 1 : -1) * logit(r, k))))];
  const target = [Array.from({ length: N }, (_, r) => Array.from({ length: N }, (_, k) => (Math.hypot(r - 8, k - 8) < 5 ? 1 : 0)))];
  return { loss, input, target, params, title: '16×16 mask' };
}
