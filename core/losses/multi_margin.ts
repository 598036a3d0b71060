/**
 * The multi-class hinge loss of torch.nn.functional.multi_margin_loss (Weston & Watkins / Crammer–
 * Singer style SVM loss): every wrong class j whose score comes within `margin` of the true class's
 * score costs max(0, margin − x[y] + x[j])^p, averaged over the C classes.
 */
import { classIndices, requireRank, requireTensor } from '../check.js';
import { fail } from '../errors.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type CurveAxis, type Reduction } from '../loss.js';
import { numberParam, vectorParam } from '../params.js';
import { takeArray, takeZeroed } from '../pool.js';
import { finishScaled, gradientScale } from '../reduction.js';
import { sameShape, shapeString, type Tensor } from '../tensor.js';
import { elementSteps, reductionStep } from '../worked.js';
import { checkClassVector, classesOf, intermediate } from './cross_entropy.js';
import { symbolsOnly } from '../localized.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

interface MultiMarginParams {
  p: number;
  margin: number;
  weight: Float64Array | null;
}

// The loss is a sum of hinges, one per competing class, each a function of the score gap
// z = x[y] − x[j] alone. So the natural axis is that gap (the classification margin): one
// competing class, before the 1/C average, the term is max(0, margin − z)^p, zero once the true
// class leads by at least `margin`.
const marginAxis: CurveAxis = {
  symbol: 'margin',
  tex: 'z = x_{y} - x_{j}',
  label: { en: 'score gap z = x[y] − x[j] to a competing class', 'zh-cn': '与某个竞争类别的得分差 z = x[y] − x[j]' },
  domain: [-2, 3],
};

interface Layout {
  N: number;
  C: number;
  /** Shape of the unreduced loss: the target's. */
  rowShape: readonly number[];
}

/** [N, C] with target [N], or an un-batched [C] with a target of shape [] or [1], as PyTorch accepts. */
function layout(input: Tensor, target: Tensor): Layout {
  requireRank(input, 'input', { min: 1, max: 2 }, { en: 'multi_margin_loss takes scores [N, C] (or [C] for one un-batched sample)', 'zh-cn': 'multi_margin_loss 接受形状为 [N, C] 的分数（单个未分批的样本则为 [C]）' });
  if (input.shape.length === 1) {
    const C = input.shape[0];
    if (C === 0) fail('invalid_rank', { en: 'input has shape [0]: there must be at least one class.', 'zh-cn': 'input 的形状为 [0]：至少要有一个类别。' }, { tensor: 'input' });
    if (!(target.shape.length === 0 || sameShape(target.shape, [1]))) {
      const [t, s] = [shapeString(target.shape), shapeString(input.shape)];
      fail(
        'shape_mismatch',
        { en: `target has shape ${t}, but for an un-batched input ${s} the class index is a single number (shape [] or [1]).`, 'zh-cn': `target 的形状为 ${t}，但对于未分批的 input ${s}，类别索引是单个数（形状为 [] 或 [1]）。` },
        { tensor: 'target' },
      );
    }
    return { N: 1, C, rowShape: target.shape };
  }
  const [N, C] = input.shape as [number, number];
  if (C === 0) {
    const s = shapeString(input.shape);
    fail('shape_mismatch', { en: `input has shape ${s}: the class dimension (dim 1) must not be empty.`, 'zh-cn': `input 的形状为 ${s}：类别维（第 1 维）不能为空。` }, { tensor: 'input' });
  }
  if (!sameShape(target.shape, [N])) {
    const [t, s] = [shapeString(target.shape), shapeString(input.shape)];
    fail(
      'shape_mismatch',
      { en: `target has shape ${t}, but class indices for input ${s} must have shape [${N}] (one class per row).`, 'zh-cn': `target 的形状为 ${t}，但 input 为 ${s} 时，类别索引的形状必须是 [${N}]（每行一个类别）。` },
      { tensor: 'target' },
    );
  }
  return { N, C, rowShape: [N] };
}

const multiMargin = defineLoss<MultiMarginParams>({
  id: 'multi_margin_loss',
  names: { en: 'Multi-class margin (hinge) loss', 'zh-cn': '多分类间隔损失（多类 Hinge）' },
  category: 'classification',
  input: 'raw',
  target: 'class-indices',
  extra: [],
  params: {
    p: numberParam({ default: 1, oneOf: [1, 2], doc: { en: 'Exponent p of each hinge: 1 (linear SVM hinge) or 2 (squared hinge, smooth at the margin).', 'zh-cn': '每个 hinge 项的指数 p：1（线性 SVM hinge）或 2（平方 hinge，在间隔处光滑）。' } }),
    margin: numberParam({
      default: 1,
      slider: { min: 0, max: 3, step: 0.1 },
      doc: { en: 'How far the true class\'s score must lead every other class before that class stops costing anything.', 'zh-cn': '真实类别得分需领先其他类别多少，该类别才不再产生损失。' },
    }),
    weight: vectorParam({ length: 'classes', doc: { en: 'Per-class weight w[c], applied by the true class y (not in the mean\'s denominator).', 'zh-cn': '每个类别的权重 w[c]，按真实类别 y 取用（不进入 mean 的分母）。' } }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.multi_margin_loss',
  summary: {
    en: 'The multi-class SVM (hinge) loss on raw scores: each wrong class whose score is not at least `margin` below the true class\'s adds max(0, margin − x[y] + x[j])^p. Like the binary hinge, it stops pushing once the margin is met, so confident correct samples cost exactly 0 and the scores need not be probabilities. Pick it for max-margin classifiers; pick cross entropy when you need calibrated probabilities.',
    'zh-cn': '作用于原始得分的多分类 SVM（hinge）损失：每个得分没有比真实类别低至少 margin 的错误类别贡献 max(0, margin − x[y] + x[j])^p。与二分类 hinge 一样，满足间隔后就不再产生推动，足够自信且正确的样本损失恰为 0，得分也不必是概率。需要最大间隔分类器时选用它；需要校准的概率时选用交叉熵。',
  },
  formula: {
    tex(params) {
      if (params === null) return '\\ell = \\frac{1}{C}\\sum_{j \\ne y} w_{y}\\,\\max(0,\\ m - x_{y} + x_{j})^{p}';
      const w = params.weight === null ? '' : 'w_{y}\\,';
      const pw = params.p === 1 ? '' : `^{${params.p}}`;
      return `\\ell = \\frac{1}{C}\\sum_{j \\ne y} ${w}\\max(0,\\ ${texNumber(params.margin, 4)} - x_{y} + x_{j})${pw}`;
    },
    derivativeTex(params) {
      if (params === null) return '\\frac{\\partial}{\\partial z}\\max(0,\\ m - z)^{p} = -p\\,\\max(0,\\ m - z)^{p-1}';
      const m = texNumber(params.margin, 4);
      return params.p === 1 ? `\\frac{\\partial}{\\partial z}\\max(0,\\ ${m} - z) = -\\mathbb{1}[z < ${m}]` : `\\frac{\\partial}{\\partial z}\\max(0,\\ ${m} - z)^{2} = -2\\max(0,\\ ${m} - z)`;
    },
    plain: symbolsOnly('l = (1/C)·Σ_{j≠y} w[y]·max(0, margin − x[y] + x[j])^p'),
  },
  curve: {
    axis: marginAxis,
    family: { param: 'p', values: [1, 2] },
    at(z, params) {
      const h = params.margin - z;
      if (h <= 0) return { loss: 0, grad: 0 };
      return params.p === 1 ? { loss: h, grad: -1 } : { loss: h * h, grad: -2 * h };
    },
    // Each sample's gap to its strongest competitor: the hinge that is the last to switch off.
    points(inputs) {
      const target = inputs.target;
      if (target === null) return null;
      const x = inputs.input.data;
      const C = classesOf(inputs.input) ?? 0;
      const N = inputs.input.shape.length === 2 ? inputs.input.shape[0] : 1;
      const out = new Float64Array(N);
      for (let n = 0; n < N; n++) {
        const y = target.data[n];
        let best = -Infinity;
        for (let j = 0; j < C; j++) if (j !== y && x[n * C + j] > best) best = x[n * C + j];
        out[n] = C > 1 ? x[n * C + y] - best : NaN;
      }
      return out;
    },
  },
  classes: classesOf,
  compute(inputs, params, reduction) {
    const input = inputs.input;
    const target = requireTensor(inputs.target, 'target', 'multi_margin_loss', { en: 'class indices [N]', 'zh-cn': '类别索引 [N]' });
    const { N, C, rowShape } = layout(input, target);
    checkClassVector(params.weight, 'weight', C);
    const y = classIndices(target, 'target', C, null).data;
    const x = input.data;
    const w = params.weight;
    const margin = params.margin;
    const squared = params.p === 2;
    const loss = takeArray(N);
    // Only hinges that are on (and the target class) are written: the rest must read 0.
    const grad = takeZeroed(x.length);
    const active = new Float64Array(N);
    const invC = gradientScale(reduction, N) / C;
    for (let n = 0; n < N; n++) {
      const cls = y[n];
      const base = n * C;
      const wy = w === null ? 1 : w[cls];
      const xy = x[base + cls];
      let s = 0;
      let gy = 0;
      let on = 0;
      for (let j = 0; j < C; j++) {
        if (j === cls) continue;
        const z = margin - xy + x[base + j];
        // PyTorch's kernel: strictly positive hinges only, so z = 0 has gradient 0.
        if (z > 0) {
          s += wy * (squared ? z * z : z);
          const g = (squared ? 2 * z : 1) * wy * invC;
          grad[base + j] = g;
          gy -= g;
          on++;
        }
      }
      grad[base + cls] = gy;
      loss[n] = s / C;
      active[n] = on;
    }
    return finishScaled({
      unreduced: { shape: rowShape, data: loss },
      grad: { shape: input.shape, data: grad },
      reduction,
      intermediates: [intermediate('active', '\\#\\{j : m - x_{y} + x_{j} > 0\\}', 'classes inside the margin', '落在间隔内的类别数', rowShape, active)],
    });
  },
  worked(inputs, params, output, reduction, count) {
    const x = inputs.input.data;
    const y = inputs.target!.data;
    const C = classesOf(inputs.input)!;
    const m = texNumber(params.margin, 4);
    const pw = params.p === 1 ? '' : '^{2}';
    const steps = elementSteps(output, count, (n) => {
      const cls = y[n];
      const xy = texNumber(x[n * C + cls]);
      const terms: string[] = [];
      for (let j = 0; j < C; j++) {
        if (j === cls) continue;
        if (terms.length === 3 && C > 5) {
          terms.push('\\cdots');
          break;
        }
        terms.push(`\\max(0,\\ ${m} - ${xy} + ${texNumber(x[n * C + j], 3, true)})${pw}`);
      }
      const w = params.weight === null ? '1' : texNumber(params.weight[cls]);
      return `\\frac{${w}}{${C}}\\left(${terms.join(' + ') || '0'}\\right)`;
    });
    return { steps, total: output.unreduced.data.length, reduction: reductionStep(output, reduction) };
  },
  sample(rng, n) {
    const C = n >= 40 ? 10 : 4;
    const N = Math.max(2, Math.round(n / C));
    const x = new Float64Array(N * C);
    const y = new Float64Array(N);
    const p = rng.next() < 0.5 ? 1 : 2;
    for (let i = 0; i < N; i++) {
      const cls = rng.int(C);
      y[i] = cls;
      const xy = rng.normal() + 0.5;
      x[i * C + cls] = xy;
      for (let j = 0; j < C; j++) {
        if (j === cls) continue;
        // Keep every hinge argument 1 − x[y] + x[j] at least 0.05 away from the kink at 0.
        let v = rng.normal();
        if (Math.abs(1 - xy + v) < 0.05) v += 0.1;
        x[i * C + j] = v;
      }
    }
    return { inputs: { input: { shape: [N, C], data: x }, target: { shape: [N], data: y }, extra: {} }, params: { p } };
  },
});

const losses: readonly AnyLoss[] = [multiMargin];
export default losses;
