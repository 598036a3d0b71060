// Regression, reconstruction and ranking losses: the identities the spec states between them (and
// ones that follow from the formulas, derived next to each test), the stability it demands, and
// every refusal with its message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../core/evaluate.js';
import type { LossInputs, LossOutput, Reduction } from '../../core/loss.js';
import { resolveParams } from '../../core/params.js';
import { getLoss } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';
import { assertTranslated } from '../translated.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

function run(id: string, inputs: LossInputs, params: Record<string, unknown>, reduction: Reduction): LossOutput {
  const loss = getLoss(id);
  const p = resolveParams(loss.params, params, { inputShape: inputs.input.shape }, id);
  return loss.compute(inputs, p, reduction);
}

function values(out: LossOutput): Float64Array {
  return typeof out.value === 'number' ? Float64Array.of(out.value) : out.value.data;
}

function close(got: ArrayLike<number>, want: ArrayLike<number>, what: string, rtol = 1e-12, atol = 1e-14): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i] - want[i]) <= atol + rtol * Math.abs(want[i]), `${what}[${i}]: got ${got[i]}, want ${want[i]}`);
  }
}

function scaled(a: ArrayLike<number>, k: number): Float64Array {
  return Float64Array.from(a, (v) => v * k);
}

function randomTensor(seed: number, shape: number[], scale = 1): Tensor {
  const rng = seededRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = scale * rng.normal();
  return { shape, data };
}

const t = (shape: number[], data: number[]): Tensor => ({ shape, data: Float64Array.from(data) });

describe('identities', () => {
  it('huber_loss = δ · smooth_l1_loss with β = δ (spec), values and gradients, every reduction', () => {
    const x = randomTensor(1, [6, 5], 2);
    const y = randomTensor(2, [6, 5]);
    for (const delta of [0.3, 1, 2.5]) {
      for (const r of REDUCTIONS) {
        const h = run('huber_loss', { input: x, target: y, extra: {} }, { delta }, r);
        const s = run('smooth_l1_loss', { input: x, target: y, extra: {} }, { beta: delta }, r);
        close(values(h), scaled(values(s), delta), `value δ=${delta} ${r}`);
        close(h.grad.data, scaled(s.grad.data, delta), `grad δ=${delta} ${r}`);
      }
    }
  });

  it('smooth_l1_loss with β = 0 is l1_loss, including gradient 0 at a residual of exactly 0 (spec)', () => {
    const x = t([5], [1.5, -2, 0.25, 3, 0]);
    const y = t([5], [0.5, -2, 1, -1, 0]);
    for (const r of REDUCTIONS) {
      const s = run('smooth_l1_loss', { input: x, target: y, extra: {} }, { beta: 0 }, r);
      const l = run('l1_loss', { input: x, target: y, extra: {} }, {}, r);
      close(values(s), values(l), `value ${r}`);
      close(s.grad.data, l.grad.data, `grad ${r}`);
    }
    const g = run('smooth_l1_loss', { input: x, target: y, extra: {} }, { beta: 0 }, 'sum').grad.data;
    assert.deepEqual([...g], [1, 0, -1, 1, 0]);
  });

  it('contrastive_loss is exactly 2 × Hadsell, Chopra & LeCun (2006) eq. 4 with Y = 1 − y (spec)', () => {
    // Hadsell et al.: L(W, Y, X1, X2) = (1 − Y)·½·D² + Y·½·max(0, m − D)², with Y = 0 for similar
    // pairs and D = ‖X1 − X2‖₂. Written out here from the paper, independently of the core.
    const N = 9;
    const D = 4;
    const x1 = randomTensor(3, [N, D]);
    const x2 = randomTensor(4, [N, D], 0.6);
    for (let i = 0; i < x2.data.length; i++) x2.data[i] += x1.data[i];
    const rng = seededRng(5);
    const y = t([N], Array.from({ length: N }, () => rng.int(2)));
    for (const margin of [0.5, 1, 2]) {
      const ours = run('contrastive_loss', { input: x1, target: y, extra: { input2: x2 } }, { margin }, 'none');
      const paper = new Float64Array(N);
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < D; k++) s += (x1.data[n * D + k] - x2.data[n * D + k]) ** 2;
        const dist = Math.sqrt(s);
        const Y = 1 - y.data[n];
        paper[n] = (1 - Y) * 0.5 * dist * dist + Y * 0.5 * Math.max(0, margin - dist) ** 2;
      }
      close(values(ours), scaled(paper, 2), `margin ${margin}`);
    }
  });

  it('triplet_margin_loss with eps = 0 and p = 2 is max(0, ‖a − p‖ − ‖a − n‖ + margin), and swap only ever lowers d_an', () => {
    const a = randomTensor(6, [7, 3]);
    const p = randomTensor(7, [7, 3]);
    const n = randomTensor(8, [7, 3]);
    const norm = (u: Tensor, v: Tensor, r: number): number => Math.hypot(u.data[3 * r] - v.data[3 * r], u.data[3 * r + 1] - v.data[3 * r + 1], u.data[3 * r + 2] - v.data[3 * r + 2]);
    const plain = run('triplet_margin_loss', { input: a, target: null, extra: { positive: p, negative: n } }, { eps: 0, margin: 0.7 }, 'none');
    const swapped = run('triplet_margin_loss', { input: a, target: null, extra: { positive: p, negative: n } }, { eps: 0, margin: 0.7, swap: true }, 'none');
    for (let r = 0; r < 7; r++) {
      const want = Math.max(0, norm(a, p, r) - norm(a, n, r) + 0.7);
      close([values(plain)[r]], [want], `row ${r}`);
      const wantSwap = Math.max(0, norm(a, p, r) - Math.min(norm(a, n, r), norm(p, n, r)) + 0.7);
      close([values(swapped)[r]], [wantSwap], `swap row ${r}`);
    }
  });

  it('l0_loss: γ = 0 is 1 with gradient 0; γ = 2 with eps = 0 is mse_loss; γ = 1 is l1_loss + eps (spec formula)', () => {
    const x = t([4], [0.5, 0.2, -1, 2]);
    const y = t([4], [0.5, 0.7, 1, 0]);
    const inputs = { input: x, target: y, extra: {} };
    const g0 = run('l0_loss', inputs, { gamma: 0 }, 'none');
    assert.deepEqual([...values(g0)], [1, 1, 1, 1]);
    assert.deepEqual([...g0.grad.data], [0, 0, 0, 0]);
    for (const r of REDUCTIONS) {
      const l0 = run('l0_loss', inputs, { gamma: 2, eps: 0 }, r);
      const mse = run('mse_loss', inputs, {}, r);
      close(values(l0), values(mse), `γ=2 ${r}`);
      close(l0.grad.data, mse.grad.data, `γ=2 grad ${r}`);
    }
    const l1 = run('l1_loss', inputs, {}, 'none');
    const g1 = run('l0_loss', inputs, { gamma: 1, eps: 0.01 }, 'none');
    close(values(g1), Float64Array.from(values(l1), (v) => v + 0.01), 'γ=1');
    // d|d|/dd at 0 is 0 (spec), also where (|d| + eps)^(γ−1) is large.
    assert.equal(run('l0_loss', inputs, { gamma: 0.5, eps: 1e-8 }, 'sum').grad.data[0], 0);
  });

  it('hdr_relative_mse: "target" is mse/(y + eps)²; "prediction" differentiates the denominator, 2(f − y)(y + eps)/(f + eps)³', () => {
    const x = t([3], [1.2, 0.1, 5]);
    const y = t([3], [1, 0, 8]);
    const eps = 0.01;
    const tgt = run('hdr_relative_mse', { input: x, target: y, extra: {} }, { denominator: 'target' }, 'none');
    const pred = run('hdr_relative_mse', { input: x, target: y, extra: {} }, { denominator: 'prediction' }, 'none');
    for (let i = 0; i < 3; i++) {
      const f = x.data[i];
      const yy = y.data[i];
      close([values(tgt)[i], tgt.grad.data[i]], [(f - yy) ** 2 / (yy + eps) ** 2, (2 * (f - yy)) / (yy + eps) ** 2], `target ${i}`);
      // d/df (f − y)²/(f + ε)² = 2(f − y)/(f + ε)² − 2(f − y)²/(f + ε)³ = 2(f − y)(y + ε)/(f + ε)³.
      close([values(pred)[i], pred.grad.data[i]], [(f - yy) ** 2 / (f + eps) ** 2, (2 * (f - yy) * (yy + eps)) / (f + eps) ** 3], `prediction ${i}`);
    }
  });

  it('poisson_nll_loss: full adds y·ln y − y + ½·ln(2πy) only where y > 1, and leaves the gradient alone', () => {
    const x = t([4], [0.3, -0.5, 1.1, 0.7]);
    const y = t([4], [0, 1, 3, 1.5]);
    const inputs = { input: x, target: y, extra: {} };
    const plain = run('poisson_nll_loss', inputs, {}, 'none');
    const full = run('poisson_nll_loss', inputs, { full: true }, 'none');
    const stirling = (v: number): number => (v > 1 ? v * Math.log(v) - v + 0.5 * Math.log(2 * Math.PI * v) : 0);
    close(values(full), Float64Array.from(values(plain), (v, i) => v + stirling(y.data[i])), 'value');
    close(full.grad.data, plain.grad.data, 'grad');
    // log_input: l = e^x − y·x.
    close(values(plain), Float64Array.from(x.data, (v, i) => Math.exp(v) - y.data[i] * v), 'e^x − y·x');
  });
});

describe('stability', () => {
  it('log_cosh at |d| = 1000 is 999.3068528194401 (spec) with gradient ±1, and d²/2 for tiny d', () => {
    const out = run('log_cosh', { input: t([4], [1000, -1000, 1e-8, 0]), target: t([4], [0, 0, 0, 0]), extra: {} }, {}, 'none');
    assert.equal(values(out)[0], 999.3068528194401);
    assert.equal(values(out)[1], 999.3068528194401);
    assert.deepEqual([...out.grad.data.slice(0, 2)], [1, -1]);
    // ln cosh d = d²/2 − d⁴/12 + …: at 1e-8 that is 5e-17 to 17 digits; tanh(1e-8) = 1e-8 likewise.
    close([values(out)[2], out.grad.data[2]], [5e-17, 1e-8], 'tiny', 1e-15, 0);
    assert.equal(values(out)[3], 0);
    assert.equal(out.grad.data[3], 0);
  });

  it('a Poisson rate of 0 with eps = 0 gives +∞, flagged as non-finite rather than hidden', () => {
    const r = evaluate({ loss: 'poisson_nll_loss', input: [0], target: [2], params: { log_input: false, eps: 0 }, reduction: 'sum' });
    assert.ok(r.ok);
    assert.equal(r.value.output.value, Infinity);
    assert.equal(r.value.nonFinite.value, true);
  });
});

describe('refusals', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['smooth_l1_loss β < 0', { loss: 'smooth_l1_loss', input: [1], target: [0], params: { beta: -1 } }, 'invalid_param', 'Parameter "beta" must be a number ≥ 0; got -1.'],
    ['huber_loss δ = 0', { loss: 'huber_loss', input: [1], target: [0], params: { delta: 0 } }, 'invalid_param', 'Parameter "delta" must be a number > 0; got 0.'],
    ['mse_loss shapes that do not broadcast', { loss: 'mse_loss', input: [[1, 2, 3]], target: [[1, 2]] }, 'shape_mismatch', "target has shape [1, 2], which does not broadcast with input's shape [1, 3]: give it the input's shape."],
    ['log_cosh has no parameters', { loss: 'log_cosh', input: [1], target: [0], params: { delta: 1 } }, 'unknown_param', 'log_cosh has no parameter "delta". Its parameters are: none.'],
    ['poisson negative count', { loss: 'poisson_nll_loss', input: [0.1, 0.2], target: [1, -2] }, 'invalid_label', 'target[1] is -2, but poisson_nll_loss targets are counts ≥ 0.'],
    ['poisson negative rate', { loss: 'poisson_nll_loss', input: [[0.1, -0.2]], target: [[1, 2]], params: { log_input: false } }, 'invalid_number', 'input[0, 1] is -0.2, but with log_input = false the input is a rate λ ≥ 0 (set log_input = true if it holds log-rates ln λ).'],
    ['l0 γ < 0', { loss: 'l0_loss', input: [0.1], target: [0.2], params: { gamma: -1 } }, 'invalid_param', 'Parameter "gamma" must be a number ≥ 0; got -1.'],
    ['l0 eps < 0', { loss: 'l0_loss', input: [0.1], target: [0.2], params: { eps: -1e-8 } }, 'invalid_param', 'Parameter "eps" must be a number ≥ 0; got -1e-8.'],
    ['hdr denominator', { loss: 'hdr_relative_mse', input: [0.1], target: [0.2], params: { denominator: 'input' } }, 'invalid_param', 'Parameter "denominator" must be one of "target", "prediction"; got "input".'],
    ['hinge embedding label 0', { loss: 'hinge_embedding_loss', input: [0.5, 1.5], target: [1, 0] }, 'invalid_label', 'target[1] is 0, but labels must be 1 or −1.'],
    ['margin ranking label 0', { loss: 'margin_ranking_loss', input: [0.5, 1.5], target: [1, 0], extra: { input2: [0.1, 0.2] } }, 'invalid_label', 'target[1] is 0, but labels must be 1 or −1.'],
    ['margin ranking input2 shape', { loss: 'margin_ranking_loss', input: [0.5, 1.5], target: [1, -1], extra: { input2: [0.1, 0.2, 0.3] } }, 'shape_mismatch', 'extra.input2 has shape [3], but it must have the shape of input, [2].'],
    ['margin ranking target shape', { loss: 'margin_ranking_loss', input: [0.5, 1.5], target: [[1, -1]], extra: { input2: [0.1, 0.2] } }, 'shape_mismatch', 'target has shape [1, 2], but it must have the shape of input, [2].'],
    ['margin ranking without input2', { loss: 'margin_ranking_loss', input: [0.5, 1.5], target: [1, -1] }, 'missing_tensor', 'margin_ranking_loss needs extra.input2, with the shape of input [2].'],
    ['cosine label 0', { loss: 'cosine_embedding_loss', input: [[1, 0], [0, 1]], target: [1, 0], extra: { input2: [[0, 1], [1, 1]] } }, 'invalid_label', 'target[1] is 0, but cosine_embedding_loss labels must be 1 (similar) or −1 (dissimilar).'],
    ['cosine un-batched label 2', { loss: 'cosine_embedding_loss', input: [1, 0], target: 2, extra: { input2: [0, 1] } }, 'invalid_label', 'target is 2, but cosine_embedding_loss labels must be 1 (similar) or −1 (dissimilar).'],
    ['cosine input2 shape', { loss: 'cosine_embedding_loss', input: [[1, 0]], target: [1], extra: { input2: [[0, 1, 2]] } }, 'shape_mismatch', 'extra.input2 has shape [1, 3], but it must have the shape of input, [1, 2].'],
    ['cosine target shape', { loss: 'cosine_embedding_loss', input: [[1, 0]], target: [1, -1], extra: { input2: [[0, 1]] } }, 'shape_mismatch', 'target has shape [2], but with input of shape [1, 2] (one label per pair) it must be [1].'],
    ['cosine rank 3', { loss: 'cosine_embedding_loss', input: [[[1, 0]]], target: [[1]], extra: { input2: [[[0, 1]]] } }, 'invalid_rank', 'input has shape [1, 1, 2] (3 dimensions), but cosine_embedding_loss takes input [N, D] (N pairs of D-dimensional embeddings) or one pair [D].'],
    ['contrastive label −1', { loss: 'contrastive_loss', input: [[1, 0]], target: [-1], extra: { input2: [[0, 1]] } }, 'invalid_label', 'target[0] is -1, but contrastive_loss labels must be 1 (similar pair) or 0 (dissimilar pair); for ±1 labels use (y + 1) / 2.'],
    ['contrastive margin < 0', { loss: 'contrastive_loss', input: [[1, 0]], target: [1], extra: { input2: [[0, 1]] }, params: { margin: -1 } }, 'invalid_param', 'Parameter "margin" must be a number ≥ 0; got -1.'],
    ['triplet positive shape', { loss: 'triplet_margin_loss', input: [[1, 0]], target: null, extra: { positive: [[0, 1, 0]], negative: [[0, 0]] } }, 'shape_mismatch', 'extra.positive has shape [1, 3], but it must have the shape of input (the anchor), [1, 2].'],
    ['triplet negative shape', { loss: 'triplet_margin_loss', input: [[1, 0]], target: null, extra: { positive: [[0, 1]], negative: [[0, 0], [1, 1]] } }, 'shape_mismatch', 'extra.negative has shape [2, 2], but it must have the shape of input (the anchor), [1, 2].'],
    ['triplet rank 3', { loss: 'triplet_margin_loss', input: [[[1, 0]]], target: null, extra: { positive: [[[0, 1]]], negative: [[[0, 0]]] } }, 'invalid_rank', 'input has shape [1, 1, 2] (3 dimensions), but triplet_margin_loss takes the anchors as input [N, D] (N embeddings of size D) or one anchor [D].'],
    ['triplet p < 1', { loss: 'triplet_margin_loss', input: [[1, 0]], target: null, extra: { positive: [[0, 1]], negative: [[0, 0]] }, params: { p: 0.5 } }, 'invalid_param', 'Parameter "p" must be a number ≥ 1; got 0.5.'],
    ['triplet with a target', { loss: 'triplet_margin_loss', input: [[1, 0]], target: [1], extra: { positive: [[0, 1]], negative: [[0, 0]] } }, 'unexpected_tensor', 'triplet_margin_loss takes no target (its tensors are input, extra.positive, extra.negative); set "target" to null.'],
  ];
  for (const [name, request, code, message] of cases) {
    it(name, () => {
      const r = evaluate(request);
      assert.equal(r.ok, false, 'expected a refusal');
      if (!r.ok) {
        assert.equal(r.error.code, code);
        assert.equal(r.error.message.en, message);
        assertTranslated(r.error.message, name);
      }
    });
  }

  it('compute called directly without its tensors names what is missing', () => {
    const x = t([1, 2], [1, 0]);
    const tripletLoss = getLoss('triplet_margin_loss');
    const p = resolveParams(tripletLoss.params, {}, null, 'triplet_margin_loss');
    assert.throws(() => tripletLoss.compute({ input: x, target: null, extra: { positive: x } }, p, 'mean'), {
      message: "triplet_margin_loss needs extra.negative: the negatives, with the anchor's (input's) shape.",
    });
    const l1 = getLoss('l1_loss');
    assert.throws(() => l1.compute({ input: x, target: null, extra: {} }, {}, 'mean'), { message: 'l1_loss needs target: the values to regress to, broadcastable to the input.' });
    const cos = getLoss('cosine_embedding_loss');
    assert.throws(() => cos.compute({ input: x, target: t([1], [1]), extra: {} }, { margin: 0 }, 'mean'), {
      message: "cosine_embedding_loss needs extra.input2: the second embedding of each pair, with the input's shape.",
    });
  });
});
