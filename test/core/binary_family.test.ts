// The binary family (binary_cross_entropy, binary_cross_entropy_with_logits, balanced_bce,
// sigmoid_focal_loss, soft_margin_loss, exponential_loss, binary_hinge): the identities the spec
// states between them and ones that follow from the formulas (derived next to each test), the
// stability the spec demands at saturated logits, and every refusal with its message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../core/evaluate.js';
import type { LossInputs, LossOutput, Reduction } from '../../core/loss.js';
import { log1pUnit } from '../../core/losses/binary_cross_entropy.js';
import { resolveParams } from '../../core/params.js';
import { getLoss } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';
import type { ErrorInfo } from '../../core/errors.js';
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

function close(got: ArrayLike<number>, want: ArrayLike<number>, what: string, rtol = 1e-12, atol = 1e-15): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i] - want[i]) <= atol + rtol * Math.abs(want[i]), `${what}[${i}]: got ${got[i]}, want ${want[i]}`);
  }
}

const scaled = (a: ArrayLike<number>, k: number): Float64Array => Float64Array.from(a, (v) => v * k);
const t = (shape: number[], data: number[]): Tensor => ({ shape, data: Float64Array.from(data) });
const pair = (input: Tensor, target: Tensor): LossInputs => ({ input, target, extra: {} });

function logits(seed: number, shape: number[], scale = 2): Tensor {
  const rng = seededRng(seed);
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = scale * rng.normal();
  return { shape, data };
}

function labels(seed: number, shape: number[], signed: boolean, pPositive = 0.3): Tensor {
  const rng = seededRng(seed);
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng.next() < pPositive ? 1 : signed ? -1 : 0;
  return { shape, data };
}

describe('identities (spec)', () => {
  const x = logits(1, [6, 5]);
  const y = labels(2, [6, 5], false);

  it('balanced_bce = sigmoid_focal_loss with γ = 0 for binary y, values and gradients, every reduction', () => {
    for (const alpha of [0, 0.1, 0.25, 0.5, 0.9, 1]) {
      for (const r of REDUCTIONS) {
        const b = run('balanced_bce', pair(x, y), { alpha }, r);
        const f = run('sigmoid_focal_loss', pair(x, y), { alpha, gamma: 0 }, r);
        close(values(b), values(f), `value α=${alpha} ${r}`);
        close(b.grad.data, f.grad.data, `grad α=${alpha} ${r}`);
      }
    }
  });

  it('balanced_bce = (1 − α) · BCE with logits (pos_weight = α/(1 − α)) for binary y, every reduction', () => {
    for (const alpha of [0.1, 0.25, 0.5, 0.8]) {
      for (const r of REDUCTIONS) {
        const b = run('balanced_bce', pair(x, y), { alpha }, r);
        const w = run('binary_cross_entropy_with_logits', pair(x, y), { pos_weight: alpha / (1 - alpha) }, r);
        close(values(b), scaled(values(w), 1 - alpha), `value α=${alpha} ${r}`);
        close(b.grad.data, scaled(w.grad.data, 1 - alpha), `grad α=${alpha} ${r}`);
      }
    }
  });

  it('balanced_bce "auto" is α = (number of targets equal to 0) / numel, a constant (HED)', () => {
    let zeros = 0;
    for (const v of y.data) if (v === 0) zeros++;
    const alpha = zeros / y.data.length;
    assert.ok(alpha > 0.5 && alpha < 1, `the test labels are imbalanced (α = ${alpha})`);
    for (const r of REDUCTIONS) {
      const auto = run('balanced_bce', pair(x, y), { alpha: 'auto' }, r);
      const given = run('balanced_bce', pair(x, y), { alpha }, r);
      close(values(auto), values(given), `value ${r}`, 0, 0);
      // A constant: the gradient is that of the fixed-α loss, with no term through α.
      close(auto.grad.data, given.grad.data, `grad ${r}`, 0, 0);
      const shown = auto.intermediates.find((m) => m.key === 'alpha');
      assert.ok(shown, 'α is reported');
      assert.deepEqual(shown.tensor.shape, []);
      assert.equal(shown.tensor.data[0], alpha);
    }
  });

  it('binary_hinge = margin_ranking_loss(f, 0, y, margin), values and gradients, also at the kink', () => {
    const f = logits(3, [4, 6], 1.5);
    const s = labels(4, [4, 6], true, 0.5);
    // Some elements exactly at y·f = margin, where both pass clamp_min's gradient (−y).
    for (const i of [0, 5, 11]) f.data[i] = s.data[i] * 1;
    const zero: Tensor = { shape: f.shape, data: new Float64Array(f.data.length) };
    for (const margin of [0, 0.5, 1, 2]) {
      for (const r of REDUCTIONS) {
        const h = run('binary_hinge', pair(f, s), { margin }, r);
        const m = run('margin_ranking_loss', { input: f, target: s, extra: { input2: zero } }, { margin }, r);
        close(values(h), values(m), `value margin=${margin} ${r}`, 0, 0);
        close(h.grad.data, m.grad.data, `grad margin=${margin} ${r}`, 0, 0);
      }
    }
    const atKink = run('binary_hinge', pair(f, s), { margin: 1 }, 'none');
    for (const i of [0, 5, 11]) {
      assert.equal(atKink.unreduced.data[i], 0);
      assert.equal(atKink.grad.data[i], -s.data[i]);
    }
  });
});

describe('identities (derived)', () => {
  it('soft_margin_loss(f, y) = BCE with logits(f, (y + 1)/2): ln(1 + e^(−y·f)) is softplus(−f) for y = 1 and softplus(f) for y = −1', () => {
    const f = logits(5, [5, 4], 3);
    const s = labels(6, [5, 4], true, 0.5);
    const t01: Tensor = { shape: s.shape, data: Float64Array.from(s.data, (v) => (v + 1) / 2) };
    for (const r of REDUCTIONS) {
      const a = run('soft_margin_loss', pair(f, s), {}, r);
      const b = run('binary_cross_entropy_with_logits', pair(f, t01), {}, r);
      close(values(a), values(b), `value ${r}`);
      close(a.grad.data, b.grad.data, `grad ${r}`);
    }
  });

  it('exponential_loss is e^(−y·f) with gradient −y·e^(−y·f), element by element', () => {
    const f = logits(7, [9], 2);
    const s = labels(8, [9], true, 0.5);
    const out = run('exponential_loss', pair(f, s), {}, 'none');
    close(out.unreduced.data, Float64Array.from(f.data, (v, i) => Math.exp(-s.data[i] * v)), 'value');
    close(out.grad.data, Float64Array.from(f.data, (v, i) => -s.data[i] * Math.exp(-s.data[i] * v)), 'grad');
  });

  it('BCE on probabilities σ(x) equals BCE with logits x (both −[y ln σ + (1 − y) ln(1 − σ)]), away from the clamps', () => {
    const x = logits(9, [4, 4], 1.5);
    const y = labels(10, [4, 4], false);
    const p: Tensor = { shape: x.shape, data: Float64Array.from(x.data, (v) => 1 / (1 + Math.exp(-v))) };
    const a = run('binary_cross_entropy', pair(p, y), {}, 'sum');
    const b = run('binary_cross_entropy_with_logits', pair(x, y), {}, 'sum');
    close(values(a), values(b), 'value', 1e-12);
    // dl/dp · dp/dx = (p − y)/(p(1 − p)) · p(1 − p) = p − y, the logit gradient.
    close(Float64Array.from(a.grad.data, (g, i) => g * p.data[i] * (1 - p.data[i])), b.grad.data, 'grad', 1e-9);
  });

  it('weight [C] against [N, C] is the per-element weight w[c], for BCE and BCE with logits', () => {
    const x = logits(11, [3, 4]);
    const y = labels(12, [3, 4], false);
    const p: Tensor = { shape: x.shape, data: Float64Array.from(x.data, (v) => 1 / (1 + Math.exp(-v))) };
    const w = [0.5, 1, 2, 4];
    const full = Array.from({ length: 12 }, (_, i) => w[i % 4]);
    for (const [id, input] of [['binary_cross_entropy', p], ['binary_cross_entropy_with_logits', x]] as const) {
      const plain = run(id, pair(input, y), {}, 'none');
      const weighted = run(id, pair(input, y), { weight: w }, 'none');
      const expanded = run(id, pair(input, y), { weight: [full.slice(0, 4), full.slice(4, 8), full.slice(8)] }, 'none');
      close(weighted.unreduced.data, Float64Array.from(plain.unreduced.data, (v, i) => v * full[i]), `${id} value`);
      close(weighted.grad.data, Float64Array.from(plain.grad.data, (g, i) => g * full[i]), `${id} grad`);
      close(weighted.grad.data, expanded.grad.data, `${id} [C] vs full`, 0, 0);
    }
  });

  it('pos_weight [C] against [N, C] scales only the positive term: for y = 1 the loss is pw[c]·softplus(−x)', () => {
    const x = logits(13, [3, 4]);
    const y: Tensor = { shape: [3, 4], data: new Float64Array(12).fill(1) };
    const pw = [0.5, 1, 2, 4];
    const out = run('binary_cross_entropy_with_logits', pair(x, y), { pos_weight: pw }, 'none');
    close(out.unreduced.data, Float64Array.from(x.data, (v, i) => pw[i % 4] * Math.log1p(Math.exp(-v))), 'value');
    // d/dx pw·softplus(−x) = −pw·σ(−x).
    close(out.grad.data, Float64Array.from(x.data, (v, i) => -pw[i % 4] / (1 + Math.exp(v))), 'grad');
  });
});

describe('stability at saturated logits (spec: ±50 and ±1000 finite and exact)', () => {
  it('BCE with logits: softplus(∓x) exactly, where 1 − σ(x) would round to 0', () => {
    const x = t([6], [50, -50, 1000, -1000, 1000, -1000]);
    const y = t([6], [1, 1, 1, 1, 0, 0]);
    const out = run('binary_cross_entropy_with_logits', pair(x, y), {}, 'none');
    // softplus(−50) = ln(1 + e^−50) = e^−50 − e^−100/2 + …, which is e^−50 to double precision.
    const e50 = Math.exp(-50);
    close(out.unreduced.data, [e50, 50 + e50, 0, 1000, 1000, 0], 'value', 1e-15, 0);
    // ∂/∂x = σ(x) − y: −σ(−50) = −e^−50/(1 + e^−50); ±1 and 0 at ±1000.
    close(out.grad.data, [-e50 / (1 + e50), -1 / (1 + e50), 0, -1, 1, 0], 'grad', 1e-15, 0);
  });

  it('sigmoid_focal_loss with 0 < γ < 1 keeps a finite gradient where p_t rounds to 1 (torchvision: 0·∞ = NaN)', () => {
    const gamma = 0.5;
    const alpha = 0.25;
    const out = run('sigmoid_focal_loss', pair(t([4], [50, -50, 1000, -1000]), t([4], [1, 0, 1, 0])), { alpha, gamma }, 'none');
    // y = 1, x = 50: u = 1 − p_t = σ(−50) = q, ce = softplus(−50), p = σ(50).
    // l = α·ce·u^γ; dl/dx = α·[(p − 1)·u^γ + ce·γ·u^(γ−1)·p·q·(1 − 2)] = α·[−q·u^γ − ce·γ·u^(γ−1)·p·q].
    const q = Math.exp(-50) / (1 + Math.exp(-50));
    const p = 1 / (1 + Math.exp(-50));
    const ce = Math.log1p(Math.exp(-50));
    const lossWant = alpha * ce * q ** gamma;
    const gradWant = alpha * (-q * q ** gamma - ce * gamma * q ** (gamma - 1) * p * q);
    // y = 0, x = −50 mirrors it with α_t = 1 − α and the sign of the gradient flipped.
    close(out.unreduced.data, [lossWant, ((1 - alpha) / alpha) * lossWant, 0, 0], 'value', 1e-12, 0);
    close(out.grad.data, [gradWant, (-(1 - alpha) / alpha) * gradWant, 0, 0], 'grad', 1e-12, 0);
    for (const g of out.grad.data) assert.ok(Number.isFinite(g));
  });

  it('soft_margin_loss stays finite where PyTorch 1.13 overflows (y·f < −709: log1p(exp(1000)) = ∞)', () => {
    const out = run('soft_margin_loss', pair(t([2], [1000, -1000]), t([2], [-1, 1])), {}, 'none');
    close(out.unreduced.data, [1000, 1000], 'value', 0, 0);
    close(out.grad.data, [1, -1], 'grad', 0, 0);
  });

  it('soft_margin_loss past the wide table (|y·f| ≥ 22, NaN) takes its own path: softplus(−z) and −y·σ(−z) as ln(1 + e^(−|z|)) + max(−z, 0)', () => {
    // Margins on both sides of fastmath.ts's NEAR = 22; without the far path the table read past
    // its end would give NaN.
    const z = [21.5, -21.5, 22, -22, 22.5, -22.5, 35, -35, 700, -700];
    const out = run('soft_margin_loss', pair(t([z.length + 1], [...z, NaN]), t([z.length + 1], [...z.map(() => 1), 1])), {}, 'none');
    const want = z.map((v) => Math.log1p(Math.exp(-Math.abs(v))) + Math.max(-v, 0));
    const slope = z.map((v) => -1 / (1 + Math.exp(v)));
    close(out.unreduced.data.subarray(0, z.length), want, 'value', 1e-15, 0);
    close(out.grad.data.subarray(0, z.length), slope, 'grad', 1e-15, 0);
    assert.ok(Number.isNaN(out.unreduced.data[z.length]) && Number.isNaN(out.grad.data[z.length]));
  });

  it('infinite scores give the limits: soft margin and hinge are 0 (slope 0) at y·f = +∞ and +∞ (slope −y) at y·f = −∞', () => {
    const f: Tensor = { shape: [2], data: Float64Array.of(Infinity, -Infinity) };
    const y = t([2], [1, 1]);
    for (const id of ['soft_margin_loss', 'binary_hinge']) {
      const out = run(id, pair(f, y), {}, 'none');
      assert.deepEqual(Array.from(out.unreduced.data), [0, Infinity], `${id} value`);
      // −0 and 0 are the same slope (deepEqual tells them apart).
      assert.deepEqual(Array.from(out.grad.data, (g) => g + 0), [0, -1], `${id} grad`);
    }
  });

  it('exponential_loss overflows to +∞ past y·f = −709 (its true float64 value), flagged non-finite', () => {
    const r = evaluate({ loss: 'exponential_loss', input: [-1000, 1], target: [1, 1], reduction: 'none' });
    assert.ok(r.ok);
    assert.equal(r.value.nonFinite.value, true);
    const v = r.value.output.unreduced.data;
    assert.equal(v[0], Infinity);
    close([v[1]], [Math.exp(-1)], 'e^−1', 1e-15, 0);
  });


  it('BCE with logits: a non-finite logit gives the branching kernel\'s limits, and its finite neighbours keep their bits', () => {
    // The kernel takes the logit's sign as a 0/1 factor, which turns ±∞ into 0·∞ = NaN; a block
    // whose sum is not finite is redone by branches. Want, with softplus written as in the kernel:
    // x = +∞, y = 0: softplus(+∞) = ∞, slope σ(+∞) = 1 (PyTorch: inf, 1.0);
    // x = −∞, y = 1: softplus(−(−∞)) = ∞, slope −σ(+∞) = −1 (PyTorch's max-trick gives nan, −1.0);
    // x = −∞, y = 0 and x = +∞, y = 1: the zero-weighted term is 0·∞ = NaN, as in PyTorch, slope 0;
    // x = NaN: NaN. The finite elements are PyTorch's (1.13, float64):
    // F.binary_cross_entropy_with_logits([0.3, -2.0], [1, 0.25]) = [0.554355244468527, 0.6269280110429726],
    // gradient [-0.42555748318834097, -0.13079707797788245].
    // The pattern ends a second block (core/blocks.ts: 4096 elements) that starts with the sum already
    // infinite, so the redo cannot hinge on the sum before the block.
    const head = 4096;
    const x = [...Array.from({ length: head }, (_, i) => (i === 0 ? Infinity : 0.5)), Infinity, -Infinity, -Infinity, Infinity, NaN, 0.3, -2];
    const y = [...Array.from({ length: head }, () => 0), 0, 1, 0, 1, 1, 1, 0.25];
    const out = run('binary_cross_entropy_with_logits', pair(t([x.length], x), t([y.length], y)), {}, 'none');
    const v = Array.from(values(out)).slice(head);
    const g = Array.from(out.grad.data).slice(head);
    assert.deepEqual(v.slice(0, 5), [Infinity, Infinity, NaN, NaN, NaN]);
    assert.deepEqual(g.slice(0, 5).map((d) => d + 0), [1, -1, 0, 0, NaN]);
    close(v.slice(5), [0.554355244468527, 0.6269280110429726], 'finite values', 1e-15, 0);
    close(g.slice(5), [-0.42555748318834097, -0.13079707797788245], 'finite gradients', 1e-15, 0);
    const alone = run('binary_cross_entropy_with_logits', pair(t([2], x.slice(-2)), t([2], y.slice(-2))), {}, 'none');
    assert.deepEqual(v.slice(5), Array.from(values(alone)), 'same bits with or without a non-finite neighbour');
    assert.deepEqual(g.slice(5), Array.from(alone.grad.data));
  });
  it('log1pUnit (the softplus kernels\' ln(1 + e) on [0, 1]) is within 2 ulp of Math.log1p, and exact at 0 and for tiny e', () => {
    const rng = seededRng(17);
    for (let k = 0; k < 200000; k++) {
      const e = k % 2 === 0 ? rng.next() : Math.exp(-745 * rng.next());
      const want = Math.log1p(e);
      const got = log1pUnit(e);
      assert.ok(Math.abs(got - want) <= 2 * Number.EPSILON * Math.abs(want), `log1pUnit(${e}) = ${got}, Math.log1p = ${want}`);
    }
    assert.equal(log1pUnit(0), 0);
    assert.equal(log1pUnit(1), Math.LN2);
    assert.equal(log1pUnit(5e-324), 5e-324);
  });
});

describe('curves and worked examples', () => {
  it('focal curve at γ = 0 is α·(−ln p_t) (balanced cross entropy, Lin et al. eq. 3), and shrinks with γ', () => {
    const focal = getLoss('sigmoid_focal_loss');
    for (const z of [0.05, 0.3, 0.9]) {
      const at0 = focal.curve.at(z, { alpha: 0.25, gamma: 0 });
      assert.ok(Math.abs(at0.loss + 0.25 * Math.log(z)) < 1e-15);
      assert.ok(Math.abs(at0.grad + 0.25 / z) < 1e-12);
      const at2 = focal.curve.at(z, { alpha: 0.25, gamma: 2 });
      // (1 − p_t)² < 1 for p_t > 0.
      assert.ok(Math.abs(at2.loss - (1 - z) ** 2 * at0.loss) < 1e-15);
    }
    assert.deepEqual(focal.curve.family, { param: 'gamma', values: [0, 0.5, 1, 2, 5] });
  });

  it('points lie on the axis: p_t = σ(x)·y + σ(−x)·(1 − y) for logits, y·f for margins', () => {
    const x = t([4], [2, -1, 0.5, -3]);
    const y = t([4], [1, 0, 0, 1]);
    const pts = getLoss('binary_cross_entropy_with_logits').curve.points!(pair(x, y), { weight: null, pos_weight: null })!;
    close(pts, [1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(0.5)), 1 / (1 + Math.exp(3))], 'p_t');
    const s = t([4], [1, -1, -1, 1]);
    const m = getLoss('binary_hinge').curve.points!(pair(x, s), { margin: 1 })!;
    close(m, [2, 1, -0.5, -3], 'y·f', 0, 0);
  });

  it('BCE\'s worked step substitutes the numbers and shows the −100 clamp where it acts', () => {
    const loss = getLoss('binary_cross_entropy');
    const inputs = pair(t([2], [0.25, 0]), t([2], [1, 1]));
    const params = resolveParams(loss.params, {}, null, loss.id);
    const out = loss.compute(inputs, params, 'mean');
    const w = loss.worked(inputs, params, out, 'mean', 5);
    assert.equal(w.total, 2);
    assert.match(w.steps[0].tex, /1\\cdot \\ln 0\.25 \+ 0\\cdot \\ln\(1 - 0\.25\)/);
    assert.equal(w.steps[0].value, -Math.log(0.25));
    assert.match(w.steps[1].tex, /\\max\(\\ln 0,\\,-100\)/);
    assert.equal(w.steps[1].value, 100);
    assert.equal(w.reduction?.value, (100 - Math.log(0.25)) / 2);
  });
});

const ERRORS: { what: string; code: string; request: Record<string, unknown>; message: RegExp }[] = [
  { what: 'BCE on a value above 1 (logits?)', code: 'invalid_probability', request: { loss: 'binary_cross_entropy', input: [0.5, 1.5], target: [1, 0] }, message: /^input\[1\] is 1\.5, but probabilities must be in \[0, 1\] \(did you pass logits\? use binary_cross_entropy_with_logits\)\.$/ },
  { what: 'BCE on a negative value', code: 'invalid_probability', request: { loss: 'binary_cross_entropy', input: [[0.5, 0.2], [-0.3, 1]], target: [[1, 0], [0, 1]] }, message: /^input\[1, 0\] is -0\.3, but probabilities must be in \[0, 1\]/ },
  { what: 'BCE on NaN', code: 'invalid_probability', request: { loss: 'binary_cross_entropy', input: ['NaN'], target: [1] }, message: /^input\[0\] is NaN, but probabilities must be in \[0, 1\]/ },
  { what: 'BCE target above 1', code: 'invalid_label', request: { loss: 'binary_cross_entropy', input: [0.5, 0.5], target: [0, 1.5] }, message: /^target\[1\] is 1\.5, but targets must be in \[0, 1\] \(0\/1 labels or probabilities\)\.$/ },
  { what: 'BCE target of another shape', code: 'shape_mismatch', request: { loss: 'binary_cross_entropy', input: [[0.5, 0.2]], target: [1, 0] }, message: /^target has shape \[2\], but it must have the shape of input, \[1, 2\]\.$/ },
  { what: 'BCE without a target', code: 'missing_tensor', request: { loss: 'binary_cross_entropy', input: [0.5] }, message: /^binary_cross_entropy needs "target"/ },
  { what: 'BCE weight that does not broadcast', code: 'invalid_param', request: { loss: 'binary_cross_entropy', input: [[0.5, 0.2, 0.1]], target: [[1, 0, 1]], params: { weight: [1, 2] } }, message: /^Parameter "weight" has shape \[2\], which does not broadcast to the input's shape \[1, 3\]\.$/ },
  { what: 'BCE weight that is not numbers', code: 'invalid_param', request: { loss: 'binary_cross_entropy', input: [0.5], target: [1], params: { weight: 'heavy' } }, message: /^Parameter "weight" must be null, a number, or nested lists broadcastable to the input's shape; got "heavy"\.$/ },
  { what: 'BCE with logits, target 2', code: 'invalid_label', request: { loss: 'binary_cross_entropy_with_logits', input: [3, -2], target: [1, 2] }, message: /^target\[1\] is 2, but targets must be in \[0, 1\]/ },
  { what: 'BCE with logits, pos_weight not the last dimension', code: 'invalid_param', request: { loss: 'binary_cross_entropy_with_logits', input: [[1, 2, 3]], target: [[1, 0, 1]], params: { pos_weight: [1, 2] } }, message: /^Parameter "pos_weight" has shape \[2\], which does not broadcast to the input's shape \[1, 3\]\.$/ },
  { what: 'balanced_bce alpha above 1', code: 'invalid_param', request: { loss: 'balanced_bce', input: [1], target: [1], params: { alpha: 1.5 } }, message: /^Parameter "alpha" must be a number in \[0, 1\] or "auto"; got 1\.5\.$/ },
  { what: 'balanced_bce alpha a word', code: 'invalid_param', request: { loss: 'balanced_bce', input: [1], target: [1], params: { alpha: 'balanced' } }, message: /^Parameter "alpha" must be a number in \[0, 1\] or "auto"; got "balanced"\.$/ },
  { what: 'balanced_bce auto with a negative target', code: 'invalid_label', request: { loss: 'balanced_bce', input: [1, 2], target: [1, -0.5] }, message: /^target\[1\] is -0\.5, but targets must be in \[0, 1\]/ },
  { what: 'balanced_bce with α given and target 3', code: 'invalid_label', request: { loss: 'balanced_bce', input: [1, 2], target: [3, 0], params: { alpha: 0.5 } }, message: /^target\[0\] is 3, but targets must be in \[0, 1\]/ },
  { what: 'sigmoid_focal_loss alpha 2', code: 'invalid_param', request: { loss: 'sigmoid_focal_loss', input: [1], target: [1], params: { alpha: 2 } }, message: /^Parameter "alpha" must be a number in \[0, 1\], or −1 for no weighting; got 2\.$/ },
  { what: 'sigmoid_focal_loss alpha −0.5', code: 'invalid_param', request: { loss: 'sigmoid_focal_loss', input: [1], target: [1], params: { alpha: -0.5 } }, message: /^Parameter "alpha" must be a number in \[0, 1\], or −1 for no weighting; got -0\.5\.$/ },
  { what: 'sigmoid_focal_loss gamma −1', code: 'invalid_param', request: { loss: 'sigmoid_focal_loss', input: [1], target: [1], params: { gamma: -1 } }, message: /^Parameter "gamma" must be a number ≥ 0; got -1\.$/ },
  { what: 'sigmoid_focal_loss target 1.5', code: 'invalid_label', request: { loss: 'sigmoid_focal_loss', input: [1, 2], target: [1.5, 0] }, message: /^target\[0\] is 1\.5, but targets must be in \[0, 1\]/ },
  { what: 'sigmoid_focal_loss target of another shape', code: 'shape_mismatch', request: { loss: 'sigmoid_focal_loss', input: [[1, 2]], target: [[1], [0]] }, message: /^target has shape \[2, 1\], but it must have the shape of input, \[1, 2\]\.$/ },
  { what: 'binary_hinge label 0', code: 'invalid_label', request: { loss: 'binary_hinge', input: [0.5, 1], target: [1, 0] }, message: /^target\[1\] is 0, but labels must be 1 or −1\.$/ },
  { what: 'binary_hinge label 0.5 in a broadcast target', code: 'invalid_label', request: { loss: 'binary_hinge', input: [[0.5, 1], [2, 3]], target: [1, 0.5] }, message: /^target\[1\] is 0\.5, but labels must be 1 or −1\.$/ },
  { what: 'binary_hinge margin a word', code: 'invalid_param', request: { loss: 'binary_hinge', input: [0.5], target: [1], params: { margin: 'wide' } }, message: /^Parameter "margin" must be a finite number; got "wide"\.$/ },
  { what: 'soft_margin_loss label 0 (0/1 labels given)', code: 'invalid_label', request: { loss: 'soft_margin_loss', input: [[0.5, 1, 2]], target: [[1, 0, 1]] }, message: /^target\[0, 1\] is 0, but labels must be 1 or −1\.$/ },
  { what: 'soft_margin_loss target that does not broadcast', code: 'shape_mismatch', request: { loss: 'soft_margin_loss', input: [[0.5, 1, 2]], target: [1, -1] }, message: /^target has shape \[2\], which does not broadcast with input's shape \[1, 3\]/ },
  { what: 'soft_margin_loss with a parameter', code: 'unknown_param', request: { loss: 'soft_margin_loss', input: [0.5], target: [1], params: { margin: 1 } }, message: /^soft_margin_loss has no parameter "margin"\. Its parameters are: none\.$/ },
  { what: 'exponential_loss label 2', code: 'invalid_label', request: { loss: 'exponential_loss', input: [0.5, 1], target: [2, 1] }, message: /^target\[0\] is 2, but labels must be 1 or −1\.$/ },
];

describe('refusals', () => {
  for (const e of ERRORS) {
    it(`${e.code}: ${e.what}`, () => {
      const r = evaluate(e.request);
      assert.equal(r.ok, false, 'expected an error');
      if (r.ok) return;
      assert.equal(r.error.code, e.code, r.error.message.en);
      assert.match(r.error.message.en, e.message);
      assertTranslated(r.error.message, e.what);
    });
  }

  it('soft margin and exponential loss refuse labels one ulp from ±1, 0, ±∞ and NaN (their kernels test t·t = 1, which only ±1 pass)', () => {
    for (const id of ['soft_margin_loss', 'exponential_loss']) {
      for (const bad of [1 + 2 ** -52, 1 - 2 ** -53, -1 - 2 ** -52, -1 + 2 ** -53, 0, -0, Infinity, -Infinity, NaN]) {
        // Index 5 of 8 is in both kernels' unrolled loops, index 8 of 9 in their remainder loops.
        for (const [n, at] of [[8, 5], [9, 8]]) {
          const target = t([n], Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1)));
          target.data[at] = bad;
          const input = t([n], Array.from({ length: n }, (_, i) => 0.25 * i - 1));
          assert.throws(
            () => run(id, pair(input, target), {}, 'mean'),
            (err: unknown) => (err as { info?: ErrorInfo }).info?.code === 'invalid_label' && (err as { info: ErrorInfo }).info.message.en.startsWith(`target[${at}] is `),
            `${id} with label ${bad} at ${at}`,
          );
        }
      }
    }
  });

  it('compute itself refuses a weight that does not broadcast (when called without the request check)', () => {
    const loss = getLoss('binary_cross_entropy_with_logits');
    assert.throws(
      () => loss.compute(pair(t([2, 3], [1, 2, 3, 4, 5, 6]), t([2, 3], [1, 0, 1, 0, 1, 0])), { weight: t([2], [1, 2]), pos_weight: null }, 'mean'),
      (err: unknown) => {
        const info = (err as { info?: ErrorInfo }).info;
        assert.equal(info?.code, 'invalid_param');
        assert.equal(info?.param, 'weight');
        assert.match(info!.message.en, /^Parameter "weight" has shape \[2\], which does not broadcast to the input's shape \[2, 3\]\.$/);
        assertTranslated(info!.message, 'weight that does not broadcast');
        return true;
      },
    );
  });

  it('compute itself refuses focal parameters outside their range (γ < 0, α neither −1 nor in [0, 1])', () => {
    const loss = getLoss('sigmoid_focal_loss');
    const inputs = pair(t([2], [1, -1]), t([2], [1, 0]));
    for (const [params, name, message] of [
      [{ alpha: 0.25, gamma: -1 }, 'gamma', /^Parameter "gamma" must be a number ≥ 0; got -1\.$/],
      [{ alpha: 1.5, gamma: 2 }, 'alpha', /^Parameter "alpha" must be a number in \[0, 1\], or −1 for no weighting; got 1\.5\.$/],
    ] as const) {
      assert.throws(
        () => loss.compute(inputs, params, 'none'),
        (err: unknown) => {
          const info = (err as { info?: ErrorInfo }).info;
          assert.equal(info?.code, 'invalid_param');
          assert.equal(info?.param, name);
          assert.match(info!.message.en, message);
          assertTranslated(info!.message, name);
          return true;
        },
      );
    }
  });

  it('a refused request names the tensor or the parameter', () => {
    const a = evaluate({ loss: 'binary_cross_entropy', input: [1.5], target: [1] });
    assert.ok(!a.ok && a.error.tensor === 'input');
    const b = evaluate({ loss: 'binary_hinge', input: [1], target: [0] });
    assert.ok(!b.ok && b.error.tensor === 'target');
    const c = evaluate({ loss: 'balanced_bce', input: [1], target: [1], params: { alpha: 2 } });
    assert.ok(!c.ok && c.error.param === 'alpha');
  });
});
