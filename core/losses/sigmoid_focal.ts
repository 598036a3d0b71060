/**
 * Sigmoid focal loss, torchvision.ops.sigmoid_focal_loss (Lin et al. 2017, eq. 5): binary cross
 * entropy on logits scaled by (1 − p_t)^γ and by α_t, element by element (one-vs-rest for
 * multi-label or dense detection targets). Its default reduction is torchvision's, `none`.
 */
import { fail } from '../errors.js';
import { expFast } from '../fastmath.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss } from '../loss.js';
import { numberParam, unionParam } from '../params.js';
import type { Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';
import { badTarget, binaryTarget, fusedOutput, log1pUnit, ptAxis, ptOf, REDUCTIONS, sigmoidOf } from './binary_cross_entropy.js';
import { lazyIntermediate } from './cross_entropy.js';

interface FocalParams {
  alpha: number;
  gamma: number;
}

const alphaParam = unionParam<number>({
  default: 0.25,
  doc: {
    en: 'Weight α of the positives (1 − α for the negatives), so α_t = α·y + (1 − α)·(1 − y); −1 turns the weighting off, as in torchvision. The paper\'s 0.25 down-weights the positives: with γ = 2 the easy negatives are already suppressed.',
    'zh-cn': '正样本的权重 α（负样本为 1 − α），即 α_t = α·y + (1 − α)·(1 − y)；−1 表示不加权（与 torchvision 相同）。论文取 0.25，反而降低正样本权重：γ = 2 时大量易分负样本已被抑制。',
  },
  allowed: { en: 'a number in [0, 1], or −1 for no weighting', 'zh-cn': '[0, 1] 内的数，或 −1（不加权）' },
  slider: { min: 0, max: 1, step: 0.01 },
  variants: [
    (v) => {
      const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return x === -1 || (x >= 0 && x <= 1) ? x : undefined;
    },
  ],
});

const gammaParam = numberParam({
  default: 2,
  min: 0,
  slider: { min: 0, max: 5, step: 0.1 },
  doc: {
    en: 'Focusing parameter γ ≥ 0: (1 − p_t)^γ shrinks the loss of well-classified elements. γ = 0 is (α-balanced) BCE; the paper uses 2.',
    'zh-cn': '聚焦参数 γ ≥ 0：(1 − p_t)^γ 降低已分对元素的损失。γ = 0 即（α 平衡的）BCE；论文取 2。',
  },
});

/** u^γ with the common exponents as products (Math.pow is a call out of the JIT's code). */
function powGamma(u: number, gamma: number): number {
  return gamma === 2 ? u * u : gamma === 0 ? 1 : gamma === 1 ? u : Math.pow(u, gamma);
}

/** −α·(1 − p)^γ·ln p and its derivative in p: the loss of a positive given probability p = p_t. */
function focalAt(p: number, gamma: number, alpha: number): { loss: number; grad: number } {
  const a = alpha < 0 ? 1 : alpha;
  const u = 1 - p;
  const lp = Math.log(p);
  const ug = powGamma(u, gamma);
  const dug = gamma === 0 ? 0 : gamma * powGamma(u, gamma - 1);
  return { loss: -a * ug * lp, grad: a * (dug * lp - ug / p) };
}

/** 1 − p_t = σ(x)·(1 − y) + σ(−x)·y, without the cancellation of 1 − p_t where p_t rounds to 1. */
function oneMinusPt(a: number, t: number): number {
  const e = Math.exp(a < 0 ? a : -a);
  const r = 1 / (1 + e);
  return a >= 0 ? r * (1 - t) + e * r * t : e * r * (1 - t) + r * t;
}

/** The kernel, arrays as arguments (see binary_cross_entropy.ts's bceKernel on why). */
function focalKernel(x: Float64Array, y: Float64Array, target: Tensor, gamma: number, aPos: number, aNeg: number, loss: Float64Array | null, grad: Float64Array, scale: number, from: number, to: number, total: number): number {
  for (let i = from; i < to; i++) {
    const a = x[i];
    const t = y[i];
    if (!(t >= 0 && t <= 1)) badTarget(target);
    // As in binary_cross_entropy_with_logits: one e^(−|x|) gives p, 1 − p and both softplus.
    const e = expFast(-Math.abs(a));
    const lp = log1pUnit(e);
    const r = 1 / (1 + e);
    const er = e * r;
    const p = a >= 0 ? r : er;
    const q = a >= 0 ? er : r;
    const spNeg = a >= 0 ? lp : lp - a;
    const spPos = a >= 0 ? a + lp : lp;
    const s = 1 - t;
    const ce = t * spNeg + s * spPos;
    // 1 − p_t = p·(1 − y) + (1 − p)·y: a sum of non-negative terms, so there is no cancellation
    // where p_t rounds to 1 (x = 50 with y = 1 keeps its 1.9e-22).
    const u = p * s + q * t;
    const ug = powGamma(u, gamma);
    const at = aPos * t + aNeg * s;
    const v = at * ce * ug;
    if (loss !== null) loss[i] = v;
    total += v;
    // ∂ce/∂x = p − y, written (1 − y)·p − y·(1 − p) to keep both terms exact;
    // ∂u/∂x = p(1 − p)(1 − 2y). At u = 0 exactly (|x| beyond ~745) the limit of the second term
    // is 0, and for γ = 0 the factor is the constant 1 (torchvision's pow backward gives 0 there
    // too; for 0 < γ < 1 at u = 0 it gives 0·∞ = NaN).
    const dce = s * p - t * q;
    const du = gamma === 0 || u === 0 ? 0 : ce * gamma * (ug / u) * p * q * (1 - 2 * t);
    grad[i] = scale * at * (dce * ug + du);
  }
  return total;
}

const sigmoidFocal = defineLoss<FocalParams>({
  id: 'sigmoid_focal_loss',
  names: { en: 'Sigmoid focal loss', 'zh-cn': 'Sigmoid Focal Loss（焦点损失）' },
  category: 'classification',
  input: 'logits',
  target: 'binary-labels',
  extra: [],
  params: { alpha: alphaParam, gamma: gammaParam },
  reductions: REDUCTIONS,
  defaultReduction: 'none',
  pytorch: 'torchvision.ops.sigmoid_focal_loss',
  summary: {
    en: 'Binary cross entropy on logits multiplied by (1 − p_t)^γ, where p_t is the probability given to the true label: elements the model already gets right (p_t near 1) contribute almost nothing, so training concentrates on the hard ones. Made for dense object detection (RetinaNet), where easy background anchors outnumber objects a thousand to one, and useful for any heavily imbalanced binary or multi-label task. γ sets how strongly easy elements are discounted (0 is plain BCE, the paper uses 2); α_t = α for positives and 1 − α for negatives balances the classes (−1 turns it off). Balanced cross entropy only reweights by class frequency; focal loss also reweights by difficulty. torchvision returns the unreduced loss by default; RetinaNet sums it and divides by the number of positive anchors.',
    'zh-cn': '在 logits 上的二值交叉熵乘以 (1 − p_t)^γ，其中 p_t 是模型给真实标签的概率：已经分对的元素（p_t 接近 1）几乎不再贡献损失，训练因此集中在难分样本上。它为密集目标检测（RetinaNet）而设计，那里简单的背景锚框比目标多上千倍；也适用于任何严重不平衡的二分类或多标签任务。γ 控制易分样本被削弱的程度（0 即普通 BCE，论文取 2）；α_t 对正样本取 α、负样本取 1 − α，用于平衡类别（−1 表示不加权）。平衡交叉熵只按类别数量加权，focal loss 还按难易程度加权。torchvision 默认返回未归约的损失；RetinaNet 对其求和后除以正样本锚框的个数。',
  },
  formula: {
    tex(p) {
      const g = p === null ? '\\gamma' : texNumber(p.gamma, 4);
      const at = p === null || p.alpha >= 0 ? '\\alpha_t\\,' : '';
      const atDef = p === null ? ',\\ \\alpha_t = \\alpha y + (1 - \\alpha)(1 - y)' : p.alpha >= 0 ? `,\\ \\alpha_t = ${texNumber(p.alpha, 4)}\\,y + ${texNumber(1 - p.alpha, 4)}\\,(1 - y)` : '';
      return `\\ell = ${at}(1 - p_t)^{${g}}\\,\\operatorname{BCE}(x, y),\\quad p = \\sigma(x),\\ p_t = p\\,y + (1 - p)(1 - y)${atDef}`;
    },
    derivativeTex(p) {
      const g = p === null ? '\\gamma' : texNumber(p.gamma, 4);
      const gm1 = p === null ? '\\gamma - 1' : texNumber(p.gamma - 1, 4);
      const a = p === null ? '\\alpha' : p.alpha >= 0 ? texNumber(p.alpha, 4) : '';
      return `\\frac{\\partial \\ell}{\\partial p_t} = ${a ? `${a}\\,` : ''}\\left[${g}\\,(1 - p_t)^{${gm1}}\\ln p_t - \\frac{(1 - p_t)^{${g}}}{p_t}\\right]\\ (y = 1)`;
    },
    plain: {
      en: 'l = α_t·(1 − p_t)^γ·BCE(x, y), p_t = σ(x)·y + (1 − σ(x))·(1 − y), α_t = α·y + (1 − α)·(1 − y) (none for α = −1)',
      'zh-cn': 'l = α_t·(1 − p_t)^γ·BCE(x, y), p_t = σ(x)·y + (1 − σ(x))·(1 − y), α_t = α·y + (1 − α)·(1 − y)（α = −1 时不乘 α_t）',
    },
  },
  curve: {
    // Lin et al., fig. 1: the loss of a positive over p_t for γ ∈ {0, 0.5, 1, 2, 5}.
    axis: ptAxis,
    family: { param: 'gamma', values: [0, 0.5, 1, 2, 5] },
    at: (z, p) => focalAt(z, p.gamma, p.alpha),
    points(inputs) {
      const t = inputs.target;
      if (t === null || t.data.length !== inputs.input.data.length) return null;
      return ptOf(inputs.input.data, t.data, true);
    },
  },
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = binaryTarget(inputs, 'sigmoid_focal_loss');
    const x = input.data;
    const y = target.data;
    const n = x.length;
    const gamma = params.gamma;
    const alpha = params.alpha;
    // The request's parameter check already refused these; compute may also be called directly.
    if (!(gamma >= 0)) fail('invalid_param', { en: `Parameter "gamma" must be a number ≥ 0; got ${gamma}.`, 'zh-cn': `参数 "gamma" 必须是 ≥ 0 的数；实际为 ${gamma}。` }, { param: 'gamma' });
    if (!(alpha === -1 || (alpha >= 0 && alpha <= 1))) {
      fail('invalid_param', { en: `Parameter "alpha" must be a number in [0, 1], or −1 for no weighting; got ${alpha}.`, 'zh-cn': `参数 "alpha" 必须是 [0, 1] 范围内的数，或取 −1 表示不加权；实际为 ${alpha}。` }, { param: 'alpha' });
    }
    const weighted = alpha >= 0;
    const aPos = weighted ? alpha : 1;
    const aNeg = weighted ? 1 - alpha : 1;
    const shape = input.shape;
    return fusedOutput(shape, reduction, (loss, grad, scale, from, to, total) => focalKernel(x, y, target, gamma, aPos, aNeg, loss, grad, scale, from, to, total), [
      lazyIntermediate('p', 'p = \\sigma(x)', 'probability σ(x)', '概率 σ(x)', shape, () => sigmoidOf(x)),
      lazyIntermediate('p_t', 'p_t', 'probability given to the true label, p·y + (1 − p)·(1 − y)', '给真实标签的概率 p·y + (1 − p)·(1 − y)', shape, () => ptOf(x, y, true)),
      lazyIntermediate('alpha_t', '\\alpha_t', weighted ? 'class weight α_t = α·y + (1 − α)·(1 − y)' : 'class weight α_t (α = −1: none, 1)', weighted ? '类别权重 α_t = α·y + (1 − α)·(1 − y)' : '类别权重 α_t（α = −1：不加权，为 1）', shape, () => {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = aPos * y[i] + aNeg * (1 - y[i]);
        return out;
      }),
      lazyIntermediate('focal_factor', '(1-p_t)^{\\gamma}', 'modulating factor (1 − p_t)^γ', '调制因子 (1 − p_t)^γ', shape, () => {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = powGamma(oneMinusPt(x[i], y[i]), gamma);
        return out;
      }),
    ]);
  },
  worked(inputs, params, output, reduction, count) {
    const x = inputs.input.data;
    const y = inputs.target!.data;
    const g = texNumber(params.gamma, 4);
    const weighted = params.alpha >= 0;
    return workedElementwise(output, reduction, count, (i) => {
      const pt = 1 - oneMinusPt(x[i], y[i]);
      const at = weighted ? `${texNumber(params.alpha * y[i] + (1 - params.alpha) * (1 - y[i]))}\\cdot` : '';
      const ce = `\\left(-${texNumber(y[i])}\\cdot\\ln\\sigma(${texNumber(x[i])}) - ${texNumber(1 - y[i])}\\cdot\\ln(1 - \\sigma(${texNumber(x[i])}))\\right)`;
      return `${at}(1 - ${texNumber(pt)})^{${g}}\\cdot ${ce}`;
    });
  },
  sample(rng, n) {
    const C = n >= 8 ? 4 : 1;
    const m = Math.max(2, Math.round(n / C));
    const x = new Float64Array(m * C);
    const y = new Float64Array(m * C);
    for (let i = 0; i < x.length; i++) {
      const u = rng.next();
      // Mostly easy negatives, some positives, a few soft labels: a detection head's targets.
      y[i] = u < 0.7 ? 0 : u < 0.95 ? 1 : 0.1 + 0.8 * rng.next();
      x[i] = 2 * rng.normal() + (y[i] >= 0.5 ? 1 : -2);
    }
    const shape = C === 1 ? [m] : [m, C];
    return { inputs: { input: { shape, data: x }, target: { shape, data: y }, extra: {} }, params: { alpha: 0.25, gamma: 2 } };
  },
});

const losses: readonly AnyLoss[] = [sigmoidFocal];
export default losses;
