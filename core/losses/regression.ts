/**
 * Regression losses on the residual d = f − y: L1, L2 (MSE), smooth L1, Huber and log-cosh.
 * All are element-wise with NumPy broadcasting, as in torch.nn.functional.
 */
import { BLOCK, sumBlocks } from '../blocks.js';
import { broadcastPair } from '../elementwise.js';
import { requireTensor } from '../check.js';
import { texNumber } from '../format.js';
import { symbolsOnly, type Localized } from '../localized.js';
import { defineLoss, type AnyLoss, type CurveAxis, type LossInputs, type LossOutput, type Reduction, type Rng } from '../loss.js';
import { expFast } from '../fastmath.js';
import { numberParam } from '../params.js';
import { giveBack, takeArray } from '../pool.js';
import { sumToShape, type Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

const residualAxis: CurveAxis = {
  symbol: 'residual',
  tex: 'd = f - y',
  label: { en: 'residual d = f − y', 'zh-cn': '残差 d = f − y' },
  domain: [-3, 3],
};

/**
 * Writes grad[i] = scale · ∂loss_i/∂x_i for the elements i in [from, to) (and loss[i] unless `loss`
 * is null) and returns `total` plus their losses, added left to right. The reduction's factor
 * arrives as `scale` so the gradient is written once, in the same pass as the value and the sum: at
 * 10^6 elements every extra pass over 8 MB shows. Called block by block (core/blocks.ts on why).
 */
export type FusedKernel = (x: Float64Array, y: Float64Array, loss: Float64Array | null, grad: Float64Array, scale: number, from: number, to: number, total: number) => number;

/**
 * A FusedKernel over every element [0, x.length), block by block, returning Σ loss (the same sum
 * in the same order as sumBlocks). MSE has a loop of its own calling only its kernel: in the shared
 * driver that call sees every loss's kernel, and after other losses had run MSE at 10^6 took
 * 2.9–3.9 ms (fastest of 31) against 2.3–2.5 ms with its own loop. A driver made per kernel by a
 * factory did not help (its closures share one feedback vector, so its call site still sees them
 * all: MSE 3.3–4.1 ms). Own loops measured no better for L1, Huber and smooth L1, and worse for
 * exponential loss (6.5–7 -> 10–12 ms) and the binary hinge, so those keep the shared driver.
 */
export type FusedRun = (x: Float64Array, y: Float64Array, loss: Float64Array | null, grad: Float64Array, scale: number) => number;

/** Σ loss over every element, the kernel called block by block. */
function runKernel(kernel: FusedKernel, x: Float64Array, y: Float64Array, loss: Float64Array | null, grad: Float64Array, scale: number): number {
  return sumBlocks(x.length, (from, to, total) => kernel(x, y, loss, grad, scale, from, to, total));
}

/**
 * An element-wise loss of input and target under broadcasting, reduced. The gradient is computed at
 * the broadcast shape and summed back to the input's shape (as autograd does after expand).
 *
 * For mean and sum the per-element losses are not stored: the gradient is the only array allocated,
 * and `unreduced` runs the same kernel again when first read (worked examples, plots). A fresh array
 * costs page faults on first touch (glibc hands blocks this large back to the kernel when two of them
 * are freed together), which measured more than the arithmetic at 10^6 elements.
 */
export function fusedElementwiseRun(input: Tensor, target: Tensor, reduction: Reduction, run: FusedRun): LossOutput {
  const { shape, x, y } = broadcastPair(input, target, 'target');
  const n = x.data.length;
  const grad = takeArray(n);
  const gradOut = (): Tensor => {
    const g = sumToShape({ shape, data: grad }, input.shape);
    // Under broadcasting the gradient at the broadcast shape was scratch, summed into a new array.
    if (g.data !== grad) giveBack(grad);
    return g;
  };
  if (reduction === 'none') {
    const loss = takeArray(n);
    run(x.data, y.data, loss, grad, 1);
    const unreduced: Tensor = { shape, data: loss };
    return { value: unreduced, unreduced, grad: gradOut(), gradExtra: {}, intermediates: [] };
  }
  const total = run(x.data, y.data, null, grad, reduction === 'mean' ? 1 / n : 1);
  let lazy: Tensor | undefined;
  return {
    // A mean over no elements is 0/0 = NaN, as in PyTorch.
    value: reduction === 'sum' ? total : total / n,
    grad: gradOut(),
    gradExtra: {},
    intermediates: [],
    // The same kernel again, so the elements are exactly those that were summed.
    get unreduced(): Tensor {
      if (lazy === undefined) {
        const loss = new Float64Array(n);
        const scratch = takeArray(n);
        run(x.data, y.data, loss, scratch, 1);
        giveBack(scratch);
        lazy = { shape, data: loss };
      }
      return lazy;
    },
  };
}

/** fusedElementwiseRun with the kernel driven by the shared block loop (core/blocks.ts). */
export function fusedElementwise(input: Tensor, target: Tensor, reduction: Reduction, kernel: FusedKernel): LossOutput {
  return fusedElementwiseRun(input, target, reduction, (x, y, loss, grad, scale) => runKernel(kernel, x, y, loss, grad, scale));
}

export function requireTarget(inputs: LossInputs, id: string, what: Localized = { en: 'the values to regress to, broadcastable to the input', 'zh-cn': '回归的目标值，可广播到 input 的形状' }): Tensor {
  return requireTensor(inputs.target, 'target', id, what);
}

/** Residuals of the data, for marking the user's points on the residual axis. */
export function residuals(inputs: LossInputs): Float64Array {
  const { x, y } = broadcastPair(inputs.input, inputs.target ?? inputs.input, 'target');
  const d = new Float64Array(x.data.length);
  for (let i = 0; i < d.length; i++) d[i] = x.data[i] - y.data[i];
  return d;
}

/** (f_i, y_i) at the broadcast shape, for worked examples: broadcast once, read many. */
export function pairs(inputs: LossInputs): (i: number) => [number, number] {
  const { x, y } = broadcastPair(inputs.input, inputs.target ?? inputs.input, 'target');
  return (i) => [x.data[i], y.data[i]];
}

/** `(f - y)` with the numbers in, negative targets parenthesised. */
export function texResidual(f: number, y: number): string {
  return `${texNumber(f)} - ${texNumber(y, 3, true)}`;
}

function sampleRegression(rng: Rng, n: number): { inputs: LossInputs } {
  const m = Math.max(2, Math.floor(n / 4));
  const d = n >= 4 ? 4 : 1;
  const input = new Float64Array(m * d);
  const tgt = new Float64Array(m * d);
  for (let i = 0; i < input.length; i++) {
    tgt[i] = rng.normal();
    // Mostly small residuals, some outliers: the situation where the choice of loss matters.
    input[i] = tgt[i] + (rng.next() < 0.1 ? 5 * rng.normal() : 0.5 * rng.normal());
  }
  const shape = d === 1 ? [m] : [m, d];
  return { inputs: { input: { shape, data: input }, target: { shape, data: tgt }, extra: {} } };
}

// The kernels are top-level functions with everything as arguments (a closure's captured values
// are loads from its context, repeated every iteration), and take four elements per iteration: V8
// re-checks each typed array (its map, that its buffer is attached, the index against its length)
// on every access in every iteration, and with one element per iteration those checks cost more
// than the arithmetic (MSE at 10^6: 3.3 ms one at a time, 2.2 ms four at a time, value and gradient
// bit for bit the same: the sum is still added left to right). The remainder runs one at a time.

const l1Kernel: FusedKernel = (x, y, l, g, s, from, to, total) => {
  // sign(0) = 0, as PyTorch's subgradient at a perfect prediction (and sign(NaN) = 0, also
  // PyTorch's). The sign from comparisons, not branches: residual signs are random, and
  // mispredicted branches tripled the time.
  s *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const d0 = x[i] - y[i];
    const d1 = x[i + 1] - y[i + 1];
    const d2 = x[i + 2] - y[i + 2];
    const d3 = x[i + 3] - y[i + 3];
    const a0 = Math.abs(d0);
    const a1 = Math.abs(d1);
    const a2 = Math.abs(d2);
    const a3 = Math.abs(d3);
    if (l !== null) {
      l[i] = a0;
      l[i + 1] = a1;
      l[i + 2] = a2;
      l[i + 3] = a3;
    }
    total += a0;
    total += a1;
    total += a2;
    total += a3;
    g[i] = s * (+(d0 > 0) - +(d0 < 0));
    g[i + 1] = s * (+(d1 > 0) - +(d1 < 0));
    g[i + 2] = s * (+(d2 > 0) - +(d2 < 0));
    g[i + 3] = s * (+(d3 > 0) - +(d3 < 0));
  }
  for (; i < to; i++) {
    const d = x[i] - y[i];
    const a = Math.abs(d);
    if (l !== null) l[i] = a;
    total += a;
    g[i] = s * (+(d > 0) - +(d < 0));
  }
  return total;
};

const l1Loss = defineLoss<Record<string, never>>({
  id: 'l1_loss',
  names: { en: 'L1 loss (mean absolute error)', 'zh-cn': 'L1 损失（平均绝对误差）' },
  category: 'regression',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.l1_loss',
  summary: {
    en: 'Absolute error |f − y|. Its optimum is the median, so outliers pull it less than L2; its gradient is ±1 everywhere, which keeps early training stable but does not shrink near the optimum.',
    'zh-cn': '绝对误差 |f − y|。最优值在中位数处，因此受异常值影响比 L2 小；梯度处处为 ±1，训练初期稳定，但在最优点附近不会变小，后期难以精细收敛。',
  },
  formula: {
    tex: () => '\\ell = |f - y|',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial d} = \\operatorname{sign}(d)',
    plain: symbolsOnly('l = |f − y|'),
  },
  curve: {
    axis: residualAxis,
    at: (z) => ({ loss: Math.abs(z), grad: Math.sign(z) }),
    points: residuals,
  },
  compute(inputs, _params, reduction) {
    return fusedElementwise(inputs.input, requireTarget(inputs, 'l1_loss'), reduction, l1Kernel);
  },
  worked(inputs, _params, output, reduction, count) {
    const at = pairs(inputs);
    return workedElementwise(output, reduction, count, (i) => `|${texResidual(...at(i))}|`);
  },
  sample: sampleRegression,
});

const mseKernel: FusedKernel = (x, y, l, g, s, from, to, total) => {
  const s2 = 2 * s;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const d0 = x[i] - y[i];
    const d1 = x[i + 1] - y[i + 1];
    const d2 = x[i + 2] - y[i + 2];
    const d3 = x[i + 3] - y[i + 3];
    const v0 = d0 * d0;
    const v1 = d1 * d1;
    const v2 = d2 * d2;
    const v3 = d3 * d3;
    if (l !== null) {
      l[i] = v0;
      l[i + 1] = v1;
      l[i + 2] = v2;
      l[i + 3] = v3;
    }
    total += v0;
    total += v1;
    total += v2;
    total += v3;
    g[i] = s2 * d0;
    g[i + 1] = s2 * d1;
    g[i + 2] = s2 * d2;
    g[i + 3] = s2 * d3;
  }
  for (; i < to; i++) {
    const d = x[i] - y[i];
    const v = d * d;
    if (l !== null) l[i] = v;
    total += v;
    g[i] = s2 * d;
  }
  return total;
};

function mseRun(x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number): number {
  const n = x.length;
  let total = 0;
  for (let from = 0; from < n; from += BLOCK) total = mseKernel(x, y, l, g, s, from, from + BLOCK < n ? from + BLOCK : n, total);
  return total;
}

const mseLoss = defineLoss<Record<string, never>>({
  id: 'mse_loss',
  names: { en: 'MSE loss (L2)', 'zh-cn': '均方误差损失（L2）' },
  category: 'regression',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.mse_loss',
  summary: {
    en: 'Squared error (f − y)². Its optimum is the mean; the gradient 2d shrinks near the optimum (good late in training) but squares outliers, which then dominate the loss.',
    'zh-cn': '平方误差 (f − y)²。最优值在均值处；梯度 2d 在最优点附近变小，适合训练后期精细收敛，但平方会放大异常值，使其主导损失。',
  },
  formula: {
    tex: () => '\\ell = (f - y)^2',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial d} = 2d',
    plain: symbolsOnly('l = (f − y)²'),
  },
  curve: {
    axis: residualAxis,
    at: (z) => ({ loss: z * z, grad: 2 * z }),
    points: residuals,
  },
  compute(inputs, _params, reduction) {
    return fusedElementwiseRun(inputs.input, requireTarget(inputs, 'mse_loss'), reduction, mseRun);
  },
  worked(inputs, _params, output, reduction, count) {
    const at = pairs(inputs);
    return workedElementwise(output, reduction, count, (i) => `(${texResidual(...at(i))})^2`);
  },
  sample: sampleRegression,
});

interface SmoothL1Params {
  beta: number;
}

/**
 * The kernel of Huber and smooth L1: 0.5·u·d² (gradient u·d) inside |d| < k, w·(|d| − k/2)
 * (gradient w·sign d) outside; Huber is k = δ, u = 1, w = δ and smooth L1 is k = β, u = 1/β, w = 1.
 * Arguments arrive with the reduction's factor folded in: halfU = u/2, su = s·u, sw = s·w.
 *
 * Residuals fall on either side of k at random, and a branch per element (V8 compiles ternaries
 * and Math.min alike to one) mispredicts: four at a time by branches measured 8.5 ms at 10^6, by
 * masks 4.9 ms. So both sides are computed and selected by a 0/1 mask; one product is then an exact
 * 0, so finite values are bit for bit the branching ones. A non-finite residual makes 0·∞ = NaN
 * there, so a block whose sum comes out non-finite is redone by the branching pass (NaN and ±∞ as
 * PyTorch gives them).
 */
function quadraticThenLinear(x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, k: number, halfU: number, su: number, w: number, sw: number, from: number, to: number, before: number): number {
  const total = maskedQuadraticThenLinear(x, y, l, g, k, halfU, su, w, sw, from, to, before);
  return Number.isFinite(total) ? total : branchingQuadraticThenLinear(x, y, l, g, k, halfU, su, w, sw, from, to, before);
}

function maskedQuadraticThenLinear(x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, k: number, halfU: number, su: number, w: number, sw: number, from: number, to: number, total: number): number {
  // Doubles from here on: V8 re-checked each argument's tag (small integer or heap number) on
  // every use in the loop (4.9 -> 4.5 ms at 10^6).
  k *= 1;
  halfU *= 1;
  su *= 1;
  w *= 1;
  sw *= 1;
  const halfK = 0.5 * k;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const d0 = x[i] - y[i];
    const d1 = x[i + 1] - y[i + 1];
    const d2 = x[i + 2] - y[i + 2];
    const d3 = x[i + 3] - y[i + 3];
    const a0 = Math.abs(d0);
    const a1 = Math.abs(d1);
    const a2 = Math.abs(d2);
    const a3 = Math.abs(d3);
    const m0 = +(a0 < k);
    const m1 = +(a1 < k);
    const m2 = +(a2 < k);
    const m3 = +(a3 < k);
    const v0 = m0 * (a0 * a0 * halfU) + (1 - m0) * (w * (a0 - halfK));
    const v1 = m1 * (a1 * a1 * halfU) + (1 - m1) * (w * (a1 - halfK));
    const v2 = m2 * (a2 * a2 * halfU) + (1 - m2) * (w * (a2 - halfK));
    const v3 = m3 * (a3 * a3 * halfU) + (1 - m3) * (w * (a3 - halfK));
    g[i] = m0 * (su * d0) + (1 - m0) * (sw * (+(d0 > 0) - +(d0 < 0)));
    g[i + 1] = m1 * (su * d1) + (1 - m1) * (sw * (+(d1 > 0) - +(d1 < 0)));
    g[i + 2] = m2 * (su * d2) + (1 - m2) * (sw * (+(d2 > 0) - +(d2 < 0)));
    g[i + 3] = m3 * (su * d3) + (1 - m3) * (sw * (+(d3 > 0) - +(d3 < 0)));
    if (l !== null) {
      l[i] = v0;
      l[i + 1] = v1;
      l[i + 2] = v2;
      l[i + 3] = v3;
    }
    total += v0;
    total += v1;
    total += v2;
    total += v3;
  }
  for (; i < to; i++) {
    const d = x[i] - y[i];
    const a = Math.abs(d);
    const m = +(a < k);
    const v = m * (a * a * halfU) + (1 - m) * (w * (a - halfK));
    g[i] = m * (su * d) + (1 - m) * (sw * (+(d > 0) - +(d < 0)));
    if (l !== null) l[i] = v;
    total += v;
  }
  return total;
}

function branchingQuadraticThenLinear(x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, k: number, halfU: number, su: number, w: number, sw: number, from: number, to: number, total: number): number {
  const halfK = 0.5 * k;
  for (let i = from; i < to; i++) {
    const d = x[i] - y[i];
    const a = Math.abs(d);
    let v: number;
    if (a < k) {
      v = a * a * halfU;
      g[i] = su * d;
    } else {
      v = w * (a - halfK);
      g[i] = d === d ? sw * (+(d > 0) - +(d < 0)) : d;
    }
    if (l !== null) l[i] = v;
    total += v;
  }
  return total;
}

/** Smooth L1 at residual d: quadratic inside |d| < β, linear outside; β = 0 is L1 exactly. */
function smoothL1At(d: number, beta: number): { loss: number; grad: number } {
  const a = Math.abs(d);
  if (a < beta) return { loss: (0.5 * a * a) / beta, grad: d / beta };
  return { loss: a - 0.5 * beta, grad: d > 0 ? 1 : d < 0 ? -1 : 0 };
}

const smoothL1Loss = defineLoss<SmoothL1Params>({
  id: 'smooth_l1_loss',
  names: { en: 'Smooth L1 loss', 'zh-cn': 'Smooth L1 损失' },
  category: 'regression',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {
    beta: numberParam({
      default: 1,
      min: 0,
      slider: { min: 0, max: 3, step: 0.05 },
      doc: {
        en: 'Where the quadratic part ends: |d| < β is scaled L2 (0.5·d²/β), beyond it L1 shifted by 0.5·β. β = 0 is exactly L1.',
        'zh-cn': '二次段的范围：|d| < β 时为缩放的 L2（0.5·d²/β），之外为平移 0.5·β 的 L1。β = 0 时就是 L1。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.smooth_l1_loss',
  summary: {
    en: 'L2 for small residuals, L1 for large ones (Fast R-CNN\'s box regression loss). Early in training, when errors are large, the gradient is capped at ±1 like L1, so outliers cannot blow it up; late in training, near the optimum, it shrinks like L2 and lets the model settle. The gradient inside the quadratic zone is d/β, so a small β makes it L1-like everywhere. Not the same as Huber: huber_loss = β·smooth_l1_loss with δ = β (Huber\'s linear part has slope δ, this one slope 1).',
    'zh-cn': '残差小时为 L2，残差大时为 L1（Fast R-CNN 边框回归所用的损失）。训练初期误差大时梯度像 L1 一样被限制在 ±1，异常值不会让梯度爆炸；训练后期接近最优点时梯度像 L2 一样变小，便于收敛。二次区内梯度为 d/β，β 越小越接近处处 L1。注意它与 Huber 损失并不相同（不少文章把两者混为一谈）：huber_loss = β·smooth_l1_loss（取 δ = β），Huber 线性段的斜率是 δ，这里是 1。',
  },
  formula: {
    tex: (p) => {
      const b = p === null ? '\\beta' : texNumber(p.beta);
      if (p !== null && p.beta === 0) return '\\ell = |d|,\\quad d = f - y\\quad(\\beta = 0)';
      return `\\ell = \\begin{cases} \\dfrac{0.5\\,d^2}{${b}} & |d| < ${b} \\\\ |d| - 0.5\\cdot ${b} & |d| \\ge ${b} \\end{cases},\\quad d = f - y`;
    },
    derivativeTex: (p) => {
      const b = p === null ? '\\beta' : texNumber(p.beta);
      if (p !== null && p.beta === 0) return '\\frac{\\partial \\ell}{\\partial d} = \\operatorname{sign}(d)';
      return `\\frac{\\partial \\ell}{\\partial d} = \\begin{cases} d / ${b} & |d| < ${b} \\\\ \\operatorname{sign}(d) & |d| \\ge ${b} \\end{cases}`;
    },
    plain: {
      en: 'l = 0.5·d²/β if |d| < β else |d| − 0.5·β, d = f − y',
      'zh-cn': 'l = 0.5·d²/β（若 |d| < β），否则 |d| − 0.5·β；d = f − y',
    },
  },
  curve: {
    axis: residualAxis,
    family: { param: 'beta', values: [0.25, 0.5, 1, 2] },
    at: (z, p) => smoothL1At(z, p.beta),
    points: residuals,
  },
  compute(inputs, params, reduction) {
    const beta = params.beta;
    return fusedElementwise(inputs.input, requireTarget(inputs, 'smooth_l1_loss'), reduction, (x, y, l, g, s, from, to, total) => {
      if (beta === 0) {
        // β = 0 is L1 with sign(0) = 0. PyTorch 1.13's backward gives −1 at d = 0 here
        // (pytorch#96813, fixed in 2.1 by calling l1_loss); the spec and PyTorch's own
        // lowest-norm-subgradient rule say 0.
        for (let i = from; i < to; i++) {
          const d = x[i] - y[i];
          const v = Math.abs(d);
          g[i] = d === d ? s * (+(d > 0) - +(d < 0)) : d;
          if (l !== null) l[i] = v;
          total += v;
        }
        return total;
      }
      return quadraticThenLinear(x, y, l, g, beta, 0.5 / beta, s / beta, 1, s, from, to, total);
    });
  },
  worked(inputs, params, output, reduction, count) {
    const at = pairs(inputs);
    const b = texNumber(params.beta);
    return workedElementwise(output, reduction, count, (i) => {
      const [f, y] = at(i);
      const d = f - y;
      return Math.abs(d) < params.beta ? `\\frac{0.5\\cdot(${texResidual(f, y)})^2}{${b}}` : `|${texResidual(f, y)}| - 0.5\\cdot ${b}`;
    });
  },
  sample(rng, n) {
    return { ...sampleRegression(rng, n), params: { beta: [0.5, 1, 2][rng.int(3)] } };
  },
});

interface HuberParams {
  delta: number;
}

function huberAt(d: number, delta: number): { loss: number; grad: number } {
  const a = Math.abs(d);
  if (a < delta) return { loss: 0.5 * a * a, grad: d };
  return { loss: delta * (a - 0.5 * delta), grad: d > 0 ? delta : -delta };
}

const huberLoss = defineLoss<HuberParams>({
  id: 'huber_loss',
  names: { en: 'Huber loss', 'zh-cn': 'Huber 损失' },
  category: 'regression',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {
    delta: numberParam({
      default: 1,
      min: 0,
      minExclusive: true,
      slider: { min: 0.05, max: 3, step: 0.05 },
      doc: {
        en: 'Where the loss turns from quadratic (0.5·d²) to linear with slope δ: residuals beyond δ are treated as outliers.',
        'zh-cn': '损失由二次（0.5·d²）转为斜率为 δ 的线性的位置：超过 δ 的残差被视为异常值。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.huber_loss',
  summary: {
    en: 'Huber\'s robust loss: 0.5·d² for |d| < δ, δ·(|d| − 0.5·δ) beyond. Within δ it is plain L2, so residuals of ordinary size are fitted as by least squares; beyond δ the gradient is capped at ±δ, so outliers pull with a bounded force. Pick δ about the size of an ordinary residual. It equals δ·smooth_l1_loss with β = δ: the same shape, with Huber\'s scale.',
    'zh-cn': 'Huber 鲁棒损失：|d| < δ 时为 0.5·d²，之外为 δ·(|d| − 0.5·δ)。δ 以内就是普通 L2，正常大小的残差按最小二乘拟合；δ 以外梯度被限制在 ±δ，异常值的拉力有上限。δ 宜取正常残差的量级。它等于 δ·smooth_l1_loss（取 β = δ）：形状相同，尺度不同。',
  },
  formula: {
    tex: (p) => {
      const t = p === null ? '\\delta' : texNumber(p.delta);
      return `\\ell = \\begin{cases} 0.5\\,d^2 & |d| < ${t} \\\\ ${t}\\,(|d| - 0.5\\cdot ${t}) & |d| \\ge ${t} \\end{cases},\\quad d = f - y`;
    },
    derivativeTex: (p) => {
      const t = p === null ? '\\delta' : texNumber(p.delta);
      return `\\frac{\\partial \\ell}{\\partial d} = \\begin{cases} d & |d| < ${t} \\\\ ${t}\\,\\operatorname{sign}(d) & |d| \\ge ${t} \\end{cases}`;
    },
    plain: {
      en: 'l = 0.5·d² if |d| < δ else δ·(|d| − 0.5·δ), d = f − y',
      'zh-cn': 'l = 0.5·d²（若 |d| < δ），否则 δ·(|d| − 0.5·δ)；d = f − y',
    },
  },
  curve: {
    axis: residualAxis,
    family: { param: 'delta', values: [0.5, 1, 2] },
    at: (z, p) => huberAt(z, p.delta),
    points: residuals,
  },
  compute(inputs, params, reduction) {
    const delta = params.delta;
    return fusedElementwise(inputs.input, requireTarget(inputs, 'huber_loss'), reduction, (x, y, l, g, s, from, to, total) => {
      return quadraticThenLinear(x, y, l, g, delta, 0.5, s, delta, s * delta, from, to, total);
    });
  },
  worked(inputs, params, output, reduction, count) {
    const at = pairs(inputs);
    const t = texNumber(params.delta);
    return workedElementwise(output, reduction, count, (i) => {
      const [f, y] = at(i);
      return Math.abs(f - y) < params.delta ? `0.5\\cdot(${texResidual(f, y)})^2` : `${t}\\cdot(|${texResidual(f, y)}| - 0.5\\cdot ${t})`;
    });
  },
  sample(rng, n) {
    return { ...sampleRegression(rng, n), params: { delta: [0.5, 1, 2][rng.int(3)] } };
  },
});

const LN2 = Math.LN2;

// ln cosh a = Σ c_n·(−1)^(n+1)·a^(2n), c_n = 2^(2n−1)(2^(2n) − 1)|B_2n| / (n·(2n)!), and its
// derivative tanh a = Σ 2n·c_n·(−1)^(n+1)·a^(2n−1). The terms shrink by about (2a/π)² each, so
// below a = 0.3 eleven terms leave an error under 1e-17 of the value. (Coefficients from mpmath.)
const C1 = 0.5;
const C2 = 0.08333333333333333;
const C3 = 0.022222222222222223;
const C4 = 0.006746031746031746;
const C5 = 0.0021869488536155205;
const C6 = 0.0007386029608251831;
const C7 = 0.0002565805740408915;
const C8 = 9.09896491907074e-5;
const C9 = 3.277930227475478e-5;
const C10 = 1.1956455712177625e-5;
const C11 = 4.405244525877023e-6;
const SERIES_BELOW = 0.3;

/**
 * ln cosh d into LC[0] and tanh d into LC[1], stable, with no Math.expm1/log/log1p (calls out of
 * JIT-compiled code at about 10 ns each, which made this the slowest regression kernel). Near 0 the
 * series above: no cancellation, so tiny residuals give d²/2 to full precision. Beyond, with
 * t = e^(−2|d|) ≤ e^(−0.6): ln cosh d = |d| − ln 2 + ln(1 + t) and tanh |d| = (1 − t)/(1 + t), the
 * cancellation costing a few ulps; ln(1 + t) = 2·atanh(w), w = t/(2 + t) ≤ 0.22, by its odd series
 * (ratio w² < 0.05, so twelve terms reach 1e-17). Beyond |d| = 20, t < 2^-57 is below half an ulp
 * of |d| − ln 2: ln cosh d = |d| − ln 2 and tanh d = ±1 to double precision (|d| = 1000 gives
 * 999.3068528194401, where cosh itself overflows past 710). Within 3.3e-15 of mpmath over 1e-9..1e3.
 */
const LC = new Float64Array(2);
// The series' coefficients with their signs: ln cosh = u·Σ A_k u^k, tanh = d·Σ B_k u^k (u = d²),
// and ln(1 + t) = 2w·Σ u^k/(2k + 1) (u = w²). Evaluated by Estrin's scheme (pairs, then pairs of
// pairs): Horner's chain of eleven dependent multiply-adds was latency-bound at about 15 ns.
const A = [C1, -C2, C3, -C4, C5, -C6, C7, -C8, C9, -C10, C11];
const B = A.map((c, k) => 2 * (k + 1) * c);
const [A0, A1, A2, A3, A4, A5, A6, A7, A8, A9, A10] = A as [number, number, number, number, number, number, number, number, number, number, number];
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = B as [number, number, number, number, number, number, number, number, number, number, number];
const O = Array.from({ length: 12 }, (_, k) => 1 / (2 * k + 1));
const [O0, O1, O2, O3, O4, O5, O6, O7, O8, O9, O10, O11] = O as [number, number, number, number, number, number, number, number, number, number, number, number];

function logCoshInto(d: number): void {
  const a = Math.abs(d);
  if (a < SERIES_BELOW) {
    const u = d * d;
    const u2 = u * u;
    const u4 = u2 * u2;
    const u8 = u4 * u4;
    LC[0] = u * (A0 + A1 * u + (A2 + A3 * u) * u2 + ((A4 + A5 * u) + (A6 + A7 * u) * u2) * u4 + ((A8 + A9 * u) + A10 * u2) * u8);
    LC[1] = d * (B0 + B1 * u + (B2 + B3 * u) * u2 + ((B4 + B5 * u) + (B6 + B7 * u) * u2) * u4 + ((B8 + B9 * u) + B10 * u2) * u8);
  } else if (a > 20) {
    LC[0] = a - LN2;
    LC[1] = d > 0 ? 1 : -1;
  } else {
    const t = expFast(-2 * a);
    const w = t / (2 + t);
    const v = w * w;
    const v2 = v * v;
    const v4 = v2 * v2;
    const v8 = v4 * v4;
    const series = O0 + O1 * v + (O2 + O3 * v) * v2 + ((O4 + O5 * v) + (O6 + O7 * v) * v2) * v4 + ((O8 + O9 * v) + (O10 + O11 * v) * v2) * v8;
    LC[0] = a - LN2 + 2 * w * series;
    const th = (1 - t) / (1 + t);
    LC[1] = d < 0 ? -th : th;
  }
  // NaN falls through to the last branch (expFast(NaN) is NaN): value and gradient NaN, as PyTorch.
}

/** logCoshInto written out in the loop: as a call it was not inlined, and the call cost more than the math. */
const logCoshKernel: FusedKernel = (x, y, l, g, s, from, to, total) => {
  for (let i = from; i < to; i++) {
    const d = x[i] - y[i];
    const a = Math.abs(d);
    let v: number;
    let th: number;
    if (a < SERIES_BELOW) {
      const u = d * d;
      const u2 = u * u;
      const u4 = u2 * u2;
      const u8 = u4 * u4;
      v = u * (A0 + A1 * u + (A2 + A3 * u) * u2 + ((A4 + A5 * u) + (A6 + A7 * u) * u2) * u4 + ((A8 + A9 * u) + A10 * u2) * u8);
      th = d * (B0 + B1 * u + (B2 + B3 * u) * u2 + ((B4 + B5 * u) + (B6 + B7 * u) * u2) * u4 + ((B8 + B9 * u) + B10 * u2) * u8);
    } else if (a > 20) {
      v = a - LN2;
      th = d > 0 ? 1 : -1;
    } else {
      const t = expFast(-2 * a);
      const w = t / (2 + t);
      const q = w * w;
      const q2 = q * q;
      const q4 = q2 * q2;
      const q8 = q4 * q4;
      v = a - LN2 + 2 * w * (O0 + O1 * q + (O2 + O3 * q) * q2 + ((O4 + O5 * q) + (O6 + O7 * q) * q2) * q4 + ((O8 + O9 * q) + (O10 + O11 * q) * q2) * q8);
      const h = (1 - t) / (1 + t);
      th = d < 0 ? -h : h;
    }
    if (l !== null) l[i] = v;
    total += v;
    g[i] = s * th;
  }
  return total;
};

function logCoshAt(d: number): { loss: number; grad: number } {
  logCoshInto(d);
  return { loss: LC[0], grad: LC[1] };
}

const logCosh = defineLoss<Record<string, never>>({
  id: 'log_cosh',
  names: { en: 'Log-cosh loss', 'zh-cn': 'Log-Cosh 损失' },
  category: 'regression',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'ln cosh of the residual (Keras tf.keras.losses.LogCosh); evaluated stably',
    'zh-cn': '残差的 ln cosh（Keras 的 tf.keras.losses.LogCosh），以数值稳定的方式计算',
  },
  summary: {
    en: 'ln cosh(f − y): about d²/2 for small residuals and |d| − ln 2 for large ones, so it has the advantages of smooth L1 (L2 near the optimum, bounded gradient tanh d for outliers) and is twice differentiable everywhere, with no β to tune. Computed stably: a naive ln(cosh d) overflows to Infinity at |d| ≈ 710.',
    'zh-cn': 'ln cosh(f − y)：残差小时约为 d²/2，残差大时约为 |d| − ln 2，因此兼有 Smooth L1 的优点（最优点附近像 L2，异常值处梯度 tanh d 有界），而且处处二阶可导，也没有 β 需要调。这里采用数值稳定的算法：直接计算 ln(cosh d) 在 |d| ≈ 710 时就会溢出为无穷大。',
  },
  formula: {
    tex: () => '\\ell = \\ln\\cosh(f - y)',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial d} = \\tanh(d)',
    plain: symbolsOnly('l = ln cosh(f − y)'),
  },
  curve: {
    axis: residualAxis,
    at: (z) => logCoshAt(z),
    points: residuals,
  },
  compute(inputs, _params, reduction) {
    return fusedElementwise(inputs.input, requireTarget(inputs, 'log_cosh'), reduction, logCoshKernel);
  },
  worked(inputs, _params, output, reduction, count) {
    const at = pairs(inputs);
    return workedElementwise(output, reduction, count, (i) => `\\ln\\cosh(${texResidual(...at(i))})`);
  },
  sample: sampleRegression,
});

const losses: readonly AnyLoss[] = [l1Loss, mseLoss, smoothL1Loss, huberLoss, logCosh];
export default losses;
