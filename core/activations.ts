/**
 * The activations shown beside the losses (sigmoid, softmax, log_softmax, tanh): transforms, not
 * losses, with their formula and derivative for the curve views. Softmax-type transforms act over
 * dim 1 (the class dimension) as in the spec; on the curve they are drawn for one logit z against
 * a competing logit fixed at 0, i.e. the two-class case, where softmax reduces to σ(z).
 */
import { symbolsOnly, type Localized } from './localized.js';
import type { CurvePoint } from './loss.js';
import { numel, type Tensor } from './tensor.js';

export interface TransformDefinition {
  readonly id: 'sigmoid' | 'softmax' | 'log_softmax' | 'tanh';
  readonly names: Localized;
  readonly pytorch: string;
  readonly formula: { readonly tex: string; readonly derivativeTex: string; readonly plain: Localized };
  readonly curve: { readonly domain: readonly [number, number]; at(z: number): CurvePoint };
  apply(t: Tensor): Tensor;
}

/** Stable σ: never exponentiates a large positive number. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** ln(1 + e^x) without overflow for large x or loss of precision for very negative x. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function map(t: Tensor, f: (x: number) => number): Tensor {
  const out = new Float64Array(t.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(t.data[i]);
  return { shape: t.shape, data: out };
}

/** log_softmax over dim 1 (dim 0 for a 1-D input), by log-sum-exp with the max subtracted. */
export function logSoftmax(t: Tensor): Tensor {
  const dim = t.shape.length >= 2 ? 1 : 0;
  const C = t.shape[dim] ?? 1;
  const outer = dim === 0 ? 1 : t.shape[0];
  const inner = numel(t.shape.slice(dim + 1));
  const out = new Float64Array(t.data.length);
  for (let o = 0; o < outer; o++) {
    for (let s = 0; s < inner; s++) {
      const base = o * C * inner + s;
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, t.data[base + c * inner]);
      let z = 0;
      for (let c = 0; c < C; c++) z += Math.exp(t.data[base + c * inner] - m);
      const lse = m + Math.log(z);
      for (let c = 0; c < C; c++) out[base + c * inner] = t.data[base + c * inner] - lse;
    }
  }
  return { shape: t.shape, data: out };
}

export const TRANSFORMS: readonly TransformDefinition[] = [
  {
    id: 'sigmoid',
    names: { en: 'Sigmoid', 'zh-cn': 'Sigmoid（S 型函数）' },
    pytorch: 'torch.sigmoid',
    formula: { tex: '\\sigma(x) = \\frac{1}{1 + e^{-x}}', derivativeTex: "\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))", plain: symbolsOnly('σ(x) = 1 / (1 + e^−x)') },
    curve: { domain: [-6, 6], at: (z) => { const s = sigmoid(z); return { loss: s, grad: s * (1 - s) }; } },
    apply: (t) => map(t, sigmoid),
  },
  {
    id: 'softmax',
    names: { en: 'Softmax', 'zh-cn': 'Softmax（归一化指数函数）' },
    pytorch: 'torch.softmax(x, dim=1)',
    formula: {
      tex: '\\operatorname{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}',
      derivativeTex: '\\frac{\\partial\\, \\operatorname{softmax}_i}{\\partial x_j} = \\operatorname{softmax}_i\\,(\\delta_{ij} - \\operatorname{softmax}_j)',
      plain: symbolsOnly('softmax(x)_i = e^x_i / Σ_j e^x_j'),
    },
    curve: { domain: [-6, 6], at: (z) => { const s = sigmoid(z); return { loss: s, grad: s * (1 - s) }; } },
    apply: (t) => map(logSoftmax(t), Math.exp),
  },
  {
    id: 'log_softmax',
    names: { en: 'Log-softmax', 'zh-cn': '对数 Softmax' },
    pytorch: 'torch.log_softmax(x, dim=1)',
    formula: {
      tex: '\\log\\operatorname{softmax}(x)_i = x_i - \\log\\sum_j e^{x_j}',
      derivativeTex: '\\frac{\\partial}{\\partial x_j} = \\delta_{ij} - \\operatorname{softmax}_j',
      plain: symbolsOnly('log_softmax(x)_i = x_i − log Σ_j e^x_j'),
    },
    // Two classes, the other logit at 0: ln σ(z) = −softplus(−z), derivative 1 − σ(z).
    curve: { domain: [-6, 6], at: (z) => ({ loss: -softplus(-z), grad: 1 - sigmoid(z) }) },
    apply: logSoftmax,
  },
  {
    id: 'tanh',
    names: { en: 'Tanh', 'zh-cn': 'Tanh（双曲正切）' },
    pytorch: 'torch.tanh',
    formula: { tex: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}', derivativeTex: "\\tanh'(x) = 1 - \\tanh^2(x)", plain: symbolsOnly('tanh(x) = (e^x − e^−x) / (e^x + e^−x)') },
    curve: { domain: [-4, 4], at: (z) => { const t = Math.tanh(z); return { loss: t, grad: 1 - t * t }; } },
    apply: (t) => map(t, Math.tanh),
  },
];
