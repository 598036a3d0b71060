/**
 * Reductions shared by the losses whose reduced value is a (weighted) mean or sum of the unreduced
 * loss. Kernels compute the unreduced loss and the gradient of its plain sum; reducing then scales
 * the gradients by the same factor as the value, so value and gradient can never disagree.
 */
import { fail } from './errors.js';
import type { ExtraName, LossOutput, Reduction, Intermediate } from './loss.js';
import type { Tensor } from './tensor.js';

export function checkReduction(id: string, allowed: readonly Reduction[], reduction: unknown): Reduction {
  if (typeof reduction === 'string' && (allowed as readonly string[]).includes(reduction)) return reduction as Reduction;
  const quoted = allowed.map((r) => `"${r}"`);
  const got = JSON.stringify(reduction);
  return fail('invalid_reduction', {
    en: `${id} supports reduction ${quoted.join(', ')}; got ${got}.`,
    'zh-cn': `${id} 支持的归约方式为 ${quoted.join('、')}；实际为 ${got}。`,
  });
}

export function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function scaleInPlace(a: Float64Array, k: number): void {
  if (k === 1) return;
  if (Number.isFinite(k)) {
    for (let i = 0; i < a.length; i++) a[i] *= k;
  } else {
    // A mean over nothing (every element ignored): PyTorch's value is NaN, but elements that never
    // entered the sum keep a zero gradient rather than 0 · ∞.
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) a[i] *= k;
  }
}

/**
 * Finishes a kernel's output. `meanDenominator` is what `mean` divides by (numel by default; Σw for
 * weighted cross entropy, the non-ignored count for focal); `batchmean` divides by input.shape[0].
 * The gradients passed in are d(Σ unreduced)/d(·) and are scaled in place.
 */
type Finish = {
  unreduced: Tensor;
  grad: Tensor;
  gradExtra?: Partial<Record<ExtraName, Tensor>>;
  reduction: Reduction;
  meanDenominator?: number;
  batchSize?: number;
  intermediates?: readonly Intermediate[];
};

export function reduceOutput(args: Finish): LossOutput {
  const k = gradientScale(args.reduction, args.meanDenominator ?? args.unreduced.data.length, args.batchSize ?? 1);
  scaleInPlace(args.grad.data, k);
  for (const g of Object.values(args.gradExtra ?? {})) if (g) scaleInPlace(g.data, k);
  return finishScaled(args);
}

/**
 * For kernels that fold the reduction's factor into the gradient as they write it (one pass over
 * the gradient instead of two, which matters at 10^6 elements): the factor a gradient of Σ unreduced
 * is multiplied by. `denominator` is what `mean` divides by; `batchmean` divides by `batchSize`.
 */
export function gradientScale(reduction: Reduction, denominator: number, batchSize = 1): number {
  return reduction === 'mean' ? 1 / denominator : reduction === 'batchmean' ? 1 / batchSize : 1;
}

/**
 * Finishes a kernel's output whose gradients are already scaled by `gradientScale(...)`: the same
 * values as `reduceOutput`, without touching the gradients again. Elements that never entered the
 * sum must have been left at 0 (a mean over nothing is NaN, its gradient stays 0).
 */
export function finishScaled(args: Finish): LossOutput {
  const { unreduced, grad, reduction } = args;
  let value: number | Tensor;
  if (reduction === 'none') value = unreduced;
  else {
    const s = sumOf(unreduced.data);
    value = reduction === 'sum' ? s : s / (reduction === 'batchmean' ? (args.batchSize ?? 1) : (args.meanDenominator ?? unreduced.data.length));
  }
  return { value, unreduced, grad, gradExtra: args.gradExtra ?? {}, intermediates: args.intermediates ?? [] };
}
