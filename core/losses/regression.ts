/**
 * Regression losses on the residual d = f − y: L1, L2 (MSE), smooth L1, Huber and log-cosh.
 * All are element-wise with NumPy broadcasting, as in torch.nn.functional.
 */
import { broadcastPair, elementwise } from '../elementwise.js';
import { requireTensor } from '../check.js';
import { texNumber } from '../format.js';
import { defineLoss, type AnyLoss, type LossInputs, type Reduction, type Rng } from '../loss.js';
import { reduceOutput } from '../reduction.js';
import type { Tensor } from '../tensor.js';
import { workedElementwise } from '../worked.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

const residualAxis = {
  symbol: 'residual',
  tex: 'd = f - y',
  label: { en: 'residual d = f − y', 'zh-cn': '残差 d = f − y' },
  domain: [-3, 3],
} as const;

function target(inputs: LossInputs, id: string): Tensor {
  return requireTensor(inputs.target, 'target', id, 'the values to regress to, broadcastable to the input');
}

/** Residuals of the data, for marking the user's points on the residual axis. */
function residuals(inputs: LossInputs): Float64Array {
  const { x, y } = broadcastPair(inputs.input, inputs.target ?? inputs.input, 'target');
  const d = new Float64Array(x.data.length);
  for (let i = 0; i < d.length; i++) d[i] = x.data[i] - y.data[i];
  return d;
}

/** Pairs (f_i, y_i) at the broadcast shape, for worked examples. */
function pairAt(inputs: LossInputs, i: number): [number, number] {
  const { x, y } = broadcastPair(inputs.input, inputs.target ?? inputs.input, 'target');
  return [x.data[i], y.data[i]];
}

function sampleRegression(rng: Rng, n: number): { inputs: LossInputs } {
  const m = Math.max(2, Math.floor(n / 4));
  const d = n >= 4 ? 4 : 1;
  const input = new Float64Array(m * d);
  const tgt = new Float64Array(m * d);
  for (let i = 0; i < input.length; i++) {
    tgt[i] = rng.normal();
    // Mostly small residuals, some outliers: the situation where the choice of loss matters.
    input[i] = tgt[i] + (rng.next() < 0.1 ? 5 * rng.normal() : 0.5 * rng.normal());
  }
  const shape = d === 1 ? [m] : [m, d];
  return { inputs: { input: { shape, data: input }, target: { shape, data: tgt }, extra: {} } };
}

const l1Loss = defineLoss<Record<string, never>>({
  id: 'l1_loss',
  names: { en: 'L1 loss (mean absolute error)', 'zh-cn': 'L1 损失（平均绝对误差）' },
  category: 'regression',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.l1_loss',
  summary: {
    en: 'Absolute error |f − y|. Its optimum is the median, so outliers pull it less than L2; its gradient is ±1 everywhere, which keeps early training stable but does not shrink near the optimum.',
    'zh-cn': '绝对误差 |f − y|。最优值在中位数处，因此受异常值影响比 L2 小；梯度处处为 ±1，训练初期稳定，但在最优点附近不会变小，后期难以精细收敛。',
  },
  formula: {
    tex: () => '\\ell = |f - y|',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial d} = \\operatorname{sign}(d)',
    plain: 'l = |f − y|',
  },
  curve: {
    axis: residualAxis,
    at: (z) => ({ loss: Math.abs(z), grad: Math.sign(z) }),
    points: residuals,
  },
  compute(inputs, _params, reduction) {
    const { unreduced, grad } = elementwise(inputs.input, target(inputs, 'l1_loss'), (x, y, l, g) => {
      for (let i = 0; i < x.length; i++) {
        const d = x[i] - y[i];
        l[i] = Math.abs(d);
        // sign(0) = 0, as PyTorch's subgradient at a perfect prediction.
        g[i] = d > 0 ? 1 : d < 0 ? -1 : d;
      }
    });
    return reduceOutput({ unreduced, grad, reduction });
  },
  worked(inputs, _params, output, reduction, count) {
    return workedElementwise(output, reduction, count, (i) => {
      const [f, y] = pairAt(inputs, i);
      return `|${texNumber(f)} - ${texNumber(y, 3, true)}|`;
    });
  },
  sample: sampleRegression,
});

const mseLoss = defineLoss<Record<string, never>>({
  id: 'mse_loss',
  names: { en: 'MSE loss (L2)', 'zh-cn': '均方误差损失（L2）' },
  category: 'regression',
  input: 'raw',
  target: 'values',
  extra: [],
  params: {},
  reductions: REDUCTIONS,
  defaultReduction: 'mean',
  pytorch: 'torch.nn.functional.mse_loss',
  summary: {
    en: 'Squared error (f − y)². Its optimum is the mean; the gradient 2d shrinks near the optimum (good late in training) but squares outliers, which then dominate the loss.',
    'zh-cn': '平方误差 (f − y)²。最优值在均值处；梯度 2d 在最优点附近变小，适合训练后期精细收敛，但平方会放大异常值，使其主导损失。',
  },
  formula: {
    tex: () => '\\ell = (f - y)^2',
    derivativeTex: () => '\\frac{\\partial \\ell}{\\partial d} = 2d',
    plain: 'l = (f − y)²',
  },
  curve: {
    axis: residualAxis,
    at: (z) => ({ loss: z * z, grad: 2 * z }),
    points: residuals,
  },
  compute(inputs, _params, reduction) {
    const { unreduced, grad } = elementwise(inputs.input, target(inputs, 'mse_loss'), (x, y, l, g) => {
      for (let i = 0; i < x.length; i++) {
        const d = x[i] - y[i];
        l[i] = d * d;
        g[i] = 2 * d;
      }
    });
    return reduceOutput({ unreduced, grad, reduction });
  },
  worked(inputs, _params, output, reduction, count) {
    return workedElementwise(output, reduction, count, (i) => {
      const [f, y] = pairAt(inputs, i);
      return `(${texNumber(f)} - ${texNumber(y, 3, true)})^2`;
    });
  },
  sample: sampleRegression,
});

const losses: readonly AnyLoss[] = [l1Loss, mseLoss];
export default losses;
