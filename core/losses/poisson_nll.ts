/**
 * Poisson negative log-likelihood, as torch.nn.functional.poisson_nll_loss: the target is a count
 * y ~ Poisson(λ) and the input is the predicted rate, as ln λ (log_input, the default) or as λ.
 */
import { fail } from '../errors.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type CurveAxis, type Reduction } from '../loss.js';
import { booleanParam, numberParam } from '../params.js';
import { indexString, sameShape, type Tensor } from '../tensor.js';
import { expFast } from '../fastmath.js';
import { workedElementwise } from '../worked.js';
import { fusedElementwise, pairs, requireTarget } from './regression.js';

interface PoissonParams {
  log_input: boolean;
  full: boolean;
  eps: number;
}

/**
 * Stirling's approximation of ln(y!), the term the NLL drops because it does not depend on the
 * prediction. PyTorch adds it only where y > 1 (ln 0! = ln 1! = 0), as y·ln y − y + ½·ln(2πy).
 */
function stirling(y: number): number {
  return y > 1 ? y * Math.log(y) - y + 0.5 * Math.log(2 * Math.PI * y) : 0;
}

/**
 * stirling(y) for the counts 0..1023, computed by stirling itself, so a lookup is the same number
 * bit for bit: counts are integers, and two Math.log calls per element (a call out of JIT-compiled
 * code each) were most of the full loss's time.
 */
const STIRLING = Float64Array.from({ length: 1024 }, (_, y) => stirling(y));

/** stirling(y), from the table where y is a small count. */
function stirlingOf(y: number): number {
  const k = y | 0;
  return k === y && k < 1024 && k >= 0 ? STIRLING[k]! : stirling(y);
}

function badCount(target: Tensor, i: number): never {
  const at = `target${indexString(target.shape, i)}`;
  return fail('invalid_label', { en: `${at} is ${target.data[i]}, but poisson_nll_loss targets are counts ≥ 0.`, 'zh-cn': `${at} 为 ${target.data[i]}，但 poisson_nll_loss 的目标是 ≥ 0 的计数。` }, { tensor: 'target' });
}

function badRate(input: Tensor, i: number): never {
  const at = `input${indexString(input.shape, i)}`;
  return fail(
    'invalid_number',
    {
      en: `${at} is ${input.data[i]}, but with log_input = false the input is a rate λ ≥ 0 (set log_input = true if it holds log-rates ln λ).`,
      'zh-cn': `${at} 为 ${input.data[i]}，但在 log_input = false 时 input 是速率 λ ≥ 0（若它存放的是对数速率 ln λ，请设置 log_input = true）。`,
    },
    { tensor: 'input' },
  );
}

/** The count of the curve: the loss is drawn for y = 3 over the predicted log-rate. */
const CURVE_COUNT = 3;

// One axis for both parametrisations: the log-rate ln λ. With log_input the input is ln λ itself;
// without it the input is λ = e^z, so the same picture (minimum at ln λ = ln y) appears either way,
// and the derivative drawn is d loss / d ln λ.
const logRateAxis: CurveAxis = {
  symbol: 'x',
  tex: '\\ln\\lambda',
  label: { en: 'predicted log-rate ln λ (count y = 3)', 'zh-cn': '预测的对数速率 ln λ（计数 y = 3）' },
  domain: [-2, 4],
};

/**
 * The element losses of [from, to) added to `total` (regression.ts's FusedKernel, with the
 * parameters as arguments: a closure's captured values are reloaded from its context every
 * iteration). Log-rates, the default, have a loop of their own, two elements per iteration (V8
 * re-checks every array on each access of each iteration; two, not four, because each copy inlines
 * expFast and V8 stops inlining after about 920 bytes of callee bytecode). Stirling's term is added
 * without a branch on y > 1 (its table holds 0 for 0 and 1), which was a coin flip on counts.
 */
function poissonKernel(input: Tensor, target: Tensor, logInput: boolean, full: boolean, eps: number, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  if (logInput) return poissonLogRateKernel(target, full, x, y, l, g, s, from, to, total);
  for (let i = from; i < to; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!(yi >= 0)) return badCount(target, i);
    if (!(xi >= 0)) return badRate(input, i);
    const q = xi + eps;
    let v = xi - yi * Math.log(q);
    g[i] = s * (1 - yi / q);
    if (full && yi > 1) v += stirling(yi);
    if (l !== null) l[i] = v;
    total += v;
  }
  return total;
}

function poissonLogRateKernel(target: Tensor, full: boolean, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  s *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  let i = from;
  for (; i + 2 <= to; i += 2) {
    const x0 = x[i];
    const x1 = x[i + 1];
    const y0 = y[i];
    const y1 = y[i + 1];
    if (!(y0 >= 0)) return badCount(target, i);
    if (!(y1 >= 0)) return badCount(target, i + 1);
    const e0 = expFast(x0);
    const e1 = expFast(x1);
    let v0 = e0 - y0 * x0;
    let v1 = e1 - y1 * x1;
    g[i] = s * (e0 - y0);
    g[i + 1] = s * (e1 - y1);
    if (full) {
      v0 += stirlingOf(y0);
      v1 += stirlingOf(y1);
    }
    if (l !== null) {
      l[i] = v0;
      l[i + 1] = v1;
    }
    total += v0;
    total += v1;
  }
  for (; i < to; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!(yi >= 0)) return badCount(target, i);
    const e = expFast(xi);
    let v = e - yi * xi;
    g[i] = s * (e - yi);
    if (full) v += stirlingOf(yi);
    if (l !== null) l[i] = v;
    total += v;
  }
  return total;
}

const poissonNll = defineLoss<PoissonParams>({
  id: 'poisson_nll_loss',
  names: { en: 'Poisson negative log-likelihood', 'zh-cn': '泊松负对数似然损失' },
  category: 'regression',
  input: 'raw',
  target: 'counts',
  extra: [],
  params: {
    log_input: booleanParam({
      default: true,
      doc: {
        en: 'Whether the input is the log-rate ln λ (then l = e^x − y·x, stable and unconstrained) or the rate λ ≥ 0 itself (then l = x − y·ln(x + eps)).',
        'zh-cn': '输入是否为对数速率 ln λ（此时 l = e^x − y·x，数值稳定且无约束），否则输入为速率 λ ≥ 0 本身（此时 l = x − y·ln(x + eps)）。',
      },
    }),
    full: booleanParam({
      default: false,
      doc: {
        en: 'Add Stirling\'s approximation of ln(y!), y·ln y − y + ½·ln(2πy) where y > 1, so the value is the full negative log-likelihood; it does not change the gradient.',
        'zh-cn': '加上 ln(y!) 的 Stirling 近似 y·ln y − y + ½·ln(2πy)（仅在 y > 1 处），使数值成为完整的负对数似然；梯度不变。',
      },
    }),
    eps: numberParam({
      default: 1e-8,
      min: 0,
      doc: {
        en: 'Added to the rate inside the log when log_input is false, so λ = 0 gives a large finite loss instead of ln 0.',
        'zh-cn': 'log_input 为 false 时加在对数内的速率上，使 λ = 0 得到很大的有限损失而不是 ln 0。',
      },
    }),
  },
  reductions: ['none', 'mean', 'sum'],
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.poisson_nll_loss',
  summary: {
    en: 'Negative log-likelihood of counts under a Poisson model: for event counts, photon counts, arrivals per interval, where the variance grows with the mean and L2 would over-weight large counts. Let the network output the log-rate (log_input = true): e^x − y·x is unconstrained and stable. With full = true the dropped ln(y!) is added back (Stirling), which only shifts the value.',
    'zh-cn': '泊松模型下计数的负对数似然：适用于事件数、光子数、单位时间到达数等计数数据，这类数据方差随均值增大，用 L2 会过分看重大计数。建议让网络输出对数速率（log_input = true）：e^x − y·x 无约束且数值稳定。full = true 时加回被省略的 ln(y!)（Stirling 近似），只平移数值。',
  },
  formula: {
    tex: (p) => {
      // Which parameter selects which term is said with the parameter's name ([full] is 1 when
      // full = true), not with words: the formula is shown as is in every language.
      const full = p?.full ? ' + \\big[y\\ln y - y + \\tfrac12\\ln(2\\pi y)\\big]_{y > 1}' : p === null ? ' + [\\text{full}]\\,\\big[y\\ln y - y + \\tfrac12\\ln(2\\pi y)\\big]_{y > 1}' : '';
      if (p === null) return `\\ell = \\begin{cases} e^{x} - y\\,x & \\text{log\\_input} \\\\ x - y\\ln(x + \\epsilon) & \\lnot\\,\\text{log\\_input} \\end{cases}${full}`;
      return p.log_input ? `\\ell = e^{x} - y\\,x${full}` : `\\ell = x - y\\ln(x + ${texNumber(p.eps)})${full}`;
    },
    derivativeTex: (p) => {
      if (p === null) return '\\frac{\\partial \\ell}{\\partial x} = \\begin{cases} e^{x} - y & \\text{log\\_input} \\\\ 1 - \\frac{y}{x + \\epsilon} & \\lnot\\,\\text{log\\_input} \\end{cases}';
      return p.log_input ? '\\frac{\\partial \\ell}{\\partial x} = e^{x} - y' : `\\frac{\\partial \\ell}{\\partial x} = 1 - \\frac{y}{x + ${texNumber(p.eps)}}`;
    },
    plain: {
      en: 'l = e^x − y·x (log_input) or x − y·ln(x + eps); full adds y·ln y − y + ½·ln(2πy) where y > 1',
      'zh-cn': 'l = e^x − y·x（log_input）或 x − y·ln(x + eps)；full 时另加 y·ln y − y + ½·ln(2πy)（y > 1 时）',
    },
  },
  curve: {
    axis: logRateAxis,
    at(z, p) {
      const y = CURVE_COUNT;
      const lam = Math.exp(z);
      const extra = p.full ? stirling(y) : 0;
      if (p.log_input) return { loss: lam - y * z + extra, grad: lam - y };
      const q = lam + p.eps;
      return { loss: lam - y * Math.log(q) + extra, grad: lam - (y * lam) / q };
    },
    points(inputs, p) {
      const x = inputs.input.data;
      const out = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = p.log_input ? x[i] : Math.log(x[i] + p.eps);
      return out;
    },
  },
  compute(inputs, params, reduction: Reduction) {
    const input = inputs.input;
    const target = requireTarget(inputs, 'poisson_nll_loss', { en: 'counts y ≥ 0, broadcastable to the input', 'zh-cn': '≥ 0 的计数 y，可广播到 input 的形状' });
    const { log_input: logInput, full, eps } = params;
    // Values are checked inside the kernel (one pass less over the data) where neither tensor is
    // broadcast, so that an element's index is its own; otherwise before it.
    const inKernel = sameShape(target.shape, input.shape);
    if (!inKernel) {
      for (let i = 0; i < target.data.length; i++) if (!(target.data[i] >= 0)) badCount(target, i);
      if (!logInput) for (let i = 0; i < input.data.length; i++) if (!(input.data[i] >= 0)) badRate(input, i);
    }
    return fusedElementwise(input, target, reduction, (x, y, l, g, s, from, to, total) => poissonKernel(input, target, logInput, full, eps, x, y, l, g, s, from, to, total));
  },
  worked(inputs, params, output, reduction, count) {
    const at = pairs(inputs);
    return workedElementwise(output, reduction, count, (i) => {
      const [x, y] = at(i);
      const xs = texNumber(x, 3, true);
      const ys = texNumber(y);
      const base = params.log_input ? `e^{${texNumber(x)}} - ${ys}\\cdot ${xs}` : `${texNumber(x)} - ${ys}\\cdot\\ln(${texNumber(x)} + ${texNumber(params.eps)})`;
      return params.full && y > 1 ? `${base} + (${ys}\\ln ${ys} - ${ys} + \\tfrac12\\ln(2\\pi\\cdot ${ys}))` : base;
    });
  },
  sample(rng, n) {
    const m = Math.max(2, Math.floor(n / 4));
    const d = n >= 4 ? 4 : 1;
    const shape = d === 1 ? [m] : [m, d];
    const x = new Float64Array(m * d);
    const y = new Float64Array(m * d);
    for (let i = 0; i < x.length; i++) {
      // A true log-rate, a count drawn from it (Knuth's method: the rates stay small), and a
      // prediction near the truth.
      const logRate = 0.8 * rng.normal() + 0.5;
      const limit = Math.exp(-Math.exp(logRate));
      let k = 0;
      let prod = rng.next();
      while (prod > limit && k < 60) {
        k++;
        prod *= rng.next();
      }
      y[i] = k;
      x[i] = logRate + 0.3 * rng.normal();
    }
    const full = rng.next() < 0.5;
    return { inputs: { input: { shape, data: x }, target: { shape, data: y }, extra: {} }, params: { full } };
  },
});

const losses: readonly AnyLoss[] = [poissonNll];
export default losses;
