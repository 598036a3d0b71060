// Derived checks of the segmentation losses (soft_dice, soft_jaccard, lovasz_hinge, lovasz_softmax):
// the spec's edge-case rules, identities between the losses, an independent transcription of the
// Lovász formula against the radix-sorted kernel, and every error path with its message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../core/evaluate.js';
import type { LossOutput } from '../../core/loss.js';
import { DescendingSorter } from '../../core/losses/lovasz.js';
import { BLOCK } from '../../core/blocks.js';
import { resolveParams } from '../../core/params.js';
import { LOSSES } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';
import { assertTranslated } from '../translated.js';

function run(req: Record<string, unknown>): LossOutput {
  const r = evaluate(req);
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message.en}`);
  return r.value.output;
}

function value(req: Record<string, unknown>): number {
  const v = run(req).value;
  assert.equal(typeof v, 'number');
  return v as number;
}

function close(got: number, want: number, tol = 1e-12, what = ''): void {
  assert.ok(Math.abs(got - want) <= tol * (1 + Math.abs(want)), `${what} got ${got}, want ${want}`);
}

function refuses(req: Record<string, unknown>, code: string, message: RegExp): void {
  const r = evaluate(req);
  assert.equal(r.ok, false, 'expected an error');
  if (!r.ok) {
    assert.equal(r.error.code, code, r.error.message.en);
    assert.match(r.error.message.en, message);
    assertTranslated(r.error.message, message.source);
  }
}

const inter = (out: LossOutput, key: string): Float64Array => out.intermediates.find((i) => i.key === key)!.tensor.data;

describe('soft_dice and soft_jaccard', () => {
  it('give 0 for a perfect hard prediction (binary, from_logits false): 2I = P + T', () => {
    const mask = [[1, 0, 1], [0, 0, 1]];
    for (const loss of ['soft_dice', 'soft_jaccard']) {
      for (const reduction of ['mean', 'sum']) {
        assert.equal(value({ loss, input: mask, target: mask, params: { mode: 'binary', from_logits: false }, reduction }), 0);
      }
    }
  });

  it('keep + smooth 0: an empty class has loss 1 and zero gradient', () => {
    // Multilabel, class 1 empty: I = 0 and T = 0, so the ratio is 0/max(P, eps) = 0 for any p.
    const input = [[[0.2, 0.7], [0.4, 0.9]]];
    const target = [[[1, 0], [0, 0]]];
    const out = run({ loss: 'soft_dice', input, target, params: { mode: 'multilabel', from_logits: false }, reduction: 'none' });
    const v = (out.value as { data: Float64Array }).data;
    assert.equal(v[1], 1);
    assert.deepEqual(Array.from(out.grad.data.slice(2, 4)), [0, 0]);
    // Class 0: I = 0.2, P = 0.9, T = 1 → 1 − 0.4/1.9.
    close(v[0], 1 - 0.4 / 1.9);
  });

  it('keep + smooth s > 0: an empty class has loss P/(P + s) and gradient s/(P + s)² per element', () => {
    // 1 − (0 + s)/(P + 0 + s) = P/(P + s); d/dp_i = s/(P + s)² (dP/dp_i = 1), which pushes p down.
    const s = 0.5;
    const p = [0.4, 0.9];
    const P = p[0] + p[1];
    const out = run({ loss: 'soft_dice', input: [[[0.2, 0.7], p]], target: [[[1, 0], [0, 0]]], params: { mode: 'multilabel', from_logits: false, smooth: s }, reduction: 'none' });
    close((out.value as { data: Float64Array }).data[1], P / (P + s));
    for (const g of out.grad.data.slice(2, 4)) close(g, s / (P + s) ** 2);
  });

  it('zero: an empty class has loss 0, no gradient, and still counts in the mean', () => {
    const req = { loss: 'soft_dice', input: [[[0.2, 0.7], [0.4, 0.9]]], target: [[[1, 0], [0, 0]]], params: { mode: 'multilabel', from_logits: false, empty_classes: 'zero' } };
    const out = run({ ...req, reduction: 'mean' });
    close(out.value as number, (1 - 0.4 / 1.9) / 2);
    assert.deepEqual(Array.from(out.grad.data.slice(2, 4)), [0, 0]);
  });

  it('equals the spec\'s smp form (I + s)/max((P + T)/2 + s, eps) with smooth = 2s and eps = 2·eps', () => {
    // (I + s)/max((P+T)/2 + s, e) = 2(I + s)/(2·max((P+T)/2 + s, e)) = (2I + 2s)/max(P + T + 2s, 2e):
    // ours with smooth 2s and eps 2e. Checked per class on random data, from our own I, P, T.
    const rng = seededRng(5);
    const input = [0, 1].map(() => [0, 1, 2].map(() => [0, 1, 2, 3].map(() => 2 * rng.normal())));
    const target = [0, 1].map(() => [0, 1, 2, 3].map(() => rng.int(3)));
    for (const [s, e] of [[0.5, 1e-7], [0, 1e-7], [3, 0.1]] as const) {
      const out = run({ loss: 'soft_dice', input, target, params: { mode: 'multiclass', smooth: 2 * s, eps: 2 * e }, reduction: 'none' });
      const [I, P, T] = [inter(out, 'I'), inter(out, 'P'), inter(out, 'T')];
      const v = (out.value as { data: Float64Array }).data;
      for (let k = 0; k < 3; k++) close(v[k], 1 - (I[k] + s) / Math.max((P[k] + T[k]) / 2 + s, e), 1e-14, `class ${k}`);
    }
  });

  it('relates Jaccard to Dice by j = d/(2 − d) on the scores (smooth 0)', () => {
    // d = 2I/(P+T), j = I/(P+T−I): d/(2−d) = 2I/(2(P+T) − 2I) = j.
    const rng = seededRng(8);
    const input = [0, 1].map(() => [0, 1, 2].map(() => [0, 1, 2].map(() => rng.normal())));
    const target = [0, 1].map(() => [0, 1, 2].map(() => [0, 1, 2].map(() => (rng.next() < 0.5 ? 1 : 0))));
    const params = { mode: 'multilabel' };
    const d = (run({ loss: 'soft_dice', input, target, params, reduction: 'none' }).value as { data: Float64Array }).data;
    const j = (run({ loss: 'soft_jaccard', input, target, params, reduction: 'none' }).value as { data: Float64Array }).data;
    for (let k = 0; k < 3; k++) {
      const ds = 1 - d[k];
      close(1 - j[k], ds / (2 - ds), 1e-14);
    }
  });

  it('ignores a whole pixel in multiclass: same as dropping that pixel', () => {
    const withIgnored = value({ loss: 'soft_dice', input: [[[1, 2, -1], [0.5, -2, 3]]], target: [[0, 255, 1]], params: { mode: 'multiclass', ignore_index: 255 } });
    const dropped = value({ loss: 'soft_dice', input: [[[1, -1], [0.5, 3]]], target: [[0, 1]], params: { mode: 'multiclass' } });
    close(withIgnored, dropped, 1e-15);
  });

  it('works the example per class with the substituted formula and the reduction', () => {
    const req = { loss: 'soft_dice', input: [[[0.2, 0.7], [0.4, 0.9]]], target: [[[1, 0], [0, 1]]], params: { mode: 'multilabel', from_logits: false, smooth: 1 }, reduction: 'mean' };
    const r = evaluate(req);
    assert.ok(r.ok);
    const ev = r.value;
    const w = ev.loss.worked(ev.inputs, ev.params, ev.output, 'mean', 5);
    assert.equal(w.total, 2);
    // Class 0: I = 0.2, P = 0.9, T = 1, s = 1.
    assert.equal(w.steps[0]!.tex, '1 - \\frac{2\\cdot 0.2 + 1}{0.9 + 1 + 1}');
    close(w.steps[0]!.value, 1 - 1.4 / 2.9);
    assert.equal(w.reduction!.value, ev.output.value);
    assert.match(w.reduction!.tex, /^\\frac\{0\.\d+ \+ 0\.\d+\}\{2\}$/);
  });

  // The softmax's max is taken with a 0/1 factor, which is 0·∞ = NaN where a logit is −∞; such
  // positions are redone with Math.max. Derivation: e^(−∞ − m) = 0, and so is e^(−10⁴ − m) (it
  // underflows), so a −∞ logit must give exactly what −10⁴ gives, loss and gradient bit for bit; a
  // position whose logits are all −∞ has the softmax 0/0 = NaN (as torch.softmax), so every class's
  // loss is NaN.
  for (const id of ['soft_dice', 'soft_jaccard']) {
    it(`${id}, multiclass logits: −∞ logits in any class, first or last, in groups of four and in a block's remainder`, () => {
      const loss = LOSSES.find((l) => l.id === id)!;
      const rng = seededRng(5);
      const N = 2;
      const K = 3;
      const S = BLOCK + 7;
      const x = new Float64Array(N * K * S);
      for (let i = 0; i < x.length; i++) x[i] = 2 * rng.normal();
      const y = new Float64Array(N * S);
      for (let i = 0; i < y.length; i++) y[i] = rng.int(K);
      const params = resolveParams(loss.params, { mode: 'multiclass', from_logits: true, smooth: 1 }, { inputShape: [N, K, S] }, id);
      const at = (b: number, k: number, s: number): number => (b * K + k) * S + s;
      const low = Float64Array.from(x);
      const inf = Float64Array.from(x);
      // Class 0 (the factor's first comparison), class 2 (a later one), two classes of one position,
      // positions 0–3 of a group, and positions in the remainder after the last full block.
      const spots = [at(0, 0, 0), at(0, 2, 1), at(0, 0, 2), at(0, 1, 2), at(0, 1, 3), at(1, 2, 100), at(1, 0, BLOCK + 1), at(1, 2, BLOCK + 6)];
      for (const i of spots) {
        low[i] = -1e4;
        inf[i] = -Infinity;
      }
      const run = (data: Float64Array) => loss.compute({ input: { shape: [N, K, S], data }, target: { shape: [N, S], data: y }, extra: {} }, params, 'none');
      const want = run(low);
      const got = run(inf);
      assert.ok(Array.from(want.unreduced.data).every(Number.isFinite));
      assert.deepEqual(Array.from(got.unreduced.data), Array.from(want.unreduced.data));
      assert.deepEqual(Array.from(got.grad.data), Array.from(want.grad.data));
      for (let k = 0; k < K; k++) inf[at(1, k, 5)] = -Infinity;
      assert.ok(Array.from(run(inf).unreduced.data).every(Number.isNaN));
    });
  }

  it('reports the first label that is not 0/1 in a mask longer than a block, wherever it sits in a group of four', () => {
    const S = BLOCK + 9;
    const mask = (bad: Record<number, number>): number[][][] => [[Array.from({ length: S }, (_, i) => bad[i] ?? i % 2)]];
    const input = [[Array.from({ length: S }, () => 0.3)]];
    for (const at of [0, 3, 5, BLOCK + 2, BLOCK + 8]) {
      refuses({ loss: 'soft_dice', input, target: mask({ [at]: 0.5, [at + 1]: 2 }), params: { mode: 'multilabel', from_logits: false } }, 'invalid_label', new RegExp(`^target\\[0, 0, ${at}\\] is 0\\.5, but in multilabel mode`));
    }
    refuses({ loss: 'soft_jaccard', input, target: mask({ 6: 255, 7: -0, 4000: Number.NaN }), params: { mode: 'multilabel', ignore_index: 255 } }, 'invalid_label', /^target\[0, 0, 4000\] is NaN, but in multilabel mode the target holds 0\/1 labels \(or ignore_index = 255\)/);
  });

  it('refuses bad shapes, labels and parameters with what each mode expects', () => {
    refuses({ loss: 'soft_dice', input: [[[0.1, 0.2]], [[0.3, 0.4]]], target: [[[0, 1]], [[1, 0]]], params: { mode: 'multiclass' } }, 'shape_mismatch',
      /target has shape \[2, 1, 2\], but soft_dice in multiclass mode expects input \[N, C, \.\.\.\] and a target \[N, \.\.\.\] of class indices .*here \[2, 2\]\. A target with the input's shape is a mask: use mode "multilabel"/);
    refuses({ loss: 'soft_dice', input: [[[0.1, 0.2]]], target: [[0, 3]], params: { mode: 'multiclass' } }, 'class_out_of_range', /target\[0, 1\] is class 3, but C = 1/);
    refuses({ loss: 'soft_jaccard', input: [0.1, 0.2], target: [0, 2], params: { mode: 'binary' } }, 'invalid_label', /target\[1\] is 2, but in binary mode the target holds 0\/1 labels\. For class indices use mode "multiclass"/);
    refuses({ loss: 'soft_dice', input: [[0.1, 0.2]], target: [[0, 0.5]], params: { mode: 'multilabel', ignore_index: 255 } }, 'invalid_label', /target\[0, 1\] is 0\.5, but in multilabel mode the target holds 0\/1 labels \(or ignore_index = 255\)/);
    refuses({ loss: 'soft_dice', input: [0.1, 0.2, 0.3], target: [0, 1], params: { mode: 'binary' } }, 'shape_mismatch', /target has shape \[2\], but soft_dice in binary mode expects input \[N, \.\.\.\] and a 0\/1 target of the same shape: here \[3\]/);
    refuses({ loss: 'soft_dice', input: [0.1, 0.2], target: [0, 1], params: { mode: 'multilabel' } }, 'invalid_rank', /input has shape \[2\] \(1 dimensions\), but soft_dice in multilabel mode expects input \[N, C, \.\.\.\].*use mode "binary"/);
    refuses({ loss: 'soft_dice', input: [1.5], target: [1], params: { mode: 'binary', from_logits: false } }, 'invalid_probability', /input\[0\] is 1\.5, but with from_logits = false the input must hold probabilities in \[0, 1\]/);
    refuses({ loss: 'soft_dice', input: [0.1], target: [1], params: { mode: 'multi' } }, 'invalid_param', /Parameter "mode" must be one of "binary", "multilabel", "multiclass"; got "multi"/);
    refuses({ loss: 'soft_dice', input: [0.1], target: [1], params: { mode: 'binary', smooth: -1 } }, 'invalid_param', /Parameter "smooth" must be a number ≥ 0; got -1/);
    refuses({ loss: 'soft_dice', input: [0.1], target: [1], params: { mode: 'binary', empty_classes: 'skip' } }, 'invalid_param', /Parameter "empty_classes" must be one of "keep", "zero"; got "skip"/);
    refuses({ loss: 'soft_jaccard', input: [0.1], target: [1], params: { mode: 'binary', ignore_index: 1.5 } }, 'invalid_param', /Parameter "ignore_index" must be an integer or null; got 1\.5/);
  });
});

/** The spec's flat Lovász sum, transcribed with a plain comparator sort: an independent reference. */
function lovaszReference(e: number[], g: number[], relu: boolean): { loss: number; dw: number[] } {
  const order = e.map((_, i) => i).sort((a, b) => e[b]! - e[a]! || a - b);
  const G = g.reduce((s, v) => s + v, 0);
  let cs = 0;
  let cn = 0;
  let prev = 0;
  let loss = 0;
  const dw = new Array<number>(e.length).fill(0);
  for (const j of order) {
    cs += g[j]!;
    cn += 1 - g[j]!;
    const J = 1 - (G - cs) / (G + cn);
    const w = J - prev;
    prev = J;
    const ej = relu ? Math.max(0, e[j]!) : e[j]!;
    loss += ej * w;
    dw[j] = relu && !(e[j]! > 0) ? 0 : w;
  }
  return { loss, dw };
}

describe('lovasz_hinge', () => {
  it('gives relu(max e) = relu(1 + max x) on an image without positive pixels', () => {
    // G = 0: J_k = 1 − 0/k = 1 for every k, so w = [1, 0, …] and only the largest error counts.
    const x = [-0.3, 0.8, -2, 0.1];
    close(value({ loss: 'lovasz_hinge', input: [x], target: [[0, 0, 0, 0]] }), 1 + 0.8);
    assert.equal(value({ loss: 'lovasz_hinge', input: [[-3, -1.5]], target: [[0, 0]] }), 0);
  });

  it('is the hinge relu(1 − m) for a single pixel, whatever its label', () => {
    for (const [x, y] of [[0.3, 1], [0.3, 0], [-1.7, 1], [2.5, 1]] as const) {
      close(value({ loss: 'lovasz_hinge', input: [[x]], target: [[y]] }), Math.max(0, 1 - x * (2 * y - 1)));
    }
  });

  it('counts an all-ignored image as 0 in the mean over images', () => {
    const x1 = [0.4, -0.2, 1.3];
    const y1 = [1, 0, 0];
    const alone = value({ loss: 'lovasz_hinge', input: [x1], target: [y1] });
    const both = value({ loss: 'lovasz_hinge', input: [[5, 6, 7], x1], target: [[9, 9, 9], y1], params: { ignore_index: 9 } });
    close(both, alone / 2, 1e-15);
  });

  it('matches the spec transcribed with a comparator sort on large groups (radix path), ties included', () => {
    const rng = seededRng(21);
    const n = 6000;
    const x = Array.from({ length: n }, () => 1.5 * rng.normal());
    const y = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const e = x.map((xi, i) => 1 - xi * (2 * y[i]! - 1));
    const ref = lovaszReference(e, y, true);
    const out = run({ loss: 'lovasz_hinge', input: [x], target: [y] });
    close(out.value as number, ref.loss, 1e-13);
    for (let i = 0; i < n; i++) close(out.grad.data[i]!, -(2 * y[i]! - 1) * ref.dw[i]!, 1e-13, `grad[${i}]`);
    // Quantised logits repeat values: the order among equal errors changes the gradient's split but
    // not the value (the Lovász extension is continuous).
    const xq = x.map((v) => Math.round(v * 4) / 4);
    const eq = xq.map((xi, i) => 1 - xi * (2 * y[i]! - 1));
    close(value({ loss: 'lovasz_hinge', input: [xq], target: [y] }), lovaszReference(eq, y, true).loss, 1e-13);
  });

  it('exposes the sorted positive errors and weights of the first group', () => {
    const out = run({ loss: 'lovasz_hinge', input: [[0.5, -0.25, 2]], target: [[1, 1, 0]] });
    // e = [0.5, 1.25, 3] → sorted [3, 1.25, 0.5]; labels [0, 1, 1], G = 2:
    // J = 1 − 2/3, 1 − 1/3, 1 − 0/3 → w = [1/3, 1/3, 1/3].
    assert.deepEqual(Array.from(inter(out, 'errors_sorted')), [3, 1.25, 0.5]);
    inter(out, 'lovasz_weights').forEach((w) => close(w, 1 / 3, 1e-15));
    close(out.value as number, (3 + 1.25 + 0.5) / 3);
  });

  it('refuses bad labels, shapes and reductions', () => {
    refuses({ loss: 'lovasz_hinge', input: [[0.1, 0.2]], target: [[0, 2]] }, 'invalid_label', /target\[0, 1\] is 2, but lovasz_hinge takes 0\/1 labels\./);
    refuses({ loss: 'lovasz_hinge', input: [[0.1, 0.2]], target: [[0, 2]], params: { ignore_index: 255 } }, 'invalid_label', /takes 0\/1 labels \(or ignore_index = 255\)/);
    refuses({ loss: 'lovasz_hinge', input: [[0.1, 0.2]], target: [0, 1] }, 'shape_mismatch', /target has shape \[2\], but lovasz_hinge expects logits \[B, \.\.\.\] and 0\/1 labels of the same shape: here \[1, 2\]/);
    refuses({ loss: 'lovasz_hinge', input: [[0.1]], target: [[1]], reduction: 'sum' }, 'invalid_reduction', /lovasz_hinge supports reduction "mean"; got "sum"/);
  });
});

describe('lovasz_softmax', () => {
  it('gives max_i p_ic for a class absent from the group under "all" (or listed)', () => {
    // fg = 0 everywhere: G = 0, w = [1, 0, …] and e = p_c, so loss_c = max_i p_ic.
    const p = [[[0.2, 0.5, 0.1]], [[0.7, 0.3, 0.6]], [[0.1, 0.2, 0.3]]];
    close(value({ loss: 'lovasz_softmax', input: [p], target: [[[0, 1, 0]]], params: { classes: [2] } }), 0.3, 1e-15);
    // "present" leaves class 2 out, "all" averages it in.
    const present = value({ loss: 'lovasz_softmax', input: [p], target: [[[0, 1, 0]]] });
    const all = value({ loss: 'lovasz_softmax', input: [p], target: [[[0, 1, 0]]], params: { classes: 'all' } });
    close(all, (2 * present + 0.3) / 3, 1e-14);
  });

  it('is 1 − p_y for a one-pixel group (the curve), with "present"', () => {
    close(value({ loss: 'lovasz_softmax', input: [[[[0.2]], [[0.7]], [[0.1]]]], target: [[[1]]] }), 0.3, 1e-15);
  });

  it('treats a group with one valid pixel as ordinary and counts an all-ignored group as 0', () => {
    const p = [[[0.2, 0.5]], [[0.7, 0.3]], [[0.1, 0.2]]];
    // Image 0 keeps only pixel 0 (class 1, p = 0.7): loss 0.3. Image 1 is all ignored: 0.
    const v = value({ loss: 'lovasz_softmax', input: [p, p], target: [[[1, 9]], [[9, 9]]], params: { per_image: true, ignore_index: 9 } });
    close(v, 0.3 / 2, 1e-15);
  });

  it('matches the spec transcribed with a comparator sort on a large batch (radix path)', () => {
    const rng = seededRng(33);
    const C = 4;
    const S = 3000;
    const logits = Array.from({ length: C }, () => Array.from({ length: S }, () => rng.normal()));
    const y = Array.from({ length: S }, () => rng.int(C));
    const p: number[][] = logits.map(() => new Array<number>(S).fill(0));
    for (let s = 0; s < S; s++) {
      const m = Math.max(...logits.map((r) => r[s]!));
      const z = logits.reduce((acc, r) => acc + Math.exp(r[s]! - m), 0);
      for (let c = 0; c < C; c++) p[c]![s] = Math.exp(logits[c]![s]! - m) / z;
    }
    let want = 0;
    const gp: number[][] = p.map(() => new Array<number>(S).fill(0));
    for (let c = 0; c < C; c++) {
      const fg = y.map((v) => (v === c ? 1 : 0));
      const e = p[c]!.map((v, s) => Math.abs(fg[s]! - v));
      const ref = lovaszReference(e, fg, false);
      want += ref.loss / C;
      for (let s = 0; s < S; s++) gp[c]![s] = (fg[s] ? -1 : 1) * ref.dw[s]! / C;
    }
    const out = run({ loss: 'lovasz_softmax', input: [p], target: [y], params: { classes: 'all' } });
    close(out.value as number, want, 1e-13);
    for (let c = 0; c < C; c++) for (let s = 0; s < S; s += 97) close(out.grad.data[c * S + s]!, gp[c]![s]!, 1e-13);
    // The weights of the first class telescope to J_m − J_0 = 1.
    close(inter(out, 'lovasz_weights').reduce((a, b) => a + b, 0), 1, 1e-12);
  });

  it('treats "present" (compared as a string, here built at run time) as the list of classes in the group', () => {
    const present = ['pre', 'sent'].join('');
    const p = [[[0.2, 0.5]], [[0.7, 0.3]], [[0.1, 0.2]]];
    close(value({ loss: 'lovasz_softmax', input: [p], target: [[[1, 0]]], params: { classes: present } }), value({ loss: 'lovasz_softmax', input: [p], target: [[[1, 0]]], params: { classes: [0, 1] } }), 1e-15);
  });

  it('refuses labels, shapes and class lists out of range', () => {
    const p = [[[0.5, 0.5]], [[0.5, 0.5]]];
    refuses({ loss: 'lovasz_softmax', input: [p], target: [[[0, 2]]] }, 'class_out_of_range', /target\[0, 0, 1\] is class 2, but C = 2: class indices must be in 0\.\.1/);
    refuses({ loss: 'lovasz_softmax', input: [p], target: [[[[0, 1]]]] }, 'shape_mismatch', /target has shape \[1, 1, 1, 2\], but lovasz_softmax expects probabilities \[B, C, H, W\] .* and class indices \[B, H, W\]: the input's shape without dim 1, here \[1, 1, 2\]/);
    refuses({ loss: 'lovasz_softmax', input: [0.2, 0.8], target: [1] }, 'invalid_rank', /input has shape \[2\] \(1 dimensions\), but lovasz_softmax expects probabilities \[B, C, H, W\]/);
    refuses({ loss: 'lovasz_softmax', input: [p], target: [[[0, 1]]], params: { classes: [0, 3] } }, 'invalid_param', /Parameter "classes" lists class 3 \(entry 1\), but C = 2: class ids must be in 0\.\.1/);
    refuses({ loss: 'lovasz_softmax', input: [p], target: [[[0, 1]]], params: { classes: 'presnt' } }, 'invalid_param', /Parameter "classes" must be "present", "all", or a list of class ids in 0\.\.C−1; got "presnt"/);
    refuses({ loss: 'lovasz_softmax', input: [[[[1.2, 0.1]], [[0.3, 0.2]]]], target: [[[0, 1]]] }, 'invalid_probability', /input\[0, 0, 0, 0\] is 1\.2, but with from_logits = false the input must hold probabilities/);
  });

  it('gives the same answer through from_logits as on softmaxed probabilities', () => {
    const x = [[[0.3, -1]], [[2, 0.5]], [[-0.4, 0.1]]];
    const viaLogits = value({ loss: 'lovasz_softmax', input: [x], target: [[[1, 0]]], params: { from_logits: true } });
    const p = x.map((row) => [row[0]!.map((v, j) => Math.exp(v) / x.reduce((acc, r2) => acc + Math.exp(r2[0]![j]!), 0))]);
    close(viaLogits, value({ loss: 'lovasz_softmax', input: [p], target: [[[1, 0]]] }), 1e-14);
  });
  it('weights a class listed twice twice: [1, 1, 0] is (2·ℓ[1] + ℓ[0])/3, in value and gradient', () => {
    // The loss is a mean over the listed entries, so a repeated class counts once per listing.
    const rng = seededRng(12);
    const input = [[0, 1, 2].map(() => [Array.from({ length: 60 }, () => rng.normal())])];
    const target = [[Array.from({ length: 60 }, () => rng.int(3))]];
    const req = (classes: number[]) => run({ loss: 'lovasz_softmax', input, target, params: { classes, from_logits: true } });
    const both = req([1, 1, 0]);
    const one = req([1]);
    const zero = req([0]);
    close(both.value as number, (2 * (one.value as number) + (zero.value as number)) / 3, 1e-14);
    for (let i = 0; i < both.grad.data.length; i++) close(both.grad.data[i]!, (2 * one.grad.data[i]! + zero.grad.data[i]!) / 3, 1e-12, `grad[${i}]`);
  });
});

describe('DescendingSorter', () => {
  it('orders positions by descending value, stably, across the insertion and radix paths', () => {
    const rng = seededRng(4);
    const sorter = new DescendingSorter();
    for (const n of [1, 5, 48, 49, 200, 5000]) {
      // Mixed signs, zeros of both signs, repeats and near-equal values that share their high word.
      const e = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : i % 11 === 0 ? -0 : i % 5 === 0 ? 1 + i * 1e-12 : rng.normal() * 3));
      const order = Array.from(sorter.order(e, n).subarray(0, n));
      const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => e[b]! - e[a]! || a - b);
      // −0 and +0 compare equal, so compare values with −0 read as 0.
      assert.deepEqual(order.map((i) => e[i]! + 0), want.map((i) => e[i]! + 0));
      assert.equal(new Set(order).size, n);
    }
  });

  it('sorts (value, position) pairs put one by one as order() sorts the values, ties in put order', () => {
    const rng = seededRng(5);
    const sorter = new DescendingSorter();
    for (const n of [7, 48, 300, 4000]) {
      // Values repeat (runs sharing the high word) and positions are sparse, as a kernel puts them.
      const e = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4) / 4 + (rng.next() < 0.3 ? 1e-13 : 0));
      const pos = Array.from({ length: n }, (_, i) => 3 * i + 1);
      const at = new Map(pos.map((q, i) => [q, e[i]!]));
      sorter.reserve(n);
      for (let i = 0; i < n; i++) sorter.put(i, e[i]!, pos[i]!);
      const got = Array.from(sorter.sort(n, { value: (q) => at.get(q)! }).subarray(0, n));
      const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => e[b]! - e[a]! || a - b).map((i) => pos[i]!);
      assert.deepEqual(got, want);
    }
  });
});
