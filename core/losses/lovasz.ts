/**
 * Lovász hinge and Lovász-softmax (Berman, Rannen Triki & Blaschko 2018): the Lovász extension of
 * the Jaccard loss, evaluated on sorted errors. Weights are built in float64 (Berman's and smp's code
 * use float32), and the three failures of Berman's public code are fixed as the spec asks: a group of
 * one valid pixel is ordinary, an all-ignored group is 0 and still counted, "present" is a string.
 */
import { classIndices, requireTensor } from '../check.js';
import { fail } from '../errors.js';
import type { Localized } from '../localized.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type Intermediate, type LossInputs, type LossOutput, type Rng, type WorkedExample, type WorkedStep } from '../loss.js';
import { booleanParam, optionalIntegerParam, unionParam, type ParamContext } from '../params.js';
import { takeArray, takeZeroed } from '../pool.js';
import { reduceOutput } from '../reduction.js';
import { indexString, numel, shapeString, type Tensor } from '../tensor.js';
import { groupLabel, reductionStep } from '../worked.js';

export interface LovaszHingeParams {
  per_image: boolean;
  ignore_index: number | null;
}

export type LovaszClasses = 'present' | 'all' | readonly number[];

export interface LovaszSoftmaxParams {
  classes: LovaszClasses;
  per_image: boolean;
  ignore_index: number | null;
  from_logits: boolean;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Index of a float64's high and low 32-bit words in its Uint32 view. */
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;
const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const RADIX_MASK = RADIX - 1;
/** Below this, an insertion sort beats clearing the radix histograms. */
const SMALL = 48;
/**
 * The radix histograms (24 KB), one for the whole process: radix32 clears them on entry and runs
 * to completion, so sorts never share them at the same time. One per sorter made every evaluation
 * allocate them, which at 10^3 elements (an 8 KB input) was most of its 5.3× the input's bytes.
 */
const HISTOGRAMS = new Uint32Array(3 * RADIX);

/**
 * Stable LSD radix sort of `ix[0..n)` by the 32-bit `key` (3 passes of 11/11/10 bits, passes that
 * every key shares skipped). Returns the buffers now holding the sorted keys and indices.
 */
function radix32(key: Uint32Array, ix: Uint32Array, n: number, key2: Uint32Array, ix2: Uint32Array, h: Uint32Array): [Uint32Array, Uint32Array] {
  h.fill(0, 0, 3 * RADIX);
  for (let i = 0; i < n; i++) {
    const k = key[i];
    h[k & RADIX_MASK]++;
    h[RADIX + ((k >>> 11) & RADIX_MASK)]++;
    h[2 * RADIX + (k >>> 22)]++;
  }
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * RADIX;
    const shift = pass * 11;
    if (h[base + ((key[0] >>> shift) & RADIX_MASK)] === n) continue;
    let acc = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = h[base + d];
      h[base + d] = acc;
      acc += c;
    }
    for (let i = 0; i < n; i++) {
      const k = key[i];
      const at = h[base + ((k >>> shift) & RADIX_MASK)]++;
      key2[at] = k;
      ix2[at] = ix[i];
    }
    const tk = key;
    key = key2;
    key2 = tk;
    const ti = ix;
    ix = ix2;
    ix2 = ti;
  }
  return [key, ix];
}

/** Where a sort's entries get their values back, for the rare ties of the high word and short sorts. */
export interface ValueAt {
  value(j: number): number;
}

/**
 * Sorts positions of float64 keys in descending order, ties in the order they were put (stable).
 * The keys are the IEEE bits turned into unsigned integers whose ascending order is e's descending
 * order. A radix sort on the high 32 bits (sign, exponent, 20 mantissa bits) orders all but
 * near-equal values; runs that share those bits (rare unless values repeat) are then ordered by the
 * low 32 bits, read back through `ValueAt`, so the values themselves are never stored: a caller
 * puts (value, position) pairs and gets the positions back sorted. O(n) for ordinary data, buffers
 * sized once by `reserve` and reused across groups and classes.
 */
export class DescendingSorter {
  private cap = 0;
  private keyA = new Uint32Array(0);
  private keyB = new Uint32Array(0);
  private ixA = new Uint32Array(0);
  private ixB = new Uint32Array(0);
  private runCap = 0;
  private runKey = new Uint32Array(0);
  private runIx = new Uint32Array(0);
  private runKey2 = new Uint32Array(0);
  private runIx2 = new Uint32Array(0);
  private readonly small = new Float64Array(SMALL);
  private readonly one = new Float64Array(1);
  private readonly oneU = new Uint32Array(this.one.buffer);

  /** Room for n entries (exactly n when growing: callers reserve their largest sort up front). */
  reserve(n: number): void {
    if (n <= this.cap) return;
    this.keyA = new Uint32Array(n);
    this.keyB = new Uint32Array(n);
    this.ixA = new Uint32Array(n);
    this.ixB = new Uint32Array(n);
    this.cap = n;
  }

  /** Entry i of the next sort: value v at position j. Positions must be put in ascending order for ties to keep it. */
  put(i: number, v: number, j: number): void {
    this.one[0] = v;
    const a = this.oneU[HI];
    // Descending order = ascending order of the complement of the usual sortable-float key:
    // negatives keep their bits, non-negatives flip every bit but the sign (which ends up 0).
    this.keyA[i] = a < 0x80000000 ? a ^ 0x7fffffff : a;
    this.ixA[i] = j;
  }

  /** The positions of entries 0..n−1 ordered by descending value; valid until the next sort. */
  sort(n: number, src: ValueAt): Uint32Array {
    if (n <= SMALL) return this.insertion(n, src);
    const [key, ix] = radix32(this.keyA, this.ixA, n, this.keyB, this.ixB, HISTOGRAMS);
    let start = 0;
    for (let k = 1; k <= n; k++) {
      if (k < n && key[k] === key[start]) continue;
      if (k - start > 1) this.sortRunByLow(ix, start, k, src, (key[start] & 0x80000000) === 0);
      start = k;
    }
    return ix;
  }

  /** Positions 0..n−1 of `e` ordered by descending e. The array is valid until the next call. */
  order(e: Float64Array, n: number): Uint32Array {
    this.reserve(Math.max(n, 1));
    for (let i = 0; i < n; i++) this.put(i, e[i], i);
    return this.sort(n, { value: (j) => e[j] });
  }

  /** Orders ix[start..end), which share their high word, by the low word (flipped for non-negatives). */
  private sortRunByLow(ix: Uint32Array, start: number, end: number, src: ValueAt, flip: boolean): void {
    const r = end - start;
    if (r > this.runCap) {
      const c = Math.max(r, 2 * this.runCap);
      this.runKey = new Uint32Array(c);
      this.runIx = new Uint32Array(c);
      this.runKey2 = new Uint32Array(c);
      this.runIx2 = new Uint32Array(c);
      this.runCap = c;
    }
    const rk = this.runKey;
    const ri = this.runIx;
    for (let k = 0; k < r; k++) {
      const j = ix[start + k];
      this.one[0] = src.value(j);
      const b = this.oneU[LO];
      rk[k] = flip ? ~b >>> 0 : b;
      ri[k] = j;
    }
    if (r <= SMALL) {
      for (let i = 1; i < r; i++) {
        const kv = rk[i];
        const iv = ri[i];
        let j = i - 1;
        while (j >= 0 && rk[j] > kv) {
          rk[j + 1] = rk[j];
          ri[j + 1] = ri[j];
          j--;
        }
        rk[j + 1] = kv;
        ri[j + 1] = iv;
      }
      for (let k = 0; k < r; k++) ix[start + k] = ri[k];
      return;
    }
    const [, sorted] = radix32(rk, ri, r, this.runKey2, this.runIx2, HISTOGRAMS);
    for (let k = 0; k < r; k++) ix[start + k] = sorted[k];
  }

  private insertion(n: number, src: ValueAt): Uint32Array {
    const ix = this.ixA;
    const f = this.small;
    for (let i = 0; i < n; i++) {
      // Shifts in earlier rounds wrote at most up to index i − 1, so entry i is still as put.
      const at = ix[i];
      const v = src.value(at);
      let j = i - 1;
      // Strictly smaller keys move right, so equal keys keep their order; NaN sorts last.
      while (j >= 0 && (f[j] < v || (f[j] !== f[j] && v === v))) {
        f[j + 1] = f[j];
        ix[j + 1] = ix[j];
        j--;
      }
      f[j + 1] = v;
      ix[j + 1] = at;
    }
    return ix;
  }
}

/** The first terms of Σ_k e_(k)·w_k with numbers. */
function sumTex(e: Float64Array, w: Float64Array, relu: boolean, valid: number): string {
  // The empty cases in symbols, not words (shown as is in every language): no pixel left after
  // ignore_index is an empty sum; only non-positive errors make every relu term 0.
  const sum = relu ? '\\sum_k \\operatorname{relu}(e_{(k)})\\,w_k' : '\\sum_k e_{(k)}\\,w_k';
  if (valid === 0) return `${sum.replace('\\sum_k', '\\sum_{k \\in \\varnothing}')} = 0`;
  if (e.length === 0) return `\\max_k e_{(k)} \\le 0 \\;\\Rightarrow\\; ${sum} = 0`;
  const terms: string[] = [];
  const shown = Math.min(3, e.length);
  for (let k = 0; k < shown; k++) {
    const ev = relu ? `\\operatorname{relu}(${texNumber(e[k], 4)})` : texNumber(e[k], 4);
    terms.push(`${ev}\\cdot ${texNumber(w[k], 4, true)}`);
  }
  if (e.length > shown) terms.push('\\cdots');
  return `${sum} = ${terms.join(' + ')}`;
}

const ignoreParam = optionalIntegerParam({
  default: null,
  doc: { en: 'Label whose pixels are removed before sorting (Berman\'s `ignore`).', 'zh-cn': '取该标签的像素在排序前被移除（Berman 代码中的 `ignore`）。' },
});

function groupWord(perImage: boolean): string {
  return perImage ? 'image' : 'batch';
}

// ───────────────────────────── Lovász hinge ─────────────────────────────

interface HingeRun {
  readonly losses: Float64Array;
  readonly grad: Float64Array;
  readonly details: { e: Float64Array; w: Float64Array; valid: number }[];
}

function checkHinge(inputs: LossInputs, P: LovaszHingeParams): Tensor {
  const x = inputs.input;
  const t = requireTensor(inputs.target, 'target', 'lovasz_hinge', { en: "0/1 labels with the input's shape [B, ...]", 'zh-cn': '与 input 形状 [B, ...] 相同的 0/1 标签' });
  if (x.shape.length < 1) {
    fail(
      'invalid_rank',
      {
        en: 'input is a scalar, but lovasz_hinge expects logits [B, ...] (one row per image) and 0/1 labels of the same shape.',
        'zh-cn': 'input 是标量，但 lovasz_hinge 要求 logits 为 [B, ...]（每张图像一行），并且 0/1 标签与它形状相同。',
      },
      { tensor: 'input' },
    );
  }
  if (t.shape.length !== x.shape.length || t.shape.some((d, i) => d !== x.shape[i])) {
    const [ts, s] = [shapeString(t.shape), shapeString(x.shape)];
    fail(
      'shape_mismatch',
      {
        en: `target has shape ${ts}, but lovasz_hinge expects logits [B, ...] and 0/1 labels of the same shape: here ${s}.`,
        'zh-cn': `target 的形状为 ${ts}，但 lovasz_hinge 要求 logits [B, ...] 与 0/1 标签形状相同：这里应为 ${s}。`,
      },
      { tensor: 'target' },
    );
  }
  const ign = P.ignore_index;
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (v === 0 || v === 1 || (ign !== null && v === ign)) continue;
    const at = `target${indexString(t.shape, i)}`;
    const or = ign === null ? { en: '', zh: '' } : { en: ` (or ignore_index = ${ign})`, zh: `（或等于 ignore_index = ${ign}）` };
    fail('invalid_label', { en: `${at} is ${v}, but lovasz_hinge takes 0/1 labels${or.en}.`, 'zh-cn': `${at} 为 ${v}，但 lovasz_hinge 接受的是 0/1 标签${or.zh}。` }, { tensor: 'target' });
  }
  return t;
}

function runHinge(inputs: LossInputs, P: LovaszHingeParams, keepGroups: number): HingeRun {
  const t = checkHinge(inputs, P);
  const x = inputs.input.data;
  const y = t.data;
  const n = x.length;
  const groups = P.per_image ? inputs.input.shape[0]! : 1;
  const size = groups === 0 ? 0 : n / groups;
  // Only sorted errors that are positive (or NaN) get a gradient: the rest must read 0.
  const grad = takeZeroed(n);
  const losses = new Float64Array(groups);
  const details: { e: Float64Array; w: Float64Array; valid: number }[] = [];
  const ign = P.ignore_index;
  // Only e > 0 (and NaN, which relu keeps) can add to the sum, so the sort buffers are sized to the
  // largest group's count of those. e = 1 − x·s with s = 2y − 1, recomputed rather than stored.
  let cap = 0;
  for (let gi = 0; gi < groups; gi++) {
    let m = 0;
    for (let i = gi * size; i < (gi + 1) * size; i++) {
      const label = y[i];
      if (ign !== null && label === ign) continue;
      const ei = label === 1 ? 1 - x[i] : 1 + x[i];
      if (ei > 0 || ei !== ei) m++;
    }
    if (m > cap) cap = m;
  }
  const sorter = new DescendingSorter();
  sorter.reserve(cap);
  const src: ValueAt = { value: (j) => (y[j] === 1 ? 1 - x[j] : 1 + x[j]) };
  for (let gi = 0; gi < groups; gi++) {
    let m = 0;
    let valid = 0;
    let G = 0;
    for (let i = gi * size; i < (gi + 1) * size; i++) {
      const label = y[i];
      if (ign !== null && label === ign) continue;
      valid++;
      G += label;
      const ei = label === 1 ? 1 - x[i] : 1 + x[i];
      if (ei > 0 || ei !== ei) sorter.put(m++, ei, i);
    }
    const keep = gi < keepGroups ? { e: new Float64Array(m), w: new Float64Array(m), valid } : undefined;
    // An empty (all-ignored) group is 0 and stays in the mean's denominator. The others count in G
    // but sort last and add relu(e)·w = 0.
    let sum = 0;
    if (m > 0) {
      const order = sorter.sort(m, src);
      let cs = 0;
      let cn = 0;
      let prev = 0;
      for (let k = 0; k < m; k++) {
        const j = order[k];
        const gk = y[j];
        cs += gk;
        cn += 1 - gk;
        // J_k = 1 − (G − Σ_{i≤k} g)/(G + Σ_{i≤k}(1 − g)); the union is ≥ 1 for every k ≥ 1.
        const J = 1 - (G - cs) / (G + cn);
        const w = J - prev;
        prev = J;
        const ek = gk === 1 ? 1 - x[j] : 1 + x[j];
        if (keep) {
          keep.e[k] = ek;
          keep.w[k] = w;
        }
        sum += ek * w;
        grad[j] = gk === 1 ? -w : w;
      }
    }
    losses[gi] = sum;
    if (keep) details.push(keep);
  }
  return { losses, grad, details };
}

/** `out` whose intermediates are computed by `make` when first read (reports, worked examples), then kept. */
function lazyIntermediates(out: LossOutput, make: () => Intermediate[]): LossOutput {
  let lazy: Intermediate[] | undefined;
  return {
    value: out.value,
    unreduced: out.unreduced,
    grad: out.grad,
    gradExtra: out.gradExtra,
    get intermediates(): Intermediate[] {
      if (lazy === undefined) lazy = make();
      return lazy;
    },
  };
}

/** `positiveOnly`: the hinge keeps only errors > 0, the ones relu lets into the sum (the rest sort last). */
function sortedIntermediates(d: { e: Float64Array; w: Float64Array } | undefined, what: string, whatZh: string, positiveOnly: boolean): Intermediate[] {
  if (!d) return [];
  const en = positiveOnly ? 'sorted errors > 0' : 'sorted errors';
  const zh = positiveOnly ? '排序后的正误差' : '排序后的误差';
  return [
    { key: 'errors_sorted', tex: 'e_{(k)}', label: { en: `${en} (${what})`, 'zh-cn': `${zh}（${whatZh}）` }, tensor: { shape: [d.e.length], data: d.e } },
    { key: 'lovasz_weights', tex: 'w_k', label: { en: `Lovász weights (${what})`, 'zh-cn': `Lovász 权重（${whatZh}）` }, tensor: { shape: [d.w.length], data: d.w } },
  ];
}

function sampleHinge(rng: Rng, n: number): { inputs: LossInputs; params: Partial<LovaszHingeParams> } {
  const B = 2;
  const S = Math.max(1, Math.round(n / B));
  const W = Math.max(1, Math.floor(Math.sqrt(S)));
  const H = Math.max(1, Math.floor(S / W));
  const m = B * H * W;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const useIgnore = rng.next() < 0.5;
  // Continuous logits: ties between errors (where the loss has kinks) have probability 0.
  for (let i = 0; i < m; i++) {
    y[i] = useIgnore && rng.next() < 0.1 ? 255 : rng.next() < 0.4 ? 1 : 0;
    x[i] = (y[i] === 1 ? 0.5 : -0.5) + 1.5 * rng.normal();
  }
  const shape = [B, H, W];
  return {
    inputs: { input: { shape, data: x }, target: { shape, data: y }, extra: {} },
    params: { per_image: rng.next() < 0.6, ...(useIgnore ? { ignore_index: 255 } : {}) },
  };
}

const lovaszHinge = defineLoss<LovaszHingeParams>({
  id: 'lovasz_hinge',
  names: { en: 'Lovász hinge loss', 'zh-cn': 'Lovász hinge 损失' },
  category: 'segmentation',
  input: 'logits',
  target: 'binary-labels',
  extra: [],
  params: {
    per_image: booleanParam({ default: true, doc: { en: 'One group per image (mean of per-image losses); false makes the whole batch one group.', 'zh-cn': '每张图像一组（对各图像损失取平均）；false 时整个批次为一组。' } }),
    ignore_index: ignoreParam,
  },
  reductions: ['mean'],
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Berman, Rannen Triki & Blaschko 2018, "The Lovász-Softmax loss" (binary Lovász hinge)',
    'zh-cn': 'Berman, Rannen Triki & Blaschko 2018，"The Lovász-Softmax loss"（其中的二分类 Lovász hinge）',
  },
  summary: {
    en: 'Directly optimises the Jaccard index (IoU) of a binary mask: the Jaccard loss is submodular, so its Lovász extension on the hinge errors e = 1 − x·s (sorted, weighted by the Jaccard increments) is a tight convex surrogate. Use it to fine-tune a segmentation model on its metric; per_image matches a per-image mean IoU.',
    'zh-cn': 'IoU（交并比，也叫 Jaccard 指数）是分割中常用的评价指标，一个自然的想法是直接把它作为损失来优化。1 − IoU 是离散的次模（submodular）集合函数，无法直接求导，但可以用 Lovász 延拓做光滑延拓：将 hinge 误差 e = 1 − x·s 降序排序，按 Jaccard 损失的增量 g_i 加权求和，得到连续、分段线性的函数，对误差的导数就是 g。适合用分割指标本身来微调模型；per_image 对应按图像平均的 IoU。',
  },
  formula: {
    tex: () => '\\ell = \\sum_{k} \\operatorname{relu}\\!\\left(e_{(k)}\\right) w_k,\\quad e = 1 - x\\,(2y - 1),\\quad w_k = J_k - J_{k-1},\\quad J_k = 1 - \\frac{G - \\sum_{i \\le k} g_{(i)}}{G + \\sum_{i \\le k} (1 - g_{(i)})}',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial x_{(k)}} = -(2y_{(k)} - 1)\\, w_k\\, [e_{(k)} > 0]',
    plain: {
      en: 'l = Σ_k relu(e_(k))·w_k, e = 1 − x·(2y − 1) sorted descending, w = Jaccard-loss increments (mean over groups)',
      'zh-cn': 'l = Σ_k relu(e_(k))·w_k，e = 1 − x·(2y − 1) 降序排列，w = Jaccard 损失的增量（对各组取平均）',
    },
  },
  curve: {
    // A group of one pixel has w = [1] whatever its label, so its loss is relu(1 − m) on the
    // margin m = x·(2y − 1): the hinge that the Lovász extension generalises to whole masks.
    axis: { symbol: 'margin', tex: 'm = x\\,(2y - 1)', label: { en: 'margin m = x·(2y − 1) of a single pixel', 'zh-cn': '单个像素的间隔 m = x·(2y − 1)' }, domain: [-2, 3] },
    at: (z) => ({ loss: Math.max(0, 1 - z), grad: z < 1 ? -1 : 0 }),
    points(inputs, P) {
      const t = checkHinge(inputs, P);
      const out: number[] = [];
      for (let i = 0; i < t.data.length; i++) {
        const label = t.data[i];
        if (P.ignore_index !== null && label === P.ignore_index) continue;
        out.push(inputs.input.data[i] * (2 * label - 1));
      }
      return Float64Array.from(out);
    },
  },
  compute(inputs, P, reduction) {
    const r = runHinge(inputs, P, 0);
    // The first group's sorted errors and weights are as large as the group: kept only when read.
    return lazyIntermediates(reduceOutput({ unreduced: { shape: [r.losses.length], data: r.losses }, grad: { shape: inputs.input.shape, data: r.grad }, reduction }), () =>
      sortedIntermediates(runHinge(inputs, P, 1).details[0], `${groupWord(P.per_image)} group 1`, '第 1 组', true),
    );
  },
  worked(inputs, P, output, reduction, count): WorkedExample {
    const r = runHinge(inputs, P, count);
    const steps: WorkedStep[] = r.details.map((d, gi) => ({ label: groupLabel(gi), tex: sumTex(d.e, d.w, true, d.valid), value: r.losses[gi] }));
    return { steps, total: r.losses.length, reduction: reductionStep(output, reduction) };
  },
  sample: sampleHinge,
});

// ───────────────────────────── Lovász-softmax ─────────────────────────────

function checkClassList(list: readonly number[], C: number, name: string): void {
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c < 0 || c >= C) {
      fail(
        'invalid_param',
        { en: `Parameter "${name}" lists class ${c} (entry ${i}), but C = ${C}: class ids must be in 0..${C - 1}.`, 'zh-cn': `参数 "${name}" 列出了类别 ${c}（下标 ${i}），但 C = ${C}：类别编号必须在 0..${C - 1} 范围内。` },
        { param: name },
      );
    }
  }
}

function classListVariant(v: unknown, name: string, ctx: ParamContext | null): readonly number[] | undefined {
  let arr: unknown = v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return undefined;
    try {
      arr = JSON.parse(s.startsWith('[') ? s : `[${s}]`);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(arr)) return undefined;
  const out: number[] = [];
  for (const x of arr) {
    const n = typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
    if (typeof n !== 'number' || !Number.isInteger(n)) return undefined;
    out.push(n);
  }
  if (ctx?.classes !== undefined) checkClassList(out, ctx.classes, name);
  return out;
}

interface SoftmaxLayout {
  readonly B: number;
  readonly C: number;
  readonly S: number;
}

function checkSoftmax(inputs: LossInputs, P: LovaszSoftmaxParams): { L: SoftmaxLayout; t: Tensor } {
  const x = inputs.input;
  const t = requireTensor(inputs.target, 'target', 'lovasz_softmax', { en: 'class indices [B, H, W]', 'zh-cn': '类别索引 [B, H, W]' });
  const what: Localized = {
    en: `lovasz_softmax expects ${P.from_logits ? 'logits' : 'probabilities'} [B, C, H, W] (class dimension 1, any number of spatial dimensions) and class indices [B, H, W]`,
    'zh-cn': `lovasz_softmax 要求${P.from_logits ? ' logits ' : '概率'}为 [B, C, H, W]（类别维为第 1 维，空间维数不限），target 为类别索引 [B, H, W]`,
  };
  if (x.shape.length < 2) {
    const s = shapeString(x.shape);
    fail('invalid_rank', { en: `input has shape ${s} (${x.shape.length} dimensions), but ${what.en}.`, 'zh-cn': `input 的形状为 ${s}（${x.shape.length} 维），但 ${what['zh-cn']}。` }, { tensor: 'input' });
  }
  const want = [x.shape[0]!, ...x.shape.slice(2)];
  if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) {
    const [ts, ws] = [shapeString(t.shape), shapeString(want)];
    fail(
      'shape_mismatch',
      {
        en: `target has shape ${ts}, but ${what.en}: the input's shape without dim 1, here ${ws}.`,
        'zh-cn': `target 的形状为 ${ts}，但 ${what['zh-cn']}：即 input 的形状去掉第 1 维，这里为 ${ws}。`,
      },
      { tensor: 'target' },
    );
  }
  const C = x.shape[1]!;
  classIndices(t, 'target', C, P.ignore_index);
  if (Array.isArray(P.classes)) checkClassList(P.classes, C, 'classes');
  else if (P.classes !== 'present' && P.classes !== 'all') {
    const got = JSON.stringify(P.classes);
    fail('invalid_param', { en: `Parameter "classes" must be "present", "all" or a list of class ids; got ${got}.`, 'zh-cn': `参数 "classes" 必须是 "present"、"all" 或类别编号列表；实际为 ${got}。` }, { param: 'classes' });
  }
  if (!P.from_logits) {
    for (let i = 0; i < x.data.length; i++) {
      const v = x.data[i];
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
  return { L: { B: x.shape[0]!, C, S: numel(x.shape.slice(2)) }, t };
}

/** softmax over dim 1 of [B, C, S], max-subtracted, into `p`. */
function softmaxDim1(x: Float64Array, L: SoftmaxLayout, p = new Float64Array(x.length)): Float64Array {
  const { B, C, S } = L;
  for (let b = 0; b < B; b++) {
    for (let s = 0; s < S; s++) {
      const base = b * C * S + s;
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, x[base + c * S]);
      let z = 0;
      for (let c = 0; c < C; c++) {
        const v = Math.exp(x[base + c * S] - m);
        p[base + c * S] = v;
        z += v;
      }
      for (let c = 0; c < C; c++) p[base + c * S] /= z;
    }
  }
  return p;
}

interface ClassDetail {
  readonly group: number;
  readonly c: number;
  readonly e: Float64Array;
  readonly w: Float64Array;
  readonly loss: number;
}

interface SoftmaxRun {
  readonly losses: Float64Array;
  readonly grad: Float64Array;
  /** Per group: the classes used and their losses. */
  readonly used: { c: number; loss: number }[][];
  readonly details: ClassDetail[];
}

/**
 * The gradient is the only input-sized array. With from_logits it first holds p = softmax(x); each
 * class's entries are read by that class's sort only, and are then overwritten by d(loss)/dp. The
 * softmax backward recomputes p per pixel (the same arithmetic, so the same bits) and finishes in
 * place.
 */
function runSoftmax(inputs: LossInputs, P: LovaszSoftmaxParams, keepDetails: number, keepUsed: number): SoftmaxRun {
  const { L, t } = checkSoftmax(inputs, P);
  const { B, C, S } = L;
  const x = inputs.input.data;
  // softmaxDim1 writes every entry; without it only the chosen classes' valid pixels are written.
  const grad = P.from_logits ? softmaxDim1(x, L, takeArray(x.length)) : takeZeroed(x.length);
  const p = P.from_logits ? grad : x;
  const y = t.data;
  const groups = P.per_image ? B : 1;
  const counts = new Float64Array(C);
  const losses = new Float64Array(groups);
  const used: { c: number; loss: number }[][] = [];
  const details: ClassDetail[] = [];
  const ign = P.ignore_index;
  const list: readonly number[] | null = Array.isArray(P.classes) ? P.classes : null;
  // chosenIn[gi·C + c]: class c's entries of group gi's valid pixels hold d(loss)/dp, not p.
  const chosenIn = new Uint8Array(groups * C);
  let cap = 0;
  for (let gi = 0; gi < groups; gi++) {
    let m = 0;
    for (let q = gi * ((B * S) / groups); q < (gi + 1) * ((B * S) / groups); q++) if (!(ign !== null && y[q] === ign)) m++;
    if (m > cap) cap = m;
  }
  const sorter = new DescendingSorter();
  sorter.reserve(cap);
  // Per class, over the group's valid pixels in order: the error (then, at the same index, its
  // weight) and whether the pixel is of the class. Small next to the input (one entry per pixel).
  const e = new Float64Array(cap);
  const fg = new Uint8Array(cap);
  const src: ValueAt = { value: (j) => e[j] };
  for (let gi = 0; gi < groups; gi++) {
    const b0 = P.per_image ? gi : 0;
    const b1 = P.per_image ? gi + 1 : B;
    let m = 0;
    counts.fill(0);
    for (let b = b0; b < b1; b++) {
      for (let s = 0; s < S; s++) {
        const label = y[b * S + s];
        if (ign !== null && label === ign) continue;
        counts[label]++;
        m++;
      }
    }
    const chosen: number[] = [];
    if (list) chosen.push(...list);
    else for (let c = 0; c < C; c++) if (P.classes === 'all' || counts[c] > 0) chosen.push(c);
    const rec: { c: number; loss: number }[] = [];
    let total = 0;
    const share = chosen.length === 0 ? 0 : 1 / chosen.length;
    // A class listed twice is sorted once; its gradient adds its share once per listing.
    const done = new Map<number, { loss: number; e: Float64Array | null; w: Float64Array | null }>();
    for (const c of chosen) {
      let lossC = 0;
      const seen = done.get(c);
      if (m > 0 && seen) {
        lossC = seen.loss;
        if (details.length < keepDetails && seen.e && seen.w) details.push({ group: gi, c, e: seen.e, w: seen.w, loss: lossC });
      } else if (m > 0) {
        let times = 0;
        for (const d of chosen) if (d === c) times++;
        chosenIn[gi * C + c] = 1;
        let i = 0;
        for (let b = b0; b < b1; b++) {
          const base = b * C * S + c * S;
          for (let s = 0; s < S; s++) {
            const label = y[b * S + s];
            if (ign !== null && label === ign) continue;
            const v = p[base + s];
            const isFg = label === c ? 1 : 0;
            const ei = isFg ? 1 - v : v;
            // |fg − p| for p ∈ [0, 1]; abs'(0) = 0 as in torch.
            e[i] = ei;
            fg[i] = isFg;
            sorter.put(i, ei, i);
            i++;
          }
        }
        const order = sorter.sort(m, src);
        const keep = details.length < keepDetails ? { e: new Float64Array(m), w: new Float64Array(m) } : undefined;
        const G = counts[c];
        let cs = 0;
        let cn = 0;
        let prev = 0;
        for (let k = 0; k < m; k++) {
          const j = order[k];
          const isFg = fg[j];
          cs += isFg;
          cn += 1 - isFg;
          // J_k = 1 − (G − Σ_{i≤k} g)/(G + Σ_{i≤k}(1 − g)); the union is ≥ 1 for every k ≥ 1.
          const J = 1 - (G - cs) / (G + cn);
          const w = J - prev;
          prev = J;
          const ek = e[j];
          if (keep) {
            keep.e[k] = ek;
            keep.w[k] = w;
          }
          lossC += ek * w;
          e[j] = w;
        }
        i = 0;
        for (let b = b0; b < b1; b++) {
          const base = b * C * S + c * S;
          for (let s = 0; s < S; s++) {
            const label = y[b * S + s];
            if (ign !== null && label === ign) continue;
            const at = base + s;
            const v = p[at];
            const sign = fg[i] ? (v < 1 ? -1 : v > 1 ? 1 : 0) : v > 0 ? 1 : v < 0 ? -1 : 0;
            const d = sign * e[i] * share;
            let acc = 0;
            for (let r = 0; r < times; r++) acc += d;
            grad[at] = acc;
            i++;
          }
        }
        if (keep) details.push({ group: gi, c, e: keep.e, w: keep.w, loss: lossC });
        done.set(c, { loss: lossC, e: keep?.e ?? null, w: keep?.w ?? null });
      } else if (details.length < keepDetails) {
        details.push({ group: gi, c, e: new Float64Array(0), w: new Float64Array(0), loss: 0 });
      }
      total += lossC;
      if (gi < keepUsed) rec.push({ c, loss: lossC });
    }
    losses[gi] = chosen.length === 0 ? 0 : total / chosen.length;
    if (gi < keepUsed) used.push(rec);
  }
  if (P.from_logits) {
    const pc = new Float64Array(C);
    const gc = new Float64Array(C);
    for (let b = 0; b < B; b++) {
      const gi = P.per_image ? b : 0;
      for (let s = 0; s < S; s++) {
        const base = b * C * S + s;
        const label = y[b * S + s];
        const live = !(ign !== null && label === ign);
        let mx = -Infinity;
        for (let c = 0; c < C; c++) mx = Math.max(mx, x[base + c * S]);
        let z = 0;
        for (let c = 0; c < C; c++) {
          const v = Math.exp(x[base + c * S] - mx);
          pc[c] = v;
          z += v;
        }
        for (let c = 0; c < C; c++) pc[c] /= z;
        for (let c = 0; c < C; c++) gc[c] = live && chosenIn[gi * C + c] === 1 ? grad[base + c * S] : 0;
        let dot = 0;
        for (let c = 0; c < C; c++) dot += pc[c] * gc[c];
        for (let c = 0; c < C; c++) grad[base + c * S] = pc[c] * (gc[c] - dot);
      }
    }
  }
  return { losses, grad, used, details };
}

function sampleSoftmax(rng: Rng, n: number): { inputs: LossInputs; params: Partial<LovaszSoftmaxParams> } {
  const B = 2;
  const C = 3;
  const S = Math.max(1, Math.round(n / (B * C)));
  const W = Math.max(1, Math.floor(Math.sqrt(S)));
  const H = Math.max(1, Math.floor(S / W));
  const pix = H * W;
  const x = new Float64Array(B * C * pix);
  const y = new Float64Array(B * pix);
  const fromLogits = rng.next() < 0.6;
  const useIgnore = rng.next() < 0.4;
  for (let i = 0; i < y.length; i++) y[i] = useIgnore && rng.next() < 0.1 ? 255 : rng.int(C);
  for (let i = 0; i < x.length; i++) x[i] = 1.2 * rng.normal();
  if (!fromLogits) {
    // Probabilities strictly inside (0, 1), so |fg − p| is smooth and finite differences stay valid.
    const sm = softmaxDim1(x, { B, C, S: pix });
    x.set(sm);
  }
  const r = rng.next();
  const classes: LovaszClasses = r < 0.5 ? 'present' : r < 0.8 ? 'all' : [0, 2];
  return {
    inputs: { input: { shape: [B, C, H, W], data: x }, target: { shape: [B, H, W], data: y }, extra: {} },
    params: { classes, per_image: rng.next() < 0.5, from_logits: fromLogits, ...(useIgnore ? { ignore_index: 255 } : {}) },
  };
}

const lovaszSoftmax = defineLoss<LovaszSoftmaxParams>({
  id: 'lovasz_softmax',
  names: { en: 'Lovász-softmax loss', 'zh-cn': 'Lovász-Softmax 损失' },
  category: 'segmentation',
  input: 'probabilities',
  target: 'class-indices',
  extra: [],
  params: {
    classes: unionParam<LovaszClasses>({
      default: 'present',
      doc: {
        en: '"present": classes with a pixel in the group; "all": every class (absent ones add max p); or a list of class ids.',
        'zh-cn': '"present"：组内出现的类别；"all"：所有类别（不存在的类别贡献 max p）；或类别 id 列表。',
      },
      allowed: { en: '"present", "all", or a list of class ids in 0..C−1', 'zh-cn': '"present"、"all"，或 0..C−1 内的类别 id 列表' },
      variants: [(v) => (v === 'present' || v === 'all' ? v : undefined), classListVariant],
    }),
    per_image: booleanParam({ default: false, doc: { en: 'One group per image; false (the default here) makes the whole batch one group.', 'zh-cn': '每张图像一组；false（此处默认）时整个批次为一组。' } }),
    ignore_index: ignoreParam,
    from_logits: booleanParam({ default: false, doc: { en: 'Apply softmax over dim 1 first (smp LovaszLoss, multiclass); false means the input holds probabilities.', 'zh-cn': '先在第 1 维做 softmax（smp 的 LovaszLoss 多分类行为）；false 表示输入已是概率。' } }),
  },
  reductions: ['mean'],
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Berman, Rannen Triki & Blaschko 2018, "The Lovász-Softmax loss", CVPR',
    'zh-cn': 'Berman, Rannen Triki & Blaschko 2018，"The Lovász-Softmax loss"，CVPR',
  },
  summary: {
    en: 'The multi-class Lovász extension of the Jaccard loss: for each class, errors m_i(c) = |[y_i = c] − f_i(c)| on the softmax probabilities are sorted and weighted by the Jaccard-loss increments, then averaged over classes, which optimises mean IoU directly. Fine-tune with it after cross entropy; "present" averages only over classes in the group.',
    'zh-cn': '多类别的 Lovász 延拓：像素 i 对类别 c 的 softmax 概率为 f_i(c)，误差 m_i(c) 在 c 为真实类别时为 1 − f_i(c)，否则为 f_i(c)。对每个类别把误差降序排序，用 Jaccard 损失的增量加权求和，得到 1 − IoU 的光滑延拓；再对类别取平均，对应按类别平均的 mIoU，从而直接优化 mIoU。常在交叉熵之后用于微调；"present" 只对组内出现的类别取平均。',
  },
  formula: {
    tex: (P) => {
      const over = P === null ? 'c \\in \\mathcal{C}' : P.classes === 'present' ? 'c \\in \\mathcal{C}_{\\text{present}}' : P.classes === 'all' ? 'c = 0}^{C-1' : `c \\in \\{${P.classes.join(', ')}\\}`;
      const n = P === null ? '|\\mathcal{C}|' : P.classes === 'present' ? '|\\mathcal{C}_{\\text{present}}|' : P.classes === 'all' ? 'C' : String(P.classes.length);
      const p = P === null || !P.from_logits ? 'p = x' : 'p = \\operatorname{softmax}(x)';
      return `\\ell = \\frac{1}{${n}} \\sum_{${over}} \\sum_k e_{(k)}(c)\\, w_k(c),\\quad e_i(c) = \\left|[y_i = c] - p_{ic}\\right|,\\quad ${p}`;
    },
    derivativeTex: () => '\\frac{\\partial \\ell_c}{\\partial p_{(k)c}} = \\operatorname{sign}\\!\\left(p_{(k)c} - [y_{(k)} = c]\\right) w_k(c)',
    plain: {
      en: 'l = mean over classes c of Σ_k e_(k)(c)·w_k(c), e_i(c) = |[y_i = c] − p_ic| sorted descending (mean over groups)',
      'zh-cn': 'l = 对各类 c 取 Σ_k e_(k)(c)·w_k(c) 的平均，e_i(c) = |[y_i = c] − p_ic| 降序排列（对各组取平均）',
    },
  },
  curve: {
    // A group of one pixel whose true class has probability p (two classes): the true class has
    // e = 1 − p and w = [1]; the other class, if used, has the same error 1 − p. So ℓ = 1 − p for
    // "present", "all" and any list naming either class: the linear piece the extension is made of.
    axis: { symbol: 'probability', tex: 'p_y', label: { en: 'probability p_y of a pixel\'s true class', 'zh-cn': '像素真实类别的概率 p_y' }, domain: [0, 1] },
    at: (z) => ({ loss: 1 - z, grad: -1 }),
    points(inputs, P) {
      const { L, t } = checkSoftmax(inputs, P);
      const p = P.from_logits ? softmaxDim1(inputs.input.data, L) : inputs.input.data;
      const out: number[] = [];
      for (let q = 0; q < t.data.length; q++) {
        const label = t.data[q];
        if (P.ignore_index !== null && label === P.ignore_index) continue;
        const b = Math.floor(q / L.S);
        out.push(p[b * L.C * L.S + label * L.S + (q - b * L.S)]);
      }
      return Float64Array.from(out);
    },
  },
  compute(inputs, P, reduction): LossOutput {
    const r = runSoftmax(inputs, P, 0, 0);
    return lazyIntermediates(reduceOutput({ unreduced: { shape: [r.losses.length], data: r.losses }, grad: { shape: inputs.input.shape, data: r.grad }, reduction }), () => {
      const d = runSoftmax(inputs, P, 1, 0).details[0];
      return sortedIntermediates(d, d ? `group 1, class ${d.c}` : '', d ? `第 1 组，类别 ${d.c}` : '', false);
    });
  },
  worked(inputs, P, output, reduction, count): WorkedExample {
    const r = runSoftmax(inputs, P, count, Infinity);
    const steps: WorkedStep[] = [];
    let di = 0;
    for (let gi = 0; gi < r.used.length; gi++) {
      const used = r.used[gi]!;
      for (const u of used) {
        const d = r.details[di++];
        if (steps.length < count && d) {
          steps.push({ label: { en: `group ${gi + 1}, class ${u.c}`, 'zh-cn': `分组 ${gi + 1}，类别 ${u.c}` }, tex: sumTex(d.e, d.w, false, d.e.length), value: u.loss });
        }
      }
      if (steps.length < count) {
        const tex = used.length === 0 ? '\\mathcal{C} = \\varnothing \\;\\Rightarrow\\; \\ell = 0' : `\\frac{${used.map((u) => texNumber(u.loss, 4)).join(' + ')}}{${used.length}}`;
        steps.push({ label: groupLabel(gi), tex, value: r.losses[gi] });
      }
    }
    // One step per used class of each group, plus the group's mean.
    const total = r.used.reduce((s, u) => s + u.length + 1, 0);
    return { steps, total, reduction: reductionStep(output, reduction) };
  },
  sample: sampleSoftmax,
  classes: (input: Tensor) => (input.shape.length >= 2 ? input.shape[1] : undefined),
});

const losses: readonly AnyLoss[] = [lovaszHinge, lovaszSoftmax];
export default losses;
