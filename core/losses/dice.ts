/**
 * Soft Dice and soft Jaccard (IoU) losses for segmentation, after Milletari et al. 2016 (V-Net) and
 * segmentation_models_pytorch: per-class totals over the batch and every spatial position, then
 * 1 − overlap per class. PyTorch has neither; the spec's formulas are the contract.
 */
import { sigmoid } from '../activations.js';
import { forBlocks } from '../blocks.js';
import { expFast } from '../fastmath.js';
import { classIndices, requireTensor } from '../check.js';
import { fail } from '../errors.js';
import { symbolsOnly, type Localized } from '../localized.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type Intermediate, type LossInputs, type LossOutput, type Reduction, type Rng, type WorkedStep } from '../loss.js';
import { booleanParam, choiceParam, numberParam, optionalIntegerParam } from '../params.js';
import { takeArray, takeZeroed } from '../pool.js';
import { finishScaled, gradientScale } from '../reduction.js';
import { indexString, numel, shapeString, type Tensor } from '../tensor.js';
import { classLabel, reductionStep } from '../worked.js';

export type DiceMode = 'binary' | 'multilabel' | 'multiclass';

export interface DiceParams {
  mode: DiceMode;
  from_logits: boolean;
  smooth: number;
  eps: number;
  ignore_index: number | null;
  empty_classes: 'keep' | 'zero';
}

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

const params = {
  mode: choiceParam<DiceMode>({
    default: 'multiclass',
    values: ['binary', 'multilabel', 'multiclass'],
    doc: {
      en: 'binary: one mask, target of the input\'s shape; multilabel: [N, C, ...] 0/1 target of the input\'s shape; multiclass: [N, C, ...] logits and [N, ...] class indices.',
      'zh-cn': 'binary：单个掩码，目标与输入同形；multilabel：[N, C, ...] 的 0/1 目标，与输入同形；multiclass：[N, C, ...] 的 logits 与 [N, ...] 的类别索引。',
    },
  }),
  from_logits: booleanParam({
    default: true,
    doc: { en: 'Apply σ (binary, multilabel) or softmax over dim 1 (multiclass) first; false means the input already holds probabilities.', 'zh-cn': '先做 σ（binary、multilabel）或在第 1 维做 softmax（multiclass）；false 表示输入已是概率。' },
  }),
  smooth: numberParam({
    default: 0,
    min: 0,
    slider: { min: 0, max: 5, step: 0.1 },
    doc: { en: 'Added to numerator and denominator; > 0 keeps a gradient on empty classes.', 'zh-cn': '加在分子和分母上；> 0 时空类别仍有梯度。' },
  }),
  eps: numberParam({
    default: 1e-7,
    min: 0,
    doc: { en: 'Floor of the denominator, so an empty prediction of an empty class does not divide by 0.', 'zh-cn': '分母的下限，避免空类别且预测为空时除以 0。' },
  }),
  ignore_index: optionalIntegerParam({
    default: null,
    doc: { en: 'Target value whose elements are left out (the whole pixel in multiclass mode).', 'zh-cn': '取该目标值的元素不参与计算（multiclass 模式下整个像素被忽略）。' },
  }),
  empty_classes: choiceParam<'keep' | 'zero'>({
    default: 'keep',
    values: ['keep', 'zero'],
    doc: {
      en: 'Classes absent from the target (T = 0): "keep" uses the formula as is, "zero" sets their loss to 0 (smp), still counting them in the mean.',
      'zh-cn': '目标中不存在的类别（T = 0）："keep" 按公式计算，"zero" 将其损失置 0（smp 的做法），但仍计入平均。',
    },
  }),
};

/** Where element (n, k, s) of the input lives: (n·K + k)·S + s; the target's pixel (n, s) is n·S + s in multiclass. */
interface Layout {
  readonly N: number;
  readonly K: number;
  readonly S: number;
}

/** "<id> in <mode> mode expects ...": in Chinese, "<id> 的 <mode> 模式要求 ...". */
function modeShapes(mode: DiceMode): Localized {
  return mode === 'binary'
    ? { en: 'binary mode expects input [N, ...] and a 0/1 target of the same shape', 'zh-cn': 'binary 模式要求 input 为 [N, ...]，target 为形状相同的 0/1 标签' }
    : mode === 'multilabel'
      ? { en: 'multilabel mode expects input [N, C, ...] and a 0/1 target of the same shape', 'zh-cn': 'multilabel 模式要求 input 为 [N, C, ...]，target 为形状相同的 0/1 标签' }
      : {
          en: "multiclass mode expects input [N, C, ...] and a target [N, ...] of class indices (the input's shape without dim 1)",
          'zh-cn': 'multiclass 模式要求 input 为 [N, C, ...]，target 为类别索引 [N, ...]（即 input 的形状去掉第 1 维）',
        };
}

function checkLayout(x: Tensor, t: Tensor, mode: DiceMode, id: string): Layout {
  const r = x.shape.length;
  const ms = modeShapes(mode);
  if (mode === 'binary') {
    if (r < 1) fail('invalid_rank', { en: `input is a scalar, but ${id} in ${ms.en}.`, 'zh-cn': `input 是标量，但 ${id} 的 ${ms['zh-cn']}。` }, { tensor: 'input' });
  } else if (r < 2) {
    const s = shapeString(x.shape);
    fail(
      'invalid_rank',
      {
        en: `input has shape ${s} (${r} dimensions), but ${id} in ${ms.en}; for a single mask use mode "binary".`,
        'zh-cn': `input 的形状为 ${s}（${r} 维），但 ${id} 的 ${ms['zh-cn']}；单个掩码请使用 mode "binary"。`,
      },
      { tensor: 'input' },
    );
  }
  const ts = shapeString(t.shape);
  if (mode === 'multiclass') {
    const want = [x.shape[0]!, ...x.shape.slice(2)];
    if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) {
      const hint =
        t.shape.length === r
          ? { en: ' A target with the input\'s shape is a mask: use mode "multilabel" (or "binary").', zh: '与 input 形状相同的 target 是掩码：请使用 mode "multilabel"（或 "binary"）。' }
          : { en: '', zh: '' };
      fail(
        'shape_mismatch',
        { en: `target has shape ${ts}, but ${id} in ${ms.en}: here ${shapeString(want)}.${hint.en}`, 'zh-cn': `target 的形状为 ${ts}，但 ${id} 的 ${ms['zh-cn']}：这里应为 ${shapeString(want)}。${hint.zh}` },
        { tensor: 'target' },
      );
    }
  } else if (t.shape.length !== r || t.shape.some((d, i) => d !== x.shape[i])) {
    const s = shapeString(x.shape);
    fail(
      'shape_mismatch',
      {
        en: `target has shape ${ts}, but ${id} in ${ms.en}: here ${s}. For class-index targets use mode "multiclass".`,
        'zh-cn': `target 的形状为 ${ts}，但 ${id} 的 ${ms['zh-cn']}：这里应为 ${s}。若 target 是类别索引，请使用 mode "multiclass"。`,
      },
      { tensor: 'target' },
    );
  }
  if (mode === 'binary') return { N: 1, K: 1, S: x.data.length };
  return { N: x.shape[0]!, K: x.shape[1]!, S: numel(x.shape.slice(2)) };
}

/**
 * Index of the first label in [from, to) that is neither 0, 1 nor `skip`, or −1. Four at a time,
 * tested by v·(1 − v) = 0, which holds exactly for 0, −0 and 1 (NaN, ±∞ and anything else give a
 * non-zero or NaN product): `v === 0 || v === 1` branched on every label, a coin flip on a mask.
 * A group that fails is rescanned one by one for the exact index.
 */
function firstBadLabel(d: Float64Array, skip: number, from: number, to: number): number {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const v0 = d[i]!;
    const v1 = d[i + 1]!;
    const v2 = d[i + 2]!;
    const v3 = d[i + 3]!;
    if (!((v0 * (1 - v0) === 0 || v0 === skip) && (v1 * (1 - v1) === 0 || v1 === skip) && (v2 * (1 - v2) === 0 || v2 === skip) && (v3 * (1 - v3) === 0 || v3 === skip))) break;
  }
  for (; i < to; i++) {
    const v = d[i]!;
    if (!(v === 0 || v === 1 || v === skip)) return i;
  }
  return -1;
}

/**
 * Binary and multilabel targets hold 0/1 (or ignore_index). Scanned in blocks (core/blocks.ts):
 * as one loop per call it ran on-stack-replaced, 20% of the multilabel loss at 10^6 elements. With
 * sigmoidAndSum, CPU ms at 10^6 (min of 60 calls): multilabel logits 34.5 -> 19.8, binary logits
 * with ignore_index 37.7 -> 26.2.
 */
function checkLabels01(t: Tensor, mode: DiceMode, ignore: number | null): void {
  const d = t.data;
  // Without ignore_index, 0 stands in for it: already a valid label.
  const skip = ignore ?? 0;
  let bad = -1;
  forBlocks(d.length, (from, to) => {
    if (bad < 0) bad = firstBadLabel(d, skip, from, to);
  });
  if (bad >= 0) {
    const i = bad;
    const v = d[i];
    const ign = ignore === null ? { en: '', zh: '' } : { en: ` (or ignore_index = ${ignore})`, zh: `（或等于 ignore_index = ${ignore}）` };
    const at = `target${indexString(t.shape, i)}`;
    fail(
      'invalid_label',
      {
        en: `${at} is ${v}, but in ${mode} mode the target holds 0/1 labels${ign.en}. For class indices use mode "multiclass".`,
        'zh-cn': `${at} 为 ${v}，但在 ${mode} 模式下 target 应为 0/1 标签${ign.zh}。若是类别索引，请使用 mode "multiclass"。`,
      },
      { tensor: 'target' },
    );
  }
}

function checkProbabilities(x: Tensor): void {
  const d = x.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (!(v >= 0 && v <= 1)) {
      const at = `input${indexString(x.shape, i)}`;
      fail(
        'invalid_probability',
        {
          en: `${at} is ${v}, but with from_logits = false the input must hold probabilities in [0, 1] (pass logits with from_logits = true).`,
          'zh-cn': `${at} 为 ${v}，但在 from_logits = false 时 input 必须是 [0, 1] 范围内的概率（传入 logits 时请设置 from_logits = true）。`,
        },
        { tensor: 'input' },
      );
    }
  }
}

/** Probabilities p and 0/1 targets per input element, both 0 where the element is ignored. */
interface Prepared {
  readonly L: Layout;
  readonly p: Float64Array;
  readonly t: Float64Array;
}

/**
 * Checks the shapes and values. With `labelsLater`, multiclass class indices are left to the caller,
 * who must then call checkLabelsCounted (see there).
 */
function validate(inputs: LossInputs, P: DiceParams, id: string, labelsLater = false): { L: Layout; tgt: Tensor } {
  const x = inputs.input;
  const tgt = requireTensor(
    inputs.target,
    'target',
    id,
    P.mode === 'multiclass' ? { en: 'class indices [N, ...]', 'zh-cn': '类别索引 [N, ...]' } : { en: "0/1 labels with the input's shape", 'zh-cn': '与 input 形状相同的 0/1 标签' },
  );
  const L = checkLayout(x, tgt, P.mode, id);
  if (P.mode === 'multiclass') {
    if (!labelsLater) classIndices(tgt, 'target', L.K, P.ignore_index);
  } else checkLabels01(tgt, P.mode, P.ignore_index);
  if (!P.from_logits) checkProbabilities(x);
  return { L, tgt };
}

/**
 * Multiclass logits without ignore_index check their labels after the sums: every label is a class
 * 0..K−1 exactly when the per-class label counts T add up to the number of pixels (a label that is
 * no class index matches none), so classIndices, a pass of its own over the labels (0.9 ms of the
 * loss at 10^6 elements), runs only to report a bad label, with the same error as before. Nothing
 * else is checked after the labels in that case, so no other error can come first.
 */
function labelsLater(P: DiceParams): boolean {
  return P.mode === 'multiclass' && P.ignore_index === null && P.from_logits;
}

function checkLabelsCounted(tgt: Tensor, L: Layout, T: Float64Array): void {
  let counted = 0;
  for (let k = 0; k < L.K; k++) counted += T[k]!;
  if (counted !== L.N * L.S) classIndices(tgt, 'target', L.K, null);
}

/** Writes p into `p` (left 0 where the element is ignored); the 0/1 target is read from the labels when needed. */
function fillProbabilities(xd: Float64Array, y: Float64Array, P: DiceParams, L: Layout, p: Float64Array): void {
  const ign = P.ignore_index;
  const { N, K, S } = L;
  if (P.mode === 'multiclass') {
    for (let b = 0; b < N; b++) {
      for (let s = 0; s < S; s++) {
        const label = y[b * S + s];
        if (ign !== null && label === ign) continue;
        const base = b * K * S + s;
        if (P.from_logits) {
          let m = -Infinity;
          for (let k = 0; k < K; k++) m = Math.max(m, xd[base + k * S]);
          let z = 0;
          for (let k = 0; k < K; k++) {
            const e = Math.exp(xd[base + k * S] - m);
            p[base + k * S] = e;
            z += e;
          }
          for (let k = 0; k < K; k++) p[base + k * S] /= z;
        } else {
          for (let k = 0; k < K; k++) p[base + k * S] = xd[base + k * S];
        }
      }
    }
  } else {
    const n = xd.length;
    for (let i = 0; i < n; i++) {
      const label = y[i];
      if (ign !== null && label === ign) continue;
      p[i] = P.from_logits ? sigmoid(xd[i]) : xd[i];
    }
  }
}

function prepare(inputs: LossInputs, P: DiceParams, id: string): Prepared {
  const { L, tgt } = validate(inputs, P, id);
  const n = inputs.input.data.length;
  const p = new Float64Array(n);
  fillProbabilities(inputs.input.data, tgt.data, P, L, p);
  const t = new Float64Array(n);
  const ign = P.ignore_index;
  const y = tgt.data;
  const { N, K, S } = L;
  for (let b = 0; b < N; b++) {
    for (let s = 0; s < S; s++) {
      if (P.mode === 'multiclass') {
        const label = y[b * S + s];
        if (!(ign !== null && label === ign)) t[b * K * S + label * S + s] = 1;
      }
    }
  }
  if (P.mode !== 'multiclass') for (let i = 0; i < n; i++) t[i] = ign !== null && y[i] === ign ? 0 : y[i];
  return { L, p, t };
}

/** Math.max over one position's K logits (S apart from `at`), non-finite values included. */
function maxOfPixel(xd: Float64Array, K: number, S: number, at: number): number {
  let mx = -Infinity;
  for (let k = 0; k < K; k++, at += S) mx = Math.max(mx, xd[at]!);
  return mx;
}

/**
 * One position (S apart from `at` per class, label `label`) of softmaxAndSum, for the positions
 * that are not in a group of four: the same operations in the same order.
 */
function softmaxAndSumOne(xd: Float64Array, label: number, ign: number | null, fromLogits: boolean, K: number, S: number, at: number, p: Float64Array, iA: Float64Array, pA: Float64Array, tA: Float64Array): void {
  if (ign !== null && label === ign) {
    for (let k = 0, o = at; k < K; k++, o += S) p[o] = 0;
    return;
  }
  let z = 0;
  if (fromLogits) {
    const m = maxOfPixel(xd, K, S, at);
    for (let k = 0, o = at; k < K; k++, o += S) {
      const e = expFast(xd[o]! - m);
      p[o] = e;
      z += e;
    }
  }
  for (let k = 0, o = at; k < K; k++, o += S) {
    const pv = fromLogits ? p[o]! / z : xd[o]!;
    p[o] = pv;
    const tv = +(label === k);
    iA[k] += pv * tv;
    pA[k] += pv;
    tA[k] += tv;
  }
}

/**
 * Positions [from, to) of sample b in multiclass mode: p (the softmax over the K classes, or the
 * input itself) into `p`, and the sample's sums of p·t, p and t per class added into iA, pA, tA.
 *
 * Four positions in lockstep, class by class (a pixel's K values are S apart): each keeps its max
 * and Σ e in registers and still sees the same operations in the same order as alone (its max, its
 * Σ e in class order from 0, e/Σ; each class's sums in position order), so the numbers are bit for
 * bit those of one pixel at a time. V8 re-checks each typed array (its map, that its buffer is
 * attached, the index against its length) on every access in every iteration, so the fewer
 * accesses per element the better (core/losses/regression.ts). Measured at 10^6 elements (CPU): a
 * pass per class over the block for each step (max, e and Σ, e/Σ, the sums), max and Σ in arrays,
 * took 18 ms, the same passes four positions per iteration about 11.5; in lockstep the whole loss
 * went 16.0–18.5 -> 14.1–14.7 ms (min of 60 calls, three processes each). A group holding an
 * ignored pixel, and the last S mod 4 positions, go one position at a time (ignored pixels get
 * p = 0 and enter no sum).
 *
 * The max uses a 0/1 factor, `c·v + (1 − c)·m`: Math.max compiled to a data-dependent branch, which
 * mispredicts about every other time on random logits (the max pass 5.8 -> 2.3 ms). The factor is
 * exact for finite values (one side times exactly 0); a −∞ logit can turn it into 0·∞ = NaN where
 * Math.max gives a number, so a position whose max comes out NaN is redone with Math.max (a NaN
 * logit gives NaN either way). e^x is the softmax family's expFast (core/fastmath.ts, within 3 ulp
 * of Math.exp): Math.exp, a call out of compiled code, measured 13–22 ns a call here. Four calls in
 * the loop fit V8's inlining budget (expFast is 187 bytes of bytecode, the cumulative budget 920):
 * with a fifth in the same function (a remainder loop) expFast was not inlined at all and took a
 * quarter of the loss's time on its own.
 *
 * p is e/Σ, a division: torch.softmax over dim 1 of [N, C, S] (1.13, ATen's _vec_softmax) divides
 * by Σ, and its output matched e/Σ at 999 999 of 10^6 elements against 83% for e·(1/Σ) (only its
 * last-dim kernel multiplies by the reciprocal).
 */
function softmaxAndSum(xd: Float64Array, y: Float64Array, ign: number | null, fromLogits: boolean, K: number, S: number, b: number, p: Float64Array, iA: Float64Array, pA: Float64Array, tA: Float64Array, from: number, to: number): void {
  const row = b * S + from;
  const block = b * K * S + from;
  const len = to - from;
  let j = 0;
  while (j < len) {
    if (!(j + 4 <= len && (ign === null || (y[row + j] !== ign && y[row + j + 1] !== ign && y[row + j + 2] !== ign && y[row + j + 3] !== ign)))) {
      softmaxAndSumOne(xd, y[row + j]!, ign, fromLogits, K, S, block + j, p, iA, pA, tA);
      j++;
      continue;
    }
    const l0 = y[row + j]!;
    const l1 = y[row + j + 1]!;
    const l2 = y[row + j + 2]!;
    const l3 = y[row + j + 3]!;
    const at = block + j;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    if (fromLogits) {
      let m0 = xd[at]!;
      let m1 = xd[at + 1]!;
      let m2 = xd[at + 2]!;
      let m3 = xd[at + 3]!;
      for (let k = 1, o = at + S; k < K; k++, o += S) {
        const v0 = xd[o]!;
        const v1 = xd[o + 1]!;
        const v2 = xd[o + 2]!;
        const v3 = xd[o + 3]!;
        const c0 = +(v0 > m0);
        const c1 = +(v1 > m1);
        const c2 = +(v2 > m2);
        const c3 = +(v3 > m3);
        m0 = c0 * v0 + (1 - c0) * m0;
        m1 = c1 * v1 + (1 - c1) * m1;
        m2 = c2 * v2 + (1 - c2) * m2;
        m3 = c3 * v3 + (1 - c3) * m3;
      }
      // NaN in any of the four makes the sum NaN; a number means four numbers.
      const check = m0 + m1 + m2 + m3;
      if (check !== check) {
        if (m0 !== m0) m0 = maxOfPixel(xd, K, S, at);
        if (m1 !== m1) m1 = maxOfPixel(xd, K, S, at + 1);
        if (m2 !== m2) m2 = maxOfPixel(xd, K, S, at + 2);
        if (m3 !== m3) m3 = maxOfPixel(xd, K, S, at + 3);
      }
      for (let k = 0, o = at; k < K; k++, o += S) {
        const e0 = expFast(xd[o]! - m0);
        const e1 = expFast(xd[o + 1]! - m1);
        const e2 = expFast(xd[o + 2]! - m2);
        const e3 = expFast(xd[o + 3]! - m3);
        p[o] = e0;
        p[o + 1] = e1;
        p[o + 2] = e2;
        p[o + 3] = e3;
        z0 += e0;
        z1 += e1;
        z2 += e2;
        z3 += e3;
      }
    }
    for (let k = 0, o = at; k < K; k++, o += S) {
      const q0 = fromLogits ? p[o]! / z0 : xd[o]!;
      const q1 = fromLogits ? p[o + 1]! / z1 : xd[o + 1]!;
      const q2 = fromLogits ? p[o + 2]! / z2 : xd[o + 2]!;
      const q3 = fromLogits ? p[o + 3]! / z3 : xd[o + 3]!;
      p[o] = q0;
      p[o + 1] = q1;
      p[o + 2] = q2;
      p[o + 3] = q3;
      // The label as a 0/1 number, not a ternary: which class a pixel has is a coin flip.
      const t0 = +(l0 === k);
      const t1 = +(l1 === k);
      const t2 = +(l2 === k);
      const t3 = +(l3 === k);
      let i = iA[k]!;
      let ps = pA[k]!;
      let ts = tA[k]!;
      i += q0 * t0;
      i += q1 * t1;
      i += q2 * t2;
      i += q3 * t3;
      ps += q0;
      ps += q1;
      ps += q2;
      ps += q3;
      ts += t0;
      ts += t1;
      ts += t2;
      ts += t3;
      iA[k] = i;
      pA[k] = ps;
      tA[k] = ts;
    }
    j += 4;
  }
}

/**
 * p into `p` (0 where ignored) and, in the same pass, the per-class totals I, P, T. Each (sample,
 * class) is summed over its positions in order and then added to the class's total, sample by
 * sample; skipped (ignored) positions would only have added zeros.
 */
function fillAndSum(xd: Float64Array, y: Float64Array, P: DiceParams, L: Layout, p: Float64Array, I: Float64Array, Ps: Float64Array, T: Float64Array): void {
  const ign = P.ignore_index;
  const { N, K, S } = L;
  const fromLogits = P.from_logits;
  if (P.mode === 'multiclass') {
    const iA = new Float64Array(K);
    const pA = new Float64Array(K);
    const tA = new Float64Array(K);
    for (let b = 0; b < N; b++) {
      iA.fill(0);
      pA.fill(0);
      tA.fill(0);
      // Positions in blocks (core/blocks.ts), the per-sample sums carried from block to block.
      forBlocks(S, (from, to) => softmaxAndSum(xd, y, ign, fromLogits, K, S, b, p, iA, pA, tA, from, to));
      for (let k = 0; k < K; k++) {
        I[k] += iA[k];
        Ps[k] += pA[k];
        T[k] += tA[k];
      }
    }
    return;
  }
  const acc = new Float64Array(3);
  for (let b = 0; b < N; b++) {
    for (let k = 0; k < K; k++) {
      const base = (b * K + k) * S;
      acc.fill(0);
      // Positions in blocks (core/blocks.ts), the row's sums carried from block to block.
      forBlocks(S, (from, to) => sigmoidAndSum(xd, y, ign, fromLogits, base, p, acc, from, to));
      I[k] += acc[0]!;
      Ps[k] += acc[1]!;
      T[k] += acc[2]!;
    }
  }
}

/**
 * σ(x) bit for bit as core/activations.ts's sigmoid (1/(1 + e^−x) for x ≥ 0, e^x/(1 + e^x) below),
 * without its branch on the sign, which mispredicts on random logits: e = e^−|x| is the exponential
 * either form takes, and the numerator 1 or e is picked by a 0/1 factor (exact: e is in [0, 1] or
 * NaN, and a NaN x gives NaN both ways).
 */
function sigmoidNoBranch(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const c = +(x >= 0);
  return (c + (1 - c) * e) / (1 + e);
}

/**
 * Binary and multilabel: positions [from, to) of the row at `base` (one sample's class, or the
 * whole binary mask): p into `p` (ignored positions left alone: the array starts zeroed then) and
 * the row's sums of p·t, p and t added into acc[0], acc[1], acc[2], in position order. Four
 * positions per iteration (V8 re-checks each typed array on every access of every iteration); a
 * group holding an ignored position goes one at a time. Measured at 10^6 elements (CPU, min of 60
 * calls, multilabel logits): the loss went 42.2 -> 28.5 ms with this kernel and sigmoidChain, which
 * replaced one loop per row (on-stack-replaced, core/blocks.ts) and σ with a branch. What is left
 * is mostly Math.exp, a call out of compiled code (about a third of the time).
 */
function sigmoidAndSum(xd: Float64Array, y: Float64Array, ign: number | null, fromLogits: boolean, base: number, p: Float64Array, acc: Float64Array, from: number, to: number): void {
  let i = acc[0]!;
  let ps = acc[1]!;
  let ts = acc[2]!;
  let q = base + from;
  const end = base + to;
  while (q < end) {
    if (q + 4 <= end && (ign === null || (y[q] !== ign && y[q + 1] !== ign && y[q + 2] !== ign && y[q + 3] !== ign))) {
      const t0 = y[q]!;
      const t1 = y[q + 1]!;
      const t2 = y[q + 2]!;
      const t3 = y[q + 3]!;
      const p0 = fromLogits ? sigmoidNoBranch(xd[q]!) : xd[q]!;
      const p1 = fromLogits ? sigmoidNoBranch(xd[q + 1]!) : xd[q + 1]!;
      const p2 = fromLogits ? sigmoidNoBranch(xd[q + 2]!) : xd[q + 2]!;
      const p3 = fromLogits ? sigmoidNoBranch(xd[q + 3]!) : xd[q + 3]!;
      p[q] = p0;
      p[q + 1] = p1;
      p[q + 2] = p2;
      p[q + 3] = p3;
      i += p0 * t0;
      i += p1 * t1;
      i += p2 * t2;
      i += p3 * t3;
      ps += p0;
      ps += p1;
      ps += p2;
      ps += p3;
      ts += t0;
      ts += t1;
      ts += t2;
      ts += t3;
      q += 4;
      continue;
    }
    const label = y[q]!;
    if (!(ign !== null && label === ign)) {
      const pv = fromLogits ? sigmoidNoBranch(xd[q]!) : xd[q]!;
      p[q] = pv;
      i += pv * label;
      ps += pv;
      ts += label;
    }
    q++;
  }
  acc[0] = i;
  acc[1] = ps;
  acc[2] = ts;
}

/**
 * Binary and multilabel chain rule at positions [from, to) of the row at `base`, whose class has
 * d loss/d p = ak + bk·t: `grad` holds p there and receives d loss/d x (through σ, p(1 − p)) or
 * d loss/d p, scaled by the reduction. Ignored positions are left at 0. As sigmoidAndSum, four
 * positions per iteration.
 */
function sigmoidChain(y: Float64Array, ign: number | null, fromLogits: boolean, base: number, ak: number, bk: number, scale: number, grad: Float64Array, from: number, to: number): void {
  // Doubles from here on: V8 re-checked the arguments' tags on every use in the loop.
  ak *= 1;
  bk *= 1;
  scale *= 1;
  let q = base + from;
  const end = base + to;
  while (q < end) {
    if (q + 4 <= end && (ign === null || (y[q] !== ign && y[q + 1] !== ign && y[q + 2] !== ign && y[q + 3] !== ign))) {
      const g0 = ak + bk * y[q]!;
      const g1 = ak + bk * y[q + 1]!;
      const g2 = ak + bk * y[q + 2]!;
      const g3 = ak + bk * y[q + 3]!;
      if (fromLogits) {
        const p0 = grad[q]!;
        const p1 = grad[q + 1]!;
        const p2 = grad[q + 2]!;
        const p3 = grad[q + 3]!;
        grad[q] = g0 * p0 * (1 - p0) * scale;
        grad[q + 1] = g1 * p1 * (1 - p1) * scale;
        grad[q + 2] = g2 * p2 * (1 - p2) * scale;
        grad[q + 3] = g3 * p3 * (1 - p3) * scale;
      } else {
        grad[q] = g0 * scale;
        grad[q + 1] = g1 * scale;
        grad[q + 2] = g2 * scale;
        grad[q + 3] = g3 * scale;
      }
      q += 4;
      continue;
    }
    const label = y[q]!;
    if (!(ign !== null && label === ign)) {
      const g = ak + bk * label;
      if (fromLogits) {
        const pv = grad[q]!;
        grad[q] = g * pv * (1 - pv) * scale;
      } else {
        grad[q] = g * scale;
      }
    }
    q++;
  }
}

/**
 * The gradient is the only input-sized array: p is written into it as the per-class totals are
 * summed (the 0/1 target taken from the labels), and the chain rule then overwrites it element by
 * element (pixel by pixel for softmax). The reduction's factor is applied in that same pass.
 */
function computeOverlap(inputs: LossInputs, P: DiceParams, reduction: Reduction, id: string, jaccard: boolean): LossOutput {
  const later = labelsLater(P);
  const { L, tgt } = validate(inputs, P, id, later);
  const { N, K, S } = L;
  const y = tgt.data;
  const ign = P.ignore_index;
  const multiclass = P.mode === 'multiclass';
  const fromLogits = P.from_logits;
  const n = inputs.input.data.length;
  // Ignored positions are never written (their p and gradient are 0), so only then must the
  // recycled array start at zero.
  const grad = ign === null ? takeArray(n) : takeZeroed(n);
  const I = new Float64Array(K);
  const Ps = new Float64Array(K);
  const T = new Float64Array(K);
  fillAndSum(inputs.input.data, y, P, L, grad, I, Ps, T);
  if (later) checkLabelsCounted(tgt, L, T);
  const s = P.smooth;
  const loss = new Float64Array(K);
  // d loss_k / d p = a_k + b_k·t for each element of class k.
  const a = new Float64Array(K);
  const bt = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    if (P.empty_classes === 'zero' && T[k] === 0) continue;
    if (jaccard) {
      const num = I[k] + s;
      const U = Ps[k] + T[k] - I[k] + s;
      const den = Math.max(U, P.eps);
      loss[k] = 1 - num / den;
      // dI/dp = t and dU/dp = 1 − t; the clamp (torch's clamp_min passes the gradient at U = eps) cuts U out below eps.
      if (U >= P.eps) {
        a[k] = num / (den * den);
        bt[k] = -1 / den - num / (den * den);
      } else {
        bt[k] = -1 / den;
      }
    } else {
      const num = 2 * I[k] + s;
      const D = Ps[k] + T[k] + s;
      const den = Math.max(D, P.eps);
      loss[k] = 1 - num / den;
      if (D >= P.eps) a[k] = num / (den * den);
      bt[k] = -2 / den;
    }
  }
  const scale = gradientScale(reduction, K);
  if (multiclass) {
    for (let b = 0; b < N; b++) forBlocks(S, (from, to) => softmaxChain(y, ign, fromLogits, K, S, b, a, bt, scale, grad, from, to));
  } else {
    for (let b = 0; b < N; b++) {
      for (let k = 0; k < K; k++) {
        const base = (b * K + k) * S;
        const ak = a[k]!;
        const bk = bt[k]!;
        forBlocks(S, (from, to) => sigmoidChain(y, ign, fromLogits, base, ak, bk, scale, grad, from, to));
      }
    }
  }
  const intermediates: Intermediate[] = [
    { key: 'I', tex: 'I_k = \\sum p\\,t', label: { en: 'intersection per class', 'zh-cn': '每类交集' }, tensor: { shape: [K], data: I } },
    { key: 'P', tex: 'P_k = \\sum p', label: { en: 'predicted mass per class', 'zh-cn': '每类预测总和' }, tensor: { shape: [K], data: Ps } },
    { key: 'T', tex: 'T_k = \\sum t', label: { en: 'target mass per class', 'zh-cn': '每类目标总和' }, tensor: { shape: [K], data: T } },
  ];
  return finishScaled({ unreduced: { shape: [K], data: loss }, grad: { shape: inputs.input.shape, data: grad }, reduction, intermediates });
}

/**
 * The chain rule at positions [from, to) of sample b in multiclass mode: `grad` holds p there and
 * receives d loss/d x (through the softmax) or d loss/d p, scaled by the reduction. Four positions
 * in lockstep, class by class: each position's dot product Σ_k p_k·g_k still adds its classes in
 * order, from 0, and stays in a register, where a pass per class over the block (a dot array read
 * and written K times, then a pass per class for the gradient) took 5.5 ms at 10^6 elements and
 * this 3.7 (CPU, min of 45 calls). A group holding an ignored pixel goes one position at a time;
 * ignored pixels hold p = 0 already, and their gradient is 0.
 */
function softmaxChain(y: Float64Array, ign: number | null, fromLogits: boolean, K: number, S: number, b: number, a: Float64Array, bt: Float64Array, scale: number, grad: Float64Array, from: number, to: number): void {
  const row = b * S + from;
  const block = b * K * S + from;
  const len = to - from;
  scale *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  let j = 0;
  while (j < len) {
    if (j + 4 <= len && (ign === null || (y[row + j] !== ign && y[row + j + 1] !== ign && y[row + j + 2] !== ign && y[row + j + 3] !== ign))) {
      const l0 = y[row + j]!;
      const l1 = y[row + j + 1]!;
      const l2 = y[row + j + 2]!;
      const l3 = y[row + j + 3]!;
      if (fromLogits) {
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let k = 0, o = block + j; k < K; k++, o += S) {
          const ak = a[k]!;
          const bk = bt[k]!;
          d0 += grad[o]! * (ak + bk * +(l0 === k));
          d1 += grad[o + 1]! * (ak + bk * +(l1 === k));
          d2 += grad[o + 2]! * (ak + bk * +(l2 === k));
          d3 += grad[o + 3]! * (ak + bk * +(l3 === k));
        }
        for (let k = 0, o = block + j; k < K; k++, o += S) {
          const ak = a[k]!;
          const bk = bt[k]!;
          grad[o] = grad[o]! * (ak + bk * +(l0 === k) - d0) * scale;
          grad[o + 1] = grad[o + 1]! * (ak + bk * +(l1 === k) - d1) * scale;
          grad[o + 2] = grad[o + 2]! * (ak + bk * +(l2 === k) - d2) * scale;
          grad[o + 3] = grad[o + 3]! * (ak + bk * +(l3 === k) - d3) * scale;
        }
      } else {
        for (let k = 0, o = block + j; k < K; k++, o += S) {
          const ak = a[k]!;
          const bk = bt[k]!;
          grad[o] = (ak + bk * +(l0 === k)) * scale;
          grad[o + 1] = (ak + bk * +(l1 === k)) * scale;
          grad[o + 2] = (ak + bk * +(l2 === k)) * scale;
          grad[o + 3] = (ak + bk * +(l3 === k)) * scale;
        }
      }
      j += 4;
      continue;
    }
    const label = y[row + j]!;
    if (!(ign !== null && label === ign)) {
      let d = 0;
      if (fromLogits) for (let k = 0, o = block + j; k < K; k++, o += S) d += grad[o]! * (a[k]! + bt[k]! * +(label === k));
      for (let k = 0, o = block + j; k < K; k++, o += S) {
        const g = a[k]! + bt[k]! * +(label === k);
        grad[o] = fromLogits ? grad[o]! * (g - d) * scale : g * scale;
      }
    }
    j++;
  }
}

/**
 * The user's data on the curve's axis: the predicted probability of every non-ignored foreground
 * element (p where t = 1), as the curve is the loss of one foreground pixel predicted at p.
 */
function foregroundProbabilities(inputs: LossInputs, P: DiceParams, id: string): Float64Array {
  const { p, t } = prepare(inputs, P, id);
  let m = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === 1) m++;
  const out = new Float64Array(m);
  m = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === 1) out[m++] = p[i];
  return out;
}

function intermediate(out: LossOutput, key: string): Float64Array {
  const found = out.intermediates.find((x) => x.key === key);
  if (!found) return fail('internal', { en: `soft Dice output lacks intermediate ${key}`, 'zh-cn': `soft Dice 的输出缺少中间量 ${key}` });
  return found.tensor.data;
}

function workedOverlap(P: DiceParams, output: LossOutput, reduction: Reduction, count: number, jaccard: boolean) {
  const I = intermediate(output, 'I');
  const Ps = intermediate(output, 'P');
  const T = intermediate(output, 'T');
  const K = I.length;
  const steps: WorkedStep[] = [];
  const n4 = (v: number) => texNumber(v, 4);
  const s = n4(P.smooth);
  for (let k = 0; k < Math.min(count, K); k++) {
    let tex: string;
    if (P.empty_classes === 'zero' && T[k] === 0) {
      tex = `0 \\quad (T_{${k}} = 0,\\ \\text{empty\\_classes} = \\text{zero})`;
    } else if (jaccard) {
      const U = Ps[k] + T[k] - I[k] + P.smooth;
      const den = `${n4(Ps[k])} + ${n4(T[k])} - ${n4(I[k])} + ${s}`;
      tex = `1 - \\frac{${n4(I[k])} + ${s}}{${U >= P.eps ? den : `\\max(${den},\\ ${n4(P.eps)})`}}`;
    } else {
      const D = Ps[k] + T[k] + P.smooth;
      const den = `${n4(Ps[k])} + ${n4(T[k])} + ${s}`;
      tex = `1 - \\frac{2\\cdot ${n4(I[k])} + ${s}}{${D >= P.eps ? den : `\\max(${den},\\ ${n4(P.eps)})`}}`;
    }
    steps.push({ label: classLabel(k), tex, value: output.unreduced.data[k] });
  }
  return { steps, total: K, reduction: reductionStep(output, reduction) };
}

function sampleOverlap(rng: Rng, n: number): { inputs: LossInputs; params: Partial<DiceParams> } {
  const mode = (['multiclass', 'multilabel', 'binary'] as const)[rng.int(3)]!;
  const fromLogits = rng.next() < 0.7;
  const useIgnore = rng.next() < 0.5;
  const ignore = 255;
  const C = 3;
  const B = 2;
  const S = Math.max(1, Math.round(n / (B * (mode === 'binary' ? 1 : C))));
  const shape = mode === 'binary' ? [B, S] : [B, C, S];
  const m = numel(shape);
  const x = new Float64Array(m);
  // Probabilities kept inside (0.05, 0.95) so finite differences never leave [0, 1].
  for (let i = 0; i < m; i++) x[i] = fromLogits ? 1.5 * rng.normal() : 0.05 + 0.9 * rng.next();
  const tshape = mode === 'multiclass' ? [B, S] : shape;
  const y = new Float64Array(numel(tshape));
  for (let i = 0; i < y.length; i++) {
    if (useIgnore && rng.next() < 0.1) y[i] = ignore;
    else y[i] = mode === 'multiclass' ? rng.int(C) : rng.next() < 0.4 ? 1 : 0;
  }
  return {
    inputs: { input: { shape, data: x }, target: { shape: tshape, data: y }, extra: {} },
    params: {
      mode,
      from_logits: fromLogits,
      smooth: rng.next() < 0.5 ? 0 : 1,
      empty_classes: rng.next() < 0.5 ? 'keep' : 'zero',
      ...(useIgnore ? { ignore_index: ignore } : {}),
    },
  };
}

const probabilityAxis = {
  symbol: 'probability',
  tex: 'p',
  label: { en: 'predicted probability p of one foreground pixel', 'zh-cn': '单个前景像素的预测概率 p' },
  domain: [0, 1],
} as const;

const classes = (input: Tensor): number | undefined => (input.shape.length >= 2 ? input.shape[1] : undefined);

const inputKind = (P: DiceParams | null): string => (P === null ? 'p' : P.from_logits ? (P.mode === 'multiclass' ? 'p = \\operatorname{softmax}(x)' : 'p = \\sigma(x)') : 'p = x');

const softDice = defineLoss<DiceParams>({
  id: 'soft_dice',
  names: { en: 'Soft Dice loss', 'zh-cn': '软 Dice 损失' },
  category: 'segmentation',
  input: 'logits',
  target: 'class-indices',
  extra: [],
  params,
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Milletari, Navab & Ahmadi 2016 (V-Net), in the form of segmentation_models_pytorch DiceLoss',
    'zh-cn': 'Milletari, Navab & Ahmadi 2016（V-Net），采用 segmentation_models_pytorch 中 DiceLoss 的形式',
  },
  summary: {
    en: 'One minus the soft Dice coefficient 2|X∩Y|/(|X|+|Y|) per class, with |X∩Y| ≈ Σp·t and |X|, |Y| ≈ Σp, Σt over the batch and all pixels. It scores the overlap of the whole mask rather than each pixel, so a small foreground is not drowned by the background as in per-pixel cross entropy; it is often combined with cross entropy. Mind empty classes: without smooth they give a constant loss of 1 and no gradient.',
    'zh-cn': 'Dice 损失 = 1 − Dice 系数，Dice 系数 2|X∩Y|/(|X|+|Y|) 衡量两个样本的相似度，值越大越相似。|X∩Y| 近似为预测与标签逐像素相乘再求和，|X|、|Y| 近似为各自像素值之和（按类别，在整个批次和所有像素上求和）。Dice 损失可以缓解前景背景面积不平衡带来的消极影响，训练更关注前景区域的挖掘，而交叉熵平等地计算每个像素，因此两者常组合使用。注意空类别：smooth 为 0 时其损失恒为 1、梯度为 0。',
  },
  formula: {
    tex: (P) => {
      const s = P === null ? 's' : texNumber(P.smooth, 4);
      const e = P === null ? '\\epsilon' : texNumber(P.eps, 4);
      return `\\ell_k = 1 - \\frac{2\\sum_i p_{ik} t_{ik} + ${s}}{\\max\\left(\\sum_i p_{ik} + \\sum_i t_{ik} + ${s},\\ ${e}\\right)},\\quad ${inputKind(P)}`;
    },
    derivativeTex: (P) => {
      const s = P === null ? 's' : texNumber(P.smooth, 4);
      return `\\frac{\\partial \\ell_k}{\\partial p_{ik}} = \\frac{2 I_k + ${s}}{D_k^2} - \\frac{2\\,t_{ik}}{D_k},\\quad D_k = P_k + T_k + ${s}`;
    },
    plain: symbolsOnly('l_k = 1 − (2·Σp·t + smooth) / max(Σp + Σt + smooth, eps)'),
  },
  curve: {
    // One foreground pixel (t = 1) predicted at p is a class with I = P = p and T = 1, so
    // ℓ(p) = 1 − (2p + s)/(p + 1 + s): the simplest mask, and smooth visibly flattens the curve.
    axis: probabilityAxis,
    family: { param: 'smooth', values: [0, 0.5, 1, 2] },
    at(z, P) {
      const s = P.smooth;
      const D = z + 1 + s;
      return { loss: 1 - (2 * z + s) / D, grad: -(2 + s) / (D * D) };
    },
    points: (inputs, P) => foregroundProbabilities(inputs, P, 'soft_dice'),
  },
  compute: (inputs, P, reduction) => computeOverlap(inputs, P, reduction, 'soft_dice', false),
  worked: (_inputs, P, output, reduction, count) => workedOverlap(P, output, reduction, count, false),
  sample: sampleOverlap,
  classes,
});

const softJaccard = defineLoss<DiceParams>({
  id: 'soft_jaccard',
  names: { en: 'Soft Jaccard (IoU) loss', 'zh-cn': '软 Jaccard（IoU）损失' },
  category: 'segmentation',
  input: 'logits',
  target: 'class-indices',
  extra: [],
  params,
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Soft IoU (Rahman & Wang 2016), in the form of segmentation_models_pytorch JaccardLoss',
    'zh-cn': 'Soft IoU（Rahman & Wang 2016），采用 segmentation_models_pytorch 中 JaccardLoss 的形式',
  },
  summary: {
    en: 'One minus the soft intersection-over-union Σp·t / (Σp + Σt − Σp·t) per class, over the batch and all pixels. IoU is the usual segmentation metric; this is its smooth relaxation, monotone in Dice (J = D/(2 − D)) but penalising partial overlaps more.',
    'zh-cn': 'Jaccard 损失 = 1 − 软交并比（IoU），交并比 = Σp·t / (Σp + Σt − Σp·t)，按类别在整个批次和所有像素上求和。IoU 是分割比赛中常用的评价指标，此损失是它的光滑近似；它与 Dice 单调对应（J = D/(2 − D)），但对部分重叠的惩罚更重。',
  },
  formula: {
    tex: (P) => {
      const s = P === null ? 's' : texNumber(P.smooth, 4);
      const e = P === null ? '\\epsilon' : texNumber(P.eps, 4);
      return `\\ell_k = 1 - \\frac{\\sum_i p_{ik} t_{ik} + ${s}}{\\max\\left(\\sum_i p_{ik} + \\sum_i t_{ik} - \\sum_i p_{ik} t_{ik} + ${s},\\ ${e}\\right)},\\quad ${inputKind(P)}`;
    },
    derivativeTex: (P) => {
      const s = P === null ? 's' : texNumber(P.smooth, 4);
      return `\\frac{\\partial \\ell_k}{\\partial p_{ik}} = \\frac{(I_k + ${s})(1 - t_{ik})}{U_k^2} - \\frac{t_{ik}}{U_k},\\quad U_k = P_k + T_k - I_k + ${s}`;
    },
    plain: symbolsOnly('l_k = 1 − (Σp·t + smooth) / max(Σp + Σt − Σp·t + smooth, eps)'),
  },
  curve: {
    // One foreground pixel predicted at p: I = P = p, T = 1, U = 1 + s, so ℓ(p) = 1 − (p + s)/(1 + s).
    axis: probabilityAxis,
    family: { param: 'smooth', values: [0, 0.5, 1, 2] },
    at: (z, P) => ({ loss: 1 - (z + P.smooth) / (1 + P.smooth), grad: -1 / (1 + P.smooth) }),
    points: (inputs, P) => foregroundProbabilities(inputs, P, 'soft_jaccard'),
  },
  compute: (inputs, P, reduction) => computeOverlap(inputs, P, reduction, 'soft_jaccard', true),
  worked: (_inputs, P, output, reduction, count) => workedOverlap(P, output, reduction, count, true),
  sample: sampleOverlap,
  classes,
});

const losses: readonly AnyLoss[] = [softDice, softJaccard];
export default losses;
