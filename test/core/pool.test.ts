// The array pool (core/pool.ts): what release may take back, that it detaches what it takes, that
// recycled memory is reused, and that no loss notices whether its arrays were fresh or recycled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTRA_NAMES, type AnyLoss, type LossInputs, type LossOutput, type Reduction } from '../../core/loss.js';
import { resolveParams } from '../../core/params.js';
import { drainPool, MAX_BUFFERS, MAX_BYTES, poolStats, release, takeArray, takeZeroed, THRESHOLD } from '../../core/pool.js';
import { getLoss, LOSSES } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';

const BIG = 4 * THRESHOLD;

/** An output holding `data` as its gradient, for exercising release without a loss. */
function holding(data: Float64Array, extra: Partial<Record<'input2', Tensor>> = {}): LossOutput {
  return { value: 0, unreduced: { shape: [0], data: new Float64Array(0) }, grad: { shape: [data.length], data }, gradExtra: extra, intermediates: [] };
}

function resolved(loss: AnyLoss, inputs: LossInputs, given: unknown): Record<string, unknown> {
  const classes = loss.classes?.(inputs.input);
  return resolveParams(loss.params, given as Record<string, unknown> | undefined, { inputShape: inputs.input.shape, ...(classes !== undefined ? { classes } : {}) }, loss.id) as Record<string, unknown>;
}

describe('array pool', () => {
  it('detaches a released gradient: the old view reads length 0, not later numbers', () => {
    drainPool();
    const mse = getLoss('mse_loss');
    const x = { shape: [BIG], data: Float64Array.from({ length: BIG }, (_, i) => i / BIG) };
    const y = { shape: [BIG], data: new Float64Array(BIG) };
    const out = mse.compute({ input: x, target: y, extra: {} }, {}, 'mean');
    const grad = out.grad.data;
    assert.equal(grad.length, BIG);
    release(out);
    assert.equal(grad.length, 0);
    assert.equal(grad[0], undefined);
    assert.equal(poolStats().buffers, 1);
  });

  it('hands the released memory to the next evaluation of the same size', () => {
    drainPool();
    const mse = getLoss('mse_loss');
    const x = { shape: [BIG], data: Float64Array.from({ length: BIG }, (_, i) => i) };
    const inputs = { input: x, target: x, extra: {} };
    const first = mse.compute(inputs, {}, 'sum');
    release(first);
    // The pool keeps the backing store; a take of that length returns a view of it.
    const idle = takeArray(BIG);
    const marker = 12345.5;
    idle[7] = marker;
    release(holding(idle));
    const second = mse.compute(inputs, {}, 'sum');
    // MSE writes every element: the marker is gone, but the memory is the one released.
    assert.equal(poolStats().buffers, 0);
    assert.equal(second.grad.data[7], 0);
    release(second);
    const again = takeArray(BIG);
    again[3] = marker;
    release(holding(again));
    const third = takeArray(BIG);
    assert.equal(third[3], marker, 'the buffer taken is the one released (its contents survived the round trip)');
  });

  it('never detaches arrays it did not hand out: inputs, module constants, small arrays', () => {
    drainPool();
    const mine = new Float64Array(BIG);
    const small = takeArray(THRESHOLD - 1);
    const other = takeArray(BIG);
    release(holding(mine));
    release(holding(small));
    assert.equal(mine.length, BIG);
    assert.equal(small.length, THRESHOLD - 1);
    assert.equal(poolStats().buffers, 0);
    // A view of part of a pooled buffer is not the whole buffer: it stays where it is.
    release(holding(other.subarray(0, BIG / 2)));
    assert.equal(other.length, BIG);
    // The loss's own input is never taken either, whichever tensor it is passed as.
    const mse = getLoss('mse_loss');
    const x = { shape: [BIG], data: Float64Array.from({ length: BIG }, (_, i) => i) };
    release(mse.compute({ input: x, target: x, extra: {} }, {}, 'none'));
    assert.equal(x.data.length, BIG);
  });

  it('takes back a buffer split into gradients only when the output covers it whole', () => {
    drainPool();
    const both = takeArray(2 * BIG);
    release(holding(both.subarray(0, BIG)));
    assert.equal(both.length, 2 * BIG, 'half a buffer is not released');
    release(holding(both.subarray(0, BIG), { input2: { shape: [BIG], data: both.subarray(BIG) } }));
    assert.equal(both.length, 0);
    assert.equal(poolStats().buffers, 1);
  });

  it('does nothing the second time an output is released', () => {
    drainPool();
    const a = takeArray(BIG);
    const out = holding(a);
    release(out);
    release(out);
    assert.equal(poolStats().buffers, 1);
    const b = takeArray(BIG);
    release(out);
    assert.equal(b.length, BIG, 'a buffer now held by someone else is not taken back through a stale output');
  });

  it('never reads a lazy unreduced getter', () => {
    drainPool();
    let read = false;
    const grad = takeArray(BIG);
    const out: LossOutput = {
      value: 1,
      grad: { shape: [BIG], data: grad },
      gradExtra: {},
      intermediates: [],
      get unreduced(): Tensor {
        read = true;
        return { shape: [0], data: new Float64Array(0) };
      },
    };
    release(out);
    assert.equal(read, false);
    assert.equal(grad.length, 0);
  });

  it('zeroes the zeroed variant even when a dirty buffer came back', () => {
    drainPool();
    const a = takeArray(BIG);
    a.fill(NaN);
    release(holding(a));
    const z = takeZeroed(BIG);
    assert.equal(poolStats().buffers, 0, 'the dirty buffer was reused');
    assert.ok(z.every((v) => Object.is(v, 0)));
  });

  it('keeps at most MAX_BUFFERS buffers and MAX_BYTES bytes', () => {
    drainPool();
    for (let i = 0; i < MAX_BUFFERS + 3; i++) release(holding(takeArray(THRESHOLD + i)));
    assert.equal(poolStats().buffers, MAX_BUFFERS);
    drainPool();
    // Each a third of the byte cap: only two fit.
    const third = Math.floor(MAX_BYTES / 3 / 8);
    for (let i = 0; i < 3; i++) release(holding(takeArray(third + i)));
    assert.ok(poolStats().bytes <= MAX_BYTES);
    assert.equal(poolStats().buffers, 2);
    drainPool();
    assert.deepEqual(poolStats(), { buffers: 0, bytes: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Every loss, fresh memory against recycled memory full of garbage: a kernel that relied on a
// fresh array's zeros (an element it skips) shows up as a difference.
// ---------------------------------------------------------------------------------------------

/** Above the threshold for the input-sized arrays, and for per-row arrays of 10-class inputs. */
const N_ELEMENTS = 12 * THRESHOLD;

interface Snapshot {
  value: number | Float64Array;
  unreduced: Float64Array;
  grad: Float64Array;
  extra: Float64Array[];
}

function snapshot(out: LossOutput): Snapshot {
  return {
    value: typeof out.value === 'number' ? out.value : out.value.data.slice(),
    unreduced: out.unreduced.data.slice(),
    grad: out.grad.data.slice(),
    extra: EXTRA_NAMES.filter((k) => out.gradExtra[k]).map((k) => out.gradExtra[k]!.data.slice()),
  };
}

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}[${i}]: ${a[i]} recycled, ${b[i]} fresh`);
}

/** Fills the arrays an output owns with `junk` and releases it, so the pool holds dirty buffers. */
function dirtyRelease(out: LossOutput, junk: number): void {
  out.grad.data.fill(junk);
  for (const k of EXTRA_NAMES) out.gradExtra[k]?.data.fill(junk);
  const d = Object.getOwnPropertyDescriptor(out, 'unreduced');
  if (d !== undefined && 'value' in d) (d.value as Tensor).data.fill(junk);
  if (typeof out.value !== 'number') out.value.data.fill(junk);
  release(out);
}

/** The sampled request, and variants that reach other paths: each boolean flipped, ignore_index hit. */
function variants(loss: AnyLoss, seed: number): { inputs: LossInputs; given: Record<string, unknown>; name: string }[] {
  const { inputs, params } = loss.sample(seededRng(seed), N_ELEMENTS);
  const base = { ...(params as Record<string, unknown> | undefined) };
  const list = [{ inputs, given: base, name: 'sampled' }];
  const specs = loss.params as Record<string, { default: unknown }>;
  for (const [key, spec] of Object.entries(specs)) {
    if (typeof spec.default === 'boolean') {
      const now = key in base ? base[key] : spec.default;
      list.push({ inputs, given: { ...base, [key]: !now }, name: `${key}=${String(!now)}` });
    }
  }
  // An ignore_index equal to the first target's class: about one row in ten ignored.
  if ('ignore_index' in specs && inputs.target !== null) list.push({ inputs, given: { ...base, ignore_index: inputs.target.data[0] }, name: `ignore_index=${inputs.target.data[0]}` });
  // The other target kind of [N, C] classifiers: one-hot rows (zero target terms) for index targets,
  // each row's largest class for probability rows.
  const t = inputs.target;
  if (loss.target === 'class-indices-or-probabilities' && t !== null && inputs.input.shape.length === 2) {
    const [N, C] = inputs.input.shape as [number, number];
    if (t.shape.length === 1) {
      const oneHot = new Float64Array(N * C);
      for (let r = 0; r < N; r++) oneHot[r * C + t.data[r]!] = 1;
      list.push({ inputs: { ...inputs, target: { shape: [N, C], data: oneHot } }, given: base, name: 'one-hot target' });
    } else {
      const idx = new Float64Array(N);
      for (let r = 0; r < N; r++) for (let c = 1; c < C; c++) if (t.data[r * C + c]! > t.data[r * C + idx[r]!]!) idx[r] = c;
      list.push({ inputs: { ...inputs, target: { shape: [N], data: idx } }, given: base, name: 'index target' });
    }
  }
  return list;
}

describe('recycled memory gives the same bits as fresh memory', () => {
  it('under broadcasting too: the gradient at the broadcast shape is scratch, summed into a zeroed array', () => {
    // input [m, 1] against target [1, 2]: the kernel's gradient is [m, 2] and sumToShape adds pairs into [m, 1].
    const m = 2 * THRESHOLD + 3;
    const rng = seededRng(5);
    const inputs: LossInputs = {
      input: { shape: [m, 1], data: Float64Array.from({ length: m }, () => rng.normal()) },
      target: { shape: [1, 2], data: Float64Array.of(0.25, -1.5) },
      extra: {},
    };
    for (const id of ['mse_loss', 'smooth_l1_loss', 'poisson_nll_loss']) {
      const loss = getLoss(id);
      // Poisson takes counts as its target.
      const req = id === 'poisson_nll_loss' ? { ...inputs, target: { shape: [1, 2], data: Float64Array.of(0, 3) } } : inputs;
      const params = resolved(loss, req, {});
      drainPool();
      const fresh = loss.reductions.map((r) => snapshot(loss.compute(req, params, r)));
      for (const junk of [NaN, 7.25]) {
        for (const r of loss.reductions) dirtyRelease(loss.compute(req, params, r), junk);
        loss.reductions.forEach((r, i) => {
          const out = loss.compute(req, params, r);
          const got = snapshot(out);
          assert.equal(got.grad.length, m);
          sameBits(got.grad, fresh[i]!.grad, `${id} ${r} grad (junk ${junk})`);
          sameBits(got.unreduced, fresh[i]!.unreduced, `${id} ${r} unreduced (junk ${junk})`);
          dirtyRelease(out, junk);
        });
      }
    }
  });

  for (const loss of LOSSES) {
    it(`${loss.id}, every reduction`, () => {
      let ran = 0;
      // Several seeds: some samples draw their mode (Dice: binary, multilabel, multiclass) at random,
      // and ten seeds draw all three.
      const seeds = 'mode' in loss.params ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4];
      const modes = new Set<unknown>();
      for (const seed of seeds) {
        for (const v of variants(loss, seed)) {
          let params: Record<string, unknown>;
          try {
            params = resolved(loss, v.inputs, v.given);
            loss.compute(v.inputs, params, loss.defaultReduction);
          } catch {
            // A variant this sample does not admit (a boolean that needs another target kind).
            continue;
          }
          ran++;
          modes.add(params.mode);
          drainPool();
          const fresh = new Map<Reduction, Snapshot>();
          for (const r of loss.reductions) fresh.set(r, snapshot(loss.compute(v.inputs, params, r)));
          drainPool();
          // Two rounds of garbage (NaN, then a finite number), each reduction after every other's leftovers.
          for (const junk of [NaN, 7.25]) {
            for (const r of loss.reductions) dirtyRelease(loss.compute(v.inputs, params, r), junk);
            for (const r of loss.reductions) {
              const out = loss.compute(v.inputs, params, r);
              const want = fresh.get(r)!;
              const got = snapshot(out);
              const at = `${loss.id} ${v.name} seed ${seed} ${r} (junk ${junk})`;
              if (typeof want.value === 'number') assert.ok(Object.is(got.value, want.value), `${at} value ${String(got.value)} vs ${want.value}`);
              else sameBits(got.value as Float64Array, want.value, `${at} value`);
              sameBits(got.unreduced, want.unreduced, `${at} unreduced`);
              sameBits(got.grad, want.grad, `${at} grad`);
              want.extra.forEach((e, i) => sameBits(got.extra[i]!, e, `${at} grad extra ${i}`));
              dirtyRelease(out, junk);
            }
          }
        }
      }
      assert.ok(ran >= seeds.length, `${loss.id}: at least the sampled request of each seed ran`);
      if ('mode' in loss.params) assert.equal(modes.size, 3, `${loss.id}: every mode drawn`);
    });
  }
});
