/**
 * Image-reconstruction losses from Noise2Noise (Lehtinen et al. 2018): the annealed "L0" loss,
 * which drives a denoiser toward the mode of its noisy targets, and the relative MSE used for HDR
 * (Monte Carlo rendering) images, whose long-tailed intensities would dominate a plain MSE.
 */
import { broadcastPair } from '../elementwise.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type CurveAxis, type Reduction } from '../loss.js';
import { choiceParam, numberParam } from '../params.js';
import { workedElementwise } from '../worked.js';
import { fusedElementwise, pairs, requireTarget, residuals, texResidual } from './regression.js';
import { symbolsOnly } from '../localized.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];
const NOISE2NOISE = {
  en: 'Lehtinen et al., "Noise2Noise: Learning Image Restoration without Clean Data", ICML 2018',
  'zh-cn': 'Lehtinen 等，"Noise2Noise: Learning Image Restoration without Clean Data"，ICML 2018',
};

interface L0Params {
  gamma: number;
  eps: number;
}

function l0At(d: number, p: L0Params): { loss: number; grad: number } {
  if (p.gamma === 0) return { loss: 1, grad: 0 };
  const b = Math.abs(d) + p.eps;
  const v = Math.pow(b, p.gamma);
  return { loss: v, grad: d === 0 ? 0 : ((d > 0 ? p.gamma : -p.gamma) * v) / b };
}

/**
 * regression.ts's FusedKernel with the parameters as arguments (a closure's are reloaded every
 * iteration). Exponents 2 and 1 (the start of the schedule and L1) have loops of their own without
 * Math.pow, four elements per iteration (core/blocks.ts on why). d|d|/dd at 0 is taken as 0, so
 * b^(γ−1) is never formed where it could be 0^(negative); the sign is a product with the
 * comparisons' difference rather than a branch (residual signs are a coin flip to the predictor),
 * and the remaining test, sign ≠ 0, is all but always true.
 */
function l0Kernel(gamma: number, eps: number, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  if (gamma === 0) {
    // x^0 = 1 for every base (also 0^0), and PyTorch's pow backward is 0 for exponent 0.
    if (l !== null) l.fill(1, from, to);
    return total + (to - from);
  }
  if (gamma === 2) return l0Square(eps, x, y, l, g, s, from, to, total);
  if (gamma === 1) return l0Linear(eps, x, y, l, g, s, from, to, total);
  const sg = s * gamma;
  for (let i = from; i < to; i++) {
    const d = x[i] - y[i];
    const b = Math.abs(d) + eps;
    const v = Math.pow(b, gamma);
    if (l !== null) l[i] = v;
    total += v;
    const sign = +(d > 0) - +(d < 0);
    g[i] = sign !== 0 ? sign * ((sg * v) / b) : 0;
  }
  return total;
}

/** (|d| + ε)², gradient 2·(|d| + ε)·sign d. */
function l0Square(eps: number, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  eps *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  const s2 = 2 * s;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const d0 = x[i] - y[i];
    const d1 = x[i + 1] - y[i + 1];
    const d2 = x[i + 2] - y[i + 2];
    const d3 = x[i + 3] - y[i + 3];
    const b0 = Math.abs(d0) + eps;
    const b1 = Math.abs(d1) + eps;
    const b2 = Math.abs(d2) + eps;
    const b3 = Math.abs(d3) + eps;
    const v0 = b0 * b0;
    const v1 = b1 * b1;
    const v2 = b2 * b2;
    const v3 = b3 * b3;
    if (l !== null) {
      l[i] = v0;
      l[i + 1] = v1;
      l[i + 2] = v2;
      l[i + 3] = v3;
    }
    total += v0;
    total += v1;
    total += v2;
    total += v3;
    const n0 = +(d0 > 0) - +(d0 < 0);
    const n1 = +(d1 > 0) - +(d1 < 0);
    const n2 = +(d2 > 0) - +(d2 < 0);
    const n3 = +(d3 > 0) - +(d3 < 0);
    g[i] = n0 !== 0 ? n0 * (s2 * b0) : 0;
    g[i + 1] = n1 !== 0 ? n1 * (s2 * b1) : 0;
    g[i + 2] = n2 !== 0 ? n2 * (s2 * b2) : 0;
    g[i + 3] = n3 !== 0 ? n3 * (s2 * b3) : 0;
  }
  for (; i < to; i++) {
    const d = x[i] - y[i];
    const b = Math.abs(d) + eps;
    const v = b * b;
    if (l !== null) l[i] = v;
    total += v;
    const sign = +(d > 0) - +(d < 0);
    g[i] = sign !== 0 ? sign * (s2 * b) : 0;
  }
  return total;
}

/** |d| + ε, gradient sign d. */
function l0Linear(eps: number, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  eps *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  s *= 1;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const d0 = x[i] - y[i];
    const d1 = x[i + 1] - y[i + 1];
    const d2 = x[i + 2] - y[i + 2];
    const d3 = x[i + 3] - y[i + 3];
    const v0 = Math.abs(d0) + eps;
    const v1 = Math.abs(d1) + eps;
    const v2 = Math.abs(d2) + eps;
    const v3 = Math.abs(d3) + eps;
    if (l !== null) {
      l[i] = v0;
      l[i + 1] = v1;
      l[i + 2] = v2;
      l[i + 3] = v3;
    }
    total += v0;
    total += v1;
    total += v2;
    total += v3;
    const n0 = +(d0 > 0) - +(d0 < 0);
    const n1 = +(d1 > 0) - +(d1 < 0);
    const n2 = +(d2 > 0) - +(d2 < 0);
    const n3 = +(d3 > 0) - +(d3 < 0);
    g[i] = n0 !== 0 ? n0 * s : 0;
    g[i + 1] = n1 !== 0 ? n1 * s : 0;
    g[i + 2] = n2 !== 0 ? n2 * s : 0;
    g[i + 3] = n3 !== 0 ? n3 * s : 0;
  }
  for (; i < to; i++) {
    const d = x[i] - y[i];
    const v = Math.abs(d) + eps;
    if (l !== null) l[i] = v;
    total += v;
    const sign = +(d > 0) - +(d < 0);
    g[i] = sign !== 0 ? sign * s : 0;
  }
  return total;
}

const l0Loss = defineLoss<L0Params>({
  id: 'l0_loss',
  names: { en: 'Annealed L0 loss (Noise2Noise)', 'zh-cn': '退火 L0 损失（Noise2Noise）' },
  category: 'reconstruction',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {
    gamma: numberParam({
      default: 2,
      min: 0,
      slider: { min: 0, max: 2, step: 0.05 },
      doc: {
        en: 'The exponent γ. Noise2Noise anneals it linearly from 2 (L2, the mean) to 0 (L0, the mode) during training; γ = 1 is L1 (the median).',
        'zh-cn': '指数 γ。Noise2Noise 在训练中将其从 2（L2，均值）线性退火到 0（L0，众数）；γ = 1 即 L1（中位数）。',
      },
    }),
    eps: numberParam({
      default: 1e-8,
      min: 0,
      doc: {
        en: 'Added to |f − y| so that γ < 1 keeps a finite gradient near a perfect prediction.',
        'zh-cn': '加到 |f − y| 上，使 γ < 1 时在预测完全正确附近梯度仍有限。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: `${NOISE2NOISE.en}, section 3.3: (|f(x̂) − ŷ| + ε)^γ with ε = 1e-8, γ annealed linearly from 2 to 0`,
    'zh-cn': `${NOISE2NOISE['zh-cn']}，第 3.3 节：(|f(x̂) − ŷ| + ε)^γ，其中 ε = 1e-8，γ 从 2 线性退火到 0`,
  },
  summary: {
    en: 'Noise2Noise\'s approximate L0: (|f − y| + ε)^γ. L2 (γ = 2) recovers the mean of the targets and L1 (γ = 1) their median; as γ → 0 the minimiser approaches the mode. That is what you want when the training targets are corrupted by impulse-like noise (e.g. random-valued pixels), where the most frequent value is the clean one. Anneal γ from 2 to 0 during training; γ = 0 is constant (loss 1, gradient 0) and learns nothing on its own.',
    'zh-cn': 'Noise2Noise 的近似 L0 损失：(|f − y| + ε)^γ。L2（γ = 2）恢复目标的均值，L1（γ = 1）恢复中位数；γ → 0 时最优解趋于众数。当训练目标被脉冲类噪声污染（如随机值像素）时，出现最频繁的值才是干净值，这正是所需。训练中将 γ 从 2 退火到 0；γ = 0 时损失恒为 1、梯度为 0，单独使用学不到任何东西。',
  },
  formula: {
    tex: (p) => `\\ell = \\left(|f - y| + ${p === null ? '\\epsilon' : texNumber(p.eps)}\\right)^{${p === null ? '\\gamma' : texNumber(p.gamma)}}`,
    derivativeTex: (p) => {
      const g = p === null ? '\\gamma' : texNumber(p.gamma);
      const gm1 = p === null ? '\\gamma - 1' : texNumber(p.gamma - 1);
      const e = p === null ? '\\epsilon' : texNumber(p.eps);
      return `\\frac{\\partial \\ell}{\\partial d} = ${g}\\,(|d| + ${e})^{${gm1}}\\operatorname{sign}(d),\\quad \\operatorname{sign}(0) = 0`;
    },
    plain: symbolsOnly('l = (|f − y| + eps)^γ'),
  },
  curve: {
    axis: { symbol: 'residual', tex: 'd = f - y', label: { en: 'residual d = f − y', 'zh-cn': '残差 d = f − y' }, domain: [-2, 2] },
    // The annealing schedule, 2 → 0.
    family: { param: 'gamma', values: [2, 1.5, 1, 0.5, 0] },
    at: (z, p) => l0At(z, p),
    points: residuals,
  },
  compute(inputs, params, reduction) {
    const { gamma, eps } = params;
    return fusedElementwise(inputs.input, requireTarget(inputs, 'l0_loss'), reduction, (x, y, l, g, s, from, to, total) => l0Kernel(gamma, eps, x, y, l, g, s, from, to, total));
  },
  worked(inputs, params, output, reduction, count) {
    const at = pairs(inputs);
    return workedElementwise(output, reduction, count, (i) => `\\left(|${texResidual(...at(i))}| + ${texNumber(params.eps)}\\right)^{${texNumber(params.gamma)}}`);
  },
  sample(rng, n) {
    const m = Math.max(2, Math.floor(n / 4));
    const d = n >= 4 ? 4 : 1;
    const shape = d === 1 ? [m] : [m, d];
    const x = new Float64Array(m * d);
    const y = new Float64Array(m * d);
    for (let i = 0; i < x.length; i++) {
      // Pixel intensities with impulse noise on a tenth of the targets.
      x[i] = rng.next();
      y[i] = rng.next() < 0.1 ? rng.next() : x[i] + 0.1 * rng.normal();
    }
    return { inputs: { input: { shape, data: x }, target: { shape, data: y }, extra: {} }, params: { gamma: [2, 1.5, 1, 0.5][rng.int(4)] } };
  },
});

interface HdrParams {
  eps: number;
  denominator: 'target' | 'prediction';
}

/**
 * In terms of the relative residual r = (f − y)/(y + ε) both variants are one curve for every pixel,
 * whatever its brightness and ε: with the target's denominator l = r²; with the prediction's,
 * f + ε = (y + ε)(1 + r), so l = r²/(1 + r)². That is the point of a relative loss (a bright and a
 * dark pixel with the same relative error cost the same), and it lets the user's pixels sit exactly
 * on the drawn curve. The prediction variant saturates at 1 for large overestimates and grows
 * without bound as f → −ε (r → −1), hence the domain starts at −0.9.
 */
const relativeAxis: CurveAxis = {
  symbol: 'residual',
  tex: 'r = \\frac{f - y}{y + \\epsilon}',
  label: { en: 'relative residual r = (f − y)/(y + ε)', 'zh-cn': '相对残差 r = (f − y)/(y + ε)' },
  domain: [-0.9, 3],
};

/**
 * regression.ts's FusedKernel with the parameters as arguments (a closure's are reloaded every
 * iteration), four elements per iteration (core/blocks.ts on why). r = (f − y)/(q + ε) with q the
 * target or the prediction; d/df of d²/q² with q = f + ε is 2d/q² − 2d²/q³ = 2r·(1 − r)/q.
 */
function hdrKernel(byTarget: boolean, eps: number, x: Float64Array, y: Float64Array, l: Float64Array | null, g: Float64Array, s: number, from: number, to: number, total: number): number {
  eps *= 1; // a double from here on: V8 re-checked the argument's tag on every use in the loop
  const s2 = 2 * s;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const x0 = x[i];
    const x1 = x[i + 1];
    const x2 = x[i + 2];
    const x3 = x[i + 3];
    const y0 = y[i];
    const y1 = y[i + 1];
    const y2 = y[i + 2];
    const y3 = y[i + 3];
    const w0 = 1 / ((byTarget ? y0 : x0) + eps);
    const w1 = 1 / ((byTarget ? y1 : x1) + eps);
    const w2 = 1 / ((byTarget ? y2 : x2) + eps);
    const w3 = 1 / ((byTarget ? y3 : x3) + eps);
    const r0 = (x0 - y0) * w0;
    const r1 = (x1 - y1) * w1;
    const r2 = (x2 - y2) * w2;
    const r3 = (x3 - y3) * w3;
    const v0 = r0 * r0;
    const v1 = r1 * r1;
    const v2 = r2 * r2;
    const v3 = r3 * r3;
    if (l !== null) {
      l[i] = v0;
      l[i + 1] = v1;
      l[i + 2] = v2;
      l[i + 3] = v3;
    }
    total += v0;
    total += v1;
    total += v2;
    total += v3;
    if (byTarget) {
      g[i] = s2 * r0 * w0;
      g[i + 1] = s2 * r1 * w1;
      g[i + 2] = s2 * r2 * w2;
      g[i + 3] = s2 * r3 * w3;
    } else {
      g[i] = s2 * r0 * w0 * (1 - r0);
      g[i + 1] = s2 * r1 * w1 * (1 - r1);
      g[i + 2] = s2 * r2 * w2 * (1 - r2);
      g[i + 3] = s2 * r3 * w3 * (1 - r3);
    }
  }
  for (; i < to; i++) {
    const w = 1 / ((byTarget ? y[i] : x[i]) + eps);
    const r = (x[i] - y[i]) * w;
    const v = r * r;
    if (l !== null) l[i] = v;
    total += v;
    g[i] = byTarget ? s2 * r * w : s2 * r * w * (1 - r);
  }
  return total;
}

const hdrRelativeMse = defineLoss<HdrParams>({
  id: 'hdr_relative_mse',
  names: { en: 'Relative MSE for HDR images (Noise2Noise)', 'zh-cn': 'HDR 图像相对均方误差（Noise2Noise）' },
  category: 'reconstruction',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {
    eps: numberParam({
      default: 0.01,
      min: 0,
      slider: { min: 0, max: 0.1, step: 0.005 },
      doc: {
        en: 'Added to the brightness in the denominator, so dark pixels do not get unbounded weight.',
        'zh-cn': '加到分母中的亮度上，避免暗像素获得无限大的权重。',
      },
    }),
    denominator: choiceParam({
      default: 'target',
      values: ['target', 'prediction'] as const,
      doc: {
        en: '"target": divide by (y + ε)², the relative MSE image-quality metric. "prediction": divide by (f + ε)², Noise2Noise\'s L_HDR for noisy targets; the gradient also flows through the denominator.',
        'zh-cn': '"target"：除以 (y + ε)²，即相对 MSE 图像质量度量。"prediction"：除以 (f + ε)²，即 Noise2Noise 针对含噪目标的 L_HDR，梯度也经过分母回传。',
      },
    }),
  },
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: null,
  source: {
    en: `${NOISE2NOISE.en}, section 3.4 (Monte Carlo rendering): relative MSE (f − ŷ)²/(ŷ + 0.01)² and L_HDR = (f − ŷ)²/(f + 0.01)²`,
    'zh-cn': `${NOISE2NOISE['zh-cn']}，第 3.4 节（蒙特卡洛渲染）：相对 MSE (f − ŷ)²/(ŷ + 0.01)² 与 L_HDR = (f − ŷ)²/(f + 0.01)²`,
  },
  summary: {
    en: 'MSE divided by the squared approximate brightness of each pixel. In HDR (e.g. Monte Carlo rendered) images the intensities are long-tailed and a plain MSE is dominated by a few very bright outliers; dividing by (brightness + ε)² makes errors relative. With noisy targets the target\'s brightness is itself noisy, which makes the metric non-linear and biased as a training loss; Noise2Noise therefore divides by the prediction, (f + ε)², and lets the gradient flow through it (denominator = "prediction").',
    'zh-cn': '均方误差除以每个像素近似亮度的平方。HDR 图像（如蒙特卡洛渲染图像）的亮度呈长尾分布，普通 MSE 会被少数极亮的异常值主导；除以 (亮度 + ε)² 使误差变为相对误差。若目标本身含噪，以目标亮度作分母会使该度量非线性、作为训练损失有偏；因此 Noise2Noise 改为除以预测值 (f + ε)²，并让梯度也经过分母回传（denominator = "prediction"）。',
  },
  formula: {
    tex: (p) => {
      const e = p === null ? '\\epsilon' : texNumber(p.eps);
      if (p === null) return `\\ell = \\frac{(f - y)^2}{(y + ${e})^2}\\ \\text{(target)},\\quad \\frac{(f - y)^2}{(f + ${e})^2}\\ \\text{(prediction)}`;
      return `\\ell = \\frac{(f - y)^2}{(${p.denominator === 'target' ? 'y' : 'f'} + ${e})^2}`;
    },
    derivativeTex: (p) => {
      const e = p === null ? '\\epsilon' : texNumber(p.eps);
      const target = `\\frac{\\partial \\ell}{\\partial f} = \\frac{2\\,(f - y)}{(y + ${e})^2}`;
      const prediction = `\\frac{\\partial \\ell}{\\partial f} = \\frac{2\\,(f - y)(y + ${e})}{(f + ${e})^3}`;
      if (p === null) return `${target}\\ \\text{(target)},\\quad ${prediction}\\ \\text{(prediction)}`;
      return p.denominator === 'target' ? target : prediction;
    },
    plain: {
      en: 'l = (f − y)²/(y + eps)² (denominator "target") or (f − y)²/(f + eps)² ("prediction")',
      'zh-cn': 'l = (f − y)²/(y + eps)²（denominator 为 "target"）或 (f − y)²/(f + eps)²（为 "prediction"）',
    },
  },
  curve: {
    axis: relativeAxis,
    at(r, p) {
      if (p.denominator === 'target') return { loss: r * r, grad: 2 * r };
      const q = 1 + r;
      return { loss: (r * r) / (q * q), grad: (2 * r) / (q * q * q) };
    },
    points(inputs, p) {
      const { x, y } = broadcastPair(inputs.input, inputs.target ?? inputs.input, 'target');
      const out = new Float64Array(x.data.length);
      for (let i = 0; i < out.length; i++) out[i] = (x.data[i] - y.data[i]) / (y.data[i] + p.eps);
      return out;
    },
  },
  compute(inputs, params, reduction) {
    const { eps, denominator } = params;
    return fusedElementwise(inputs.input, requireTarget(inputs, 'hdr_relative_mse'), reduction, (x, y, l, g, s, from, to, total) => hdrKernel(denominator === 'target', eps, x, y, l, g, s, from, to, total));
  },
  worked(inputs, params, output, reduction, count) {
    const at = pairs(inputs);
    const e = texNumber(params.eps);
    return workedElementwise(output, reduction, count, (i) => {
      const [f, y] = at(i);
      const den = params.denominator === 'target' ? texNumber(y) : texNumber(f);
      return `\\frac{(${texResidual(f, y)})^2}{(${den} + ${e})^2}`;
    });
  },
  sample(rng, n) {
    const m = Math.max(2, Math.floor(n / 4));
    const d = n >= 4 ? 4 : 1;
    const shape = d === 1 ? [m] : [m, d];
    const x = new Float64Array(m * d);
    const y = new Float64Array(m * d);
    for (let i = 0; i < x.length; i++) {
      // Long-tailed radiance (log-normal) and a prediction within a relative error of about 20%.
      const radiance = Math.exp(1.5 * rng.normal());
      y[i] = radiance;
      x[i] = radiance * Math.exp(0.2 * rng.normal());
    }
    return {
      inputs: { input: { shape, data: x }, target: { shape, data: y }, extra: {} },
      params: { denominator: rng.next() < 0.5 ? 'target' : 'prediction' },
    };
  },
});

const losses: readonly AnyLoss[] = [l0Loss, hdrRelativeMse];
export default losses;
