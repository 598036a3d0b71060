/**
 * The contract every loss of the catalogue fulfils: one definition object carrying its identity,
 * what it expects, its parameters, its kernel (value and gradient in one pass), its formula, its
 * curve and its worked example. The registry lists the definitions; nothing else knows their names.
 */
import type { Localized } from './localized.js';
import type { ParamSpecs } from './params.js';
import type { Tensor } from './tensor.js';

export type Category = 'classification' | 'segmentation' | 'regression' | 'ranking' | 'reconstruction';

export const CATEGORIES: readonly Category[] = ['classification', 'segmentation', 'regression', 'ranking', 'reconstruction'];

export const CATEGORY_NAMES: Record<Category, Localized> = {
  classification: { en: 'Classification', 'zh-cn': '分类' },
  segmentation: { en: 'Segmentation', 'zh-cn': '分割' },
  regression: { en: 'Regression', 'zh-cn': '回归' },
  ranking: { en: 'Ranking and metric learning', 'zh-cn': '排序与度量学习' },
  reconstruction: { en: 'Image reconstruction', 'zh-cn': '图像重建' },
};

export type InputKind = 'logits' | 'probabilities' | 'log-probabilities' | 'raw';

export type TargetKind =
  | 'class-indices'
  | 'class-indices-or-probabilities'
  | 'binary-labels'
  | 'signed-labels'
  | 'probabilities'
  | 'log-probabilities-or-probabilities'
  | 'values'
  | 'counts'
  | 'none';

export type Reduction = 'none' | 'mean' | 'sum' | 'batchmean';

export type ExtraName = 'input2' | 'positive' | 'negative';

export const EXTRA_NAMES: readonly ExtraName[] = ['input2', 'positive', 'negative'];

export interface LossInputs {
  readonly input: Tensor;
  /** null for losses without a target (triplet). */
  readonly target: Tensor | null;
  readonly extra: Partial<Record<ExtraName, Tensor>>;
}

/** A named intermediate quantity a report shows (p_t, α_t, I/P/T per class, sorted Lovász errors...). */
export interface Intermediate {
  readonly key: string;
  /** TeX symbol, e.g. `p_t`, `(1-p_t)^{\gamma}`. */
  readonly tex: string;
  readonly label: Localized;
  readonly tensor: Tensor;
}

export interface LossOutput {
  /** The reduced value: a number for mean/sum/batchmean, a tensor for none. */
  readonly value: number | Tensor;
  /** The unreduced loss (per element, per sample, per class for Dice, per group for Lovász). */
  readonly unreduced: Tensor;
  /** d(value summed)/d(input), with the input's shape. */
  readonly grad: Tensor;
  readonly gradExtra: Partial<Record<ExtraName, Tensor>>;
  readonly intermediates: readonly Intermediate[];
}

/** One line of a worked example: the formula with the numbers in it, and what it evaluates to. */
export interface WorkedStep {
  /** e.g. "sample 1", "class 0", "group 0". */
  readonly label: Localized;
  /** TeX with the actual numbers substituted, e.g. `-(0\cdot\ln 0.1 + 1\cdot\ln 0.7)`. */
  readonly tex: string;
  readonly value: number;
}

export interface WorkedExample {
  readonly steps: readonly WorkedStep[];
  /** How many steps exist in all (a report shows the first few and more on request). */
  readonly total: number;
  /** The reduction with the numbers in it, e.g. `\frac{0.357 + 0.916 + 2.303}{3}`; null for none. */
  readonly reduction: { readonly tex: string; readonly value: number } | null;
}

export interface CurvePoint {
  readonly loss: number;
  /** d loss / d z along the natural axis. */
  readonly grad: number;
}

export interface CurveAxis {
  /** What the axis is: p_t, the residual f − y, the margin y·f, a distance, a logit. */
  readonly symbol: 'p_t' | 'residual' | 'margin' | 'distance' | 'logit' | 'probability' | 'x';
  readonly tex: string;
  readonly label: Localized;
  /** Default plotted range. */
  readonly domain: readonly [number, number];
}

export interface CurveSpec<P> {
  readonly axis: CurveAxis;
  /** The main parameter drawn as a family of curves, and its values (focal γ ∈ {0, .5, 1, 2, 5}). */
  readonly family?: { readonly param: keyof P & string; readonly values: readonly number[] };
  /** The loss and its derivative at z, for these parameters. Pure and cheap: called per plotted point. */
  at(z: number, params: P): CurvePoint;
  /**
   * Where the user's own data lie on this axis: one z per unreduced element (or per sample), so the
   * plot can mark them. Null where the loss has no per-element position on its axis.
   */
  points?(inputs: LossInputs, params: P): Float64Array | null;
}

export interface Formula<P> {
  /** The loss in TeX. With params, their values are substituted; with null, symbols are kept. */
  tex(params: P | null): string;
  /** d loss / d(natural variable) in TeX. */
  derivativeTex(params: P | null): string;
  /**
   * A one-line plain-text rendering (quick picks, the CLI, hover text). The math is the same in both
   * languages; only the words around it ("if", "sorted descending") are translated.
   */
  readonly plain: Localized;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export interface LossDefinition<P = Record<string, unknown>> {
  readonly id: string;
  readonly names: Localized;
  readonly category: Category;
  readonly input: InputKind;
  readonly target: TargetKind;
  /** The extra differentiable tensors the loss takes (margin ranking: input2; triplet: positive, negative). */
  readonly extra: readonly ExtraName[];
  readonly params: ParamSpecs<P>;
  readonly reductions: readonly Reduction[];
  readonly defaultReduction: Reduction;
  /** The PyTorch call it equals, e.g. `torch.nn.functional.cross_entropy`, or null with `source`. */
  readonly pytorch: string | null;
  /**
   * Paper or code the definition follows, where PyTorch lacks it. Both languages: the Chinese one
   * keeps authors, titles, venues, code and formulas verbatim and translates the prose around them.
   */
  readonly source?: Localized;
  /** What it is for and when to pick it (from the articles the project grew from). */
  readonly summary: Localized;
  readonly formula: Formula<P>;
  readonly curve: CurveSpec<P>;
  /**
   * Checks shapes and values (throwing LossLensError with the tensor named), then computes value
   * and gradients in one pass. `params` are already checked against their specs.
   */
  compute(inputs: LossInputs, params: P, reduction: Reduction): LossOutput;
  /** The first `count` per-sample computations with numbers substituted, and the reduction. */
  worked(inputs: LossInputs, params: P, output: LossOutput, reduction: Reduction, count: number): WorkedExample;
  /** A valid random request of about `n` input elements (gradient checks, benchmarks, the explorer). */
  sample(rng: Rng, n: number): { inputs: LossInputs; params?: Partial<P> };
  /** The class count C implied by the input, where the loss has a class dimension (for vector params). */
  classes?(input: Tensor): number | undefined;
}

/** Erases the parameter type so definitions of different losses fit in one list. */
export type AnyLoss = LossDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineLoss<P>(def: LossDefinition<P>): LossDefinition<P> {
  return def;
}
