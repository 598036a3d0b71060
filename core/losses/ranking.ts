/**
 * Losses on pairs: hinge embedding (a distance and a ±1 similarity label), margin ranking (which of
 * two scores should be larger), cosine embedding and contrastive loss (two embeddings per pair).
 * The first three are torch.nn.functional's; contrastive loss is Hadsell, Chopra & LeCun's.
 */
import { requireRank, requireSameShape, requireShape, requireTensor, signedLabels } from '../check.js';
import { fail } from '../errors.js';
import { symbolsOnly, type Localized } from '../localized.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type CurveAxis, type LossInputs, type LossOutput, type Reduction, type Rng } from '../loss.js';
import { numberParam } from '../params.js';
import { giveBack, takeArray, takeZeroed } from '../pool.js';
import { broadcastPair } from '../elementwise.js';
import { indexString, sameShape, shapeString, type Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';
import { fusedElementwise, requireTarget } from './regression.js';
import { sumBlocks } from '../blocks.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

interface MarginParams {
  margin: number;
}

function finish(unreduced: Tensor, grad: Tensor, gradExtra: LossOutput['gradExtra'], reduction: Reduction, total: number, intermediates: LossOutput['intermediates'] = []): LossOutput {
  const n = unreduced.data.length;
  return { value: reduction === 'none' ? unreduced : reduction === 'sum' ? total : total / n, unreduced, grad, gradExtra, intermediates };
}

/** The message of core/check.ts's signedLabels, for kernels that check labels as they go. */
function badSignedLabel(target: Tensor, i: number): never {
  const at = `target${indexString(target.shape, i)}`;
  return fail('invalid_label', { en: `${at} is ${target.data[i]}, but labels must be 1 or −1.`, 'zh-cn': `${at} 为 ${target.data[i]}，但标签必须是 1 或 −1。` }, { tensor: 'target' });
}

function signedRandom(rng: Rng): number {
  return rng.next() < 0.5 ? -1 : 1;
}

// ------------------------------------------------------------------------------------------------
// hinge_embedding_loss
// ------------------------------------------------------------------------------------------------

// The input of a hinge embedding loss is usually a distance between the two items of a pair. Drawn:
// the dissimilar branch (y = −1), max(0, margin − x), which is where the margin acts; a similar pair
// (y = 1) costs x itself. At x = margin the derivative is PyTorch's: clamp_min passes the gradient
// where its argument is ≥ 0, so it is −1 there.
const distanceAxis: CurveAxis = {
  symbol: 'distance',
  tex: 'x',
  label: { en: 'input x (a distance), dissimilar pair y = −1', 'zh-cn': '输入 x（距离），不相似样本对 y = −1' },
  domain: [0, 3],
};

/** regression.ts's FusedKernel with the parameters as arguments (a closure's are reloaded every iteration). */
function hingeEmbeddingKernel(target: Tensor, margin: number, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  for (let i = from; i < to; i++) {
    const xi = x[i];
    const yi = y[i];
    let v: number;
    if (yi === 1) {
      v = xi;
      g[i] = s;
    } else if (yi === -1) {
      const h = margin - xi;
      // clamp_min passes the gradient where its argument is ≥ 0 (PyTorch), so −1 at x = margin.
      if (h >= 0) {
        v = h;
        g[i] = -s;
      } else {
        v = h === h ? 0 : h; // clamp_min keeps a NaN (PyTorch)
        // Written, not skipped: the gradient array may be recycled (core/pool.ts).
        g[i] = 0;
      }
    } else return badSignedLabel(target, i);
    if (l !== null) l[i] = v;
    total += v;
  }
  return total;
}

const hingeEmbedding = defineLoss<MarginParams>({
  id: 'hinge_embedding_loss',
  names: { en: 'Hinge embedding loss', 'zh-cn': 'Hinge 嵌入损失' },
  category: 'ranking',
  input: 'raw',
  target: 'signed-labels',
  extra: [],
  params: {
    margin: numberParam({
      default: 1,
      slider: { min: 0, max: 3, step: 0.05 },
      doc: {
        en: 'Dissimilar pairs (y = −1) cost nothing once their input (distance) is at least the margin.',
        'zh-cn': '不相似样本对（y = −1）的输入（距离）达到 margin 后损失为 0。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.hinge_embedding_loss',
  summary: {
    en: 'For learning whether two inputs are similar from a distance x between them (e.g. the L1 distance of two embeddings): a similar pair (y = 1) costs x, pulling the two together; a dissimilar pair (y = −1) costs max(0, margin − x), pushing them apart only until they are margin apart. Use it for semi-supervised embeddings and similarity learning when you already compute the distance yourself.',
    'zh-cn': '由两输入之间的距离 x（例如两个嵌入的 L1 距离）学习它们是否相似：相似对（y = 1）的损失为 x，把两者拉近；不相似对（y = −1）的损失为 max(0, margin − x)，只把它们推开到相距 margin 为止。适用于半监督嵌入和相似度学习，距离由你自己计算的场合。',
  },
  formula: {
    tex: (p) => `\\ell = \\begin{cases} x & y = 1 \\\\ \\max(0,\\ ${p === null ? '\\Delta' : texNumber(p.margin)} - x) & y = -1 \\end{cases}`,
    derivativeTex: (p) => `\\frac{\\partial \\ell}{\\partial x} = \\begin{cases} 1 & y = 1 \\\\ -[\\,x \\le ${p === null ? '\\Delta' : texNumber(p.margin)}\\,] & y = -1 \\end{cases}`,
    plain: {
      en: 'l = x if y = 1, max(0, margin − x) if y = −1',
      'zh-cn': 'l = x（当 y = 1），max(0, margin − x)（当 y = −1）',
    },
  },
  curve: {
    axis: distanceAxis,
    family: { param: 'margin', values: [0.5, 1, 2] },
    at: (z, p) => (p.margin - z >= 0 ? { loss: p.margin - z, grad: -1 } : { loss: 0, grad: 0 }),
    points(inputs) {
      const { x } = broadcastPair(inputs.input, inputs.target ?? inputs.input, 'target');
      return Float64Array.from(x.data);
    },
  },
  compute(inputs, params, reduction) {
    const target = requireTarget(inputs, 'hinge_embedding_loss', { en: 'labels 1 (similar) or −1 (dissimilar), broadcastable to the input', 'zh-cn': '标签 1（相似）或 −1（不相似），可广播到 input 的形状' });
    // Labels are checked inside the kernel (one pass less over the data) where the target is not
    // broadcast, so that an element's index is its index in the target.
    const inKernel = sameShape(target.shape, inputs.input.shape);
    if (!inKernel) signedLabels(target, 'target');
    const margin = params.margin;
    return fusedElementwise(inputs.input, target, reduction, (x, y, l, g, s, from, to, total) => hingeEmbeddingKernel(target, margin, x, y, l, g, s, from, to, total));
  },
  worked(inputs, params, output, reduction, count) {
    const { x, y } = broadcastPair(inputs.input, inputs.target!, 'target');
    return workedElementwise(output, reduction, count, (i) =>
      y.data[i] === 1 ? `${texNumber(x.data[i])}\\quad(y = 1)` : `\\max(0,\\ ${texNumber(params.margin)} - ${texNumber(x.data[i], 3, true)})\\quad(y = -1)`,
    );
  },
  sample(rng, n) {
    const m = Math.max(2, n);
    const x = new Float64Array(m);
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      y[i] = signedRandom(rng);
      // Distances: similar pairs close, dissimilar ones spread around the margin.
      x[i] = y[i] === 1 ? 0.5 * Math.abs(rng.normal()) : 1.5 * Math.abs(rng.normal());
    }
    return { inputs: { input: { shape: [m], data: x }, target: { shape: [m], data: y }, extra: {} } };
  },
});

// ------------------------------------------------------------------------------------------------
// margin_ranking_loss
// ------------------------------------------------------------------------------------------------

// Drawn over z = y·(x1 − x2), how far the pair is ranked the right way round.
const rankingAxis: CurveAxis = {
  symbol: 'margin',
  tex: 'z = y\\,(x_1 - x_2)',
  label: { en: 'ranking margin z = y·(x1 − x2)', 'zh-cn': '排序间隔 z = y·(x1 − x2)' },
  domain: [-2, 2],
};

function rankingTensors(inputs: LossInputs): { x1: Tensor; x2: Tensor; y: Tensor } {
  const id = 'margin_ranking_loss';
  const x1 = inputs.input;
  const x2 = requireTensor(inputs.extra.input2, 'extra.input2', id, { en: "the second score of each pair, with the input's shape", 'zh-cn': '每对中的第二个分数，与 input 形状相同' });
  requireSameShape(x1, 'input', x2, 'extra.input2');
  const y = requireTarget(inputs, id, {
    en: "labels 1 (input should rank higher) or −1 (extra.input2 should), with the input's shape",
    'zh-cn': '标签 1（input 应排在前面）或 −1（extra.input2 应排在前面），与 input 形状相同',
  });
  requireSameShape(x1, 'input', y, 'target');
  return { x1, x2, y };
}

/**
 * The losses of pairs [from, to) added to `total`, gradients scaled by `s` (core/blocks.ts), four
 * pairs per iteration (V8 re-checks every array on each access of each iteration). clamp_min passes
 * the gradient where its argument is ≥ 0 (PyTorch), also at z = 0. As a 0/1 factor rather than a
 * branch: which pairs are active is random, and mispredicted branches cost more than the
 * arithmetic. The inner test is predictable: it only keeps 0·(−∞) from becoming NaN (a NaN score
 * still gives NaN). A label is checked with one comparison: with random ±1 labels
 * `yi !== 1 && yi !== -1` mispredicts half the time.
 */
function rankingKernel(y: Tensor, margin: number, a: Float64Array, b: Float64Array, t: Float64Array, loss: Float64Array | null, g1: Float64Array, g2: Float64Array, s: number, from: number, to: number, total: number): number {
  margin *= 1; // doubles from here on: V8 re-checked the arguments' tags on every use in the loop
  s *= 1;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const y0 = t[i];
    const y1 = t[i + 1];
    const y2 = t[i + 2];
    const y3 = t[i + 3];
    if (Math.abs(y0) !== 1) return badSignedLabel(y, i);
    if (Math.abs(y1) !== 1) return badSignedLabel(y, i + 1);
    if (Math.abs(y2) !== 1) return badSignedLabel(y, i + 2);
    if (Math.abs(y3) !== 1) return badSignedLabel(y, i + 3);
    const z0 = -y0 * (a[i] - b[i]) + margin;
    const z1 = -y1 * (a[i + 1] - b[i + 1]) + margin;
    const z2 = -y2 * (a[i + 2] - b[i + 2]) + margin;
    const z3 = -y3 * (a[i + 3] - b[i + 3]) + margin;
    const on0 = +(z0 >= 0);
    const on1 = +(z1 >= 0);
    const on2 = +(z2 >= 0);
    const on3 = +(z3 >= 0);
    const v0 = on0 * (z0 > -Infinity ? z0 : z0 === z0 ? 0 : z0);
    const v1 = on1 * (z1 > -Infinity ? z1 : z1 === z1 ? 0 : z1);
    const v2 = on2 * (z2 > -Infinity ? z2 : z2 === z2 ? 0 : z2);
    const v3 = on3 * (z3 > -Infinity ? z3 : z3 === z3 ? 0 : z3);
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
    const q0 = on0 * y0 * s;
    const q1 = on1 * y1 * s;
    const q2 = on2 * y2 * s;
    const q3 = on3 * y3 * s;
    g1[i] = -q0;
    g1[i + 1] = -q1;
    g1[i + 2] = -q2;
    g1[i + 3] = -q3;
    g2[i] = q0;
    g2[i + 1] = q1;
    g2[i + 2] = q2;
    g2[i + 3] = q3;
  }
  for (; i < to; i++) {
    const yi = t[i];
    if (Math.abs(yi) !== 1) return badSignedLabel(y, i);
    const z = -yi * (a[i] - b[i]) + margin;
    const active = +(z >= 0);
    const v = active * (z > -Infinity ? z : z === z ? 0 : z);
    if (loss !== null) loss[i] = v;
    total += v;
    const gi = active * yi * s;
    g1[i] = -gi;
    g2[i] = gi;
  }
  return total;
}

const marginRanking = defineLoss<MarginParams>({
  id: 'margin_ranking_loss',
  names: { en: 'Margin ranking loss', 'zh-cn': 'Margin Ranking 损失' },
  category: 'ranking',
  input: 'raw',
  target: 'signed-labels',
  extra: ['input2'],
  params: {
    margin: numberParam({
      default: 0,
      slider: { min: 0, max: 2, step: 0.05 },
      doc: {
        en: 'How much higher the preferred score must be before the pair costs nothing.',
        'zh-cn': '应排在前面的分数至少要高出多少，该样本对的损失才为 0。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.margin_ranking_loss',
  summary: {
    en: 'Compares two scores x1 and x2 with a label y: y = 1 means x1 should be larger, y = −1 means x2 should. l = max(0, −y·(x1 − x2) + margin), so a pair ranked the right way round by at least the margin costs nothing. Used for learning to rank (search, recommendation), for pairwise preference models and in some GAN objectives. With x2 = 0 it is the binary hinge loss.',
    'zh-cn': '用标签 y 比较两个分数 x1 和 x2：y = 1 表示 x1 应更大，y = −1 表示 x2 应更大。l = max(0, −y·(x1 − x2) + margin)，排序正确且差距至少为 margin 的样本对损失为 0。常用于排序学习（搜索、推荐）、成对偏好模型和一些 GAN 目标。x2 = 0 时即二分类 hinge 损失。',
  },
  formula: {
    tex: (p) => `\\ell = \\max\\big(0,\\ -y\\,(x_1 - x_2) + ${p === null ? '\\Delta' : texNumber(p.margin)}\\big)`,
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial x_1} = -\\frac{\\partial \\ell}{\\partial x_2} = -y\\,[\\,-y\\,(x_1 - x_2) + \\Delta \\ge 0\\,]',
    plain: symbolsOnly('l = max(0, −y·(x1 − x2) + margin)'),
  },
  curve: {
    axis: rankingAxis,
    family: { param: 'margin', values: [0, 0.5, 1] },
    // PyTorch's clamp_min passes the gradient where its argument is ≥ 0, so −1 at z = margin.
    at: (z, p) => (p.margin - z >= 0 ? { loss: p.margin - z, grad: -1 } : { loss: 0, grad: 0 }),
    points(inputs) {
      const { x1, x2, y } = rankingTensors(inputs);
      const out = new Float64Array(x1.data.length);
      for (let i = 0; i < out.length; i++) out[i] = y.data[i] * (x1.data[i] - x2.data[i]);
      return out;
    },
  },
  compute(inputs, params, reduction) {
    const { x1, x2, y } = rankingTensors(inputs);
    const n = x1.data.length;
    const a = x1.data;
    const b = x2.data;
    const t = y.data;
    const margin = params.margin;
    const run = (loss: Float64Array | null, g1: Float64Array, g2: Float64Array, s: number): number =>
      sumBlocks(n, (from, to, total) => rankingKernel(y, margin, a, b, t, loss, g1, g2, s, from, to, total));
    // Both gradients in one allocation (see fusedElementwise on why allocations count).
    const grads = takeArray(2 * n);
    const g1 = grads.subarray(0, n);
    const g2 = grads.subarray(n);
    const gradExtra = { input2: { shape: x1.shape, data: g2 } };
    if (reduction === 'none') {
      const loss = takeArray(n);
      run(loss, g1, g2, 1);
      const unreduced: Tensor = { shape: x1.shape, data: loss };
      return { value: unreduced, unreduced, grad: { shape: x1.shape, data: g1 }, gradExtra, intermediates: [] };
    }
    const total = run(null, g1, g2, reduction === 'mean' ? 1 / n : 1);
    let lazy: Tensor | undefined;
    return {
      value: reduction === 'sum' ? total : total / n,
      grad: { shape: x1.shape, data: g1 },
      gradExtra,
      intermediates: [],
      get unreduced(): Tensor {
        if (lazy === undefined) {
          const loss = new Float64Array(n);
          const scratch = takeArray(2 * n);
          run(loss, scratch.subarray(0, n), scratch.subarray(n), 1);
          giveBack(scratch);
          lazy = { shape: x1.shape, data: loss };
        }
        return lazy;
      },
    };
  },
  worked(inputs, params, output, reduction, count) {
    const a = inputs.input.data;
    const b = inputs.extra.input2!.data;
    const t = inputs.target!.data;
    return workedElementwise(output, reduction, count, (i) => `\\max\\big(0,\\ -(${texNumber(t[i])})\\cdot(${texNumber(a[i])} - ${texNumber(b[i], 3, true)}) + ${texNumber(params.margin)}\\big)`);
  },
  sample(rng, n) {
    const m = Math.max(2, n);
    const a = new Float64Array(m);
    const b = new Float64Array(m);
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      a[i] = rng.normal();
      b[i] = rng.normal();
      y[i] = signedRandom(rng);
    }
    const shape = [m];
    return { inputs: { input: { shape, data: a }, target: { shape, data: y }, extra: { input2: { shape, data: b } } }, params: { margin: 0.5 } };
  },
});

// ------------------------------------------------------------------------------------------------
// Pairs of embeddings: cosine_embedding_loss and contrastive_loss
// ------------------------------------------------------------------------------------------------

interface PairBatch {
  readonly N: number;
  readonly D: number;
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly y: Float64Array;
  /** The shape of a per-pair tensor: [N], or [] for one un-batched pair [D]. */
  readonly rowShape: number[];
  readonly shape: readonly number[];
}

/** input [N, D] (or one pair [D]), extra.input2 of the same shape, target [N] (or a scalar). */
function pairBatch(inputs: LossInputs, id: string, labels: Localized): PairBatch {
  const x1 = inputs.input;
  requireRank(x1, 'input', { min: 1, max: 2 }, { en: `${id} takes input [N, D] (N pairs of D-dimensional embeddings) or one pair [D]`, 'zh-cn': `${id} 接受形状为 [N, D] 的 input（N 对 D 维嵌入向量），或单独一对 [D]` });
  const x2 = requireTensor(inputs.extra.input2, 'extra.input2', id, { en: "the second embedding of each pair, with the input's shape", 'zh-cn': '每对中的第二个嵌入向量，与 input 形状相同' });
  requireSameShape(x1, 'input', x2, 'extra.input2');
  const y = requireTarget(inputs, id, { en: `one label per pair: ${labels.en}`, 'zh-cn': `每对一个标签：${labels['zh-cn']}` });
  const rowShape = x1.shape.length === 2 ? [x1.shape[0]] : [];
  const s = shapeString(x1.shape);
  requireShape(y, 'target', rowShape, { en: `with input of shape ${s} (one label per pair)`, 'zh-cn': `在 input 的形状为 ${s} 时（每对一个标签）` });
  const D = x1.shape[x1.shape.length - 1];
  return { N: x1.shape.length === 2 ? x1.shape[0] : 1, D, x1: x1.data, x2: x2.data, y: y.data, rowShape, shape: x1.shape };
}

function badLabel(batch: PairBatch, r: number, expected: Localized): never {
  const where = batch.rowShape.length === 0 ? 'target' : `target${indexString(batch.rowShape, r)}`;
  return fail('invalid_label', { en: `${where} is ${batch.y[r]}, but ${expected.en}.`, 'zh-cn': `${where} 为 ${batch.y[r]}，但 ${expected['zh-cn']}。` }, { tensor: 'target' });
}

function samplePairs(rng: Rng, n: number, D: number, label: (rng: Rng) => number, spread: (y: number) => number): LossInputs {
  const N = Math.max(2, Math.floor(n / D));
  const a = new Float64Array(N * D);
  const b = new Float64Array(N * D);
  const y = new Float64Array(N);
  for (let r = 0; r < N; r++) {
    y[r] = label(rng);
    const k = spread(y[r]);
    for (let j = r * D; j < (r + 1) * D; j++) {
      a[j] = rng.normal();
      b[j] = a[j] + k * rng.normal();
    }
  }
  const shape = [N, D];
  return { input: { shape, data: a }, target: { shape: [N], data: y }, extra: { input2: { shape, data: b } } };
}

/**
 * PyTorch adds EPSILON to both squared norms, and that constant is the float32 1e-12
 * (9.999999960041972e-13): with a zero vector the gradient is 1/√EPSILON = 1000000.0019974…, not 1e6.
 */
const COSINE_EPS = Math.fround(1e-12);

interface CosineParams {
  margin: number;
}

const cosineAxis: CurveAxis = {
  symbol: 'x',
  tex: '\\cos\\theta',
  label: { en: 'cosine similarity cos θ, dissimilar pair y = −1', 'zh-cn': '余弦相似度 cos θ，不相似样本对 y = −1' },
  domain: [-1, 1],
};

function cosineRows(b: PairBatch, margin: number, reduction: Reduction): LossOutput {
  const { N, D, x1, x2, y } = b;
  const loss = takeArray(N);
  const cosines = new Float64Array(N);
  // Both gradients in one allocation (see fusedElementwise on why allocations count), zero where a
  // row's gradient is (dc = 0), since those rows are not written.
  const grads = takeZeroed(2 * N * D);
  const g1 = grads.subarray(0, N * D);
  const g2 = grads.subarray(N * D);
  const s = reduction === 'mean' ? 1 / N : 1;
  let total = 0;
  for (let r = 0; r < N; r++) {
    const o = r * D;
    let dot = 0;
    let m1 = 0;
    let m2 = 0;
    for (let k = o; k < o + D; k++) {
      const u = x1[k];
      const v = x2[k];
      dot += u * v;
      m1 += u * u;
      m2 += v * v;
    }
    m1 += COSINE_EPS;
    m2 += COSINE_EPS;
    const den = Math.sqrt(m1 * m2);
    const c = dot / den;
    cosines[r] = c;
    const yr = y[r];
    let v: number;
    let dc: number;
    if (yr === 1) {
      v = 1 - c;
      dc = -s;
    } else if (yr === -1) {
      const z = c - margin;
      // clamp_min passes the gradient where its argument is ≥ 0 (PyTorch).
      if (z >= 0) {
        v = z;
        dc = s;
      } else {
        v = z === z ? 0 : z; // clamp_min keeps a NaN (PyTorch)
        dc = 0;
      }
    } else return badLabel(b, r, { en: 'cosine_embedding_loss labels must be 1 (similar) or −1 (dissimilar)', 'zh-cn': 'cosine_embedding_loss 的标签必须是 1（相似）或 −1（不相似）' });
    loss[r] = v;
    total += v;
    if (v !== v) {
      // A NaN in the pair: PyTorch's autograd turns the row's whole gradient NaN (0·NaN on the
      // branch not taken), and so do we, so that it is flagged rather than shown as 0.
      g1.fill(NaN, o, o + D);
      g2.fill(NaN, o, o + D);
    } else if (dc !== 0) {
      // ∂cos/∂x1 = x2/den − cos·x1/m1 and symmetrically for x2 (m1, m2 include EPSILON).
      const k0 = dc / den;
      const k1 = (dc * c) / m1;
      const k2 = (dc * c) / m2;
      for (let k = o; k < o + D; k++) {
        g1[k] = k0 * x2[k] - k1 * x1[k];
        g2[k] = k0 * x1[k] - k2 * x2[k];
      }
    }
  }
  const rows = b.rowShape;
  return finish({ shape: rows, data: loss }, { shape: b.shape, data: g1 }, { input2: { shape: b.shape, data: g2 } }, reduction, total, [
    { key: 'cos', tex: '\\cos\\theta', label: { en: 'cosine similarity of each pair', 'zh-cn': '每对的余弦相似度' }, tensor: { shape: rows, data: cosines } },
  ]);
}

const cosineEmbedding = defineLoss<CosineParams>({
  id: 'cosine_embedding_loss',
  names: { en: 'Cosine embedding loss', 'zh-cn': '余弦嵌入损失' },
  category: 'ranking',
  input: 'raw',
  target: 'signed-labels',
  extra: ['input2'],
  params: {
    margin: numberParam({
      default: 0,
      // PyTorch accepts any margin; only [−1, 1] changes anything, so the slider spans that.
      slider: { min: -1, max: 1, step: 0.05 },
      doc: {
        en: 'Dissimilar pairs (y = −1) cost nothing once their cosine similarity is at most the margin. PyTorch suggests 0 to 0.5.',
        'zh-cn': '不相似样本对（y = −1）的余弦相似度不超过 margin 时损失为 0。PyTorch 建议取 0 到 0.5。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.cosine_embedding_loss',
  summary: {
    en: 'Learns embeddings whose direction encodes similarity: a similar pair (y = 1) costs 1 − cos θ, a dissimilar pair (y = −1) costs max(0, cos θ − margin). Only the angle matters, not the length, which suits text and face embeddings compared by cosine similarity. 1e-12 is added to both squared norms, so a zero vector gives cos = 0 rather than NaN.',
    'zh-cn': '学习以方向表示相似度的嵌入：相似对（y = 1）的损失为 1 − cos θ，不相似对（y = −1）的损失为 max(0, cos θ − margin)。只看夹角不看长度，适合用余弦相似度比较的文本、人脸嵌入。两个平方范数都加上 1e-12，因此零向量得到 cos = 0 而不是 NaN。',
  },
  formula: {
    tex: (p) =>
      `\\ell = \\begin{cases} 1 - \\cos\\theta & y = 1 \\\\ \\max(0,\\ \\cos\\theta - ${p === null ? '\\Delta' : texNumber(p.margin)}) & y = -1 \\end{cases},\\quad \\cos\\theta = \\frac{x_1\\cdot x_2}{\\sqrt{(\\lVert x_1\\rVert^2 + 10^{-12})(\\lVert x_2\\rVert^2 + 10^{-12})}}`,
    derivativeTex: () => '\\frac{\\partial \\cos\\theta}{\\partial x_1} = \\frac{x_2}{\\sqrt{(\\lVert x_1\\rVert^2 + 10^{-12})(\\lVert x_2\\rVert^2 + 10^{-12})}} - \\cos\\theta\\,\\frac{x_1}{\\lVert x_1\\rVert^2 + 10^{-12}},\\quad \\frac{\\partial \\ell}{\\partial \\cos\\theta} = -1\\ (y = 1),\\ [\\cos\\theta \\ge \\Delta]\\ (y = -1)',
    plain: {
      en: 'l = 1 − cos(x1, x2) if y = 1, max(0, cos(x1, x2) − margin) if y = −1',
      'zh-cn': 'l = 1 − cos(x1, x2)（当 y = 1），max(0, cos(x1, x2) − margin)（当 y = −1）',
    },
  },
  curve: {
    axis: cosineAxis,
    family: { param: 'margin', values: [0, 0.25, 0.5] },
    // The dissimilar branch, where the margin acts; a similar pair's 1 − cos θ is a straight line.
    at: (z, p) => (z - p.margin >= 0 ? { loss: z - p.margin, grad: 1 } : { loss: 0, grad: 0 }),
    points(inputs, p) {
      const b = pairBatch(inputs, 'cosine_embedding_loss', { en: '1 or −1', 'zh-cn': '1 或 −1' });
      return cosineRows(b, p.margin, 'none').intermediates[0].tensor.data;
    },
  },
  compute(inputs, params, reduction) {
    return cosineRows(pairBatch(inputs, 'cosine_embedding_loss', { en: '1 (similar) or −1 (dissimilar)', 'zh-cn': '1（相似）或 −1（不相似）' }), params.margin, reduction);
  },
  worked(inputs, params, output, reduction, count) {
    const cos = output.intermediates.find((m) => m.key === 'cos')!.tensor.data;
    const y = inputs.target!.data;
    return workedElementwise(output, reduction, count, (i) =>
      y[i] === 1 ? `1 - ${texNumber(cos[i], 4, true)}\\quad(y = 1)` : `\\max(0,\\ ${texNumber(cos[i], 4)} - ${texNumber(params.margin, 3, true)})\\quad(y = -1)`,
    );
  },
  sample(rng, n) {
    return { inputs: samplePairs(rng, n, 8, signedRandom, (y) => (y === 1 ? 0.5 : 3)), params: { margin: 0.2 } };
  },
});

const contrastiveAxis: CurveAxis = {
  symbol: 'distance',
  tex: 'd = \\lVert x_1 - x_2 \\rVert_2',
  label: { en: 'distance d = ‖x1 − x2‖, dissimilar pair y = 0', 'zh-cn': '距离 d = ‖x1 − x2‖，不相似样本对 y = 0' },
  domain: [0, 2.5],
};

function contrastiveRows(b: PairBatch, margin: number, reduction: Reduction): LossOutput {
  const { N, D, x1, x2, y } = b;
  const loss = takeArray(N);
  const dist = new Float64Array(N);
  // Both gradients in one allocation (see fusedElementwise on why allocations count), zero where a
  // row's gradient is (coef = 0), since those rows are not written.
  const grads = takeZeroed(2 * N * D);
  const g1 = grads.subarray(0, N * D);
  const g2 = grads.subarray(N * D);
  const s = reduction === 'mean' ? 1 / N : 1;
  let total = 0;
  for (let r = 0; r < N; r++) {
    const o = r * D;
    let d2 = 0;
    for (let k = o; k < o + D; k++) {
      const u = x1[k] - x2[k];
      d2 += u * u;
    }
    const d = Math.sqrt(d2);
    dist[r] = d;
    const yr = y[r];
    let v: number;
    // ∂l/∂(x1 − x2) = coef·(x1 − x2).
    let coef: number;
    if (yr === 1) {
      v = d2;
      coef = 2 * s;
    } else if (yr === 0) {
      const h = margin - d;
      if (h > 0) {
        v = h * h;
        // At d = 0 the direction is undefined; PyTorch's norm backward gives 0 there, and so do we.
        coef = d > 0 ? (-2 * h * s) / d : 0;
      } else {
        v = h === h ? 0 : h; // clamp keeps a NaN (PyTorch)
        coef = 0;
      }
    } else {
      return badLabel(b, r, {
        en: 'contrastive_loss labels must be 1 (similar pair) or 0 (dissimilar pair); for ±1 labels use (y + 1) / 2',
        'zh-cn': 'contrastive_loss 的标签必须是 1（相似对）或 0（不相似对）；若标签是 ±1，请先换算为 (y + 1) / 2',
      });
    }
    loss[r] = v;
    total += v;
    if (v !== v) {
      // A NaN in the pair: through the norm's backward PyTorch's gradient is NaN for the whole row.
      g1.fill(NaN, o, o + D);
      g2.fill(NaN, o, o + D);
    } else if (coef !== 0) {
      for (let k = o; k < o + D; k++) {
        const gk = coef * (x1[k] - x2[k]);
        g1[k] = gk;
        g2[k] = -gk;
      }
    }
  }
  const rows = b.rowShape;
  return finish({ shape: rows, data: loss }, { shape: b.shape, data: g1 }, { input2: { shape: b.shape, data: g2 } }, reduction, total, [
    { key: 'd', tex: 'd = \\lVert x_1 - x_2 \\rVert_2', label: { en: 'Euclidean distance of each pair', 'zh-cn': '每对的欧氏距离' }, tensor: { shape: rows, data: dist } },
  ]);
}

const contrastive = defineLoss<MarginParams>({
  id: 'contrastive_loss',
  names: { en: 'Contrastive loss', 'zh-cn': '对比损失（Contrastive Loss）' },
  category: 'ranking',
  input: 'raw',
  target: 'binary-labels',
  extra: ['input2'],
  params: {
    margin: numberParam({
      default: 1,
      min: 0,
      slider: { min: 0, max: 3, step: 0.05 },
      doc: {
        en: 'Dissimilar pairs (y = 0) cost nothing once they are at least this far apart.',
        'zh-cn': '不相似样本对（y = 0）相距至少为该值时损失为 0。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: 'Hadsell, Chopra & LeCun, "Dimensionality Reduction by Learning an Invariant Mapping", CVPR 2006, eq. 4, with y = 1 − Y (1 = similar) and without the factors ½',
    'zh-cn': 'Hadsell, Chopra & LeCun，"Dimensionality Reduction by Learning an Invariant Mapping"，CVPR 2006，式 4；取 y = 1 − Y（1 = 相似），并去掉系数 ½',
  },
  summary: {
    en: 'The Siamese-network loss for learning a metric from pairs: similar pairs (y = 1) cost their squared distance d², pulling them together; dissimilar pairs (y = 0) cost max(0, margin − d)², pushing them apart until they are margin apart, and no further (so the embedding does not collapse or explode). Labels here use 1 = similar; Hadsell et al. use Y = 0 for similar pairs and factors ½, so their loss is exactly half of this one with y = 1 − Y.',
    'zh-cn': '孪生网络从样本对学习度量所用的损失：相似对（y = 1）的损失为距离平方 d²，把它们拉近；不相似对（y = 0）的损失为 max(0, margin − d)²，把它们推开到相距 margin 为止、不再更远（嵌入既不坍缩也不发散）。这里的标签 1 表示相似；Hadsell 等人的论文用 Y = 0 表示相似并带有 ½ 因子，因此论文中的损失恰为本损失（取 y = 1 − Y）的一半。',
  },
  formula: {
    tex: (p) => `\\ell = y\\,d^2 + (1 - y)\\max(0,\\ ${p === null ? 'm' : texNumber(p.margin)} - d)^2,\\quad d = \\lVert x_1 - x_2 \\rVert_2`,
    derivativeTex: (p) => {
      const m = p === null ? 'm' : texNumber(p.margin);
      return `\\frac{\\partial \\ell}{\\partial d} = 2y\\,d - 2(1 - y)\\max(0,\\ ${m} - d),\\quad \\frac{\\partial d}{\\partial x_1} = \\frac{x_1 - x_2}{d}`;
    },
    plain: symbolsOnly('l = y·d² + (1 − y)·max(0, margin − d)², d = ‖x1 − x2‖₂'),
  },
  curve: {
    axis: contrastiveAxis,
    family: { param: 'margin', values: [0.5, 1, 2] },
    // The dissimilar branch, where the margin acts; a similar pair simply costs d².
    at: (z, p) => {
      const h = p.margin - z;
      return h > 0 ? { loss: h * h, grad: -2 * h } : { loss: 0, grad: 0 };
    },
    points(inputs, p) {
      return contrastiveRows(pairBatch(inputs, 'contrastive_loss', { en: '1 or 0', 'zh-cn': '1 或 0' }), p.margin, 'none').intermediates[0].tensor.data;
    },
  },
  compute(inputs, params, reduction) {
    return contrastiveRows(pairBatch(inputs, 'contrastive_loss', { en: '1 (similar) or 0 (dissimilar)', 'zh-cn': '1（相似）或 0（不相似）' }), params.margin, reduction);
  },
  worked(inputs, params, output, reduction, count) {
    const d = output.intermediates.find((m) => m.key === 'd')!.tensor.data;
    const y = inputs.target!.data;
    return workedElementwise(output, reduction, count, (i) =>
      y[i] === 1 ? `${texNumber(d[i], 4)}^2\\quad(y = 1)` : `\\max(0,\\ ${texNumber(params.margin)} - ${texNumber(d[i], 4)})^2\\quad(y = 0)`,
    );
  },
  sample(rng, n) {
    // Distances of dissimilar pairs spread on both sides of the margin (0.3·√8 ≈ 0.85 typical).
    return { inputs: samplePairs(rng, n, 8, (r) => (r.next() < 0.5 ? 0 : 1), (y) => (y === 1 ? 0.2 : 0.3)) };
  },
});

const losses: readonly AnyLoss[] = [hingeEmbedding, marginRanking, cosineEmbedding, contrastive];
export default losses;
