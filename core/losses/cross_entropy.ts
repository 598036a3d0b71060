/**
 * Softmax cross entropy and its relatives: cross_entropy (logits), nll_loss (log-probabilities) and
 * categorical_cross_entropy (probabilities that are already soft-maxed, as in the cross-entropy
 * article this project grew from). The class-dimension layout, the log-softmax pass and the worked
 * "−(0·ln 0.1 + 0·ln 0.2 + 1·ln 0.7)" rendering are exported for the other softmax-family losses
 * (softmax_focal_loss, multi_margin_loss).
 */
import { forBlocks, sumBlocks } from '../blocks.js';
import { classIndices, requireRank, requireTensor } from '../check.js';
import { fail } from '../errors.js';
import { symbolsOnly, zhJoin, type Localized } from '../localized.js';
import { expFast } from '../fastmath.js';
import { texNumber } from '../format.js';
import {
  defineLoss,
  type AnyLoss,
  type CurveAxis,
  type Intermediate,
  type LossInputs,
  type LossOutput,
  type Reduction,
  type Rng,
  type WorkedExample,
} from '../loss.js';
import { numberParam, vectorParam } from '../params.js';
import { takeArray, takeZeroed } from '../pool.js';
import { finishScaled, gradientScale } from '../reduction.js';
import { indexString, sameShape, shapeString, type Shape, type Tensor } from '../tensor.js';
import { elementSteps, reductionStep } from '../worked.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

// ---------------------------------------------------------------------------------------------
// Shared by the softmax family
// ---------------------------------------------------------------------------------------------

/**
 * An input [N, C, d1..dk] seen as `outer` = N blocks of C strided rows of length `inner` = d1⋯dk.
 * An un-batched [C] input (PyTorch accepts it with a 0-dim class index) is one block of one row.
 */
export interface ClassLayout {
  readonly outer: number;
  readonly C: number;
  readonly inner: number;
  /** Shape of an index target, and of the unreduced loss: the input's shape without dim 1. */
  readonly rowShape: Shape;
}

/** The size of the class dimension: dim 1, or dim 0 for an un-batched [C] input. */
export function classesOf(input: Tensor): number | undefined {
  if (input.shape.length >= 2) return input.shape[1];
  if (input.shape.length === 1) return input.shape[0];
  return undefined;
}

/** `what` names the input in a message: a tensor name (`input`), or words in both languages. */
export function classLayout(input: Tensor, what: string | Localized): ClassLayout {
  const w = typeof what === 'string' ? { en: what, 'zh-cn': what } : what;
  requireRank(input, 'input', { min: 1 }, { en: `${w.en} must be [N, C, d1..dk] (or [C] for one un-batched sample)`, 'zh-cn': zhJoin(w['zh-cn'], '必须是 [N, C, d1..dk]（单个未分批的样本则为 [C]）') });
  const s = input.shape;
  if (s.length === 1) {
    if (s[0] === 0) fail('invalid_rank', { en: 'input has shape [0]: there must be at least one class.', 'zh-cn': 'input 的形状为 [0]：至少要有一个类别。' }, { tensor: 'input' });
    return { outer: 1, C: s[0], inner: 1, rowShape: [] };
  }
  if (s[1] === 0) {
    fail('shape_mismatch', { en: `input has shape ${shapeString(s)}: the class dimension (dim 1) must not be empty.`, 'zh-cn': `input 的形状为 ${shapeString(s)}：类别维（第 1 维）不能为空。` }, { tensor: 'input' });
  }
  let inner = 1;
  for (let d = 2; d < s.length; d++) inner *= s[d];
  return { outer: s[0], C: s[1], inner, rowShape: [s[0], ...s.slice(2)] };
}

function layoutWords(L: ClassLayout, input: Tensor): Localized {
  const s = shapeString(input.shape);
  return input.shape.length === 1
    ? { en: `for an un-batched input ${s} the class index is a single number (shape [])`, 'zh-cn': `对于未分批的 input ${s}，类别索引是单个数（形状为 []）` }
    : {
        en: `class indices for input ${s} must have the input's shape without the class dimension (C = ${L.C}), ${shapeString(L.rowShape)}`,
        'zh-cn': `input 为 ${s} 时，类别索引的形状必须是 input 的形状去掉类别维（C = ${L.C}），即 ${shapeString(L.rowShape)}`,
      };
}

/** Checks an index target's shape and values (integers in [0, C) or ignore_index). */
export function indexTarget(target: Tensor, input: Tensor, L: ClassLayout, ignoreIndex: number | null, alsoProbabilities: boolean): Tensor {
  if (!sameShape(target.shape, L.rowShape)) {
    const s = shapeString(input.shape);
    const probs = alsoProbabilities ? { en: `, or the input's own shape ${s} for class probabilities`, zh: `；若是类别概率，则为 input 自身的形状 ${s}` } : { en: '', zh: '' };
    const words = layoutWords(L, input);
    fail('shape_mismatch', { en: `target has shape ${shapeString(target.shape)}, but ${words.en}${probs.en}.`, 'zh-cn': zhJoin(`target 的形状为 ${shapeString(target.shape)}，但`, words['zh-cn'], `${probs.zh}。`) }, { tensor: 'target' });
  }
  return classIndices(target, 'target', L.C, ignoreIndex);
}

/** A per-class vector parameter must have C entries (also when compute is called without resolveParams' context). */
export function checkClassVector(v: Float64Array | null, name: string, C: number): void {
  if (v !== null && v.length !== C) {
    fail(
      'invalid_param',
      { en: `Parameter "${name}" has ${v.length} values, but C (the number of classes) is ${C}: give one value per class.`, 'zh-cn': `参数 "${name}" 有 ${v.length} 个值，但 C（类别数）为 ${C}：请为每个类别给出一个值。` },
      { param: name },
    );
  }
}

/**
 * Softmax over the class dimension by log-sum-exp with the row maximum subtracted (so logits of
 * ±1000 stay finite). The kernels fuse this into their own row loop; this is for intermediates,
 * curve points and sampling.
 */
export function softmax(x: Float64Array, L: ClassLayout): Float64Array {
  const { outer, C, inner } = L;
  const prob = new Float64Array(x.length);
  for (let n = 0; n < outer; n++) {
    const block = n * C * inner;
    for (let s = 0; s < inner; s++) {
      const base = block + s;
      let m = -Infinity;
      for (let c = 0, k = base; c < C; c++, k += inner) if (x[k] > m) m = x[k];
      let sum = 0;
      for (let c = 0, k = base; c < C; c++, k += inner) {
        const e = expFast(x[k] - m);
        prob[k] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let c = 0, k = base; c < C; c++, k += inner) prob[k] *= inv;
    }
  }
  return prob;
}

/** `−(0\cdot\ln 0.1 + 0\cdot\ln 0.2 + 1\cdot\ln 0.7)`, eliding the middle of long rows but never the target's term. */
export function weightedLogSumTex(coef: readonly number[], p: readonly number[], keep: number | null): string {
  const C = coef.length;
  const term = (c: number): string => `${texNumber(coef[c])}\\cdot\\ln ${texNumber(p[c], 3)}`;
  if (C <= 6) return `-(${coef.map((_, c) => term(c)).join(' + ')})`;
  // Long one-hot rows: the zero terms are dropped rather than elided.
  if (keep !== null && coef.every((k, c) => k === 0 || c === keep)) return `-${term(keep)}`;
  const shown = [...new Set([0, 1, ...(keep === null ? [] : [keep]), C - 1])].sort((a, b) => a - b);
  const parts: string[] = [];
  shown.forEach((c, i) => {
    if (i > 0 && c !== shown[i - 1] + 1) parts.push('\\cdots');
    parts.push(term(c));
  });
  return `-(${parts.join(' + ')})`;
}

/** Row r's class-c entry of a [N, C, d..] tensor. */
export function at(L: ClassLayout, r: number, c: number): number {
  const n = Math.floor(r / L.inner);
  return n * L.C * L.inner + c * L.inner + (r - n * L.inner);
}

export function intermediate(key: string, tex: string, en: string, zh: string, shape: Shape, data: Float64Array): Intermediate {
  return { key, tex, label: { en, 'zh-cn': zh }, tensor: { shape, data } };
}

/**
 * An intermediate computed on first read. The full softmax is as large as the input; reports read
 * it, but the kernels do not need it stored, so the CLI and the benchmarks do not pay for it.
 */
export function lazyIntermediate(key: string, tex: string, en: string, zh: string, shape: Shape, compute: () => Float64Array): Intermediate {
  let data: Float64Array | undefined;
  return {
    key,
    tex,
    label: { en, 'zh-cn': zh },
    get tensor(): Tensor {
      data ??= compute();
      return { shape, data };
    },
  };
}

export function probabilitiesIntermediate(input: Tensor, L: ClassLayout): Intermediate {
  return lazyIntermediate('probabilities', 'p = \\operatorname{softmax}(x)', 'probabilities softmax(x)', '概率 softmax(x)', input.shape, () => softmax(input.data, L));
}

export function findIntermediate(out: LossOutput, key: string): Float64Array | undefined {
  return out.intermediates.find((m) => m.key === key)?.tensor.data;
}

export const ptAxis: CurveAxis = {
  symbol: 'p_t',
  tex: 'p_t',
  label: { en: 'probability of the true class p_t', 'zh-cn': '真实类别的预测概率 p_t' },
  domain: [0.01, 0.99],
};

/** Logits [N, C] with N·C ≈ n, spread enough that p_t covers easy and hard samples. */
export function sampleClassInput(rng: Rng, n: number): { shape: number[]; C: number; N: number; x: Float64Array; y: Float64Array } {
  const C = n >= 40 ? 10 : 4;
  const N = Math.max(2, Math.round(n / C));
  const x = new Float64Array(N * C);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const cls = rng.int(C);
    y[i] = cls;
    for (let c = 0; c < C; c++) x[i * C + c] = 1.5 * rng.normal();
    // Most samples lean towards their class, some are hard (the case focal loss is about).
    x[i * C + cls] += rng.next() < 0.8 ? 2 : -1;
  }
  return { shape: [N, C], C, N, x, y };
}

/** "sample 2" for [N, C] inputs; "sample 2, position [0, 3]" where there are spatial dimensions. */
export function rowLabel(L: ClassLayout, r: number): { en: string; 'zh-cn': string } {
  const n = Math.floor(r / L.inner);
  if (L.rowShape.length <= 1) return { en: `sample ${n + 1}`, 'zh-cn': `样本 ${n + 1}` };
  const where = indexString(L.rowShape.slice(1), r - n * L.inner);
  return { en: `sample ${n + 1}, position ${where}`, 'zh-cn': `样本 ${n + 1}，位置 ${where}` };
}

// ---------------------------------------------------------------------------------------------
// cross_entropy
// ---------------------------------------------------------------------------------------------

interface CrossEntropyParams {
  weight: Float64Array | null;
  ignore_index: number;
  label_smoothing: number;
}

const weightParam = vectorParam({
  length: 'classes',
  doc: { en: 'Per-class weight w[c] (rescales each class; with mean the sum of w[y] over non-ignored targets is the denominator).', 'zh-cn': '每个类别的权重 w[c]（mean 归约时分母为未忽略目标的 w[y] 之和）。' },
});

const ignoreIndexParam = numberParam({
  default: -100,
  integer: true,
  doc: { en: 'Target value whose elements are dropped (output 0, no gradient, not in the mean). May equal a real class id.', 'zh-cn': '取此值的目标元素被忽略（输出 0、无梯度、不计入均值）；可以等于真实类别编号。' },
});

/** Per-row results both target kinds produce; `grad` is already multiplied by the reduction's factor. */
interface CeKernelOut {
  loss: Float64Array;
  grad: Float64Array;
  pt: Float64Array | null;
}

/**
 * Index targets: l = (1−ε)·(−w[y]·lp[y]) + (ε/C)·Σ_c(−w[c]·lp[c]). With W = Σ_c w[c] the gradient is
 * dl/dx_k = p_k·((1−ε)·w[y] + ε·W/C) − (1−ε)·w[y]·[k = y] − (ε/C)·w[k]. One row at a time: the row
 * maximum, then e^(x − max) parked in the gradient's own slots, then the gradient and the loss, so
 * the input is read once and the gradient written once. lp_c = (x_c − max) − ln Σ, PyTorch's order.
 */
function ceIndexKernel(x: Float64Array, y: Float64Array, L: ClassLayout, w: Float64Array | null, ignore: number, eps: number, scale: number): CeKernelOut {
  const { C, inner } = L;
  const rows = L.outer * inner;
  // Recycled arrays (core/pool.ts): every element below is written, ignored rows included.
  const grad = takeArray(x.length);
  const loss = takeArray(rows);
  const pt = new Float64Array(rows);
  let W = C;
  if (w !== null) {
    W = 0;
    for (let c = 0; c < C; c++) W += w[c];
  }
  const keep = 1 - eps;
  const spread = eps / C;
  for (let n = 0; n < L.outer; n++) {
    const block = n * C * inner;
    for (let s = 0; s < inner; s++) {
      const r = n * inner + s;
      const cls = y[r];
      if (cls === ignore) {
        pt[r] = NaN;
        loss[r] = 0;
        for (let c = 0, k = block + s; c < C; c++, k += inner) grad[k] = 0;
        continue;
      }
      const base = block + s;
      let m = -Infinity;
      for (let c = 0, k = base; c < C; c++, k += inner) if (x[k] > m) m = x[k];
      let sum = 0;
      for (let c = 0, k = base; c < C; c++, k += inner) {
        const e = expFast(x[k] - m);
        grad[k] = e;
        sum += e;
      }
      const ls = Math.log(sum);
      const inv = 1 / sum;
      const wy = w === null ? 1 : w[cls];
      const ky = base + cls * inner;
      const nll = -wy * (x[ky] - m - ls);
      pt[r] = grad[ky] * inv;
      if (eps === 0) {
        const a = wy * inv * scale;
        for (let c = 0, k = base; c < C; c++, k += inner) grad[k] *= a;
        grad[ky] -= wy * scale;
        loss[r] = nll;
        continue;
      }
      const a = (keep * wy + spread * W) * inv * scale;
      let smooth = 0;
      if (w === null) {
        const b = spread * scale;
        for (let c = 0, k = base; c < C; c++, k += inner) {
          smooth -= x[k] - m - ls;
          grad[k] = grad[k] * a - b;
        }
      } else {
        for (let c = 0, k = base; c < C; c++, k += inner) {
          const wc = w[c];
          smooth -= wc * (x[k] - m - ls);
          grad[k] = grad[k] * a - spread * wc * scale;
        }
      }
      grad[ky] -= keep * wy * scale;
      loss[r] = keep * nll + spread * smooth;
    }
  }
  return { loss, grad, pt };
}

/** Probability targets: t̃ = (1−ε)·t + ε/C, l = −Σ_c w[c]·t̃_c·lp_c, dl/dx_k = p_k·Σ_c w[c]·t̃_c − w[k]·t̃_k. */
function ceProbKernel(x: Float64Array, t: Float64Array, L: ClassLayout, w: Float64Array | null, eps: number, scale: number): CeKernelOut {
  const { C, inner } = L;
  const rows = L.outer * inner;
  const grad = takeArray(x.length);
  const loss = takeArray(rows);
  const keep = 1 - eps;
  const spread = eps / C;
  for (let n = 0; n < L.outer; n++) {
    const block = n * C * inner;
    for (let s = 0; s < inner; s++) {
      const base = block + s;
      let m = -Infinity;
      for (let c = 0, k = base; c < C; c++, k += inner) if (x[k] > m) m = x[k];
      let sum = 0;
      for (let c = 0, k = base; c < C; c++, k += inner) {
        const e = expFast(x[k] - m);
        grad[k] = e;
        sum += e;
      }
      const ls = Math.log(sum);
      let l = 0;
      let S = 0;
      for (let c = 0, k = base; c < C; c++, k += inner) {
        const wt = (w === null ? 1 : w[c]) * (keep * t[k] + spread);
        l -= wt * (x[k] - m - ls);
        S += wt;
      }
      const a = (S / sum) * scale;
      for (let c = 0, k = base; c < C; c++, k += inner) grad[k] = grad[k] * a - (w === null ? 1 : w[c]) * (keep * t[k] + spread) * scale;
      loss[n * inner + s] = l;
    }
  }
  return { loss, grad, pt: null };
}

function probTargetCoefficients(L: ClassLayout, t: Float64Array, r: number, w: Float64Array | null, eps: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < L.C; c++) out.push((w === null ? 1 : w[c]) * ((1 - eps) * t[at(L, r, c)] + eps / L.C));
  return out;
}

function indexCoefficients(L: ClassLayout, y: number, w: Float64Array | null, eps: number): number[] {
  const out: number[] = [];
  const wy = w === null ? 1 : w[y];
  for (let c = 0; c < L.C; c++) out.push((c === y ? (1 - eps) * wy : 0) + (eps / L.C) * (w === null ? 1 : w[c]));
  return out;
}

function rowProbs(L: ClassLayout, prob: Float64Array, r: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < L.C; c++) out.push(prob[at(L, r, c)]);
  return out;
}

function denominatorTex(d: number, weighted: boolean): string {
  return weighted ? texNumber(d, 4) : String(d);
}

/** Where the user's rows lie on the p_t axis: p_t for index targets (NaN where ignored, so indices line up with the unreduced loss); for probability targets the t-weighted geometric mean of p, which is p_t for one-hot rows. */
function cePoints(inputs: LossInputs, ignore: number | null, inputIsLogits: boolean): Float64Array | null {
  const target = inputs.target;
  if (target === null) return null;
  const L = classLayout(inputs.input, 'input');
  const x = inputs.input.data;
  const rows = L.outer * L.inner;
  const out = new Float64Array(rows);
  const prob = inputIsLogits ? softmax(x, L) : x.map(Math.exp);
  const probs = sameShape(target.shape, inputs.input.shape);
  for (let r = 0; r < rows; r++) {
    if (!probs) {
      const y = target.data[r];
      out[r] = y === ignore || !(y >= 0 && y < L.C) ? NaN : prob[at(L, r, y)];
      continue;
    }
    let acc = 0;
    let tot = 0;
    for (let c = 0; c < L.C; c++) {
      const k = at(L, r, c);
      const t = target.data[k];
      if (t !== 0) acc += t * Math.log(prob[k]);
      tot += t;
    }
    out[r] = tot > 0 ? Math.exp(acc / tot) : NaN;
  }
  return out;
}

const crossEntropy = defineLoss<CrossEntropyParams>({
  id: 'cross_entropy',
  names: { en: 'Cross entropy (softmax)', 'zh-cn': '交叉熵损失（Softmax）' },
  category: 'classification',
  input: 'logits',
  target: 'class-indices-or-probabilities',
  extra: [],
  params: {
    weight: weightParam,
    ignore_index: ignoreIndexParam,
    label_smoothing: numberParam({
      default: 0,
      min: 0,
      max: 1,
      slider: { min: 0, max: 0.5, step: 0.01 },
      doc: { en: 'Label smoothing ε: the target becomes (1 − ε)·one-hot + ε/C, which keeps the model from becoming over-confident.', 'zh-cn': '标签平滑 ε：目标变为 (1 − ε)·one-hot + ε/C，防止模型过度自信。' },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.cross_entropy',
  summary: {
    en: 'The default loss for single-label classification: log-softmax over the class dimension followed by the negative log-likelihood of the true class (CrossEntropyLoss = NLLLoss(LogSoftmax)). It takes raw logits, never probabilities; the target is a class index per sample (or per pixel for segmentation) or, with the input\'s shape, a probability distribution. It measures how far the predicted distribution is from the label distribution; the loss is −ln p_t, so confident mistakes cost the most. Use weight for class imbalance and label_smoothing against over-confidence.',
    'zh-cn': '单标签分类的默认损失：先在类别维上做 log-softmax，再取真实类别的负对数似然（CrossEntropyLoss = NLLLoss(LogSoftmax)）。输入必须是未归一化的 logits，而不是概率；目标是每个样本（分割时每个像素）的类别索引，或与输入同形状的概率分布。交叉熵衡量预测分布与标签分布的差异，损失为 −ln p_t，越自信的错误代价越大。类别不平衡时用 weight，防止过度自信时用 label_smoothing。',
  },
  formula: {
    tex(params) {
      if (params === null) return '\\ell = -(1-\\varepsilon)\\,w_{y}\\ln p_{y} - \\frac{\\varepsilon}{C}\\sum_{c} w_{c}\\ln p_{c},\\quad p_{c} = \\frac{e^{x_{c}}}{\\sum_{k} e^{x_{k}}}';
      const w = params.weight === null ? '' : 'w_{y}\\,';
      const wc = params.weight === null ? '' : 'w_{c}';
      const eps = params.label_smoothing;
      const p = 'p_{c} = \\frac{e^{x_{c}}}{\\sum_{k} e^{x_{k}}}';
      if (eps === 0) return `\\ell = -${w}\\ln p_{y},\\quad ${p}`;
      return `\\ell = -${texNumber(1 - eps, 4)}\\,${w}\\ln p_{y} - \\frac{${texNumber(eps, 4)}}{C}\\sum_{c} ${wc}\\ln p_{c},\\quad ${p}`;
    },
    derivativeTex(params) {
      const eps = params?.label_smoothing;
      const logit = '\\frac{\\partial \\ell}{\\partial x_{c}} = p_{c} - \\mathbb{1}[c = y]';
      if (eps === undefined) return `\\frac{\\partial \\ell}{\\partial p_t} = -\\frac{1-\\varepsilon/2}{p_t} + \\frac{\\varepsilon/2}{1-p_t}\\ (C = 2),\\quad ${logit}\\ (\\varepsilon = 0)`;
      if (eps === 0) return `\\frac{\\partial \\ell}{\\partial p_t} = -\\frac{1}{p_t},\\quad ${logit}`;
      return `\\frac{\\partial \\ell}{\\partial p_t} = -\\frac{${texNumber(1 - eps / 2, 4)}}{p_t} + \\frac{${texNumber(eps / 2, 4)}}{1-p_t}\\ (C = 2)`;
    },
    plain: symbolsOnly('l = −(1−ε)·w[y]·ln softmax(x)[y] − (ε/C)·Σ_c w[c]·ln softmax(x)[c]'),
  },
  curve: {
    // Two classes, so that label smoothing is visible: l = −(1 − ε/2)·ln p_t − (ε/2)·ln(1 − p_t),
    // which is −ln p_t at ε = 0 and has its minimum at p_t = 1 − ε/2 rather than at 1.
    axis: ptAxis,
    at(z, params) {
      const e = params.label_smoothing / 2;
      return { loss: -(1 - e) * Math.log(z) - (e === 0 ? 0 : e * Math.log(1 - z)), grad: -(1 - e) / z + (e === 0 ? 0 : e / (1 - z)) };
    },
    points: (inputs, params) => cePoints(inputs, params.ignore_index, true),
  },
  classes: classesOf,
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = requireTensor(inputs.target, 'target', 'cross_entropy', { en: "class indices [N, d1..dk] or probabilities with the input's shape", 'zh-cn': '类别索引 [N, d1..dk]，或与 input 形状相同的概率' });
    const L = classLayout(input, { en: 'logits for cross_entropy', 'zh-cn': 'cross_entropy 的 logits' });
    checkClassVector(params.weight, 'weight', L.C);
    const probTargets = sameShape(target.shape, input.shape);
    let out: CeKernelOut;
    let denominator: number;
    if (probTargets) {
      denominator = L.outer * L.inner;
      out = ceProbKernel(input.data, target.data, L, params.weight, params.label_smoothing, gradientScale(reduction, denominator));
    } else {
      const y = indexTarget(target, input, L, params.ignore_index, true).data;
      denominator = denominatorOf(y, params);
      out = ceIndexKernel(input.data, y, L, params.weight, params.ignore_index, params.label_smoothing, gradientScale(reduction, denominator));
    }
    const intermediates: Intermediate[] = [probabilitiesIntermediate(input, L)];
    if (out.pt) intermediates.push(intermediate('p_t', 'p_t', 'probability of the target class (NaN where ignored)', '目标类别的概率（被忽略处为 NaN）', L.rowShape, out.pt));
    const done = finishScaled({
      unreduced: { shape: L.rowShape, data: out.loss },
      grad: { shape: input.shape, data: out.grad },
      reduction,
      meanDenominator: denominator,
      intermediates,
    });
    // A mean over zero total weight: PyTorch's (1−ε)·(0/0) + ε·(s/0) is NaN, not ±∞, whatever the smoothing adds.
    return reduction === 'mean' && denominator === 0 ? { ...done, value: NaN } : done;
  },
  worked(inputs, params, output, reduction, count) {
    const L = classLayout(inputs.input, 'input');
    const prob = findIntermediate(output, 'probabilities')!;
    const t = inputs.target!;
    const probTargets = sameShape(t.shape, inputs.input.shape);
    const steps = elementSteps(output, count, (r) => {
      if (!probTargets && t.data[r] === params.ignore_index) return `0\\quad(\\text{target} = ${params.ignore_index} = \\text{ignore\\_index})`;
      const coef = probTargets ? probTargetCoefficients(L, t.data, r, params.weight, params.label_smoothing) : indexCoefficients(L, t.data[r], params.weight, params.label_smoothing);
      return weightedLogSumTex(coef, rowProbs(L, prob, r), probTargets ? null : t.data[r]);
    }, (r) => rowLabel(L, r));
    const weighted = !probTargets && params.weight !== null;
    const ignored = !probTargets && t.data.some((v) => v === params.ignore_index);
    const denom = probTargets ? L.outer * L.inner : weighted || ignored ? denominatorOf(t.data, params) : L.outer * L.inner;
    return { steps, total: output.unreduced.data.length, reduction: reductionStep(output, reduction, denominatorTex(denom, weighted)) };
  },
  sample(rng, n) {
    const s = sampleClassInput(rng, n);
    return {
      inputs: { input: { shape: s.shape, data: s.x }, target: { shape: [s.N], data: s.y }, extra: {} },
      params: { label_smoothing: 0.1 },
    };
  },
});

function denominatorOf(y: Float64Array, params: { weight: Float64Array | null; ignore_index: number }): number {
  // The parameters in locals: read through `params` they were reloaded every element (a quarter of
  // nll_loss's time at 10^6).
  const w = params.weight;
  const ignore = params.ignore_index;
  let d = 0;
  if (w === null) for (let i = 0; i < y.length; i++) d += +(y[i] !== ignore);
  else for (let i = 0; i < y.length; i++) if (y[i] !== ignore) d += w[y[i]];
  return d;
}

// ---------------------------------------------------------------------------------------------
// nll_loss
// ---------------------------------------------------------------------------------------------

/**
 * What mean divides by (the non-ignored count, or their Σ w[y]), checking every target as it goes:
 * one pass instead of a check pass and a sum pass. A bad target is reported by indexTarget, which
 * finds the same first offender.
 */
function nllDenominator(target: Tensor, input: Tensor, L: ClassLayout, w: Float64Array | null, ignore: number): number {
  const y = target.data;
  const C = L.C;
  let d = 0;
  for (let r = 0; r < y.length; r++) {
    const cls = y[r]!;
    if (cls === ignore) continue;
    if (!(cls >= 0 && cls < C && Math.floor(cls) === cls)) indexTarget(target, input, L, ignore, false);
    d += w === null ? 1 : w[cls]!;
  }
  return d;
}

/**
 * Rows [from, to) of nll_loss (core/blocks.ts): −w[y]·x_y summed into `total`, the gradient −w[y]
 * at the target class scaled by the reduction. A row r is sample
 * n = ⌊r/inner⌋ at spatial offset s = r − n·inner, its class c at (n·C + c)·inner + s.
 */
function nllRows(x: Float64Array, y: Float64Array, w: Float64Array | null, ignore: number, C: number, inner: number, grad: Float64Array, scale: number, from: number, to: number, total: number): number {
  if (inner === 1 && w === null) return nllFlatRows(x, y, ignore, C, grad, scale, from, to, total);
  let n = Math.floor(from / inner);
  let s = from - n * inner;
  for (let r = from; r < to; r++) {
    const cls = y[r]!;
    if (cls !== ignore) {
      const k = (n * C + cls) * inner + s;
      const wy = w === null ? 1 : w[cls]!;
      total += -wy * x[k]!;
      grad[k] = -wy * scale;
    }
    if (++s === inner) {
      s = 0;
      n++;
    }
  }
  return total;
}

/**
 * nllRows for [N, C] inputs without weights (the common case): row r's class c is at r·C + c, in
 * integer arithmetic (the class is checked to be an integer in [0, C)); the general index is a
 * floating-point product V8 converts back with a check on every row.
 */
function nllFlatRows(x: Float64Array, y: Float64Array, ignore: number, C: number, grad: Float64Array, scale: number, from: number, to: number, total: number): number {
  const g = -scale;
  for (let r = from, base = from * C; r < to; r++, base += C) {
    const cls = y[r]!;
    if (cls === ignore) continue;
    const k = base + (cls | 0);
    total += -x[k]!;
    grad[k] = g;
  }
  return total;
}

interface NllParams {
  weight: Float64Array | null;
  ignore_index: number;
}

const nllLoss = defineLoss<NllParams>({
  id: 'nll_loss',
  names: { en: 'Negative log-likelihood loss', 'zh-cn': '负对数似然损失（NLL）' },
  category: 'classification',
  input: 'log-probabilities',
  target: 'class-indices',
  extra: [],
  params: { weight: weightParam, ignore_index: ignoreIndexParam },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.nll_loss',
  summary: {
    en: 'Picks −w[y]·x[y], the negated input at the true class. Feed it log-probabilities (a LogSoftmax layer at the end of the network); nll_loss(log_softmax(x)) is exactly cross_entropy(x). It does not normalise its input, so passing raw logits or probabilities gives a number that is not a likelihood. Targets are class indices in [0, C−1] or ignore_index.',
    'zh-cn': '取真实类别处输入的相反数 −w[y]·x[y]。输入应为对数概率（在网络最后加 LogSoftmax 层）；nll_loss(log_softmax(x)) 与 cross_entropy(x) 完全相同。它不会对输入做归一化，直接传入 logits 或概率得到的数值不是似然。目标是 [0, C−1] 内的类别索引或 ignore_index。',
  },
  formula: {
    tex: (params) => (params !== null && params.weight === null ? '\\ell = -x_{y}' : '\\ell = -w_{y}\\,x_{y}'),
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial p_t} = -\\frac{1}{p_t}\\ (x_{y} = \\ln p_t),\\quad \\frac{\\partial \\ell}{\\partial x_{c}} = -w_{y}\\,\\mathbb{1}[c = y]',
    plain: symbolsOnly('l = −w[y]·x[y]'),
  },
  curve: {
    // The input is ln p, so on the p_t axis the loss is −ln p_t, as for cross entropy.
    axis: ptAxis,
    at: (z) => ({ loss: -Math.log(z), grad: -1 / z }),
    points: (inputs, params) => cePoints(inputs, params.ignore_index, false),
  },
  classes: classesOf,
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = requireTensor(inputs.target, 'target', 'nll_loss', { en: 'class indices [N, d1..dk]', 'zh-cn': '类别索引 [N, d1..dk]' });
    const L = classLayout(input, { en: 'log-probabilities for nll_loss', 'zh-cn': 'nll_loss 的对数概率' });
    checkClassVector(params.weight, 'weight', L.C);
    // The shape here; the values in the pass that sums the weights (indexTarget's messages either way).
    if (!sameShape(target.shape, L.rowShape)) indexTarget(target, input, L, params.ignore_index, false);
    const y = target.data;
    const x = input.data;
    const w = params.weight;
    const ignore = params.ignore_index;
    const rows = L.outer * L.inner;
    const denominator = nllDenominator(target, input, L, w, ignore);
    const scale = gradientScale(reduction, denominator);
    // Only the target class of each row is written: the rest must read 0.
    const grad = takeZeroed(x.length);
    const { C, inner } = L;
    const total = sumBlocks(rows, (from, to, sum) => nllRows(x, y, w, ignore, C, inner, grad, scale, from, to, sum));
    // x_y and the per-row losses are read again when a report asks for them, the losses by the
    // kernel's own expression: at 10^6 elements the two arrays filled on every evaluation cost
    // more than the rest of the kernel.
    const picked = (): Float64Array => {
      const out = new Float64Array(rows);
      for (let r = 0; r < rows; r++) out[r] = y[r] === ignore ? NaN : x[at(L, r, y[r]!)]!;
      return out;
    };
    const losses = (): Float64Array => {
      const xy = picked();
      const loss = new Float64Array(rows);
      for (let r = 0; r < rows; r++) if (y[r] !== ignore) loss[r] = -(w === null ? 1 : w[y[r]]!) * xy[r]!;
      return loss;
    };
    const intermediates = [lazyIntermediate('x_y', 'x_{y}', 'input at the target class (NaN where ignored)', '目标类别处的输入（被忽略处为 NaN）', L.rowShape, picked)];
    const gradient: Tensor = { shape: input.shape, data: grad };
    if (reduction === 'none') {
      const unreduced: Tensor = { shape: L.rowShape, data: losses() };
      return { value: unreduced, unreduced, grad: gradient, gradExtra: {}, intermediates };
    }
    let lazy: Tensor | undefined;
    return {
      // A mean over nothing (every target ignored) is 0/0 = NaN, as in PyTorch.
      value: reduction === 'sum' ? total : total / denominator,
      grad: gradient,
      gradExtra: {},
      intermediates,
      get unreduced(): Tensor {
        lazy ??= { shape: L.rowShape, data: losses() };
        return lazy;
      },
    };
  },
  worked(inputs, params, output, reduction, count) {
    const L = classLayout(inputs.input, 'input');
    const y = inputs.target!.data;
    const xy = findIntermediate(output, 'x_y')!;
    const steps = elementSteps(output, count, (r) => {
      if (y[r] === params.ignore_index) return `0\\quad(\\text{target} = ${params.ignore_index} = \\text{ignore\\_index})`;
      const w = params.weight === null ? '' : `${texNumber(params.weight[y[r]])}\\cdot`;
      return `-${w}${texNumber(xy[r], 3, true)}`;
    }, (r) => rowLabel(L, r));
    const weighted = params.weight !== null;
    const ignored = y.some((v) => v === params.ignore_index);
    const denom = weighted || ignored ? denominatorOf(y, params) : L.outer * L.inner;
    return { steps, total: output.unreduced.data.length, reduction: reductionStep(output, reduction, denominatorTex(denom, weighted)) };
  },
  sample(rng, n) {
    const s = sampleClassInput(rng, n);
    // Log-probabilities: log_softmax of the sampled logits.
    const prob = softmax(s.x, classLayout({ shape: s.shape, data: s.x }, 'input'));
    for (let i = 0; i < prob.length; i++) prob[i] = Math.log(prob[i]);
    return { inputs: { input: { shape: s.shape, data: prob }, target: { shape: [s.N], data: s.y }, extra: {} } };
  },
});

// ---------------------------------------------------------------------------------------------
// categorical_cross_entropy
// ---------------------------------------------------------------------------------------------

function badProbability(t: Tensor, i: number): never {
  const at = `input${indexString(t.shape, i)}`;
  return fail(
    'invalid_probability',
    {
      en: `${at} is ${t.data[i]}, but categorical_cross_entropy takes probabilities in [0, 1] (already soft-maxed). For logits use cross_entropy.`,
      'zh-cn': `${at} 为 ${t.data[i]}，但 categorical_cross_entropy 接受的是 [0, 1] 范围内的概率（已经过 softmax）。若是 logits，请使用 cross_entropy。`,
    },
    { tensor: 'input' },
  );
}

function badTarget(t: Tensor, i: number): never {
  const at = `target${indexString(t.shape, i)}`;
  return fail(
    'invalid_probability',
    { en: `${at} is ${t.data[i]}, but a target with the input's shape holds probabilities (or one-hot rows) in [0, 1].`, 'zh-cn': `${at} 为 ${t.data[i]}，但与 input 形状相同的 target 应是 [0, 1] 范围内的概率（或 one-hot 行）。` },
    { tensor: 'target' },
  );
}

/**
 * Probability targets: l = −Σ_c t_c·ln p_c, dl/dp_c = −t_c/p_c, with the value checks in the same pass.
 */
function cceProbKernel(input: Tensor, target: Tensor, L: ClassLayout, scale: number, loss: Float64Array, grad: Float64Array): void {
  const { C, inner } = L;
  forBlocks(L.outer * inner, (from, to) => cceProbRows(input, target, input.data, target.data, C, inner, scale, loss, grad, from, to));
}

/** Rows [from, to) (core/blocks.ts): row r is sample n = ⌊r/inner⌋ at spatial offset r − n·inner. */
function cceProbRows(input: Tensor, target: Tensor, p: Float64Array, t: Float64Array, C: number, inner: number, scale: number, loss: Float64Array, grad: Float64Array, from: number, to: number): void {
  if (inner === 1) cceFourRows(input, target, p, t, C, scale, loss, grad, from, to);
  else cceRows(input, target, p, t, C, inner, scale, loss, grad, from, to);
}

/** Element by element, row by row: the general layout, and rows the four-row path hands back. */
function cceRows(input: Tensor, target: Tensor, p: Float64Array, t: Float64Array, C: number, inner: number, scale: number, loss: Float64Array, grad: Float64Array, from: number, to: number): void {
  let n = Math.floor(from / inner);
  let s = from - n * inner;
  for (let r = from; r < to; r++) {
    let l = 0;
    for (let c = 0, k = n * C * inner + s; c < C; c++, k += inner) {
      const pk = p[k]!;
      const tc = t[k]!;
      // The value checks ride along in the one pass; a bad value throws, so nothing partial escapes.
      if (!(pk >= 0 && pk <= 1)) badProbability(input, k);
      if (!(tc >= 0 && tc <= 1)) badTarget(target, k);
      // A zero target term contributes exactly 0 and no gradient, even where p_c = 0.
      if (tc === 0) {
        grad[k] = 0;
        continue;
      }
      l -= tc * Math.log(pk);
      grad[k] = (-tc / pk) * scale;
    }
    loss[r] = l;
    if (++s === inner) {
      s = 0;
      n++;
    }
  }
}

/**
 * [N, C] rows four at a time, class by class in lockstep: each row still sums its classes in order,
 * with four independent sums in flight and one array check per four elements (V8 re-checks every
 * array on each access of each iteration). Four rows whose values are all in range with targets
 * > 0 take this path (17.8 -> 12.2 ms at 1e6, q1 of 4 processes); any other group (a zero target
 * term, a bad value, which it then reports in order) and the remainder rows go through cceRows,
 * which writes every entry this path might have written.
 */
function cceFourRows(input: Tensor, target: Tensor, p: Float64Array, t: Float64Array, C: number, scale: number, loss: Float64Array, grad: Float64Array, from: number, to: number): void {
  let r = from;
  for (; r + 4 <= to; r += 4) {
    let l0 = 0;
    let l1 = 0;
    let l2 = 0;
    let l3 = 0;
    let c = 0;
    for (let k = r * C; c < C; c++, k++) {
      const k1 = k + C;
      const k2 = k1 + C;
      const k3 = k2 + C;
      const p0 = p[k]!;
      const p1 = p[k1]!;
      const p2 = p[k2]!;
      const p3 = p[k3]!;
      const t0 = t[k]!;
      const t1 = t[k1]!;
      const t2 = t[k2]!;
      const t3 = t[k3]!;
      if (!(p0 >= 0 && p0 <= 1 && p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1 && p3 >= 0 && p3 <= 1 && t0 > 0 && t0 <= 1 && t1 > 0 && t1 <= 1 && t2 > 0 && t2 <= 1 && t3 > 0 && t3 <= 1)) break;
      l0 -= t0 * Math.log(p0);
      l1 -= t1 * Math.log(p1);
      l2 -= t2 * Math.log(p2);
      l3 -= t3 * Math.log(p3);
      grad[k] = (-t0 / p0) * scale;
      grad[k1] = (-t1 / p1) * scale;
      grad[k2] = (-t2 / p2) * scale;
      grad[k3] = (-t3 / p3) * scale;
    }
    if (c < C) {
      cceRows(input, target, p, t, C, 1, scale, loss, grad, r, r + 4);
      continue;
    }
    loss[r] = l0;
    loss[r + 1] = l1;
    loss[r + 2] = l2;
    loss[r + 3] = l3;
  }
  if (r < to) cceRows(input, target, p, t, C, 1, scale, loss, grad, r, to);
}

type NoParams = Record<string, never>;

const categoricalCrossEntropy = defineLoss<NoParams>({
  id: 'categorical_cross_entropy',
  names: { en: 'Categorical cross entropy (on probabilities)', 'zh-cn': '分类交叉熵（输入为概率）' },
  category: 'classification',
  input: 'probabilities',
  target: 'class-indices-or-probabilities',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Textbook cross entropy H(t, p) = −Σ_c t_c·ln p_c on soft-maxed predictions (Keras categorical_crossentropy with from_logits=False); equals torch.nn.functional.cross_entropy(ln p, t).',
    'zh-cn': '教科书中的交叉熵 H(t, p) = −Σ_c t_c·ln p_c，作用于经过 softmax 的预测（Keras 的 categorical_crossentropy，from_logits=False）；等于 torch.nn.functional.cross_entropy(ln p, t)。',
  },
  summary: {
    en: 'Cross entropy written on probabilities: −Σ_c t_c·ln p_c, where p is already soft-maxed and t is a one-hot row, a probability row or a class index. It is the form the textbooks and the cross-entropy article use; in PyTorch it is cross_entropy(ln p, t). Prefer cross_entropy on logits in training: it is numerically stable, while ln p of an underflowed probability is −∞.',
    'zh-cn': '直接在概率上写出的交叉熵：−Σ_c t_c·ln p_c，其中 p 已经过 softmax，t 为 one-hot 行、概率行或类别索引。这是教科书和交叉熵文章中的写法；在 PyTorch 中等于 cross_entropy(ln p, t)。训练时应优先在 logits 上使用 cross_entropy：它数值稳定，而下溢为 0 的概率取对数会得到 −∞。',
  },
  formula: {
    tex: () => '\\ell = -\\sum_{c} t_{c}\\ln p_{c}',
    // The one-hot case in symbols (t = e_y), not words: the formula is shown as is in every language.
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial p_{c}} = -\\frac{t_{c}}{p_{c}},\\quad t = e_y \\;\\Rightarrow\\; \\tfrac{\\partial \\ell}{\\partial p_y} = -\\tfrac{1}{p_y}',
    plain: symbolsOnly('l = −Σ_c t_c·ln p_c'),
  },
  curve: {
    axis: ptAxis,
    at: (z) => ({ loss: -Math.log(z), grad: -1 / z }),
    points(inputs) {
      const x = inputs.input.data;
      const logs = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) logs[i] = Math.log(x[i]);
      return cePoints({ ...inputs, input: { shape: inputs.input.shape, data: logs } }, null, false);
    },
  },
  classes: classesOf,
  compute(inputs, _params, reduction) {
    const input = inputs.input;
    const target = requireTensor(inputs.target, 'target', 'categorical_cross_entropy', {
      en: "one-hot or probability rows with the input's shape, or class indices [N, d1..dk]",
      'zh-cn': '与 input 形状相同的 one-hot 行或概率行，或类别索引 [N, d1..dk]',
    });
    const L = classLayout(input, { en: 'probabilities for categorical_cross_entropy', 'zh-cn': 'categorical_cross_entropy 的概率' });
    const p = input.data;
    const { C, inner } = L;
    const rows = L.outer * inner;
    const loss = takeArray(rows);
    // Index targets write one class per row, so the gradient starts at zero; probability targets
    // write every entry (cceRows writes the 0 of a zero target term itself).
    const indexTargets = !sameShape(target.shape, input.shape);
    const grad = indexTargets ? takeZeroed(p.length) : takeArray(p.length);
    const scale = gradientScale(reduction, rows);
    if (sameShape(target.shape, input.shape)) {
      cceProbKernel(input, target, L, scale, loss, grad);
    } else {
      for (let k = 0; k < p.length; k++) if (!(p[k] >= 0 && p[k] <= 1)) badProbability(input, k);
      const y = indexTarget(target, input, L, null, true).data;
      for (let r = 0; r < rows; r++) {
        const n = (r / inner) | 0;
        const k = n * C * inner + y[r] * inner + (r - n * inner);
        loss[r] = -Math.log(p[k]);
        grad[k] = (-1 / p[k]) * scale;
      }
    }
    return finishScaled({ unreduced: { shape: L.rowShape, data: loss }, grad: { shape: input.shape, data: grad }, reduction, meanDenominator: rows });
  },
  worked(inputs, _params, output, reduction, count): WorkedExample {
    const L = classLayout(inputs.input, 'input');
    const t = inputs.target!;
    const probTargets = sameShape(t.shape, inputs.input.shape);
    const steps = elementSteps(output, count, (r) => {
      const coef = probTargets ? probTargetCoefficients(L, t.data, r, null, 0) : indexCoefficients(L, t.data[r], null, 0);
      return weightedLogSumTex(coef, rowProbs(L, inputs.input.data, r), probTargets ? null : t.data[r]);
    }, (r) => rowLabel(L, r));
    return { steps, total: output.unreduced.data.length, reduction: reductionStep(output, reduction) };
  },
  sample(rng, n) {
    const s = sampleClassInput(rng, n);
    const L = classLayout({ shape: s.shape, data: s.x }, 'input');
    const prob = softmax(s.x, L);
    // Soft targets (softmax of other logits) keep every term differentiable.
    const tl = new Float64Array(s.x.length);
    for (let i = 0; i < tl.length; i++) tl[i] = rng.normal();
    const t = softmax(tl, L);
    return { inputs: { input: { shape: s.shape, data: prob }, target: { shape: s.shape, data: t }, extra: {} } };
  },
});

const losses: readonly AnyLoss[] = [crossEntropy, nllLoss, categoricalCrossEntropy];
export default losses;
