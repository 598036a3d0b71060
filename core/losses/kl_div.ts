/**
 * Kullback–Leibler divergence as torch.nn.functional.kl_div computes it: the input is log-
 * probabilities x, the target t is probabilities (or log-probabilities with log_target), and the
 * element-wise term is t·(ln t − x). Typical use: knowledge distillation, matching a student's
 * log_softmax to a teacher's softmax.
 */
import { requireSameShape, requireTensor } from '../check.js';
import { fail } from '../errors.js';
import { sumBlocks } from '../blocks.js';
import { expFast } from '../fastmath.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type CurveAxis, type Reduction } from '../loss.js';
import { booleanParam } from '../params.js';
import { giveBack, takeArray } from '../pool.js';
import { finishScaled, gradientScale } from '../reduction.js';
import { indexString, type Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';
import { classLayout, sampleClassInput, softmax } from './cross_entropy.js';
import { symbolsOnly } from '../localized.js';

interface KlParams {
  log_target: boolean;
}

/** The target of the two-class curve: KL((T, 1 − T) ‖ (q, 1 − q)) is 0 at q = T and grows on both sides. */
const CURVE_TARGET = 0.7;

// The element-wise term is linear in x, so its own plot says little. The natural picture of a
// divergence is two distributions: a fixed two-class target (0.7, 0.3) against a prediction
// (q, 1 − q), drawn over the predicted probability q. That curve is the same for log_target, which
// only changes how t is written down.
const probabilityAxis: CurveAxis = {
  symbol: 'probability',
  tex: 'q',
  label: { en: 'predicted probability q (two classes, target t = (0.7, 0.3))', 'zh-cn': '预测概率 q（两类，目标 t = (0.7, 0.3)）' },
  domain: [0.01, 0.99],
};

// The kernels are small functions of their own so the JIT inlines expFast into the log_target loop.
// They add the losses of [from, to) to `sum` and store the element losses only when asked: under
// mean/sum the per-element array (as large as the input) is built when a report reads it, not on
// every evaluation. They run block by block (core/blocks.ts).

function logTargetKernel(x: Float64Array, t: Float64Array, scale: number, loss: Float64Array | null, grad: Float64Array, from: number, to: number, sum: number): number {
  for (let i = from; i < to; i++) {
    const e = expFast(t[i]);
    const l = e * (t[i] - x[i]);
    if (loss !== null) loss[i] = l;
    sum += l;
    grad[i] = -e * scale;
  }
  return sum;
}

/**
 * Four elements per iteration while all four targets are > 0 (V8 re-checks every array on each
 * access of each iteration: 13.6 -> 10.8 ms at 1e6, q1 of 4 processes); a group with a zero or a
 * bad target, and the remainder, go through probabilityTargetOne, element by element.
 */
function probabilityTargetKernel(target: Tensor, x: Float64Array, scale: number, loss: Float64Array | null, grad: Float64Array, from: number, to: number, sum: number): number {
  const t = target.data;
  const ns = -scale;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const t0 = t[i];
    const t1 = t[i + 1];
    const t2 = t[i + 2];
    const t3 = t[i + 3];
    if (!(t0 > 0 && t1 > 0 && t2 > 0 && t3 > 0)) {
      sum = probabilityTargetOne(target, x, scale, loss, grad, i, i + 4, sum);
      continue;
    }
    const l0 = t0 * Math.log(t0) - t0 * x[i];
    const l1 = t1 * Math.log(t1) - t1 * x[i + 1];
    const l2 = t2 * Math.log(t2) - t2 * x[i + 2];
    const l3 = t3 * Math.log(t3) - t3 * x[i + 3];
    if (loss !== null) {
      loss[i] = l0;
      loss[i + 1] = l1;
      loss[i + 2] = l2;
      loss[i + 3] = l3;
    }
    sum += l0;
    sum += l1;
    sum += l2;
    sum += l3;
    grad[i] = ns * t0;
    grad[i + 1] = ns * t1;
    grad[i + 2] = ns * t2;
    grad[i + 3] = ns * t3;
  }
  return i < to ? probabilityTargetOne(target, x, scale, loss, grad, i, to, sum) : sum;
}

/** Element by element: t = 0 contributes 0 with gradient 0, a negative or NaN target is refused. */
function probabilityTargetOne(target: Tensor, x: Float64Array, scale: number, loss: Float64Array | null, grad: Float64Array, from: number, to: number, sum: number): number {
  const t = target.data;
  for (let i = from; i < to; i++) {
    const ti = t[i];
    if (ti > 0) {
      // PyTorch: xlogy(t, t) − t·x, in that order.
      const l = ti * Math.log(ti) - ti * x[i];
      if (loss !== null) loss[i] = l;
      sum += l;
      grad[i] = -ti * scale;
    } else if (ti !== 0) {
      const at = `target${indexString(target.shape, i)}`;
      fail(
        'invalid_probability',
        {
          en: `${at} is ${ti}, but kl_div targets are probabilities ≥ 0 (set log_target = true if the target holds log-probabilities).`,
          'zh-cn': `${at} 为 ${ti}，但 kl_div 的目标是 ≥ 0 的概率（若 target 存放的是对数概率，请设置 log_target = true）。`,
        },
        { tensor: 'target' },
      );
    }
    // t = 0 contributes 0 with gradient 0 (the spec's convention, also where x = −∞).
  }
  return sum;
}

const klDiv = defineLoss<KlParams>({
  id: 'kl_div',
  names: { en: 'KL divergence', 'zh-cn': 'KL 散度损失' },
  category: 'classification',
  input: 'log-probabilities',
  target: 'log-probabilities-or-probabilities',
  extra: [],
  params: {
    log_target: booleanParam({
      default: false,
      doc: { en: 'Whether the target is given as log-probabilities (then l = e^t·(t − x)); more stable when the target has tiny probabilities.', 'zh-cn': '目标是否以对数概率给出（此时 l = e^t·(t − x)）；目标含极小概率时数值更稳定。' },
    }),
  },
  reductions: ['none', 'mean', 'sum', 'batchmean'],
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.kl_div',
  summary: {
    en: 'How far a predicted distribution is from a target distribution: Σ t·(ln t − x), which is the cross entropy minus the target\'s entropy. With a fixed one-hot target it equals cross entropy; its typical use is knowledge distillation, where the teacher\'s soft distribution is the target. The input must be log-probabilities (log_softmax), not probabilities. Use reduction "batchmean" for the true KL per sample: "mean" divides by every element, i.e. also by C.',
    'zh-cn': '衡量预测分布与目标分布之间的差异：Σ t·(ln t − x)，即交叉熵减去目标分布的熵。目标为固定的 one-hot 分布时它等价于交叉熵；最典型的应用是知识蒸馏，以教师模型的软分布作为目标。输入必须是对数概率（log_softmax），而不是概率。要得到每个样本真正的 KL 值请用 "batchmean"："mean" 会除以所有元素个数，也就是多除了 C。',
  },
  formula: {
    tex: (params) => (params?.log_target ? '\\ell = e^{t}\\,(t - x)' : params === null ? '\\ell = \\begin{cases} t\\,(\\ln t - x) & \\lnot\\,\\text{log\\_target} \\\\ e^{t}\\,(t - x) & \\text{log\\_target} \\end{cases}' : '\\ell = t\\,(\\ln t - x),\\quad \\ell\\big|_{t = 0} = 0'),
    derivativeTex: (params) =>
      `\\frac{\\partial \\ell}{\\partial x} = ${params?.log_target ? '-e^{t}' : '-t'},\\quad \\frac{d}{dq}\\,\\mathrm{KL}\\big((t, 1-t)\\,\\|\\,(q, 1-q)\\big) = -\\frac{t}{q} + \\frac{1-t}{1-q}`,
    plain: symbolsOnly('l = t·(ln t − x) (log_target: e^t·(t − x))'),
  },
  curve: {
    axis: probabilityAxis,
    at(q) {
      const t = CURVE_TARGET;
      return { loss: t * Math.log(t / q) + (1 - t) * Math.log((1 - t) / (1 - q)), grad: -t / q + (1 - t) / (1 - q) };
    },
    // Each element's predicted probability e^x.
    points(inputs) {
      const x = inputs.input.data;
      const out = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
      return out;
    },
  },
  compute(inputs, params, reduction: Reduction) {
    const input = inputs.input;
    const target = requireTensor(inputs.target, 'target', 'kl_div', { en: "probabilities with the input's shape", 'zh-cn': '与 input 形状相同的概率' });
    requireSameShape(input, 'input', target, 'target');
    const x = input.data;
    const t = target.data;
    const grad = takeArray(x.length);
    const batchSize = input.shape.length === 0 ? 1 : input.shape[0];
    const scale = gradientScale(reduction, x.length, batchSize);
    const logTarget = params.log_target;
    const run = (loss: Float64Array | null, g: Float64Array, k: number): number =>
      sumBlocks(x.length, (from, to, sum) => (logTarget ? logTargetKernel(x, t, k, loss, g, from, to, sum) : probabilityTargetKernel(target, x, k, loss, g, from, to, sum)));
    if (reduction === 'none') {
      const loss = takeArray(x.length);
      run(loss, grad, scale);
      return finishScaled({ unreduced: { shape: input.shape, data: loss }, grad: { shape: input.shape, data: grad }, reduction, batchSize });
    }
    const sum = run(null, grad, scale);
    let losses: Float64Array | undefined;
    return {
      value: reduction === 'sum' ? sum : sum / (reduction === 'batchmean' ? batchSize : x.length),
      grad: { shape: input.shape, data: grad },
      gradExtra: {},
      intermediates: [],
      // The same kernel again, so the elements are exactly those that were summed.
      get unreduced(): Tensor {
        if (losses === undefined) {
          losses = new Float64Array(x.length);
          const scratch = takeArray(x.length);
          run(losses, scratch, 1);
          giveBack(scratch);
        }
        return { shape: input.shape, data: losses };
      },
    };
  },
  worked(inputs, params, output, reduction, count) {
    const x = inputs.input.data;
    const t = inputs.target!.data;
    const denom = reduction === 'batchmean' ? String(inputs.input.shape.length === 0 ? 1 : inputs.input.shape[0]) : undefined;
    return workedElementwise(output, reduction, count, (i) => {
      if (params.log_target) return `e^{${texNumber(t[i])}}\\cdot(${texNumber(t[i])} - ${texNumber(x[i], 3, true)})`;
      if (t[i] === 0) return '0\\quad(t = 0)';
      return `${texNumber(t[i])}\\cdot(\\ln ${texNumber(t[i])} - ${texNumber(x[i], 3, true)})`;
    }, denom);
  },
  sample(rng, n) {
    const s = sampleClassInput(rng, n);
    const L = classLayout({ shape: s.shape, data: s.x }, 'input');
    const logq = softmax(s.x, L);
    for (let i = 0; i < logq.length; i++) logq[i] = Math.log(logq[i]);
    // A teacher's softened distribution as the target.
    const tl = new Float64Array(s.x.length);
    for (let i = 0; i < tl.length; i++) tl[i] = rng.normal();
    const t = softmax(tl, L);
    const logTarget = rng.next() < 0.5;
    if (logTarget) for (let i = 0; i < t.length; i++) t[i] = Math.log(t[i]);
    return { inputs: { input: { shape: s.shape, data: logq }, target: { shape: s.shape, data: t }, extra: {} }, params: { log_target: logTarget } };
  },
});

const losses: readonly AnyLoss[] = [klDiv];
export default losses;
