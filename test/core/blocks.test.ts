// The kernels run in blocks of BLOCK elements or rows (core/blocks.ts), and carry state across
// each block's edge: the running sum, a periodic weight's offset, a sample's per-class sums, a
// row's position in its sample. These tests put data across several edges and check that nothing
// is lost, repeated or misplaced there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BLOCK } from '../../core/blocks.js';
import { LossLensError } from '../../core/errors.js';
import { EXTRA_NAMES, type AnyLoss, type LossInputs, type LossOutput, type Reduction } from '../../core/loss.js';
import { resolveParams } from '../../core/params.js';
import { LOSSES } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';

/** t twice along dim 0. */
function twice(t: Tensor): Tensor {
  const data = new Float64Array(2 * t.data.length);
  data.set(t.data);
  data.set(t.data, t.data.length);
  return { shape: [2 * t.shape[0]!, ...t.shape.slice(1)], data };
}

/** Every element of `got` is `want` repeated, bit for bit (NaN included). */
function repeats(got: Float64Array, want: Float64Array, what: string): void {
  assert.equal(got.length, 2 * want.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) {
    const w = want[i % want.length]!;
    if (!Object.is(got[i], w)) assert.fail(`${what}[${i}] is ${got[i]}, but the request alone gives ${w} at [${i % want.length}]`);
  }
}

function resolved(loss: AnyLoss, x: LossInputs, given: unknown): unknown {
  const classes = loss.classes?.(x.input);
  return resolveParams(loss.params, given as Record<string, unknown> | undefined, { inputShape: x.input.shape, ...(classes !== undefined ? { classes } : {}) }, loss.id);
}

/** A request of about 3 blocks of rows of 10 classes (so row kernels cross edges too), and its reduction. */
function request(loss: AnyLoss): { inputs: LossInputs; given: unknown; reduction: Reduction } {
  const { inputs, params } = loss.sample(seededRng(3), 3 * BLOCK * 10 + 70);
  return { inputs, given: params, reduction: loss.reductions.includes('none') ? 'none' : loss.reductions[0]! };
}

// The losses whose unreduced values are one per row of the input (the others reduce over the batch:
// Dice and Jaccard per class, Lovász per group; Dice is checked against a reference below).
const perRow = LOSSES.filter((loss) => {
  const { inputs, given, reduction } = request(loss);
  return loss.compute(inputs, resolved(loss, inputs, given), reduction).unreduced.shape[0] === inputs.input.shape[0];
});

describe('kernels in blocks', () => {
  it('covers every loss with one value per input row (all but Dice, Jaccard and Lovász)', () => {
    assert.deepEqual(LOSSES.filter((l) => !perRow.includes(l)).map((l) => l.id), ['soft_dice', 'soft_jaccard', 'lovasz_hinge', 'lovasz_softmax']);
  });

  for (const loss of perRow) {
    it(`${loss.id}: a request stacked on itself gives each copy its own numbers exactly`, () => {
      // The second copy starts n elements (n/C rows) later: at another place relative to the edges.
      const { inputs, given, reduction } = request(loss);
      const n0 = inputs.input.shape[0];
      const doubled: LossInputs = {
        input: twice(inputs.input),
        target: inputs.target && inputs.target.shape[0] === n0 ? twice(inputs.target) : inputs.target,
        extra: Object.fromEntries(EXTRA_NAMES.filter((k) => inputs.extra[k]).map((k) => [k, twice(inputs.extra[k]!)])),
      };
      const check = (a: LossOutput, b: LossOutput, r: string): void => {
        repeats(b.grad.data, a.grad.data, `${r} grad`);
        for (const k of EXTRA_NAMES) if (a.gradExtra[k]) repeats(b.gradExtra[k]!.data, a.gradExtra[k]!.data, `${r} grad of ${k}`);
      };
      const alone = loss.compute(inputs, resolved(loss, inputs, given), reduction);
      const both = loss.compute(doubled, resolved(loss, doubled, given), reduction);
      repeats(both.unreduced.data, alone.unreduced.data, `${reduction} loss`);
      check(alone, both, reduction);
      // Under sum the fused kernels skip the per-element store; the gradients must not notice.
      if (loss.reductions.includes('sum')) check(loss.compute(inputs, resolved(loss, inputs, given), 'sum'), loss.compute(doubled, resolved(loss, doubled, given), 'sum'), 'sum');
    });
  }

  // categorical_cross_entropy takes [N, C] rows four at a time while every term of the four is a
  // probability with a target > 0, and hands any other group back to the row-by-row loop. Reference:
  // −Σ_c t_c·ln p_c per row in class order, and −t_c/p_c, skipping t_c = 0 (the spec), so the very
  // operations of both paths: exact equality.
  it('categorical_cross_entropy: rows with zero target terms, scattered among soft rows and across blocks, take the row-by-row path with the same numbers', () => {
    const cce = LOSSES.find((l) => l.id === 'categorical_cross_entropy')!;
    const rng = seededRng(5);
    const N = 2 * BLOCK + 7;
    const C = 5;
    const p = new Float64Array(N * C);
    const t = new Float64Array(N * C);
    for (let r = 0; r < N; r++) {
      const hard = rng.next() < 0.2;
      const cls = rng.int(C);
      let sp = 0;
      let st = 0;
      for (let c = 0; c < C; c++) {
        p[r * C + c] = 0.05 + rng.next();
        t[r * C + c] = hard ? +(c === cls) : 0.05 + rng.next();
        sp += p[r * C + c]!;
        st += t[r * C + c]!;
      }
      for (let c = 0; c < C; c++) {
        p[r * C + c] /= sp;
        t[r * C + c] /= st;
      }
    }
    const inputs: LossInputs = { input: { shape: [N, C], data: p }, target: { shape: [N, C], data: t }, extra: {} };
    const out = cce.compute(inputs, {}, 'sum');
    for (let r = 0; r < N; r++) {
      let l = 0;
      for (let c = 0; c < C; c++) {
        const k = r * C + c;
        if (t[k] === 0) {
          assert.ok(Object.is(out.grad.data[k], 0), `grad[${r}, ${c}] of a zero target term is ${out.grad.data[k]}`);
          continue;
        }
        l -= t[k]! * Math.log(p[k]!);
        assert.ok(Object.is(out.grad.data[k], -t[k]! / p[k]! * 1), `grad[${r}, ${c}]: ${out.grad.data[k]}, reference ${-t[k]! / p[k]!}`);
      }
      assert.ok(Object.is(out.unreduced.data[r], l), `loss of row ${r}: ${out.unreduced.data[r]}, reference ${l}`);
    }
    // A bad value in the middle of a group of four rows is reported at its own index.
    const bad = Float64Array.from(p);
    bad[(BLOCK + 2) * C + 3] = 1.5;
    assert.throws(() => cce.compute({ ...inputs, input: { shape: [N, C], data: bad } }, {}, 'mean'), (e: unknown) => e instanceof LossLensError && e.info.message.en.startsWith(`input[${BLOCK + 2}, 3] is 1.5,`));
  });

  // Multiclass Dice sums each class over a sample's positions block by block. Reference: the spec's
  // formulas pixel by pixel (softmax over the classes, I = Σ p·t, P = Σ p, T = Σ t per class,
  // l_k = 1 − (2I + s)/(P + T + s), and its gradient through the softmax), with Math.exp; the kernel's
  // e^x is within 3 ulp of it, hence the tolerance.
  for (const fromLogits of [true, false]) {
    it(`soft_dice, multiclass, from_logits ${fromLogits}: per-class losses and gradients across several blocks of positions`, () => {
      const dice = LOSSES.find((l) => l.id === 'soft_dice')!;
      const rng = seededRng(11);
      const N = 2;
      const K = 3;
      const S = 2 * BLOCK + 123;
      const x = new Float64Array(N * K * S);
      for (let i = 0; i < x.length; i++) x[i] = fromLogits ? 3 * rng.normal() : rng.next();
      const y = new Float64Array(N * S);
      for (let i = 0; i < y.length; i++) y[i] = rng.next() < 0.05 ? 255 : rng.int(K);
      const params = { mode: 'multiclass', from_logits: fromLogits, smooth: 1, eps: 1e-7, ignore_index: 255, empty_classes: 'keep' };
      const inputs: LossInputs = { input: { shape: [N, K, S], data: x }, target: { shape: [N, S], data: y }, extra: {} };
      const out = dice.compute(inputs, resolveParams(dice.params, params, { inputShape: [N, K, S] }, 'soft_dice'), 'sum');

      const p = new Float64Array(x.length);
      const I = new Float64Array(K);
      const P = new Float64Array(K);
      const T = new Float64Array(K);
      for (let b = 0; b < N; b++) {
        for (let s = 0; s < S; s++) {
          const label = y[b * S + s]!;
          if (label === 255) continue;
          let m = -Infinity;
          for (let k = 0; k < K; k++) m = Math.max(m, x[(b * K + k) * S + s]!);
          let z = 0;
          for (let k = 0; k < K; k++) z += fromLogits ? Math.exp(x[(b * K + k) * S + s]! - m) : 0;
          for (let k = 0; k < K; k++) {
            const i = (b * K + k) * S + s;
            p[i] = fromLogits ? Math.exp(x[i]! - m) / z : x[i]!;
            I[k] += label === k ? p[i]! : 0;
            P[k] += p[i]!;
            T[k] += label === k ? 1 : 0;
          }
        }
      }
      const close = (got: number, want: number, what: string): void => assert.ok(Math.abs(got - want) <= 1e-12 * (1 + Math.abs(want)), `${what}: ${got}, reference ${want}`);
      const den = Array.from(P, (pk, k) => pk + T[k]! + 1);
      for (let k = 0; k < K; k++) close(out.unreduced.data[k]!, 1 - (2 * I[k]! + 1) / den[k]!, `loss of class ${k}`);
      // dl_k/dp = (2I + s)/D² − 2t/D for a pixel of class t, and through the softmax dp_k/dx_j = p_k(δ_kj − p_j).
      const dldp = (k: number, label: number): number => (2 * I[k]! + 1) / (den[k]! * den[k]!) - (label === k ? 2 / den[k]! : 0);
      for (let b = 0; b < N; b++) {
        for (let s = 0; s < S; s++) {
          const label = y[b * S + s]!;
          let dot = 0;
          for (let k = 0; k < K; k++) dot += label === 255 ? 0 : p[(b * K + k) * S + s]! * dldp(k, label);
          for (let j = 0; j < K; j++) {
            const i = (b * K + j) * S + s;
            const want = label === 255 ? 0 : fromLogits ? p[i]! * (dldp(j, label) - dot) : dldp(j, label);
            close(out.grad.data[i]!, want, `grad at sample ${b}, class ${j}, position ${s}`);
          }
        }
      }
    });
  }
});
