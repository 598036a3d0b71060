/**
 * Margin losses of binary classification with ±1 labels, each a function of the margin z = y·f
 * alone: soft margin (logistic) loss ln(1 + e^(−z)) (torch.nn.functional's), the exponential loss
 * e^(−z) of AdaBoost and the hinge loss max(0, margin − z) of SVMs. Element-wise with NumPy
 * broadcasting, as torch.nn.functional's soft_margin_loss broadcasts.
 */
import { signedLabels } from '../check.js';
import { broadcastPair } from '../elementwise.js';
import { fail } from '../errors.js';
import { expFast, expNear, expNegAt, softplusFraction, softplusIndex, softplusNear, softplusNegAt } from '../fastmath.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type CurveAxis, type LossInputs, type LossOutput, type Reduction, type Rng } from '../loss.js';
import { numberParam } from '../params.js';
import { indexString, sameShape, type Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';
import { log1pUnit } from './binary_cross_entropy.js';
import { fusedElementwise, requireTarget, type FusedKernel } from './regression.js';
import { symbolsOnly } from '../localized.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

const marginAxis: CurveAxis = {
  symbol: 'margin',
  tex: 'z = y\\,f',
  label: { en: 'margin z = y·f (> 0: right side)', 'zh-cn': '间隔 z = y·f（> 0 表示分类正确）' },
  domain: [-3, 3],
};

/** The message of core/check.ts's signedLabels, for kernels that check labels as they read them. */
function badLabel(target: Tensor, i: number): never {
  const at = `target${indexString(target.shape, i)}`;
  return fail('invalid_label', { en: `${at} is ${target.data[i]}, but labels must be 1 or −1.`, 'zh-cn': `${at} 为 ${target.data[i]}，但标签必须是 1 或 −1。` }, { tensor: 'target' });
}

/**
 * Runs a margin kernel under broadcasting. Labels are checked inside the kernel (one pass less)
 * where the target is not broadcast, so that the index in a message is the index in the target;
 * a broadcast target is checked first.
 */
function marginLoss(inputs: LossInputs, id: string, reduction: Reduction, kernel: (target: Tensor) => FusedKernel): LossOutput {
  const target = requireTarget(inputs, id, { en: 'labels 1 or −1, broadcastable to the input', 'zh-cn': '取值为 1 或 −1 的标签，可广播到 input 的形状' });
  if (!sameShape(target.shape, inputs.input.shape)) signedLabels(target, 'target');
  return fusedElementwise(inputs.input, target, reduction, kernel(target));
}

/** y·f of every element at the broadcast shape: the user's points on the margin axis. */
function margins(inputs: LossInputs): Float64Array | null {
  if (inputs.target === null) return null;
  const { x, y } = broadcastPair(inputs.input, inputs.target, 'target');
  const z = new Float64Array(x.data.length);
  for (let i = 0; i < z.length; i++) z[i] = y.data[i] * x.data[i];
  return z;
}

function pairsOf(inputs: LossInputs): { f: Float64Array; y: Float64Array } {
  const { x, y } = broadcastPair(inputs.input, inputs.target!, 'target');
  return { f: x.data, y: y.data };
}

/** `(-1)\cdot 0.5`: the product y·f with the numbers in. */
function texMargin(y: number, f: number): string {
  return `${texNumber(y, 3, true)}\\cdot ${texNumber(f, 3, true)}`;
}

/** Raw scores around 0 with ±1 labels, mostly on the right side; `avoid` keeps them off a kink. */
function sampleMargin(rng: Rng, n: number, avoid?: number): { inputs: LossInputs } {
  const C = n >= 8 ? 4 : 1;
  const m = Math.max(2, Math.round(n / C));
  const f = new Float64Array(m * C);
  const y = new Float64Array(m * C);
  for (let i = 0; i < f.length; i++) {
    y[i] = rng.next() < 0.5 ? -1 : 1;
    let v = y[i] * 0.5 + 1.2 * rng.normal();
    // Central differences straddling the kink would average the two slopes.
    if (avoid !== undefined && Math.abs(y[i] * v - avoid) < 1e-3) v += 0.01 * y[i];
    f[i] = v;
  }
  const shape = C === 1 ? [m] : [m, C];
  return { inputs: { input: { shape, data: f }, target: { shape, data: y }, extra: {} } };
}

// tsx compiles to CommonJS, where an imported name is a property load on the module object at
// every call; module-level copies let V8 inline them into the loops.
const exp = expFast;
const expN = expNear;
const spNear = softplusNear;
const spIndex = softplusIndex;
const spFraction = softplusFraction;
const expNegAt_ = expNegAt;
const softplusNegAt_ = softplusNegAt;
const log1pU = log1pUnit;

// The kernels are top-level functions taking their arrays as arguments (a loop reading arrays from
// a closure's context reloads them every iteration), select rather than branch on the sign of the
// margin, which is a coin flip to the branch predictor, and take several elements per iteration:
// V8 re-checks every typed array (map, attached buffer, bounds) on each access in each iteration,
// which cost more than the arithmetic of the cheap kernels (core/blocks.ts has the measurements).
// Four per iteration where the body is small; two for soft margin, whose body inlines the softplus
// helpers of core/fastmath.ts (V8 stops inlining a function's callees after about 920 bytes of
// their bytecode; four soft margins per iteration measured 10.9 -> 11.5 CPU ms at 10^6). A label is
// checked with one comparison, not two: with random ±1 labels `t !== 1 && t !== -1` mispredicts half
// the time. Soft margin and exponential loss write it `t * t !== 1` (t² rounds to 1 only for
// t = ±1; NaN and ±∞ fail it): V8 compiled `Math.abs(t) !== 1` to a checked conversion to int32 and
// an integer compare, several instructions more (CPU ms at 10^6, 8 rounds alternating: soft margin
// 11.8 -> 11.1, exponential 5.8 -> 5.1).

/**
 * ln(1 + e^(−z)) beyond the wide table (|z| ≥ NEAR, ±∞, NaN): softplus(−z) = max(−z, 0) +
 * log1p(e^(−|z|)), max(−z, 0) written (|z| − z)/2 (exact; the halves first, so no overflow). z = +∞
 * would give ∞ − ∞. `e` is e^(−|z|), which the kernel has computed for the slope.
 */
function softMarginFar(z: number, az: number, e: number): number {
  return az < Infinity ? log1pU(e) + (0.5 * az - 0.5 * z) : z > 0 ? 0 : z === -Infinity ? Infinity : z;
}

/**
 * ln(1 + e^(−z)) as softplus(−z) = max(−z, 0) + ln(1 + e^(−|z|)), and the slope −σ(−z) =
 * −e^(−|z|)/(1 + e^(−|z|)) for z ≥ 0, −1/(1 + e^(−|z|)) below, chosen by multiplying with the
 * comparison's 0 or 1: on this data the sign of z is a coin flip, and a ternary compiled to a
 * mispredicted branch. For |z| < 22 (fastmath.ts's NEAR; a branch the predictor gets right unless
 * margins straddle ±22 at random) e^(−|z|) and ln(1 + e^(−|z|)) come from one reduction and one
 * table index (core/fastmath.ts) instead of expFast then log1pUnit: e^(−|z|), hence the gradient,
 * keeps expFast's bits; the loss moves by up to 3 ulp (within 2 ulp of the exact value, where
 * log1pUnit(expFast(−|z|)) was within 3). CPU ms at 10^6 (the bench's sample; 8 rounds alternating
 * old and new in one process, the machine loaded by other agents): 17.1 -> 10.9.
 */
function softMarginKernel(target: Tensor, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  const ns = -s;
  // A double from here on: V8 re-checked the argument's tag (and loaded it as a heap number) every
  // iteration. Same bits (x·1 = x); CPU ms at 10^6, 3 rounds: 16.0–16.8 -> 14.3–14.4.
  total *= 1;
  let i = from;
  for (; i + 2 <= to; i += 2) {
    const t0 = y[i];
    const t1 = y[i + 1];
    if (t0 * t0 !== 1) badLabel(target, i);
    if (t1 * t1 !== 1) badLabel(target, i + 1);
    const z0 = t0 * x[i];
    const z1 = t1 * x[i + 1];
    const az0 = Math.abs(z0);
    const az1 = Math.abs(z1);
    let e0: number;
    let v0: number;
    if (spNear(az0)) {
      const k0 = spIndex(az0);
      const q0 = spFraction(az0, k0);
      e0 = expNegAt_(k0 | 0, q0);
      v0 = softplusNegAt_(k0 | 0, q0) + (0.5 * az0 - 0.5 * z0);
    } else {
      e0 = exp(-az0);
      v0 = softMarginFar(z0, az0, e0);
    }
    let e1: number;
    let v1: number;
    if (spNear(az1)) {
      const k1 = spIndex(az1);
      const q1 = spFraction(az1, k1);
      e1 = expNegAt_(k1 | 0, q1);
      v1 = softplusNegAt_(k1 | 0, q1) + (0.5 * az1 - 0.5 * z1);
    } else {
      e1 = exp(-az1);
      v1 = softMarginFar(z1, az1, e1);
    }
    const r0 = 1 / (1 + e0);
    const r1 = 1 / (1 + e1);
    const c0 = +(z0 >= 0);
    const c1 = +(z1 >= 0);
    if (l !== null) {
      l[i] = v0;
      l[i + 1] = v1;
    }
    total += v0;
    total += v1;
    g[i] = ns * t0 * r0 * (c0 * e0 + (1 - c0));
    g[i + 1] = ns * t1 * r1 * (c1 * e1 + (1 - c1));
  }
  for (; i < to; i++) {
    const t = y[i];
    if (t * t !== 1) badLabel(target, i);
    const z = t * x[i];
    const az = Math.abs(z);
    let e: number;
    let v: number;
    if (spNear(az)) {
      const k = spIndex(az);
      const q = spFraction(az, k);
      e = expNegAt_(k | 0, q);
      v = softplusNegAt_(k | 0, q) + (0.5 * az - 0.5 * z);
    } else {
      e = exp(-az);
      v = softMarginFar(z, az, e);
    }
    const r = 1 / (1 + e);
    const c = +(z >= 0);
    if (l !== null) l[i] = v;
    total += v;
    g[i] = ns * t * r * (c * e + (1 - c));
  }
  return total;
}

/**
 * e^(−y·f), which overflows to +∞ for y·f < −709: the true value in float64 (flagged non-finite).
 * expNear is expFast with one table read near 0 (same bits): 5.6–5.7 -> 5.4–5.5 CPU ms at 10^6.
 */
function exponentialKernel(target: Tensor, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  const ns = -s;
  total *= 1; // a double from here on, as in softMarginKernel: 6.6–6.8 -> 5.7–6.0 CPU ms at 10^6
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const t0 = y[i];
    const t1 = y[i + 1];
    const t2 = y[i + 2];
    const t3 = y[i + 3];
    if (t0 * t0 !== 1) badLabel(target, i);
    if (t1 * t1 !== 1) badLabel(target, i + 1);
    if (t2 * t2 !== 1) badLabel(target, i + 2);
    if (t3 * t3 !== 1) badLabel(target, i + 3);
    const v0 = expN(-t0 * x[i]);
    const v1 = expN(-t1 * x[i + 1]);
    const v2 = expN(-t2 * x[i + 2]);
    const v3 = expN(-t3 * x[i + 3]);
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
    g[i] = ns * t0 * v0;
    g[i + 1] = ns * t1 * v1;
    g[i + 2] = ns * t2 * v2;
    g[i + 3] = ns * t3 * v3;
  }
  for (; i < to; i++) {
    const t = y[i];
    if (t * t !== 1) badLabel(target, i);
    const v = expN(-t * x[i]);
    if (l !== null) l[i] = v;
    total += v;
    g[i] = ns * t * v;
  }
  return total;
}

/**
 * max(0, margin − y·f) as (h + |h|)/2, exact, and the indicator as a number: Math.max and a ternary
 * both compile to a branch here, mispredicted half the time. h = −∞ (an infinite score) would give
 * −∞ + ∞ = NaN, so it takes a branch of its own (never taken on finite data). clamp_min passes the
 * gradient where its argument is ≥ 0, so margin_ranking_loss(f, 0, y) has slope −y at the kink;
 * binary_hinge equals it there too.
 */
function hingeKernel(target: Tensor, margin: number, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  const ns = -s;
  margin *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const t0 = y[i];
    const t1 = y[i + 1];
    const t2 = y[i + 2];
    const t3 = y[i + 3];
    if (Math.abs(t0) !== 1) badLabel(target, i);
    if (Math.abs(t1) !== 1) badLabel(target, i + 1);
    if (Math.abs(t2) !== 1) badLabel(target, i + 2);
    if (Math.abs(t3) !== 1) badLabel(target, i + 3);
    const h0 = margin - t0 * x[i];
    const h1 = margin - t1 * x[i + 1];
    const h2 = margin - t2 * x[i + 2];
    const h3 = margin - t3 * x[i + 3];
    const v0 = h0 > -Infinity ? 0.5 * (h0 + Math.abs(h0)) : h0 === -Infinity ? 0 : h0;
    const v1 = h1 > -Infinity ? 0.5 * (h1 + Math.abs(h1)) : h1 === -Infinity ? 0 : h1;
    const v2 = h2 > -Infinity ? 0.5 * (h2 + Math.abs(h2)) : h2 === -Infinity ? 0 : h2;
    const v3 = h3 > -Infinity ? 0.5 * (h3 + Math.abs(h3)) : h3 === -Infinity ? 0 : h3;
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
    g[i] = ns * t0 * +(h0 >= 0);
    g[i + 1] = ns * t1 * +(h1 >= 0);
    g[i + 2] = ns * t2 * +(h2 >= 0);
    g[i + 3] = ns * t3 * +(h3 >= 0);
  }
  for (; i < to; i++) {
    const t = y[i];
    if (Math.abs(t) !== 1) badLabel(target, i);
    const h = margin - t * x[i];
    const v = h > -Infinity ? 0.5 * (h + Math.abs(h)) : h === -Infinity ? 0 : h;
    if (l !== null) l[i] = v;
    total += v;
    g[i] = ns * t * +(h >= 0);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// soft_margin_loss
// ---------------------------------------------------------------------------------------------

/** ln(1 + e^(−z)) and its derivative −σ(−z), from one e^(−|z|): finite for every finite z. */
function softMarginAt(z: number): { loss: number; grad: number } {
  const e = Math.exp(-Math.abs(z));
  const lp = Math.log1p(e);
  return z >= 0 ? { loss: lp, grad: -e / (1 + e) } : { loss: lp - z, grad: -1 / (1 + e) };
}

const softMargin = defineLoss<Record<string, never>>({
  id: 'soft_margin_loss',
  names: { en: 'Soft margin loss (logistic loss)', 'zh-cn': 'Soft Margin 损失（逻辑损失）' },
  category: 'classification',
  input: 'raw',
  target: 'signed-labels',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.soft_margin_loss',
  summary: {
    en: 'The logistic loss ln(1 + e^(−y·f)) for labels y = ±1 and raw scores f. It is binary cross entropy with logits written for ±1 labels (y = 2t − 1), a smooth version of the hinge loss: it keeps pushing correct samples further, but ever more gently, and grows only linearly for wrong ones, so it is far less sensitive to outliers than the exponential loss. Use it for logistic-regression-style binary classifiers whose labels are ±1. Evaluated stably here; PyTorch 1.13 computes log1p(exp(−y·f)), which overflows to infinity once y·f < −709.',
    'zh-cn': '标签 y = ±1、原始分数 f 的逻辑损失 ln(1 + e^(−y·f))。它就是用 ±1 标签（y = 2t − 1）写出的带 logits 的二值交叉熵，也是 hinge 损失的平滑版本：对已分对的样本仍继续推远，但力度越来越小；对分错的样本只线性增长，因此比指数损失对异常值不敏感得多。适用于标签为 ±1 的逻辑回归式二分类器。这里采用数值稳定的算法；PyTorch 1.13 计算 log1p(exp(−y·f))，当 y·f < −709 时会溢出为无穷大。',
  },
  formula: {
    tex: () => '\\ell = \\ln\\left(1 + e^{-y f}\\right)',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial z} = -\\sigma(-z) = -\\frac{1}{1 + e^{z}},\\quad z = y f',
    plain: symbolsOnly('l = ln(1 + e^(−y·f))'),
  },
  curve: { axis: marginAxis, at: (z) => softMarginAt(z), points: margins },
  compute(inputs, _params, reduction) {
    return marginLoss(inputs, 'soft_margin_loss', reduction, (target) => (x, y, l, g, s, from, to, total) => softMarginKernel(target, x, y, l, g, s, from, to, total));
  },
  worked(inputs, _params, output, reduction, count) {
    const { f, y } = pairsOf(inputs);
    return workedElementwise(output, reduction, count, (i) => `\\ln\\left(1 + e^{-${texMargin(y[i], f[i])}}\\right)`);
  },
  sample: (rng, n) => sampleMargin(rng, n),
});

// ---------------------------------------------------------------------------------------------
// exponential_loss
// ---------------------------------------------------------------------------------------------

const exponential = defineLoss<Record<string, never>>({
  id: 'exponential_loss',
  names: { en: 'Exponential loss', 'zh-cn': '指数损失' },
  category: 'classification',
  input: 'raw',
  target: 'signed-labels',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Freund & Schapire, AdaBoost (1997); as a loss: Friedman, Hastie & Tibshirani, "Additive logistic regression", Ann. Statist. 2000',
    'zh-cn': 'Freund & Schapire，AdaBoost（1997）；作为损失函数：Friedman, Hastie & Tibshirani，"Additive logistic regression"，Ann. Statist. 2000',
  },
  summary: {
    en: 'e^(−y·f) for labels y = ±1 and raw scores f: the loss AdaBoost minimises, stage by stage. A wrong sign is punished exponentially, so a few outliers or mislabelled samples can dominate the loss and the gradient; prefer the soft margin (logistic) loss, which grows only linearly, when labels are noisy. Its population minimiser is half the log-odds, f = ½·ln(p/(1 − p)).',
    'zh-cn': '标签 y = ±1、原始分数 f 的 e^(−y·f)：AdaBoost 逐轮最小化的正是这个损失。符号错误会受到指数级的惩罚，因此少数离群点或错标样本就能主导损失和梯度，对噪声敏感；标签有噪声时宜改用只线性增长的 soft margin（逻辑）损失。其总体最优解是对数几率的一半，f = ½·ln(p/(1 − p))。',
  },
  formula: {
    tex: () => '\\ell = e^{-y f}',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial z} = -e^{-z},\\quad z = y f',
    plain: symbolsOnly('l = e^(−y·f)'),
  },
  curve: {
    axis: marginAxis,
    at: (z) => {
      const v = Math.exp(-z);
      return { loss: v, grad: -v };
    },
    points: margins,
  },
  compute(inputs, _params, reduction) {
    return marginLoss(inputs, 'exponential_loss', reduction, (target) => (x, y, l, g, s, from, to, total) => exponentialKernel(target, x, y, l, g, s, from, to, total));
  },
  worked(inputs, _params, output, reduction, count) {
    const { f, y } = pairsOf(inputs);
    return workedElementwise(output, reduction, count, (i) => `e^{-${texMargin(y[i], f[i])}}`);
  },
  sample: (rng, n) => sampleMargin(rng, n),
});

// ---------------------------------------------------------------------------------------------
// binary_hinge
// ---------------------------------------------------------------------------------------------

interface HingeParams {
  margin: number;
}

/** max(0, margin − z). At z = margin the slope is PyTorch's clamp_min's: −1 (see binary_hinge). */
function hingeAt(z: number, margin: number): { loss: number; grad: number } {
  const h = margin - z;
  return h >= 0 ? { loss: h, grad: -1 } : { loss: 0, grad: 0 };
}

const binaryHinge = defineLoss<HingeParams>({
  id: 'binary_hinge',
  names: { en: 'Hinge loss (binary, SVM)', 'zh-cn': 'Hinge 损失（折页损失，二分类）' },
  category: 'classification',
  input: 'raw',
  target: 'signed-labels',
  extra: [],
  params: {
    margin: numberParam({
      default: 1,
      slider: { min: 0, max: 3, step: 0.05 },
      doc: {
        en: 'How far on the right side (y·f ≥ margin) a sample must be before it costs nothing. 1 is the SVM\'s; 0 only asks for the right sign.',
        'zh-cn': '样本要在正确一侧多远（y·f ≥ margin）损失才为 0。SVM 取 1；取 0 则只要求符号正确。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Cortes & Vapnik, "Support-vector networks", Machine Learning 1995; equals torch.nn.functional.margin_ranking_loss(f, 0, y, margin)',
    'zh-cn': 'Cortes & Vapnik，"Support-vector networks"，Machine Learning 1995；等于 torch.nn.functional.margin_ranking_loss(f, 0, y, margin)',
  },
  summary: {
    en: 'max(0, margin − y·f) for labels y = ±1 and raw scores f: the loss of support vector machines. The margin is the point: without it a sample with f barely on the right side of 0 would cost nothing, although it is classified with no confidence; with margin 1 it must be at least 1 on the right side. Samples beyond the margin contribute no loss and no gradient, so the solution depends only on the samples near the boundary (the support vectors), and a wrong sample costs linearly, not exponentially. Not differentiable at y·f = margin, where the gradient taken is PyTorch\'s (−y, as clamp_min passes it). The multi-class version is multi_margin_loss.',
    'zh-cn': '标签 y = ±1、原始分数 f 的 max(0, margin − y·f)：支持向量机的损失。关键在于 margin：没有它时，f 只要在 0 的正确一侧一点点就没有损失，但这样的分类毫无置信度；取 margin = 1 后，样本必须在正确一侧至少 1 才不产生损失。超出 margin 的样本既无损失也无梯度，因此解只取决于边界附近的样本（支持向量）；分错的样本只线性受罚，而不是指数级。在 y·f = margin 处不可导，这里取 PyTorch 的梯度（−y，clamp_min 在该点让梯度通过）。多分类版本见 multi_margin_loss。',
  },
  formula: {
    tex: (p) => `\\ell = \\max\\left(0,\\ ${p === null ? '\\Delta' : texNumber(p.margin)} - y f\\right)`,
    derivativeTex: (p) => `\\frac{\\partial \\ell}{\\partial z} = -\\left[\\,z \\le ${p === null ? '\\Delta' : texNumber(p.margin)}\\,\\right],\\quad z = y f`,
    plain: symbolsOnly('l = max(0, margin − y·f)'),
  },
  curve: {
    axis: marginAxis,
    family: { param: 'margin', values: [0, 0.5, 1, 2] },
    at: (z, p) => hingeAt(z, p.margin),
    points: margins,
  },
  compute(inputs, params, reduction) {
    const margin = params.margin;
    return marginLoss(inputs, 'binary_hinge', reduction, (target) => (x, y, l, g, s, from, to, total) => hingeKernel(target, margin, x, y, l, g, s, from, to, total));
  },
  worked(inputs, params, output, reduction, count) {
    const { f, y } = pairsOf(inputs);
    return workedElementwise(output, reduction, count, (i) => `\\max\\left(0,\\ ${texNumber(params.margin)} - ${texMargin(y[i], f[i])}\\right)`);
  },
  sample(rng, n) {
    const margin = [0.5, 1, 2][rng.int(3)];
    return { ...sampleMargin(rng, n, margin), params: { margin } };
  },
});

const losses: readonly AnyLoss[] = [softMargin, exponential, binaryHinge];
export default losses;
