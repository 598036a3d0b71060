// The softmax family (cross_entropy, nll_loss, categorical_cross_entropy, kl_div, softmax_focal_loss,
// multi_margin_loss): the identities the spec lists between them, which tie the losses PyTorch lacks
// to the ones golden-tested against PyTorch, and every refusal with its message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../core/evaluate.js';
import type { LossInputs, LossOutput, Reduction } from '../../core/loss.js';
import { resolveParams } from '../../core/params.js';
import { getLoss } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';
import { LossLensError } from '../../core/errors.js';
import { assertTranslated } from '../translated.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'mean', 'sum'];

function run(id: string, input: Tensor, target: Tensor, params: Record<string, unknown>, reduction: Reduction): LossOutput {
  const loss = getLoss(id);
  const classes = loss.classes?.(input);
  const p = resolveParams(loss.params, params, { inputShape: input.shape, ...(classes !== undefined ? { classes } : {}) }, id);
  return loss.compute({ input, target, extra: {} }, p, reduction);
}

function valueArray(out: LossOutput): Float64Array {
  return typeof out.value === 'number' ? Float64Array.of(out.value) : out.value.data;
}

function close(got: ArrayLike<number>, want: ArrayLike<number>, what: string, rtol = 1e-12): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    if (Number.isNaN(w)) {
      assert.ok(Number.isNaN(g), `${what}[${i}]: got ${g}, want NaN`);
      continue;
    }
    assert.ok(Math.abs(g - w) <= 1e-13 + rtol * Math.abs(w), `${what}[${i}]: got ${g}, want ${w}`);
  }
}

/** Random logits [N, C, d..] and class targets with some elements set to ignore_index. */
function classProblem(seed: number, shape: number[], ignore = -100, ignoredEvery = 0): { x: Tensor; y: Tensor } {
  const rng = seededRng(seed);
  const C = shape[1];
  const x = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < x.length; i++) x[i] = 2 * rng.normal();
  const rowShape = [shape[0], ...shape.slice(2)];
  const y = new Float64Array(rowShape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < y.length; i++) y[i] = ignoredEvery > 0 && i % ignoredEvery === 1 ? ignore : rng.int(C);
  return { x: { shape, data: x }, y: { shape: rowShape, data: y } };
}

function softmaxOf(x: Tensor): Tensor {
  const out = getLoss('cross_entropy').compute({ input: x, target: { shape: [x.shape[0], ...x.shape.slice(2)], data: new Float64Array(x.data.length / x.shape[1]) }, extra: {} }, { weight: null, ignore_index: -100, label_smoothing: 0 }, 'none');
  return out.intermediates.find((m) => m.key === 'probabilities')!.tensor;
}

function mapT(t: Tensor, f: (v: number) => number): Tensor {
  return { shape: t.shape, data: t.data.map(f) };
}

describe('softmax family identities (spec, "Identities that must hold in the core")', () => {
  it('categorical_cross_entropy(p, t) = cross_entropy(ln p, t), for index and probability targets', () => {
    const { x, y } = classProblem(1, [7, 5]);
    const p = softmaxOf(x);
    const soft = softmaxOf(classProblem(2, [7, 5]).x);
    for (const target of [y, soft]) {
      for (const r of REDUCTIONS) {
        close(valueArray(run('categorical_cross_entropy', p, target, {}, r)), valueArray(run('cross_entropy', mapT(p, Math.log), target, {}, r)), `${r}`);
      }
    }
  });

  it('softmax_focal_loss with gamma 0 and alpha null = cross_entropy (values and gradients, with ignored pixels)', () => {
    const { x, y } = classProblem(3, [3, 4, 2, 3], -100, 4);
    for (const r of REDUCTIONS) {
      const f = run('softmax_focal_loss', x, y, { gamma: 0 }, r);
      const c = run('cross_entropy', x, y, {}, r);
      close(valueArray(f), valueArray(c), `value ${r}`);
      close(f.grad.data, c.grad.data, `grad ${r}`);
    }
  });

  it('softmax_focal_loss with gamma 0 and scalar alpha a = a · cross_entropy', () => {
    const { x, y } = classProblem(4, [9, 3], -100, 3);
    for (const r of REDUCTIONS) {
      const f = run('softmax_focal_loss', x, y, { gamma: 0, alpha: 0.25 }, r);
      const c = run('cross_entropy', x, y, {}, r);
      close(valueArray(f), valueArray(c).map((v) => 0.25 * v), `value ${r}`);
      close(f.grad.data, c.grad.data.map((v) => 0.25 * v), `grad ${r}`);
    }
  });

  it('softmax_focal_loss mean divides by the non-ignored count, cross_entropy with weight by Σ w[y]', () => {
    // With gamma 0 both sums are Σ α[y_i]·(−ln p_t,i), so mean_focal · count = mean_ce · Σ α[y_i].
    const { x, y } = classProblem(5, [8, 3], -100, 3);
    const alpha = [0.2, 1.5, 3];
    let count = 0;
    let sumAlpha = 0;
    for (const v of y.data) if (v !== -100) {
      count++;
      sumAlpha += alpha[v];
    }
    const f = run('softmax_focal_loss', x, y, { gamma: 0, alpha }, 'mean').value as number;
    const c = run('cross_entropy', x, y, { weight: alpha }, 'mean').value as number;
    close([f * count], [c * sumAlpha], 'mean × denominator');
    close([run('softmax_focal_loss', x, y, { gamma: 0, alpha }, 'sum').value as number], [run('cross_entropy', x, y, { weight: alpha }, 'sum').value as number], 'sum');
  });

  it('softmax_focal_loss: (1 − p_t)^γ scales cross entropy element by element', () => {
    const { x, y } = classProblem(6, [10, 4]);
    const f = run('softmax_focal_loss', x, y, { gamma: 2 }, 'none');
    const c = run('cross_entropy', x, y, {}, 'none');
    const pt = f.intermediates.find((m) => m.key === 'p_t')!.tensor.data;
    const factor = f.intermediates.find((m) => m.key === 'focal_factor')!.tensor.data;
    close(factor, Array.from(pt, (p) => (1 - p) ** 2), 'factor', 1e-9);
    close(f.unreduced.data, Array.from(c.unreduced.data, (l, i) => factor[i] * l), 'loss');
  });

  it('softmax_focal_loss where p_t rounds to 1 (logits ±50) keeps the true small loss and gradient for every γ', () => {
    // Logits [50, −50, 0], y = 0: with o = e^−50 + e^−100 (≈ 1.9e−22), 1 − p_t = o/(1+o) and
    // −ln p_t = ln(1+o), so to first order in o: l = o^(γ+1), G = (1+γ)·o^γ and dl/dx_2 = G·p_2 =
    // (1+γ)·o^γ·e^−50, dl/dx_0 = −G·(1−p_t) = −(1+γ)·o^(γ+1); the neglected terms are O(o) relative.
    // (Evaluating 1 − p_t as 1 − e^(ln p_t) would give 0 here and lose the γ < 1 gradient entirely.)
    const x: Tensor = { shape: [1, 3], data: Float64Array.of(50, -50, 0) };
    const y: Tensor = { shape: [1], data: Float64Array.of(0) };
    const o = Math.exp(-50) + Math.exp(-100);
    for (const gamma of [0, 0.25, 0.5, 1, 2, 5]) {
      const out = run('softmax_focal_loss', x, y, { gamma }, 'sum');
      close([out.value as number], [o ** (gamma + 1)], `loss γ = ${gamma}`, 1e-12);
      close([out.grad.data[0], out.grad.data[2]], [-(1 + gamma) * o ** (gamma + 1), (1 + gamma) * o ** gamma * Math.exp(-50)], `grad γ = ${gamma}`, 1e-12);
    }
  });

  it('softmax_focal_loss at p_t = 1 exactly (the other classes underflow): 0^γ = 0 and 0^0 = 1, both with gradient 0', () => {
    // e^(0 − 800) underflows to 0, so 1 − p_t = 0 and ln p_t = 0: l = 0 for every γ; with γ = 0 the
    // factor is 1 and the gradient is that of cross entropy, p − onehot = 0.
    const x: Tensor = { shape: [1, 3], data: Float64Array.of(800, 0, 0) };
    const y: Tensor = { shape: [1], data: Float64Array.of(0) };
    for (const gamma of [0, 0.5, 2]) {
      const out = run('softmax_focal_loss', x, y, { gamma }, 'mean');
      assert.equal(out.value, 0, `γ = ${gamma}`);
      assert.deepEqual(Array.from(out.grad.data, Math.abs), [0, 0, 0], `γ = ${gamma}`);
      assert.equal(out.intermediates.find((m) => m.key === 'focal_factor')!.tensor.data[0], gamma === 0 ? 1 : 0);
    }
  });

  it('cross_entropy(x, y) = nll_loss(log_softmax(x), y), with weight and ignore_index equal to a real class', () => {
    const { x, y } = classProblem(7, [4, 5, 3], 2, 0);
    const lp = mapT(softmaxOf(x), Math.log);
    const params = { weight: [0.5, 1, 2, 0.25, 3], ignore_index: 2 };
    for (const r of REDUCTIONS) {
      close(valueArray(run('cross_entropy', x, y, params, r)), valueArray(run('nll_loss', lp, y, params, r)), r, 1e-12);
    }
  });

  it('cross_entropy with label_smoothing 1 no longer depends on the target: l = (1/C)·Σ_c w[c]·(−lp_c)', () => {
    const { x, y } = classProblem(8, [5, 4]);
    const other: Tensor = { shape: y.shape, data: y.data.map((v) => (v + 1) % 4) };
    const w = [1, 2, 3, 4];
    close(run('cross_entropy', x, y, { label_smoothing: 1, weight: w }, 'none').unreduced.data, run('cross_entropy', x, other, { label_smoothing: 1, weight: w }, 'none').unreduced.data, 'none');
  });

  it('kl_div: log_target with t = ln q equals the probability form; batchmean = sum / N, mean = sum / numel', () => {
    const q = softmaxOf(classProblem(9, [6, 4]).x);
    const x = mapT(softmaxOf(classProblem(10, [6, 4]).x), Math.log);
    const a = run('kl_div', x, q, {}, 'sum').value as number;
    const b = run('kl_div', x, mapT(q, Math.log), { log_target: true }, 'sum').value as number;
    close([a], [b], 'log_target');
    close([run('kl_div', x, q, {}, 'batchmean').value as number], [a / 6], 'batchmean');
    close([run('kl_div', x, q, {}, 'mean').value as number], [a / 24], 'mean');
    // KL(q‖p) = H(q, p) − H(q): cross entropy with probability targets minus the target's entropy.
    const logits = classProblem(10, [6, 4]).x;
    const ce = run('cross_entropy', logits, q, {}, 'sum').value as number;
    let entropy = 0;
    for (const v of q.data) entropy -= v * Math.log(v);
    close([a], [ce - entropy], 'KL = CE − H', 1e-10);
  });

  it('kl_div under mean/sum/batchmean builds its per-element losses on demand: the very numbers of reduction none', () => {
    const q = softmaxOf(classProblem(12, [5, 3]).x);
    const x = mapT(softmaxOf(classProblem(13, [5, 3]).x), Math.log);
    for (const logTarget of [false, true]) {
      const t = logTarget ? mapT(q, Math.log) : q;
      const none = run('kl_div', x, t, { log_target: logTarget }, 'none');
      for (const r of ['mean', 'sum', 'batchmean'] as const) {
        const out = run('kl_div', x, t, { log_target: logTarget }, r);
        assert.deepEqual(Array.from(out.unreduced.data), Array.from(none.unreduced.data), r);
        let s = 0;
        for (const v of out.unreduced.data) s += v;
        assert.equal(out.value, r === 'sum' ? s : s / (r === 'mean' ? 15 : 5), r);
      }
    }
  });

  it('kl_div: an element with t = 0 contributes exactly 0 with gradient 0, even where x = −∞ (the spec; PyTorch gives 0·(−∞) = NaN)', () => {
    const x: Tensor = { shape: [1, 3], data: Float64Array.of(-Infinity, Math.log(0.25), Math.log(0.75)) };
    const t: Tensor = { shape: [1, 3], data: Float64Array.of(0, 0.5, 0.5) };
    const out = run('kl_div', x, t, {}, 'none');
    // 0.5·(ln 0.5 − ln 0.25) + 0.5·(ln 0.5 − ln 0.75) = 0.5·ln 2 + 0.5·ln(2/3)
    close(out.unreduced.data, [0, 0.5 * Math.log(2), 0.5 * Math.log(2 / 3)], 'loss', 1e-15);
    assert.deepEqual(Array.from(out.grad.data, (g) => g + 0), [0, -0.5, -0.5]);
  });

  it('multi_margin_loss: mean = sum / N, weights are not in the denominator', () => {
    const { x, y } = classProblem(11, [7, 4]);
    const w = [0.5, 2, 1, 3];
    for (const p of [1, 2]) {
      const s = run('multi_margin_loss', x, y, { p, weight: w }, 'sum').value as number;
      close([run('multi_margin_loss', x, y, { p, weight: w }, 'mean').value as number], [s / 7], `p = ${p}`);
    }
  });

  it("works the cross-entropy article's example as the article writes it", () => {
    const P = [[0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.1, 0.2, 0.7]];
    const T = [[0, 0, 1], [0, 1, 0], [1, 0, 0]];
    for (const [id, input] of [['categorical_cross_entropy', P], ['cross_entropy', P.map((r) => r.map(Math.log))]] as const) {
      const r = evaluate({ loss: id, input, target: T, reduction: 'mean' });
      assert.ok(r.ok);
      const ev = r.value;
      const w = ev.loss.worked(ev.inputs as LossInputs, ev.params, ev.output, 'mean', 3);
      assert.deepEqual(w.steps.map((s) => s.tex), [
        '-(0\\cdot\\ln 0.1 + 0\\cdot\\ln 0.2 + 1\\cdot\\ln 0.7)',
        '-(0\\cdot\\ln 0.3 + 1\\cdot\\ln 0.4 + 0\\cdot\\ln 0.3)',
        '-(1\\cdot\\ln 0.1 + 0\\cdot\\ln 0.2 + 0\\cdot\\ln 0.7)',
      ]);
      // The spec's value (the article rounds it to 1.19).
      close([w.reduction!.value], [1.1918502562689777], id, 1e-15);
      close(w.steps.map((s) => s.value), [-Math.log(0.7), -Math.log(0.4), -Math.log(0.1)], `${id} steps`, 1e-14);
      // −ln 0.7 = 0.35667, −ln 0.4 = 0.91629, −ln 0.1 = 2.30259, at 4 significant digits.
      assert.equal(w.reduction!.tex, '\\frac{0.3567 + 0.9163 + 2.303}{3}');
    }
  });
});

describe('softmax family refusals', () => {
  const X = [[1, 2, 3], [0, 1, -1]];
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['class out of range', { loss: 'cross_entropy', input: X, target: [0, 3] }, 'class_out_of_range', 'target[1] is class 3, but C = 3: class indices must be in 0..2 (or ignore_index = -100).'],
    ['negative class', { loss: 'nll_loss', input: X, target: [-1, 0] }, 'class_out_of_range', 'target[0] is class -1, but C = 3: class indices must be in 0..2 (or ignore_index = -100).'],
    ['class out of range in a spatial target', { loss: 'softmax_focal_loss', input: [[[1, 2], [3, 4]]], target: [[1, 7]] }, 'class_out_of_range', 'target[0, 1] is class 7, but C = 2: class indices must be in 0..1 (or ignore_index = -100).'],
    ['non-integer class', { loss: 'cross_entropy', input: X, target: [0, 1.5] }, 'invalid_label', 'target[1] is 1.5, but class indices must be integers in 0..2.'],
    ['index target of the wrong shape', { loss: 'cross_entropy', input: X, target: [0, 1, 2] }, 'shape_mismatch', "target has shape [3], but class indices for input [2, 3] must have the input's shape without the class dimension (C = 3), [2], or the input's own shape [2, 3] for class probabilities."],
    ['spatial target of the wrong shape', { loss: 'nll_loss', input: [[[1, 2], [3, 4]]], target: [[0], [1]] }, 'shape_mismatch', "target has shape [2, 1], but class indices for input [1, 2, 2] must have the input's shape without the class dimension (C = 2), [1, 2]."],
    ['un-batched input with a [1] target', { loss: 'nll_loss', input: [-1, -2, -0.5], target: [1] }, 'shape_mismatch', 'target has shape [1], but for an un-batched input [3] the class index is a single number (shape []).'],
    ['scalar input', { loss: 'cross_entropy', input: 1, target: 0 }, 'invalid_rank', 'input has shape [] (0 dimensions), but logits for cross_entropy must be [N, C, d1..dk] (or [C] for one un-batched sample).'],
    ['empty class dimension', { loss: 'softmax_focal_loss', input: [[], []], target: [0, 0] }, 'shape_mismatch', 'input has shape [2, 0]: the class dimension (dim 1) must not be empty.'],
    ['weight of the wrong length', { loss: 'cross_entropy', input: X, target: [0, 1], params: { weight: [1, 2] } }, 'invalid_param', 'Parameter "weight" has 2 values, but C (the number of classes) is 3: give one value per class.'],
    ['label_smoothing above 1', { loss: 'cross_entropy', input: X, target: [0, 1], params: { label_smoothing: 1.5 } }, 'invalid_param', 'Parameter "label_smoothing" must be a number ≥ 0 and ≤ 1; got 1.5.'],
    ['non-integer ignore_index', { loss: 'nll_loss', input: X, target: [0, 1], params: { ignore_index: 0.5 } }, 'invalid_param', 'Parameter "ignore_index" must be an integer; got 0.5.'],
    ['logits given to categorical_cross_entropy', { loss: 'categorical_cross_entropy', input: X, target: [0, 1] }, 'invalid_probability', 'input[0, 1] is 2, but categorical_cross_entropy takes probabilities in [0, 1] (already soft-maxed). For logits use cross_entropy.'],
    ['negative target probability', { loss: 'categorical_cross_entropy', input: [[0.5, 0.5]], target: [[1.5, -0.5]] }, 'invalid_probability', "target[0, 0] is 1.5, but a target with the input's shape holds probabilities (or one-hot rows) in [0, 1]."],
    ['kl_div shapes differ', { loss: 'kl_div', input: [[-1, -0.5]], target: [[0.5, 0.25, 0.25]] }, 'shape_mismatch', 'target has shape [1, 3], but it must have the shape of input, [1, 2].'],
    ['kl_div negative target', { loss: 'kl_div', input: [[-1, -0.5]], target: [[1.2, -0.2]] }, 'invalid_probability', 'target[0, 1] is -0.2, but kl_div targets are probabilities ≥ 0 (set log_target = true if the target holds log-probabilities).'],
    ['focal alpha of the wrong length', { loss: 'softmax_focal_loss', input: X, target: [0, 1], params: { alpha: [0.25, 0.75] } }, 'invalid_param', 'Parameter "alpha" has 2 values, but C (the number of classes) is 3: give one value per class.'],
    ['focal negative alpha', { loss: 'softmax_focal_loss', input: X, target: [0, 1], params: { alpha: -1 } }, 'invalid_param', 'Parameter "alpha" must be null, a number ≥ 0, or a list of C numbers ≥ 0; got -1.'],
    ['focal negative per-class alpha', { loss: 'softmax_focal_loss', input: X, target: [0, 1], params: { alpha: [0.5, -0.5, 1] } }, 'invalid_param', 'Parameter "alpha"[1] is -0.5, but per-class α values must be numbers ≥ 0.'],
    ['focal negative gamma', { loss: 'softmax_focal_loss', input: X, target: [0, 1], params: { gamma: -0.5 } }, 'invalid_param', 'Parameter "gamma" must be a number ≥ 0; got -0.5.'],
    ['multi_margin p = 3', { loss: 'multi_margin_loss', input: X, target: [0, 1], params: { p: 3 } }, 'invalid_param', 'Parameter "p" must be one of 1, 2; got 3.'],
    ['multi_margin 3-d input', { loss: 'multi_margin_loss', input: [[[1, 2]]], target: [[0]] }, 'invalid_rank', 'input has shape [1, 1, 2] (3 dimensions), but multi_margin_loss takes scores [N, C] (or [C] for one un-batched sample).'],
    ['multi_margin target shape', { loss: 'multi_margin_loss', input: X, target: [0, 1, 2] }, 'shape_mismatch', 'target has shape [3], but class indices for input [2, 3] must have shape [2] (one class per row).'],
    ['multi_margin un-batched target shape', { loss: 'multi_margin_loss', input: [1, 2, 3], target: [0, 1] }, 'shape_mismatch', 'target has shape [2], but for an un-batched input [3] the class index is a single number (shape [] or [1]).'],
    ['multi_margin class out of range', { loss: 'multi_margin_loss', input: X, target: [0, 3] }, 'class_out_of_range', 'target[1] is class 3, but C = 3: class indices must be in 0..2.'],
    ['multi_margin weight of the wrong length', { loss: 'multi_margin_loss', input: X, target: [0, 1], params: { weight: [1, 2, 3, 4] } }, 'invalid_param', 'Parameter "weight" has 4 values, but C (the number of classes) is 3: give one value per class.'],
  ];
  for (const [name, request, code, message] of cases) {
    it(name, () => {
      const r = evaluate(request);
      assert.equal(r.ok, false, 'expected a refusal');
      if (r.ok) return;
      assert.equal(r.error.code, code, r.error.message.en);
      assert.equal(r.error.message.en, message);
      assertTranslated(r.error.message, name);
    });
  }

  it('checks per-class vectors against C also when compute is called directly (no parameter context)', () => {
    const input: Tensor = { shape: [2, 3], data: Float64Array.of(1, 2, 3, 0, 1, -1) };
    const target: Tensor = { shape: [2], data: Float64Array.of(0, 1) };
    const focal = getLoss('softmax_focal_loss');
    const alpha = resolveParams(focal.params, { alpha: [1, 2] }, null, focal.id);
    assert.throws(() => focal.compute({ input, target, extra: {} }, alpha, 'mean'), (e: unknown) => e instanceof LossLensError && e.info.code === 'invalid_param' && e.info.message.en === 'Parameter "alpha" has 2 values, but C (the number of classes) is 3: give one value per class.');
    const ce = getLoss('cross_entropy');
    const weight = resolveParams(ce.params, { weight: [1, 2, 3, 4] }, null, ce.id);
    assert.throws(() => ce.compute({ input, target, extra: {} }, weight, 'mean'), (e: unknown) => e instanceof LossLensError && e.info.param === 'weight');
  });
});
