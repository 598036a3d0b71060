/**
 * Shared inputs for the snippet comparison: requests of the `eval --json` contract that cover the
 * spec's edge cases for every loss a snippet implements. The core evaluates each one; the snippet
 * (PyTorch with autograd, and NumPy) runs on the same numbers; the two must agree to 1e-9.
 *
 * Inputs are drawn from a seeded generator, away from kinks and ties (a Lovász sort with tied
 * errors has a valid gradient for each order), except where a case is about a kink.
 */
import { seededRng } from '../../core/rng.js';

export interface CaseRequest {
  readonly loss: string;
  readonly input: unknown;
  readonly target: unknown;
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly reduction?: string;
}

export interface SnippetCase {
  readonly name: string;
  readonly request: CaseRequest;
  /** Class indices go to PyTorch as int64, everything else as float64. */
  readonly targetDtype: 'long' | 'float';
}

type Nested = number | Nested[];

const rng = seededRng(20261123);

/** A nested array of the given shape filled by f(flat index). */
function tensor(shape: readonly number[], f: (i: number) => number): Nested {
  let next = 0;
  const build = (d: number): Nested => (d === shape.length ? f(next++) : Array.from({ length: shape[d] }, () => build(d + 1)));
  return build(0);
}

/** Normal values scaled by s, rounded to 6 digits so the JSON stays readable. */
const normal = (shape: readonly number[], s = 1.5) => tensor(shape, () => Math.round(rng.normal() * s * 1e6) / 1e6);
const ints = (shape: readonly number[], n: number) => tensor(shape, () => rng.int(n));
const uniform = (shape: readonly number[], lo: number, hi: number) => tensor(shape, () => Math.round((lo + (hi - lo) * rng.next()) * 1e6) / 1e6);

function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...shapeOf(x[0])] : [];
}

/** Softmax over dim 1 of a [B, C, ...] nested array (the probabilities a Lovász-softmax takes). */
function softmaxDim1(x: Nested): Nested {
  const shape = shapeOf(x);
  const flat: number[] = [];
  const walk = (v: Nested): void => { if (Array.isArray(v)) v.forEach(walk); else flat.push(v); };
  walk(x);
  const [B, C] = shape;
  const inner = flat.length / (B * C);
  const out = new Array<number>(flat.length);
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < inner; k++) {
      const at = (c: number) => (b * C + c) * inner + k;
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, flat[at(c)]);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += Math.exp(flat[at(c)] - m);
      for (let c = 0; c < C; c++) out[at(c)] = Math.exp(flat[at(c)] - m) / sum;
    }
  }
  return tensor(shape, (i) => out[i]);
}

const cases: SnippetCase[] = [];
function add(name: string, request: CaseRequest, targetDtype: 'long' | 'float' = 'float'): void {
  cases.push({ name, request, targetDtype });
}

// ---- sigmoid_focal_loss (torchvision) -------------------------------------------------------
{
  const x = normal([3, 4], 2);
  const t = ints([3, 4], 2);
  add('defaults (reduction none)', { loss: 'sigmoid_focal_loss', input: x, target: t });
  add('mean', { loss: 'sigmoid_focal_loss', input: x, target: t, reduction: 'mean' });
  add('sum', { loss: 'sigmoid_focal_loss', input: x, target: t, reduction: 'sum' });
  add('alpha −1 disables the weighting', { loss: 'sigmoid_focal_loss', input: x, target: t, params: { alpha: -1 }, reduction: 'mean' });
  add('alpha 0.75, gamma 0', { loss: 'sigmoid_focal_loss', input: x, target: t, params: { alpha: 0.75, gamma: 0 } });
  add('gamma 0.5 and 1', { loss: 'sigmoid_focal_loss', input: x, target: t, params: { gamma: 0.5 }, reduction: 'sum' });
  add('gamma 1', { loss: 'sigmoid_focal_loss', input: x, target: t, params: { gamma: 1 } });
  add('soft targets', { loss: 'sigmoid_focal_loss', input: x, target: uniform([3, 4], 0, 1), params: { gamma: 1.5 } });
  add('confident logits ±12 and ±30, gamma 0.5', { loss: 'sigmoid_focal_loss', input: [[12, -12, 30, -30], [12, -12, 30, -30]], target: [[1, 0, 1, 0], [0, 1, 0, 1]], params: { gamma: 0.5 } });
  add('logits ±1000 (σ underflows to 0), gamma 0.5', { loss: 'sigmoid_focal_loss', input: [1000, -1000, 1000, -1000], target: [1, 0, 0, 1], params: { gamma: 0.5 } });
  add('spatial [2, 1, 2, 3]', { loss: 'sigmoid_focal_loss', input: normal([2, 1, 2, 3]), target: ints([2, 1, 2, 3], 2), reduction: 'mean' });
}

// ---- softmax_focal_loss -----------------------------------------------------------------------
{
  const x = normal([5, 4], 2);
  const y = [0, 3, 1, 2, 3];
  add('defaults', { loss: 'softmax_focal_loss', input: x, target: y }, 'long');
  add('alpha scalar 0.25, none', { loss: 'softmax_focal_loss', input: x, target: y, params: { alpha: 0.25 }, reduction: 'none' }, 'long');
  add('alpha per class', { loss: 'softmax_focal_loss', input: x, target: y, params: { alpha: [0.1, 0.2, 0.3, 0.4] } }, 'long');
  add('gamma 0, alpha null (= cross entropy)', { loss: 'softmax_focal_loss', input: x, target: y, params: { gamma: 0 } }, 'long');
  add('gamma 0.5, sum', { loss: 'softmax_focal_loss', input: x, target: y, params: { gamma: 0.5 }, reduction: 'sum' }, 'long');
  add('ignore_index −100 with two ignored', { loss: 'softmax_focal_loss', input: x, target: [0, -100, 1, -100, 3], params: { alpha: [0.1, 0.2, 0.3, 0.4] } }, 'long');
  add('ignore_index equal to a real class', { loss: 'softmax_focal_loss', input: x, target: y, params: { ignore_index: 3 }, reduction: 'none' }, 'long');
  add('spatial [2, 3, 2, 2] with alpha per class', { loss: 'softmax_focal_loss', input: normal([2, 3, 2, 2]), target: ints([2, 2, 2], 3), params: { alpha: [0.5, 1, 2], gamma: 1.5 } }, 'long');
  add('logits ±1000 (other classes underflow to 0), gamma 0.5', { loss: 'softmax_focal_loss', input: [[1000, -1000, 0], [-1000, 1000, 1]], target: [0, 2], params: { gamma: 0.5 } }, 'long');
  add('every element ignored: mean is 0/0', { loss: 'softmax_focal_loss', input: x, target: [-100, -100, -100, -100, -100] }, 'long');
  add('logits ±50, gamma 0.5', { loss: 'softmax_focal_loss', input: [[50, -50, 0], [-50, 50, 1]], target: [0, 1], params: { gamma: 0.5 } }, 'long');
}

// ---- soft_dice and soft_jaccard ---------------------------------------------------------------
for (const loss of ['soft_dice', 'soft_jaccard']) {
  const mc = normal([2, 4, 2, 3]);
  // Class 3 never occurs in this target: an empty class.
  const mcTarget = [[[0, 1, 2], [2, 1, 0]], [[1, 1, 0], [2, 0, 2]]];
  add('multiclass defaults, class 3 empty (keep)', { loss, input: mc, target: mcTarget }, 'long');
  add('multiclass, empty class zeroed', { loss, input: mc, target: mcTarget, params: { empty_classes: 'zero' }, reduction: 'none' }, 'long');
  add('multiclass, smooth 1 (empty class P/(P + 1))', { loss, input: mc, target: mcTarget, params: { smooth: 1 }, reduction: 'none' }, 'long');
  add('multiclass, ignore_index 255 drops whole pixels', { loss, input: mc, target: [[[0, 255, 2], [2, 1, 255]], [[1, 3, 0], [255, 0, 2]]], params: { ignore_index: 255 }, reduction: 'sum' }, 'long');
  add('multiclass on probabilities, no spatial dims', { loss, input: softmaxDim1(normal([6, 3])), target: [0, 1, 2, 2, 1, 0], params: { from_logits: false } }, 'long');
  const bin = normal([2, 3, 3]);
  add('binary', { loss, input: bin, target: ints([2, 3, 3], 2), params: { mode: 'binary' } });
  add('binary, ignore_index 255', { loss, input: bin, target: [[[1, 0, 255], [0, 1, 1], [255, 0, 0]], [[0, 0, 1], [1, 255, 0], [0, 1, 0]]], params: { mode: 'binary', ignore_index: 255 }, reduction: 'none' });
  add('binary, empty target, keep', { loss, input: bin, target: tensor([2, 3, 3], () => 0), params: { mode: 'binary' } });
  add('binary, empty target, smooth 0.5', { loss, input: bin, target: tensor([2, 3, 3], () => 0), params: { mode: 'binary', smooth: 0.5 } });
  add('binary on probabilities, eps 1e-3', { loss, input: uniform([2, 4], 0.05, 0.95), target: [[1, 0, 0, 1], [0, 1, 1, 1]], params: { mode: 'binary', from_logits: false, eps: 1e-3 } });
  add('binary, zero probabilities and an empty target (P + T = 0: eps keeps it 1, gradient 0)', { loss, input: [[0, 0], [0, 0]], target: [[0, 0], [0, 0]], params: { mode: 'binary', from_logits: false } });
  add('multiclass, every pixel ignored (every class empty), zero', { loss, input: normal([1, 3, 2]), target: [[7, 7]], params: { ignore_index: 7, empty_classes: 'zero' }, reduction: 'none' }, 'long');
  const ml = normal([2, 3, 2, 2]);
  const mlTarget = [[[[1, 0], [0, 1]], [[0, 0], [0, 0]], [[1, 1], [0, 1]]], [[[0, 0], [1, 1]], [[0, 0], [0, 0]], [[0, 1], [1, 0]]]];
  add('multilabel, channel 1 empty, keep', { loss, input: ml, target: mlTarget, params: { mode: 'multilabel' }, reduction: 'none' });
  add('multilabel, channel 1 empty, zero', { loss, input: ml, target: mlTarget, params: { mode: 'multilabel', empty_classes: 'zero' } });
  add('multilabel, ignore_index −1', { loss, input: ml, target: [[[[1, -1], [0, 1]], [[0, 0], [-1, 0]], [[1, 1], [0, 1]]], [[[0, 0], [1, 1]], [[0, 1], [0, 0]], [[-1, 1], [1, 0]]]], params: { mode: 'multilabel', ignore_index: -1, smooth: 1 } });
}

// ---- lovasz_hinge -----------------------------------------------------------------------------
{
  const x = normal([3, 3, 4]);
  const y = ints([3, 3, 4], 2);
  add('defaults (per image)', { loss: 'lovasz_hinge', input: x, target: y }, 'long');
  add('per_image false', { loss: 'lovasz_hinge', input: x, target: y, params: { per_image: false } }, 'long');
  const ign = [
    [[1, 0, 255, 1], [0, 255, 1, 0], [1, 1, 0, 255]],
    [[255, 255, 255, 255], [255, 255, 255, 255], [255, 255, 255, 255]], // all ignored: 0, still in the mean
    [[255, 255, 255, 255], [255, 1, 255, 255], [255, 255, 255, 255]], // exactly one valid pixel
  ];
  add('ignore_index 255: an all-ignored image and a one-pixel image', { loss: 'lovasz_hinge', input: x, target: ign, params: { ignore_index: 255 } }, 'long');
  add('ignore_index 255, per_image false', { loss: 'lovasz_hinge', input: x, target: ign, params: { ignore_index: 255, per_image: false } }, 'long');
  add('an image with no positive pixel', { loss: 'lovasz_hinge', input: normal([2, 5]), target: [[0, 0, 0, 0, 0], [1, 0, 1, 1, 0]] }, 'long');
}

// ---- lovasz_softmax ---------------------------------------------------------------------------
{
  const logits = normal([2, 4, 2, 3]);
  const probs = softmaxDim1(logits);
  // Class 3 is absent from both images; class 2 is absent from image 1.
  const y = [[[0, 1, 2], [2, 1, 0]], [[1, 1, 0], [0, 0, 1]]];
  add('defaults (classes present, one group)', { loss: 'lovasz_softmax', input: probs, target: y }, 'long');
  add('classes all (absent class costs max p)', { loss: 'lovasz_softmax', input: probs, target: y, params: { classes: 'all' } }, 'long');
  add('classes [0, 2, 3]', { loss: 'lovasz_softmax', input: probs, target: y, params: { classes: [0, 2, 3] } }, 'long');
  // "present" arrives from JSON as a fresh string: Berman's `classes is 'present'` fails on it.
  add('per_image, classes "present" given explicitly', { loss: 'lovasz_softmax', input: probs, target: y, params: { per_image: true, classes: 'present' } }, 'long');
  add('per_image, all', { loss: 'lovasz_softmax', input: probs, target: y, params: { per_image: true, classes: 'all' } }, 'long');
  const ign = [[[255, 255, 255], [255, 2, 255]], [[255, 255, 255], [255, 255, 255]]];
  add('one valid pixel and an all-ignored image, per_image', { loss: 'lovasz_softmax', input: probs, target: ign, params: { per_image: true, ignore_index: 255 } }, 'long');
  add('one valid pixel, one group, classes all', { loss: 'lovasz_softmax', input: probs, target: ign, params: { ignore_index: 255, classes: 'all' } }, 'long');
  add('ignore_index, per_image, classes list', { loss: 'lovasz_softmax', input: probs, target: [[[0, 255, 2], [2, 1, 255]], [[1, 255, 0], [0, 3, 1]]], params: { per_image: true, ignore_index: 255, classes: [1, 3] } }, 'long');
  add('from_logits', { loss: 'lovasz_softmax', input: logits, target: y, params: { from_logits: true } }, 'long');
  add('from_logits, per_image, all', { loss: 'lovasz_softmax', input: logits, target: y, params: { from_logits: true, per_image: true, classes: 'all' } }, 'long');
}

// ---- balanced_bce ------------------------------------------------------------------------------
{
  const x = normal([3, 5], 2);
  const t = [[0, 0, 1, 0, 0], [1, 0, 0, 0, 1], [0, 0, 0, 1, 0]];
  add('defaults', { loss: 'balanced_bce', input: x, target: t });
  add('alpha auto, none', { loss: 'balanced_bce', input: x, target: t, params: { alpha: 'auto' }, reduction: 'none' });
  add('alpha 0.3, sum', { loss: 'balanced_bce', input: x, target: t, params: { alpha: 0.3 }, reduction: 'sum' });
  add('soft targets, alpha 0.8', { loss: 'balanced_bce', input: x, target: uniform([3, 5], 0, 1), params: { alpha: 0.8 } });
  add('logits ±40', { loss: 'balanced_bce', input: [[40, -40], [-40, 40]], target: [[1, 0], [1, 0]], params: { alpha: 0.25 }, reduction: 'none' });
}

// ---- regression and reconstruction -------------------------------------------------------------
{
  const f = normal([4, 3], 2);
  const y = normal([4, 3], 2);
  add('defaults', { loss: 'log_cosh', input: f, target: y });
  add('none', { loss: 'log_cosh', input: f, target: y, reduction: 'none' });
  add('residuals ±1000, ±25, 1e-5 and 0 (stable)', { loss: 'log_cosh', input: [1000, -1000, 25, -25, 1e-5, 0.5], target: [0, 0, 0, 0, 0, 0.5], reduction: 'none' });
  add('sum', { loss: 'log_cosh', input: f, target: y, reduction: 'sum' });

  add('defaults (gamma 2)', { loss: 'l0_loss', input: f, target: y });
  add('gamma 1 with exact zeros (grad 0 there)', { loss: 'l0_loss', input: [[0.5, 1.25, -2]], target: [[0.5, 0.25, -2]], params: { gamma: 1 }, reduction: 'none' });
  add('gamma 0 (1 everywhere, grad 0)', { loss: 'l0_loss', input: f, target: y, params: { gamma: 0 }, reduction: 'none' });
  add('gamma 0.5, eps 1e-4', { loss: 'l0_loss', input: f, target: y, params: { gamma: 0.5, eps: 1e-4 }, reduction: 'sum' });

  const img = uniform([2, 2, 3], 0, 4);
  const ref = uniform([2, 2, 3], 0, 4);
  add('denominator target (default)', { loss: 'hdr_relative_mse', input: img, target: ref });
  add('denominator prediction (gradient through it)', { loss: 'hdr_relative_mse', input: img, target: ref, params: { denominator: 'prediction' } });
  add('prediction, eps 0.1, none', { loss: 'hdr_relative_mse', input: img, target: ref, params: { denominator: 'prediction', eps: 0.1 }, reduction: 'none' });
  add('target, sum', { loss: 'hdr_relative_mse', input: img, target: ref, reduction: 'sum' });
}

// ---- pairs and margins -------------------------------------------------------------------------
{
  const x1 = normal([5, 3], 0.6);
  const x2 = normal([5, 3], 0.6);
  const y = [1, 0, 0, 1, 0];
  add('defaults', { loss: 'contrastive_loss', input: x1, target: y, extra: { input2: x2 } });
  add('margin 2, none', { loss: 'contrastive_loss', input: x1, target: y, extra: { input2: x2 }, params: { margin: 2 }, reduction: 'none' });
  add('margin 0.3 (dissimilar pairs beyond it), sum', { loss: 'contrastive_loss', input: x1, target: y, extra: { input2: x2 }, params: { margin: 0.3 }, reduction: 'sum' });
  add('identical pairs (d = 0, gradient 0)', { loss: 'contrastive_loss', input: [[0.5, -1], [0.25, 2]], target: [1, 0], extra: { input2: [[0.5, -1], [0.25, 2]] }, reduction: 'none' });

  const s = normal([2, 4], 1.5);
  const pm = [[1, -1, -1, 1], [-1, 1, 1, -1]];
  add('defaults', { loss: 'exponential_loss', input: s, target: pm });
  add('none', { loss: 'exponential_loss', input: s, target: pm, reduction: 'none' });
  add('sum', { loss: 'exponential_loss', input: s, target: pm, reduction: 'sum' });

  add('defaults', { loss: 'binary_hinge', input: s, target: pm });
  add('margin 0.5, none', { loss: 'binary_hinge', input: s, target: pm, params: { margin: 0.5 }, reduction: 'none' });
  add('at the kink (margin − y·f = 0), sum', { loss: 'binary_hinge', input: [1, -1, 0.5, 2], target: [1, -1, -1, 1], reduction: 'sum' });
}

export const CASES: readonly SnippetCase[] = cases;
