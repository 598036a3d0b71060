/**
 * Binary cross entropy in its three forms: on probabilities (torch.nn.functional's, with its log
 * clamp at −100 and its gradient floor), on logits (torch.nn.functional's, with weight and
 * pos_weight, evaluated through softplus so that no logit overflows), and class-balanced on logits
 * (HED's α, given or taken from the data). The logit kernel, the broadcast weights and the p_t axis
 * are exported for sigmoid_focal_loss.
 */
import { probabilities, requireSameShape, requireTensor, unitLabels } from '../check.js';
import { fail } from '../errors.js';
import { sumBlocks } from '../blocks.js';
import { expFast } from '../fastmath.js';

// A module-level copy: tsx compiles imports to property loads on the module object (binary_margin.ts).
const exp = expFast;
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type Intermediate, type LossInputs, type LossOutput, type Reduction, type Rng } from '../loss.js';
import { broadcastTensorParam, unionParam } from '../params.js';
import { giveBack, takeArray } from '../pool.js';
import { broadcastShapes, broadcastTo, numel, sameShape, shapeString, type Shape, type Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';
import { lazyIntermediate, ptAxis } from './cross_entropy.js';
import { symbolsOnly } from '../localized.js';

export const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

// ---------------------------------------------------------------------------------------------
// Shared by the sigmoid family
// ---------------------------------------------------------------------------------------------

export { ptAxis };

const LOG1P_N = 512;
const LOG1P_TABLE = Float64Array.from({ length: LOG1P_N + 1 }, (_, j) => Math.log1p(j / LOG1P_N));
const LOG1P_INV = Float64Array.from({ length: LOG1P_N + 1 }, (_, j) => 1 / (1 + j / LOG1P_N));

/**
 * ln(1 + e) for e ∈ [0, 1] (the e^(−|x|) of a softplus), within 2 ulp of Math.log1p and about twice
 * as fast: Math.log1p is a call out of the JIT's code and was the largest cost of the logit kernels.
 * With c = j/512 the nearest table point, ln(1 + e) = ln(1 + c) + ln(1 + r), r = (e − c)/(1 + c),
 * |r| ≤ 2^-10, and the series of ln(1 + r) to r⁶ leaves r⁷/7 < 2^-62·r. For e < 2^-10 (logits
 * beyond ±6.9) j = 0 and it is the series itself with r = e, so tiny values keep their full
 * relative precision.
 */
export function log1pUnit(e: number): number {
  const j = (e * LOG1P_N + 0.5) | 0;
  const r = (e - j / LOG1P_N) * LOG1P_INV[j];
  return LOG1P_TABLE[j] + r * (1 + r * (-0.5 + r * (1 / 3 + r * (-0.25 + r * (0.2 + r * (-1 / 6))))));
}

/** The target of a binary loss: present, and of the input's shape (PyTorch raises otherwise). */
export function binaryTarget(inputs: LossInputs, id: string): Tensor {
  const target = requireTensor(inputs.target, 'target', id, { en: "labels in [0, 1] (0/1 or soft), with the input's shape", 'zh-cn': '[0, 1] 范围内的标签（0/1 或软标签），与 input 形状相同' });
  requireSameShape(inputs.input, 'input', target, 'target');
  return target;
}

/** Throws check.ts's message for the first target outside [0, 1] (kernels only detect it). */
export function badTarget(target: Tensor): never {
  unitLabels(target, 'target');
  return fail('internal', { en: 'a target outside [0, 1] was detected but not found again', 'zh-cn': '检测到超出 [0, 1] 的目标值，但再次查找时没有找到' });
}

/**
 * A weight broadcast against the input without materialising it where it need not be: element i
 * of the input takes `data[i % period]`. A weight whose shape (leading 1s dropped) is the input's
 * trailing dimensions, [C] against [N, C] or a scalar, is used as it is; any other broadcast
 * ([N, 1] against [N, C]) is expanded once to the input's shape.
 */
export interface Periodic {
  readonly data: Float64Array;
  readonly period: number;
}

const ONE: Periodic = { data: Float64Array.of(1), period: 1 };

export function periodic(w: Tensor | null, shape: Shape, name: string): Periodic {
  if (w === null) return ONE;
  const b = broadcastShapes(shape, w.shape);
  if (b === null || !sameShape(b, shape)) {
    return fail(
      'invalid_param',
      {
        en: `Parameter "${name}" has shape ${shapeString(w.shape)}, which does not broadcast to the input's shape ${shapeString(shape)}.`,
        'zh-cn': `参数 "${name}" 的形状为 ${shapeString(w.shape)}，无法广播到 input 的形状 ${shapeString(shape)}。`,
      },
      { param: name },
    );
  }
  let lead = 0;
  while (lead < w.shape.length && w.shape[lead] === 1) lead++;
  const rest = w.shape.slice(lead);
  if (sameShape(rest, shape.slice(shape.length - rest.length))) return { data: w.data, period: Math.max(1, numel(rest)) };
  return { data: broadcastTo(w, shape).data, period: numel(shape) };
}

/** A one-value weight (a number, or a tensor of one element) as a number, else null. */
export function scalarOf(w: Tensor | null): number | null {
  return w === null ? 1 : w.data.length === 1 ? w.data[0] : null;
}

/**
 * A fused kernel writes grad[i] = scale · ∂loss_i/∂x_i (and loss[i] unless `loss` is null) for i in
 * [from, to) and returns `total` plus their losses; it is called block by block (core/blocks.ts).
 * For mean and sum only the gradient is allocated; the unreduced loss runs the kernel again when
 * first read (a fresh 8 MB array costs more in page faults than the arithmetic at 10^6 elements:
 * see regression.ts's fusedElementwise).
 */
export type Fused = (loss: Float64Array | null, grad: Float64Array, scale: number, from: number, to: number, total: number) => number;

function runFused(kernel: Fused, n: number, loss: Float64Array | null, grad: Float64Array, scale: number): number {
  return sumBlocks(n, (from, to, total) => kernel(loss, grad, scale, from, to, total));
}

export function fusedOutput(shape: Shape, reduction: Reduction, kernel: Fused, intermediates: readonly Intermediate[] = []): LossOutput {
  const n = numel(shape);
  const grad = takeArray(n);
  if (reduction === 'none') {
    const loss = takeArray(n);
    runFused(kernel, n, loss, grad, 1);
    const unreduced: Tensor = { shape, data: loss };
    return { value: unreduced, unreduced, grad: { shape, data: grad }, gradExtra: {}, intermediates };
  }
  const total = runFused(kernel, n, null, grad, reduction === 'mean' ? 1 / n : 1);
  let lazy: Tensor | undefined;
  return {
    // A mean over no elements is 0/0 = NaN, as in PyTorch.
    value: reduction === 'sum' ? total : total / n,
    grad: { shape, data: grad },
    gradExtra: {},
    intermediates,
    get unreduced(): Tensor {
      if (lazy === undefined) {
        const loss = new Float64Array(n);
        const scratch = takeArray(n);
        runFused(kernel, n, loss, scratch, 1);
        giveBack(scratch);
        lazy = { shape, data: loss };
      }
      return lazy;
    },
  };
}

/**
 * The sigmoid cross entropy of every element, weighted:
 *   l = w·[cPos·pw·y·softplus(−x) + cNeg·(1−y)·softplus(x)],  −ln σ(x) = softplus(−x),
 *   ∂l/∂x = w·[cNeg·(1−y)·σ(x) − cPos·pw·y·σ(−x)].
 * One e^(−|x|) gives both softplus values (|x|⁺ + log1p(e)) and both sigmoids (1/(1+e), e/(1+e)),
 * so nothing overflows and nothing cancels: logits of ±1000 give 0 and 1000 exactly, and σ(−50)
 * keeps its 1.9e-22 rather than rounding 1 − σ(50) to 0. Targets are checked as they are read
 * unless `checked`.
 */
export function sigmoidCrossEntropy(x: Float64Array, y: Float64Array, target: Tensor, w: Periodic, pw: Periodic, cPos: number, cNeg: number, checked: boolean): Fused {
  return (loss, grad, scale, from, to, total) => {
    const sum = sigmoidKernelMasked(x, y, target, w.data, w.period, pw.data, pw.period, cPos, cNeg, checked, loss, grad, scale, from, to, total);
    return Number.isFinite(sum) ? sum : sigmoidKernel(x, y, target, w.data, w.period, pw.data, pw.period, cPos, cNeg, checked, loss, grad, scale, from, to, total);
  };
}

/**
 * sigmoidKernel with the sign of the logit as a 0/1 factor rather than four selects (each compiled
 * to a branch that mispredicts on half the elements). For finite logits the factor multiplies one
 * side by exactly 0 and the other by exactly 1, so every value is bit for bit the branching one; a
 * logit of ±∞ or NaN makes 0·∞ = NaN, so a block whose sum turns non-finite is redone by
 * sigmoidKernel, which gives what PyTorch gives.
 *
 * Kept as it is after two attempts measured worse in the whole catalogue's run (the bench runs every
 * loss in one process, and V8's choices for one kernel moved others): fastmath's softplus helpers
 * here made this loss 20% faster but cross_entropy, poisson_nll_loss and sigmoid_focal_loss about
 * twice as slow (CPU ms at 10^6: 19–27 -> 33–47, 9–15 -> 31–37, 28–43 -> 57–68); one kernel with a
 * per-element branch for non-finite logits instead of the redo made this one 30 -> 46.
 */
function sigmoidKernelMasked(
  x: Float64Array,
  y: Float64Array,
  target: Tensor,
  wd: Float64Array,
  wp: number,
  pd: Float64Array,
  pp: number,
  cPos: number,
  cNeg: number,
  checked: boolean,
  loss: Float64Array | null,
  grad: Float64Array,
  scale: number,
  from: number,
  to: number,
  total: number,
): number {
  scale *= 1;
  cPos *= 1;
  cNeg *= 1;
  let jw = from % wp;
  let jp = from % pp;
  for (let i = from; i < to; i++) {
    const a = x[i];
    const t = y[i];
    if (!checked && !(t >= 0 && t <= 1)) badTarget(target);
    const e = exp(-Math.abs(a));
    const lp = log1pUnit(e);
    const r = 1 / (1 + e);
    const er = e * r;
    const c = +(a >= 0);
    const nc = 1 - c;
    const spNeg = lp - nc * a;
    const spPos = lp + c * a;
    const sig = c * r + nc * er;
    const sigNeg = c * er + nc * r;
    const wv = wd[jw];
    const pos = cPos * pd[jp] * t;
    const neg = cNeg * (1 - t);
    if (++jw === wp) jw = 0;
    if (++jp === pp) jp = 0;
    const v = wv * (pos * spNeg + neg * spPos);
    if (loss !== null) loss[i] = v;
    total += v;
    grad[i] = scale * wv * (neg * sig - pos * sigNeg);
  }
  return total;
}

/** See sigmoidCrossEntropy; arrays as arguments (see bceKernel on why). */
function sigmoidKernel(
  x: Float64Array,
  y: Float64Array,
  target: Tensor,
  wd: Float64Array,
  wp: number,
  pd: Float64Array,
  pp: number,
  cPos: number,
  cNeg: number,
  checked: boolean,
  loss: Float64Array | null,
  grad: Float64Array,
  scale: number,
  from: number,
  to: number,
  total: number,
): number {
  let jw = from % wp;
  let jp = from % pp;
  for (let i = from; i < to; i++) {
    const a = x[i];
    const t = y[i];
    if (!checked && !(t >= 0 && t <= 1)) badTarget(target);
    const e = expFast(-Math.abs(a));
    const lp = log1pUnit(e);
    const r = 1 / (1 + e);
    const er = e * r;
    // Selects rather than one if/else: the sign of a logit is a coin flip to the branch predictor.
    const spNeg = a >= 0 ? lp : lp - a; // softplus(−x) = −ln σ(x)
    const spPos = a >= 0 ? a + lp : lp; // softplus(x) = −ln(1 − σ(x))
    const sig = a >= 0 ? r : er;
    const sigNeg = a >= 0 ? er : r;
    const wv = wd[jw];
    const pos = cPos * pd[jp] * t;
    const neg = cNeg * (1 - t);
    if (++jw === wp) jw = 0;
    if (++jp === pp) jp = 0;
    const v = wv * (pos * spNeg + neg * spPos);
    if (loss !== null) loss[i] = v;
    total += v;
    grad[i] = scale * wv * (neg * sig - pos * sigNeg);
  }
  return total;
}

/** σ(x) for every element, stably (an intermediate, computed when a report reads it). */
export function sigmoidOf(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const e = Math.exp(a < 0 ? a : -a);
    out[i] = a >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
  return out;
}

/** p_t = p·y + (1 − p)·(1 − y) of every element, for p = σ(x) (or p = x for probabilities). */
export function ptOf(x: Float64Array, y: Float64Array, fromLogits: boolean): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const t = y[i];
    let p = a;
    let q = 1 - a;
    if (fromLogits) {
      const e = Math.exp(a < 0 ? a : -a);
      p = a >= 0 ? 1 / (1 + e) : e / (1 + e);
      q = a >= 0 ? e / (1 + e) : 1 / (1 + e);
    }
    out[i] = p * t + q * (1 - t);
  }
  return out;
}

/** Points on the p_t axis: where each of the user's elements lies. */
function ptPoints(inputs: LossInputs, fromLogits: boolean): Float64Array | null {
  const t = inputs.target;
  if (t === null || !sameShape(t.shape, inputs.input.shape)) return null;
  return ptOf(inputs.input.data, t.data, fromLogits);
}

/** `\ln σ(x)` with the number in it. */
function texLogSigmoid(x: number, negate: boolean): string {
  return negate ? `\\ln(1 - \\sigma(${texNumber(x)}))` : `\\ln\\sigma(${texNumber(x)})`;
}

/** Binary labels, about 10% soft, and a shape [m, 4] (a class dimension for per-class weights). */
function sampleShape(n: number): { m: number; C: number } {
  const C = n >= 8 ? 4 : 1;
  return { m: Math.max(2, Math.round(n / C)), C };
}

function sampleLabels(rng: Rng, len: number): Float64Array {
  const y = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const u = rng.next();
    y[i] = u < 0.45 ? 0 : u < 0.9 ? 1 : 0.1 + 0.8 * rng.next();
  }
  return y;
}

function sampleWeight(rng: Rng, C: number): Tensor {
  const w = new Float64Array(C);
  for (let c = 0; c < C; c++) w[c] = 0.5 + rng.next();
  return { shape: [C], data: w };
}

// ---------------------------------------------------------------------------------------------
// binary_cross_entropy
// ---------------------------------------------------------------------------------------------

/** PyTorch's floor for x(1 − x) in the gradient: the C++ constant 1e-12 is a float there. */
const GRAD_EPS = Math.fround(1e-12);

interface WeightParams {
  weight: Tensor | null;
}

const weightParam = broadcastTensorParam({
  doc: {
    en: "Per-element rescaling weight w, broadcast to the input's shape (e.g. one weight per class [C] for an [N, C] input); null is 1. It multiplies the loss; the mean still divides by the number of elements.",
    'zh-cn': '逐元素的缩放权重 w，广播到输入的形状（例如对 [N, C] 的输入给出每类一个权重 [C]）；null 即为 1。它乘在损失上；mean 归约仍除以元素个数。',
  },
});

function weightTex(p: WeightParams | null): string {
  if (p === null) return 'w\\,';
  const s = scalarOf(p.weight);
  return s === null ? 'w\\,' : s === 1 ? '' : `${texNumber(s, 4, true)}\\,`;
}

/**
 * −[y·max(ln x, −100) + (1 − y)·max(ln(1 − x), −100)] of one element. A hard label needs one log,
 * of p_t = x or 1 − x picked without a branch (the labels are a coin flip to the branch predictor,
 * so the test is one comparison, not t === 0 || t === 1); the other term is 0·(a number ≥ −100) = 0.
 * ln(1 − x) rounds 1 − x first, as PyTorch does.
 */
function bceValue(a: number, t: number): number {
  if (t * (1 - t) === 0) {
    const l = Math.log(1 - t + (t + t - 1) * a);
    return l > -100 ? -l : 100;
  }
  const la = Math.log(a);
  const lb = Math.log(1 - a);
  return -(t * (la > -100 ? la : -100) + (1 - t) * (lb > -100 ? lb : -100));
}

/**
 * The kernel of binary_cross_entropy: a function of its own, arrays as arguments (a loop reading
 * them from a closure's context reloads them every iteration, which measured twice as slow), four
 * elements per iteration while all four are valid (V8 re-checks every array on each access of each
 * iteration); a group with an invalid value, and the remainder, go element by element (bceOne),
 * which reports the first bad value.
 */
function bceKernel(input: Tensor, target: Tensor, wd: Float64Array, wp: number, loss: Float64Array | null, grad: Float64Array, scale: number, from: number, to: number, total: number): number {
  const x = input.data;
  const y = target.data;
  scale *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  let jw = from % wp;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const a0 = x[i];
    const a1 = x[i + 1];
    const a2 = x[i + 2];
    const a3 = x[i + 3];
    const t0 = y[i];
    const t1 = y[i + 1];
    const t2 = y[i + 2];
    const t3 = y[i + 3];
    if (!(a0 >= 0 && a0 <= 1 && a1 >= 0 && a1 <= 1 && a2 >= 0 && a2 <= 1 && a3 >= 0 && a3 <= 1 && t0 >= 0 && t0 <= 1 && t1 >= 0 && t1 <= 1 && t2 >= 0 && t2 <= 1 && t3 >= 0 && t3 <= 1)) {
      total = bceOne(input, target, wd, wp, loss, grad, scale, i, i + 4, total);
      jw = (i + 4) % wp;
      continue;
    }
    const w0 = wd[jw];
    if (++jw === wp) jw = 0;
    const w1 = wd[jw];
    if (++jw === wp) jw = 0;
    const w2 = wd[jw];
    if (++jw === wp) jw = 0;
    const w3 = wd[jw];
    if (++jw === wp) jw = 0;
    const v0 = bceValue(a0, t0) * w0;
    const v1 = bceValue(a1, t1) * w1;
    const v2 = bceValue(a2, t2) * w2;
    const v3 = bceValue(a3, t3) * w3;
    if (loss !== null) {
      loss[i] = v0;
      loss[i + 1] = v1;
      loss[i + 2] = v2;
      loss[i + 3] = v3;
    }
    total += v0;
    total += v1;
    total += v2;
    total += v3;
    // PyTorch's gradient, floor included: at x = y ∈ {0, 1} it is 0; at x = 0, y = 1 it is
    // −1/fround(1e-12) rather than the −∞ of the clamped value's true slope.
    const d0 = (1 - a0) * a0;
    const d1 = (1 - a1) * a1;
    const d2 = (1 - a2) * a2;
    const d3 = (1 - a3) * a3;
    grad[i] = (scale * w0 * (a0 - t0)) / (d0 > GRAD_EPS ? d0 : GRAD_EPS);
    grad[i + 1] = (scale * w1 * (a1 - t1)) / (d1 > GRAD_EPS ? d1 : GRAD_EPS);
    grad[i + 2] = (scale * w2 * (a2 - t2)) / (d2 > GRAD_EPS ? d2 : GRAD_EPS);
    grad[i + 3] = (scale * w3 * (a3 - t3)) / (d3 > GRAD_EPS ? d3 : GRAD_EPS);
  }
  return i < to ? bceOne(input, target, wd, wp, loss, grad, scale, i, to, total) : total;
}

/** bceKernel element by element, with PyTorch's refusals of a probability or a target outside [0, 1]. */
function bceOne(input: Tensor, target: Tensor, wd: Float64Array, wp: number, loss: Float64Array | null, grad: Float64Array, scale: number, from: number, to: number, total: number): number {
  const x = input.data;
  const y = target.data;
  let jw = from % wp;
  for (let i = from; i < to; i++) {
    const a = x[i];
    const t = y[i];
    // PyTorch raises on a probability outside [0, 1] (NaN included), usually a logit passed in.
    if (!(a >= 0 && a <= 1)) probabilities(input, 'input');
    if (!(t >= 0 && t <= 1)) badTarget(target);
    const wv = wd[jw];
    if (++jw === wp) jw = 0;
    const v = bceValue(a, t) * wv;
    if (loss !== null) loss[i] = v;
    total += v;
    const d = (1 - a) * a;
    grad[i] = (scale * wv * (a - t)) / (d > GRAD_EPS ? d : GRAD_EPS);
  }
  return total;
}

const binaryCrossEntropy = defineLoss<WeightParams>({
  id: 'binary_cross_entropy',
  names: { en: 'Binary cross entropy (on probabilities)', 'zh-cn': '二值交叉熵（输入为概率）' },
  category: 'classification',
  input: 'probabilities',
  target: 'binary-labels',
  extra: [],
  params: { weight: weightParam },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.binary_cross_entropy',
  summary: {
    en: 'The negative log-likelihood of 0/1 labels under Bernoulli probabilities x: −[y·ln x + (1 − y)·ln(1 − x)], for binary and multi-label classification where the model already outputs probabilities (after a sigmoid). Soft labels in [0, 1] are allowed. PyTorch clamps each log at −100, so a confident mistake (x exactly 0 or 1) costs 100 rather than infinity, and floors x(1 − x) at 1e-12 in the gradient. If your model outputs logits, use binary_cross_entropy_with_logits instead: applying σ yourself loses precision and saturates, and passing logits here is an error.',
    'zh-cn': '0/1 标签在伯努利概率 x 下的负对数似然：−[y·ln x + (1 − y)·ln(1 − x)]，用于模型已经输出概率（经过 sigmoid）的二分类和多标签分类，也允许 [0, 1] 内的软标签。PyTorch 把每个对数截断在 −100，因此完全自信的错误（x 恰为 0 或 1）损失为 100 而不是无穷大；梯度中的 x(1 − x) 也以 1e-12 为下限。如果模型输出的是 logits，请改用 binary_cross_entropy_with_logits：自己先做 σ 会损失精度、容易饱和，而把 logits 直接传进来会报错。',
  },
  formula: {
    tex: (p) => `\\ell = -${weightTex(p)}\\left[y\\,\\max(\\ln x,\\,-100) + (1 - y)\\,\\max(\\ln(1 - x),\\,-100)\\right]`,
    derivativeTex: (p) => {
      const w = weightTex(p).replace('\\,', '');
      return `\\frac{\\partial \\ell}{\\partial p_t} = -\\frac{${w || '1'}}{p_t},\\qquad \\frac{\\partial \\ell}{\\partial x} = \\frac{${w ? `${w}\\,` : ''}(x - y)}{\\max(x(1 - x),\\ 10^{-12})}`;
    },
    plain: symbolsOnly('l = −w·[y·max(ln x, −100) + (1 − y)·max(ln(1 − x), −100)]'),
  },
  curve: {
    // The loss of a positive (y = 1) as a function of the probability it is given, x = p_t.
    axis: ptAxis,
    at(z, p) {
      const w = scalarOf(p.weight) ?? 1;
      const l = Math.log(z);
      return l > -100 ? { loss: -w * l, grad: -w / z } : { loss: 100 * w, grad: 0 };
    },
    points: (inputs) => ptPoints(inputs, false),
  },
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = binaryTarget(inputs, 'binary_cross_entropy');
    const w = periodic(params.weight, input.shape, 'weight');
    return fusedOutput(input.shape, reduction, (loss, grad, scale, from, to, total) => bceKernel(input, target, w.data, w.period, loss, grad, scale, from, to, total));
  },
  worked(inputs, params, output, reduction, count) {
    const x = inputs.input.data;
    const y = inputs.target!.data;
    const w = periodic(params.weight, inputs.input.shape, 'weight');
    const log = (v: number, one: boolean): string => {
      const s = one ? `\\ln(1 - ${texNumber(v)})` : `\\ln ${texNumber(v)}`;
      return Math.log(one ? 1 - v : v) > -100 ? s : `\\max(${s},\\,-100)`;
    };
    return workedElementwise(output, reduction, count, (i) => {
      const wv = w.data[i % w.period];
      const pre = params.weight === null ? '-' : `-${texNumber(wv, 3, true)}\\cdot`;
      return `${pre}\\left(${texNumber(y[i])}\\cdot ${log(x[i], false)} + ${texNumber(1 - y[i])}\\cdot ${log(x[i], true)}\\right)`;
    });
  },
  sample(rng, n) {
    const { m, C } = sampleShape(n);
    const x = new Float64Array(m * C);
    // Away from 0 and 1, where the −100 clamp and the gradient floor make the slope one-sided.
    for (let i = 0; i < x.length; i++) x[i] = 0.03 + 0.94 * rng.next();
    const shape = C === 1 ? [m] : [m, C];
    return {
      inputs: { input: { shape, data: x }, target: { shape, data: sampleLabels(rng, x.length) }, extra: {} },
      params: { weight: sampleWeight(rng, C) },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// binary_cross_entropy_with_logits
// ---------------------------------------------------------------------------------------------

interface LogitParams {
  weight: Tensor | null;
  pos_weight: Tensor | null;
}

function sampleLogits(rng: Rng, n: number): { shape: number[]; C: number; x: Float64Array; y: Float64Array } {
  const { m, C } = sampleShape(n);
  const y = sampleLabels(rng, m * C);
  const x = new Float64Array(m * C);
  // Mostly on the right side of 0, some confidently wrong: the spread a trained model has.
  for (let i = 0; i < x.length; i++) x[i] = 2 * rng.normal() + (y[i] >= 0.5 ? 1 : -1);
  return { shape: C === 1 ? [m] : [m, C], C, x, y };
}

const bceWithLogits = defineLoss<LogitParams>({
  id: 'binary_cross_entropy_with_logits',
  names: { en: 'Binary cross entropy with logits', 'zh-cn': '带 logits 的二值交叉熵（BCEWithLogits）' },
  category: 'classification',
  input: 'logits',
  target: 'binary-labels',
  extra: [],
  params: {
    weight: weightParam,
    pos_weight: broadcastTensorParam({
      doc: {
        en: 'Weight p_w of the positive term, broadcast against the last dimension: one value per class [C] for [..., C] inputs. p_w > 1 raises recall (PyTorch suggests #negatives / #positives per class); null is 1.',
        'zh-cn': '正样本项的权重 p_w，沿最后一维广播：对 [..., C] 的输入每类一个值 [C]。p_w > 1 提高召回率（PyTorch 建议取每类的负样本数 / 正样本数）；null 即为 1。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.binary_cross_entropy_with_logits',
  summary: {
    en: 'Sigmoid and binary cross entropy in one stable step, on raw scores (logits): −w·[p_w·y·ln σ(x) + (1 − y)·ln(1 − σ(x))]. The standard loss for binary and multi-label classification (one independent yes/no per class) and for segmentation masks. Prefer it to σ followed by binary_cross_entropy: written as softplus it never overflows and keeps full precision for confident logits (±50, ±1000). pos_weight p_w trades precision for recall per class, the usual fix for rare positives; weight rescales elements.',
    'zh-cn': '把 sigmoid 和二值交叉熵合成一个数值稳定的步骤，输入为原始分数（logits）：−w·[p_w·y·ln σ(x) + (1 − y)·ln(1 − σ(x))]。这是二分类、多标签分类（每个类别独立判断是或否）和分割掩码的标准损失。应优先于先做 σ 再用 binary_cross_entropy：写成 softplus 后永不溢出，对很自信的 logits（±50、±1000）也保持完整精度。pos_weight（p_w）按类别在精确率和召回率之间权衡，是正样本稀少时的常用办法；weight 对逐个元素缩放。',
  },
  formula: {
    tex: (p) => {
      const pws = p === null ? null : scalarOf(p.pos_weight);
      const pw = pws === 1 ? '' : pws === null ? 'p_w\\,' : `${texNumber(pws, 4, true)}\\,`;
      return `\\ell = -${weightTex(p)}\\left[${pw}y\\ln\\sigma(x) + (1 - y)\\ln(1 - \\sigma(x))\\right] = ${weightTex(p)}\\left[${pw}y\\,\\operatorname{softplus}(-x) + (1 - y)\\operatorname{softplus}(x)\\right]`;
    },
    derivativeTex: (p) => {
      const w = weightTex(p).replace('\\,', '');
      const pws = p === null ? null : scalarOf(p.pos_weight);
      const pw = pws === 1 ? '' : pws === null ? 'p_w' : texNumber(pws, 4, true);
      const k = [w, pw].filter(Boolean).join('\\,') || '1';
      return `\\frac{\\partial \\ell}{\\partial p_t} = -\\frac{${k}}{p_t}\\ (y = 1),\\qquad \\frac{\\partial \\ell}{\\partial x} = ${w ? `${w}\\,` : ''}\\left[(1 - y)\\,\\sigma(x) - ${pw ? `${pw}\\,` : ''}y\\,(1 - \\sigma(x))\\right]`;
    },
    plain: symbolsOnly('l = −w·[p_w·y·ln σ(x) + (1 − y)·ln(1 − σ(x))]'),
  },
  curve: {
    axis: ptAxis,
    at(z, p) {
      const k = (scalarOf(p.weight) ?? 1) * (scalarOf(p.pos_weight) ?? 1);
      return { loss: -k * Math.log(z), grad: -k / z };
    },
    points: (inputs) => ptPoints(inputs, true),
  },
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = binaryTarget(inputs, 'binary_cross_entropy_with_logits');
    const w = periodic(params.weight, input.shape, 'weight');
    const pw = periodic(params.pos_weight, input.shape, 'pos_weight');
    return fusedOutput(input.shape, reduction, sigmoidCrossEntropy(input.data, target.data, target, w, pw, 1, 1, false), [
      lazyIntermediate('p', 'p = \\sigma(x)', 'probability σ(x)', '概率 σ(x)', input.shape, () => sigmoidOf(input.data)),
    ]);
  },
  worked(inputs, params, output, reduction, count) {
    const x = inputs.input.data;
    const y = inputs.target!.data;
    const w = periodic(params.weight, inputs.input.shape, 'weight');
    const pw = periodic(params.pos_weight, inputs.input.shape, 'pos_weight');
    return workedElementwise(output, reduction, count, (i) => {
      const pre = params.weight === null ? '-' : `-${texNumber(w.data[i % w.period], 3, true)}\\cdot`;
      const pos = params.pos_weight === null ? '' : `${texNumber(pw.data[i % pw.period], 3, true)}\\cdot`;
      return `${pre}\\left(${pos}${texNumber(y[i])}\\cdot ${texLogSigmoid(x[i], false)} + ${texNumber(1 - y[i])}\\cdot ${texLogSigmoid(x[i], true)}\\right)`;
    });
  },
  sample(rng, n) {
    const s = sampleLogits(rng, n);
    return {
      inputs: { input: { shape: s.shape, data: s.x }, target: { shape: s.shape, data: s.y }, extra: {} },
      params: { weight: sampleWeight(rng, s.C), pos_weight: sampleWeight(rng, s.C) },
    };
  },
});

// ---------------------------------------------------------------------------------------------
// balanced_bce
// ---------------------------------------------------------------------------------------------

type BalanceAlpha = number | 'auto';

interface BalancedParams {
  alpha: BalanceAlpha;
}

const balanceAlphaParam = unionParam<BalanceAlpha>({
  default: 'auto',
  doc: {
    en: 'Weight α of the positive term (1 − α weights the negatives). "auto" is HED\'s rule: α = the fraction of targets equal to 0 in the whole tensor, so the rarer class weighs more; it is a constant, not differentiated.',
    'zh-cn': '正样本项的权重 α（负样本项的权重为 1 − α）。"auto" 即 HED 的做法：α = 整个张量中目标为 0 的比例，数量越少的类别权重越大；它是常数，不参与求导。',
  },
  allowed: { en: 'a number in [0, 1] or "auto"', 'zh-cn': '[0, 1] 内的数或 "auto"' },
  slider: { min: 0, max: 1, step: 0.01 },
  variants: [
    (v) => (v === 'auto' ? 'auto' : undefined),
    (v) => {
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return x >= 0 && x <= 1 ? x : undefined;
    },
  ],
});

/** α for the data: the given number, or HED's fraction of zero targets (checking every target). */
function balanceAlpha(alpha: BalanceAlpha, target: Tensor): number {
  const y = target.data;
  if (alpha !== 'auto') return alpha;
  let zeros = 0;
  for (let i = 0; i < y.length; i++) {
    const t = y[i];
    if (t === 0) zeros++;
    else if (!(t > 0 && t <= 1)) badTarget(target);
  }
  return zeros / y.length;
}

/** The curve cannot see the data "auto" reads; it draws the even split until a number is given. */
const curveAlpha = (a: BalanceAlpha): number => (a === 'auto' ? 0.5 : a);

const balancedBce = defineLoss<BalancedParams>({
  id: 'balanced_bce',
  names: { en: 'Balanced binary cross entropy', 'zh-cn': '平衡交叉熵（类别平衡 BCE）' },
  category: 'classification',
  input: 'logits',
  target: 'binary-labels',
  extra: [],
  params: { alpha: balanceAlphaParam },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Xie & Tu, "Holistically-Nested Edge Detection" (HED), ICCV 2015, eq. 2 (α = |Y−|/|Y|); Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017, eq. 3',
    'zh-cn': 'Xie & Tu，"Holistically-Nested Edge Detection"（HED），ICCV 2015，式 2（α = |Y−|/|Y|）；Lin 等，"Focal Loss for Dense Object Detection"，ICCV 2017，式 3',
  },
  summary: {
    en: 'Cross entropy on logits with the positive term weighted by α and the negative term by 1 − α: −[α·y·ln σ(x) + (1 − α)·(1 − y)·ln(1 − σ(x))]. For heavily imbalanced binary problems such as edge or defect detection, where positives are a few percent of pixels and plain BCE learns to predict "negative" everywhere. With α = "auto" (HED) α is the share of negatives, so the rare class is up-weighted in proportion. It balances how many samples each class has, not how hard they are; for easy-versus-hard, see sigmoid_focal_loss (this loss is its γ = 0 case). Equal to (1 − α)·binary_cross_entropy_with_logits with pos_weight = α/(1 − α).',
    'zh-cn': '在 logits 上的交叉熵，正样本项乘以 α，负样本项乘以 1 − α：−[α·y·ln σ(x) + (1 − α)·(1 − y)·ln(1 − σ(x))]。用于严重不平衡的二分类，例如边缘检测、缺陷检测：正样本只占百分之几的像素，普通 BCE 会学成处处预测“负”。α = "auto"（HED 的做法）时 α 取负样本所占比例，稀少的类别按比例获得更大权重。它解决的是样本数量不平衡，而不是样本难易问题；难易问题见 sigmoid_focal_loss（本损失是它 γ = 0 的情形）。它等于 (1 − α)·binary_cross_entropy_with_logits（pos_weight = α/(1 − α)）。',
  },
  formula: {
    tex: (p) => {
      if (p === null || p.alpha === 'auto') {
        const def = p === null ? '' : ',\\quad \\alpha = \\frac{|\\{i : y_i = 0\\}|}{N}';
        return `\\ell = -\\left[\\alpha\\,y\\ln\\sigma(x) + (1 - \\alpha)(1 - y)\\ln(1 - \\sigma(x))\\right]${def}`;
      }
      return `\\ell = -\\left[${texNumber(p.alpha, 4)}\\,y\\ln\\sigma(x) + ${texNumber(1 - p.alpha, 4)}\\,(1 - y)\\ln(1 - \\sigma(x))\\right]`;
    },
    derivativeTex: (p) => {
      const a = p === null || p.alpha === 'auto' ? '\\alpha' : texNumber(p.alpha, 4);
      const b = p === null || p.alpha === 'auto' ? '(1 - \\alpha)' : texNumber(1 - p.alpha, 4);
      return `\\frac{\\partial \\ell}{\\partial p_t} = -\\frac{${a}}{p_t}\\ (y = 1),\\qquad \\frac{\\partial \\ell}{\\partial x} = ${b}\\,(1 - y)\\,\\sigma(x) - ${a}\\,y\\,(1 - \\sigma(x))`;
    },
    plain: {
      en: 'l = −[α·y·ln σ(x) + (1 − α)·(1 − y)·ln(1 − σ(x))], α = fraction of zero targets for "auto"',
      'zh-cn': 'l = −[α·y·ln σ(x) + (1 − α)·(1 − y)·ln(1 − σ(x))]，α = 目标中 0 所占的比例（"auto" 时）',
    },
  },
  curve: {
    axis: ptAxis,
    family: { param: 'alpha', values: [0.1, 0.25, 0.5, 0.75, 0.9] },
    at(z, p) {
      const a = curveAlpha(p.alpha);
      return { loss: -a * Math.log(z), grad: -a / z };
    },
    points: (inputs) => ptPoints(inputs, true),
  },
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = binaryTarget(inputs, 'balanced_bce');
    const alpha = balanceAlpha(params.alpha, target);
    const kernel = sigmoidCrossEntropy(input.data, target.data, target, ONE, ONE, alpha, 1 - alpha, params.alpha === 'auto');
    return fusedOutput(input.shape, reduction, kernel, [
      { key: 'alpha', tex: '\\alpha', label: { en: params.alpha === 'auto' ? 'α = fraction of targets equal to 0' : 'α (given)', 'zh-cn': params.alpha === 'auto' ? 'α = 目标为 0 的比例' : 'α（给定）' }, tensor: { shape: [], data: Float64Array.of(alpha) } },
    ]);
  },
  worked(inputs, _params, output, reduction, count) {
    const x = inputs.input.data;
    const y = inputs.target!.data;
    const alpha = output.intermediates.find((m) => m.key === 'alpha')!.tensor.data[0];
    const a = texNumber(alpha, 4);
    const b = texNumber(1 - alpha, 4);
    return workedElementwise(output, reduction, count, (i) =>
      `-\\left(${a}\\cdot ${texNumber(y[i])}\\cdot ${texLogSigmoid(x[i], false)} + ${b}\\cdot ${texNumber(1 - y[i])}\\cdot ${texLogSigmoid(x[i], true)}\\right)`,
    );
  },
  sample(rng, n) {
    const s = sampleLogits(rng, n);
    // Imbalanced, as the loss is meant for: about one positive in ten.
    for (let i = 0; i < s.y.length; i++) if (s.y[i] === 1 && rng.next() < 0.8) s.y[i] = 0;
    // At least one of each, so that "auto" gives 0 < α < 1 and both terms are exercised.
    s.y[0] = 1;
    s.y[1] = 0;
    return { inputs: { input: { shape: s.shape, data: s.x }, target: { shape: s.shape, data: s.y }, extra: {} } };
  },
});

const losses: readonly AnyLoss[] = [binaryCrossEntropy, bceWithLogits, balancedBce];
export default losses;
