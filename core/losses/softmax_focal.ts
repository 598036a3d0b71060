/**
 * Softmax focal loss (Lin et al. 2017, eq. 5, extended from the sigmoid to C classes): cross entropy
 * scaled by (1 − p_t)^γ so that easy, well-classified samples stop dominating the loss. PyTorch has
 * no such function; the definition is the spec's.
 */
import { requireTensor } from '../check.js';
import { fail } from '../errors.js';
import { expFast } from '../fastmath.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type Reduction } from '../loss.js';
import { numberParam, unionParam, type ParamContext } from '../params.js';
import { takeArray } from '../pool.js';
import { finishScaled, gradientScale } from '../reduction.js';
import { elementSteps, reductionStep } from '../worked.js';
import {
  at,
  checkClassVector,
  classesOf,
  classLayout,
  findIntermediate,
  indexTarget,
  intermediate,
  ptAxis,
  rowLabel,
  sampleClassInput,
  probabilitiesIntermediate,
  softmax,
} from './cross_entropy.js';
import { symbolsOnly } from '../localized.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

type Alpha = number | Float64Array | null;

interface FocalParams {
  alpha: Alpha;
  gamma: number;
  ignore_index: number;
}

function asFiniteNonNegative(v: unknown): number | undefined {
  const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(x) && x >= 0 ? x : undefined;
}

function parseAlphaList(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Float64Array) return Array.from(v);
  if (typeof v !== 'string' || !v.trim().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const alphaParam = unionParam<Alpha>({
  default: null,
  doc: {
    en: 'Class balance α_t: null (no weighting), one number for every class, or a list of C per-class weights (e.g. inverse class frequencies). The mean divides by the number of non-ignored elements, not by Σα_t.',
    'zh-cn': '类别平衡系数 α_t：null（不加权）、所有类别共用的一个数，或长度为 C 的每类权重列表（如各类样本数的倒数）。mean 归约除以未忽略元素的个数，而不是 Σα_t。',
  },
  allowed: { en: 'null, a number ≥ 0, or a list of C numbers ≥ 0', 'zh-cn': 'null、≥ 0 的数，或长度为 C 的 ≥ 0 数列' },
  slider: { min: 0, max: 1, step: 0.05 },
  variants: [
    (v) => (v === null || v === 'null' || v === 'None' ? null : undefined),
    (v) => (Array.isArray(v) || v instanceof Float64Array || (typeof v === 'string' && v.trim().startsWith('[')) ? undefined : asFiniteNonNegative(v)),
    (v, name, ctx: ParamContext | null) => {
      const list = parseAlphaList(v);
      if (list === undefined) return undefined;
      const data = new Float64Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const x = asFiniteNonNegative(list[i]);
        if (x === undefined) {
          const v = JSON.stringify(list[i]);
          fail('invalid_param', { en: `Parameter "${name}"[${i}] is ${v}, but per-class α values must be numbers ≥ 0.`, 'zh-cn': `参数 "${name}"[${i}] 为 ${v}，但每个类别的 α 值必须是 ≥ 0 的数。` }, { param: name });
        }
        data[i] = x;
      }
      if (ctx?.classes !== undefined) checkClassVector(data, name, ctx.classes);
      return data;
    },
  ],
});

function alphaTex(alpha: Alpha): string {
  if (alpha === null) return '';
  if (typeof alpha === 'number') return `${texNumber(alpha, 4)}\\,`;
  return '\\alpha_{y}\\,';
}

/** −α·(1−p)^γ·ln p and its derivative in p (the curve; α as a scalar, 1 for null or a vector). */
function focalAt(p: number, gamma: number, alpha: number): { loss: number; grad: number } {
  const u = 1 - p;
  const lp = Math.log(p);
  const ug = gamma === 0 ? 1 : Math.pow(u, gamma);
  const dug = gamma === 0 ? 0 : u === 0 ? (gamma === 1 ? -1 : gamma > 1 ? 0 : -Infinity) : -gamma * Math.pow(u, gamma - 1);
  return { loss: -alpha * ug * lp, grad: -alpha * (dug * lp + ug / p) };
}

const softmaxFocal = defineLoss<FocalParams>({
  id: 'softmax_focal_loss',
  names: { en: 'Softmax focal loss', 'zh-cn': 'Softmax Focal Loss（多分类焦点损失）' },
  category: 'classification',
  input: 'logits',
  target: 'class-indices',
  extra: [],
  params: {
    alpha: alphaParam,
    gamma: numberParam({
      default: 2,
      min: 0,
      slider: { min: 0, max: 5, step: 0.1 },
      doc: { en: 'Focusing parameter γ ≥ 0: the factor (1 − p_t)^γ shrinks the loss of easy samples; γ = 0 is cross entropy, γ = 2 is the paper\'s choice.', 'zh-cn': '聚焦参数 γ ≥ 0：因子 (1 − p_t)^γ 降低易分样本的损失；γ = 0 即交叉熵，论文推荐 γ = 2。' },
    }),
    ignore_index: numberParam({
      default: -100,
      integer: true,
      doc: { en: 'Target value whose elements are dropped (output 0, no gradient, not counted in the mean). May equal a real class id.', 'zh-cn': '取此值的目标元素被忽略（输出 0、无梯度、不计入均值个数）；可以等于真实类别编号。' },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Lin, Goyal, Girshick, He & Dollár, "Focal Loss for Dense Object Detection", ICCV 2017, eq. 5, extended to C classes with softmax',
    'zh-cn': 'Lin, Goyal, Girshick, He & Dollár，"Focal Loss for Dense Object Detection"，ICCV 2017，式 5，用 softmax 推广到 C 个类别',
  },
  summary: {
    en: 'Cross entropy multiplied by (1 − p_t)^γ: samples the model already gets right (p_t near 1) contribute almost nothing, so training concentrates on hard, misclassified ones. Made for dense detection and segmentation, where easy background examples vastly outnumber the rest. α_t balances classes (a list of C weights, e.g. inverse frequencies); γ sets how hard the focusing is (γ = 0 is plain cross entropy, 2 works best in the paper). Unlike the widely copied snippet (one α for every class, p_t recovered as exp(−CE), which breaks as soon as that CE is reduced or class-weighted, no ignore_index), α_t is per class, p_t is the softmax probability itself, and ignored pixels leave both the sum and the count the mean divides by.',
    'zh-cn': '在交叉熵上乘以 (1 − p_t)^γ：模型已经分对的易分样本（p_t 接近 1）几乎不再贡献损失，训练因此集中在难分、分错的样本上。适用于密集检测和分割这类简单背景样本远多于其他样本的场景。α_t 用于平衡类别（长度为 C 的权重，例如各类样本数的倒数）；γ 控制聚焦程度（γ = 0 即普通交叉熵，论文中 γ = 2 最好）。与广泛流传的写法（所有类别共用一个 α；用 exp(−CE) 反推 p_t，一旦 CE 被归约或按类别加权就会出错；不支持 ignore_index）不同，这里 α_t 按类别取值，p_t 直接取 softmax 概率，被忽略的像素既不计入求和也不计入均值的个数。',
  },
  formula: {
    tex(params) {
      if (params === null) return '\\ell = -\\alpha_t\\,(1 - p_t)^{\\gamma}\\ln p_t,\\quad p_t = \\frac{e^{x_{y}}}{\\sum_{c} e^{x_{c}}}';
      return `\\ell = -${alphaTex(params.alpha)}(1 - p_t)^{${texNumber(params.gamma, 4)}}\\ln p_t,\\quad p_t = \\frac{e^{x_{y}}}{\\sum_{c} e^{x_{c}}}`;
    },
    derivativeTex(params) {
      const g = params === null ? '\\gamma' : texNumber(params.gamma, 4);
      const gm1 = params === null ? '\\gamma - 1' : texNumber(params.gamma - 1, 4);
      const a = params === null ? '\\alpha_t\\,' : alphaTex(params.alpha);
      return `\\frac{\\partial \\ell}{\\partial p_t} = ${a}\\left[${g}\\,(1 - p_t)^{${gm1}}\\ln p_t - \\frac{(1 - p_t)^{${g}}}{p_t}\\right]`;
    },
    plain: symbolsOnly('l = −α_t·(1 − p_t)^γ·ln p_t, p_t = softmax(x)[y]'),
  },
  curve: {
    // Lin et al., fig. 1: the loss over p_t for γ ∈ {0, 0.5, 1, 2, 5}.
    axis: ptAxis,
    family: { param: 'gamma', values: [0, 0.5, 1, 2, 5] },
    at: (z, params) => focalAt(z, params.gamma, typeof params.alpha === 'number' ? params.alpha : 1),
    points(inputs, params) {
      const target = inputs.target;
      if (target === null) return null;
      const L = classLayout(inputs.input, 'input');
      const rows = L.outer * L.inner;
      const prob = softmax(inputs.input.data, L);
      const out = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        const y = target.data[r];
        out[r] = y === params.ignore_index || !(y >= 0 && y < L.C) ? NaN : prob[at(L, r, y)];
      }
      return out;
    },
  },
  classes: classesOf,
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = requireTensor(inputs.target, 'target', 'softmax_focal_loss', { en: 'class indices [N, d1..dk]', 'zh-cn': '类别索引 [N, d1..dk]' });
    const L = classLayout(input, { en: 'logits for softmax_focal_loss', 'zh-cn': 'softmax_focal_loss 的 logits' });
    const alpha = params.alpha;
    const alphaVec = alpha instanceof Float64Array ? alpha : null;
    const alphaScalar = alpha === null ? 1 : typeof alpha === 'number' ? alpha : NaN;
    checkClassVector(alphaVec, 'alpha', L.C);
    const y = indexTarget(target, input, L, params.ignore_index, false).data;
    const x = input.data;
    const { C, inner } = L;
    const rows = L.outer * inner;
    const gamma = params.gamma;
    const ignore = params.ignore_index;
    // Recycled arrays (core/pool.ts): ignored rows write their zeros themselves.
    const loss = takeArray(rows);
    const grad = takeArray(x.length);
    const ptOut = new Float64Array(rows);
    const alphaOut = new Float64Array(rows);
    const factorOut = new Float64Array(rows);
    let count = 0;
    for (let r = 0; r < rows; r++) if (y[r] !== ignore) count++;
    const scale = gradientScale(reduction, count);
    for (let n = 0; n < L.outer; n++) {
      const block = n * C * inner;
      for (let s = 0; s < inner; s++) {
        const r = n * inner + s;
        const cls = y[r];
        if (cls === ignore) {
          ptOut[r] = NaN;
          alphaOut[r] = NaN;
          factorOut[r] = NaN;
          loss[r] = 0;
          for (let c = 0, k = block + s; c < C; c++, k += inner) grad[k] = 0;
          continue;
        }
        // Log-softmax of the row, as in cross_entropy: e^(x − max) parked in the gradient's slots.
        const base = block + s;
        let m = -Infinity;
        for (let c = 0, k = base; c < C; c++, k += inner) if (x[k] > m) m = x[k];
        let sum = 0;
        for (let c = 0, k = base; c < C; c++, k += inner) {
          const e = expFast(x[k] - m);
          grad[k] = e;
          sum += e;
        }
        const ky = base + cls * inner;
        const ey = grad[ky];
        // The other classes' share, summed directly: 1 − p_t = others/sum has no cancellation, even
        // where p_t rounds to 1 (logits ±50), and −ln p_t = log1p(others/e_y) stays accurate there too.
        let others = 0;
        for (let c = 0, k = base; c < C; c++, k += inner) if (k !== ky) others += grad[k];
        const lp = others < ey ? -Math.log1p(others / ey) : x[ky] - m - Math.log(sum);
        const pt = ey / sum;
        const u = others / sum;
        const a = alphaVec === null ? alphaScalar : alphaVec[cls];
        const ug = gamma === 0 ? 1 : gamma === 1 ? u : gamma === 2 ? u * u : Math.pow(u, gamma);
        // dl/dx_c = G·(p_c − [c = y]) with G = α·((1−p)^γ − γ·(1−p)^(γ−1)·p·ln p). At u = 0 exactly
        // (every other class underflowed) the limit of the second term is 0, and 0^0 = 1 has no slope.
        const G = a * (gamma === 0 || u === 0 ? ug : ug - gamma * (ug / u) * pt * lp) * scale;
        const Gp = G / sum;
        loss[r] = -a * ug * lp;
        for (let c = 0, k = base; c < C; c++, k += inner) grad[k] *= Gp;
        grad[ky] -= G;
        ptOut[r] = pt;
        alphaOut[r] = a;
        factorOut[r] = ug;
      }
    }
    return finishScaled({
      unreduced: { shape: L.rowShape, data: loss },
      grad: { shape: input.shape, data: grad },
      reduction,
      meanDenominator: count,
      intermediates: [
        probabilitiesIntermediate(input, L),
        intermediate('p_t', 'p_t', 'probability of the target class (NaN where ignored)', '目标类别的概率（被忽略处为 NaN）', L.rowShape, ptOut),
        intermediate('alpha_t', '\\alpha_t', 'class weight α_t (NaN where ignored)', '类别权重 α_t（被忽略处为 NaN）', L.rowShape, alphaOut),
        intermediate('focal_factor', '(1-p_t)^{\\gamma}', 'modulating factor (1 − p_t)^γ (NaN where ignored)', '调制因子 (1 − p_t)^γ（被忽略处为 NaN）', L.rowShape, factorOut),
      ],
    });
  },
  worked(inputs, params, output, reduction, count) {
    const L = classLayout(inputs.input, 'input');
    const y = inputs.target!.data;
    const pt = findIntermediate(output, 'p_t')!;
    const alphaT = findIntermediate(output, 'alpha_t')!;
    const g = texNumber(params.gamma, 4);
    const steps = elementSteps(output, count, (r) => {
      if (y[r] === params.ignore_index) return `0\\quad(\\text{target} = ${params.ignore_index} = \\text{ignore\\_index})`;
      const a = params.alpha === null ? '' : `${texNumber(alphaT[r])}\\cdot`;
      return `-${a}(1 - ${texNumber(pt[r])})^{${g}}\\cdot\\ln ${texNumber(pt[r])}`;
    }, (r) => rowLabel(L, r));
    let kept = 0;
    for (let i = 0; i < y.length; i++) if (y[i] !== params.ignore_index) kept++;
    return { steps, total: output.unreduced.data.length, reduction: reductionStep(output, reduction, String(kept)) };
  },
  sample(rng, n) {
    const s = sampleClassInput(rng, n);
    const alpha: number[] = [];
    for (let c = 0; c < s.C; c++) alpha.push(0.25 + 0.5 * rng.next());
    return {
      inputs: { input: { shape: s.shape, data: s.x }, target: { shape: [s.N], data: s.y }, extra: {} },
      params: { gamma: 2, alpha: Float64Array.from(alpha) },
    };
  },
});

const losses: readonly AnyLoss[] = [softmaxFocal];
export default losses;
