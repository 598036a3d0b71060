/**
 * Triplet margin loss, as torch.nn.functional.triplet_margin_loss: an anchor should be closer to a
 * positive (same identity) than to a negative (another identity) by at least a margin. Distances are
 * PyTorch's pairwise_distance, which adds eps to every component of the difference.
 */
import { requireRank, requireSameShape, requireTensor } from '../check.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type CurveAxis, type LossInputs, type LossOutput, type Reduction } from '../loss.js';
import { booleanParam, numberParam } from '../params.js';
import { giveBack, takeZeroed } from '../pool.js';
import type { Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';
import { symbolsOnly } from '../localized.js';

interface TripletParams {
  margin: number;
  p: number;
  eps: number;
  swap: boolean;
}

interface Triplets {
  readonly N: number;
  readonly D: number;
  readonly a: Float64Array;
  readonly pos: Float64Array;
  readonly neg: Float64Array;
  readonly shape: readonly number[];
  /** [N], or [] for one un-batched triplet of [D] vectors. */
  readonly rowShape: number[];
}

const ID = 'triplet_margin_loss';
const ANCHOR = { en: 'input (the anchor)', 'zh-cn': '锚点 input' };

function triplets(inputs: LossInputs): Triplets {
  const a = inputs.input;
  requireRank(a, 'input', { min: 1, max: 2 }, { en: `${ID} takes the anchors as input [N, D] (N embeddings of size D) or one anchor [D]`, 'zh-cn': `${ID} 以 input 为锚点，形状为 [N, D]（N 个大小为 D 的嵌入向量），或单个锚点 [D]` });
  const pos = requireTensor(inputs.extra.positive, 'extra.positive', ID, { en: "the positives, with the anchor's (input's) shape", 'zh-cn': '正样本，与锚点（input）形状相同' });
  const neg = requireTensor(inputs.extra.negative, 'extra.negative', ID, { en: "the negatives, with the anchor's (input's) shape", 'zh-cn': '负样本，与锚点（input）形状相同' });
  requireSameShape(a, ANCHOR, pos, 'extra.positive');
  requireSameShape(a, ANCHOR, neg, 'extra.negative');
  const batched = a.shape.length === 2;
  return { N: batched ? a.shape[0] : 1, D: a.shape[a.shape.length - 1], a: a.data, pos: pos.data, neg: neg.data, shape: a.shape, rowShape: batched ? [a.shape[0]] : [] };
}

/** ‖u − v + eps‖_p over row r. */
function distance(u: Float64Array, v: Float64Array, o: number, D: number, p: number, eps: number): number {
  let acc = 0;
  if (p === 2) {
    for (let k = o; k < o + D; k++) {
      const w = u[k] - v[k] + eps;
      acc += w * w;
    }
    return Math.sqrt(acc);
  }
  if (p === 1) {
    for (let k = o; k < o + D; k++) acc += Math.abs(u[k] - v[k] + eps);
    return acc;
  }
  for (let k = o; k < o + D; k++) acc += Math.pow(Math.abs(u[k] - v[k] + eps), p);
  return Math.pow(acc, 1 / p);
}

/**
 * Adds c·∂d/∂u to gu and subtracts it from gv, for d = ‖u − v + eps‖_p on row r. The derivative is
 * PyTorch's norm backward: w/d for p = 2, sign(w) for p = 1 (sign(0) = 0), sign(w)·|w|^(p−1)/d^(p−1)
 * otherwise, and 0 where d = 0.
 */
function addDistanceGrad(u: Float64Array, v: Float64Array, gu: Float64Array, gv: Float64Array, o: number, D: number, p: number, eps: number, d: number, c: number): void {
  if (p === 1) {
    for (let k = o; k < o + D; k++) {
      const w = u[k] - v[k] + eps;
      const g = w > 0 ? c : w < 0 ? -c : 0;
      gu[k] += g;
      gv[k] -= g;
    }
    return;
  }
  if (d === 0) return;
  if (p === 2) {
    const k0 = c / d;
    for (let k = o; k < o + D; k++) {
      const g = k0 * (u[k] - v[k] + eps);
      gu[k] += g;
      gv[k] -= g;
    }
    return;
  }
  const k0 = c / Math.pow(d, p - 1);
  for (let k = o; k < o + D; k++) {
    const w = u[k] - v[k] + eps;
    const g = w === 0 ? 0 : (w > 0 ? k0 : -k0) * Math.pow(Math.abs(w), p - 1);
    gu[k] += g;
    gv[k] -= g;
  }
}

/**
 * One pass over the triplets: the gradients (scaled by `s`) and Σ loss, and, where `rows` is given,
 * each triplet's loss, d(a, p) and d_an.
 */
function tripletPass(t: Triplets, params: TripletParams, s: number, ga: Float64Array, gp: Float64Array, gn: Float64Array, rows: { loss: Float64Array; dap: Float64Array; dan: Float64Array } | null): number {
  const { N, D, a, pos, neg } = t;
  const { margin, p, eps, swap } = params;
  let total = 0;
  for (let r = 0; r < N; r++) {
    const o = r * D;
    const dp = distance(a, pos, o, D, p, eps);
    const dAn = distance(a, neg, o, D, p, eps);
    let dn = dAn;
    // Share of d_an taken by d(a, n) and by d(p, n): torch.min splits the gradient evenly on a tie.
    let cAn = 1;
    let cPn = 0;
    let dpn = 0;
    if (swap) {
      dpn = distance(pos, neg, o, D, p, eps);
      if (dpn < dn) {
        dn = dpn;
        cAn = 0;
        cPn = 1;
      } else if (dpn === dn) {
        cAn = 0.5;
        cPn = 0.5;
      }
    }
    const z = margin + dp - dn;
    if (rows !== null) {
      rows.dap[r] = dp;
      rows.dan[r] = dn;
    }
    // clamp_min passes the gradient where its argument is ≥ 0 (PyTorch), so also at z = 0.
    if (!(z >= 0)) {
      // clamp_min keeps a NaN (PyTorch).
      if (z !== z) {
        if (rows !== null) rows.loss[r] = z;
        total += z;
        // A NaN in the triplet: through the norms' backward PyTorch's gradient is NaN for the row.
        ga.fill(NaN, o, o + D);
        gp.fill(NaN, o, o + D);
        gn.fill(NaN, o, o + D);
      }
    } else {
      if (rows !== null) rows.loss[r] = z;
      total += z;
      addDistanceGrad(a, pos, ga, gp, o, D, p, eps, dp, s);
      if (cAn !== 0) addDistanceGrad(a, neg, ga, gn, o, D, p, eps, dAn, -s * cAn);
      if (cPn !== 0) addDistanceGrad(pos, neg, gp, gn, o, D, p, eps, dpn, -s * cPn);
    }
  }
  return total;
}

function tripletRows(t: Triplets, params: TripletParams, reduction: Reduction): LossOutput {
  const { N, D } = t;
  const n = N * D;
  // The three gradients in one allocation, and for mean and sum no per-triplet arrays until they
  // are read: a fresh array costs page faults at 10^6 elements (see regression.ts fusedElementwise).
  // Accumulated into (addDistanceGrad) and skipped for rows past the margin: it must start at 0.
  const grads = takeZeroed(3 * n);
  const ga = grads.subarray(0, n);
  const gp = grads.subarray(n, 2 * n);
  const gn = grads.subarray(2 * n);
  const shape = t.rowShape;
  let rows: { loss: Float64Array; dap: Float64Array; dan: Float64Array } | null = null;
  const rowsOf = (): { loss: Float64Array; dap: Float64Array; dan: Float64Array } => {
    if (rows === null) {
      const r = { loss: new Float64Array(N), dap: new Float64Array(N), dan: new Float64Array(N) };
      const scratch = takeZeroed(3 * n);
      tripletPass(t, params, 1, scratch.subarray(0, n), scratch.subarray(n, 2 * n), scratch.subarray(2 * n), r);
      giveBack(scratch);
      rows = r;
    }
    return rows;
  };
  let total: number;
  if (reduction === 'none') {
    rows = { loss: new Float64Array(N), dap: new Float64Array(N), dan: new Float64Array(N) };
    total = tripletPass(t, params, 1, ga, gp, gn, rows);
  } else {
    total = tripletPass(t, params, reduction === 'mean' ? 1 / N : 1, ga, gp, gn, null);
  }
  const swap = params.swap;
  return {
    value: reduction === 'none' ? { shape, data: rowsOf().loss } : reduction === 'sum' ? total : total / N,
    get unreduced(): Tensor {
      return { shape, data: rowsOf().loss };
    },
    grad: { shape: t.shape, data: ga },
    gradExtra: { positive: { shape: t.shape, data: gp }, negative: { shape: t.shape, data: gn } },
    get intermediates() {
      const r = rowsOf();
      return [
        { key: 'd_ap', tex: 'd(a, p)', label: { en: 'anchor–positive distance', 'zh-cn': '锚点与正样本的距离' }, tensor: { shape, data: r.dap } },
        {
          key: 'd_an',
          tex: 'd_{an}',
          label: swap
            ? { en: 'anchor–negative distance (min with positive–negative, swap)', 'zh-cn': '锚点与负样本的距离（swap：与正负样本距离取较小者）' }
            : { en: 'anchor–negative distance', 'zh-cn': '锚点与负样本的距离' },
          tensor: { shape, data: r.dan },
        },
      ];
    },
  };
}

/** The anchor–positive distance the curve is drawn at. */
const CURVE_DAP = 1;

// Drawn over the anchor–negative distance d_an with the anchor–positive distance fixed at 1: the
// loss falls with slope −1 until d_an = d_ap + margin and is 0 beyond. The user's triplets are
// marked at their own d_an (their d_ap varies, so the mark shows how far the negative is).
const anchorNegativeAxis: CurveAxis = {
  symbol: 'distance',
  tex: 'd_{an}',
  label: { en: 'anchor–negative distance d_an (d_ap = 1)', 'zh-cn': '锚点与负样本的距离 d_an（d_ap = 1）' },
  domain: [0, 3.5],
};

const tripletMargin = defineLoss<TripletParams>({
  id: ID,
  names: { en: 'Triplet margin loss', 'zh-cn': '三元组损失（Triplet Margin Loss）' },
  category: 'ranking',
  input: 'raw',
  target: 'none',
  extra: ['positive', 'negative'],
  params: {
    margin: numberParam({
      default: 1,
      min: 0,
      slider: { min: 0, max: 3, step: 0.05 },
      doc: {
        en: 'How much closer the positive must be than the negative before the triplet costs nothing.',
        'zh-cn': '正样本须比负样本离锚点近多少，该三元组的损失才为 0。',
      },
    }),
    p: numberParam({
      default: 2,
      min: 1,
      slider: { min: 1, max: 3, step: 0.5 },
      doc: {
        en: 'The norm degree of the distance: 2 is Euclidean, 1 is Manhattan. At least 1, so that it is a distance.',
        'zh-cn': '距离所用范数的阶：2 为欧氏距离，1 为曼哈顿距离。至少为 1，才是距离。',
      },
    }),
    eps: numberParam({
      default: 1e-6,
      min: 0,
      doc: {
        en: 'Added to every component of the difference before the norm (PyTorch\'s pairwise_distance), which keeps the gradient defined for identical vectors.',
        'zh-cn': '在求范数前加到差向量的每个分量上（PyTorch 的 pairwise_distance），使相同向量处梯度仍有定义。',
      },
    }),
    swap: booleanParam({
      default: false,
      doc: {
        en: 'Distance swap (Balntas et al. 2016): use min(d(a, n), d(p, n)) as the negative distance, so the harder of the two counts.',
        'zh-cn': '距离交换（Balntas 等 2016）：以 min(d(a, n), d(p, n)) 作为负样本距离，取两者中更难的一个。',
      },
    }),
  },
  reductions: ['none', 'mean', 'sum'],
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.triplet_margin_loss',
  summary: {
    en: 'Metric learning from triplets: an anchor, a positive of the same identity and a negative of another. l = max(0, d(a, p) − d(a, n) + margin): the positive must be closer than the negative by the margin, and triplets that already satisfy it cost nothing, so training time goes to the hard ones (mine hard or semi-hard negatives). Used for face recognition (FaceNet), person re-identification and image retrieval; only relative distances matter, unlike contrastive loss.',
    'zh-cn': '基于三元组的度量学习：锚点、同一身份的正样本、另一身份的负样本。l = max(0, d(a, p) − d(a, n) + margin)：正样本须比负样本至少近 margin，已满足的三元组损失为 0，训练集中在难样本上（配合难例或半难例挖掘）。用于人脸识别（FaceNet）、行人重识别和图像检索；与对比损失不同，它只关心相对距离。',
  },
  formula: {
    tex: (p) => {
      const m = p === null ? '\\Delta' : texNumber(p.margin);
      const e = p === null ? '\\epsilon' : texNumber(p.eps);
      const pp = p === null ? 'p' : texNumber(p.p);
      const dan = p?.swap ? '\\min\\big(d(a, n),\\ d(p, n)\\big)' : 'd(a, n)';
      return `\\ell = \\max\\big(0,\\ d(a, p) - ${dan} + ${m}\\big),\\quad d(u, v) = \\Big(\\sum_k |u_k - v_k + ${e}|^{${pp}}\\Big)^{1/${pp}}`;
    },
    derivativeTex: (p) => {
      const pp = p === null ? 'p' : texNumber(p.p);
      return `\\frac{\\partial \\ell}{\\partial a} = [\\ell > 0]\\Big(\\frac{\\partial d(a, p)}{\\partial a} - \\frac{\\partial d(a, n)}{\\partial a}\\Big),\\quad \\frac{\\partial d(u, v)}{\\partial u_k} = \\frac{\\operatorname{sign}(w_k)\\,|w_k|^{${pp} - 1}}{d^{\\,${pp} - 1}},\\ w = u - v + \\epsilon`;
    },
    plain: symbolsOnly('l = max(0, d(a, p) − d(a, n) + margin), d(u, v) = ‖u − v + eps‖_p; swap: d(a, n) ← min(d(a, n), d(p, n))'),
  },
  curve: {
    axis: anchorNegativeAxis,
    family: { param: 'margin', values: [0.5, 1, 2] },
    at(z, p) {
      const v = CURVE_DAP - z + p.margin;
      return v >= 0 ? { loss: v, grad: -1 } : { loss: 0, grad: 0 };
    },
    points(inputs, p) {
      return tripletRows(triplets(inputs), p, 'none').intermediates[1].tensor.data;
    },
  },
  compute(inputs, params, reduction) {
    return tripletRows(triplets(inputs), params, reduction);
  },
  worked(_inputs, params, output, reduction, count) {
    const dap = output.intermediates.find((m) => m.key === 'd_ap')!.tensor.data;
    const dan = output.intermediates.find((m) => m.key === 'd_an')!.tensor.data;
    return workedElementwise(output, reduction, count, (i) => `\\max\\big(0,\\ ${texNumber(dap[i], 4)} - ${texNumber(dan[i], 4)} + ${texNumber(params.margin)}\\big)`);
  },
  sample(rng, n) {
    const D = 8;
    const N = Math.max(2, Math.floor(n / D));
    const a = new Float64Array(N * D);
    const pos = new Float64Array(N * D);
    const neg = new Float64Array(N * D);
    for (let i = 0; i < a.length; i++) {
      a[i] = rng.normal();
      pos[i] = a[i] + 0.4 * rng.normal();
      neg[i] = a[i] + 0.6 * rng.normal();
    }
    const shape = [N, D];
    return {
      inputs: { input: { shape, data: a }, target: null, extra: { positive: { shape, data: pos }, negative: { shape, data: neg } } },
      params: { p: rng.next() < 0.5 ? 1 : 2, swap: rng.next() < 0.5 },
    };
  },
});

const losses: readonly AnyLoss[] = [tripletMargin];
export default losses;
