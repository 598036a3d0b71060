// expFast replaces Math.exp in the softmax family's inner loops; it must agree with Math.exp to a few
// ulp everywhere (the golden fixtures then check whole losses against PyTorch at 1e-9).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expFast, expNear, expNegAt, softplusFraction, softplusIndex, softplusNear, softplusNegAt, TABLE } from '../../core/fastmath.js';
import { seededRng } from '../../core/rng.js';

const f64 = new Float64Array(2);
const i64 = new BigInt64Array(f64.buffer);
function ulpDistance(a: number, b: number): number {
  f64[0] = a;
  f64[1] = b;
  return Math.abs(Number(i64[0] - i64[1]));
}

describe('expFast', () => {
  it('tabulates 2^(j/256) correctly rounded: the interval of half an ulp around each entry, raised to the 256th power, holds 2^j (exact integer arithmetic)', () => {
    assert.equal(TABLE.length, 256);
    for (let j = 0; j < 256; j++) {
      const t = TABLE[j]!;
      // t in [1, 2) is M·2^-52 with M an integer; half an ulp either side is (2M ∓ 1)·2^-53.
      assert.ok(t >= 1 && t < 2, `entry ${j} = ${t}`);
      const M = BigInt(t * 2 ** 52);
      const lo = (2n * M - 1n) ** 256n;
      const hi = (2n * M + 1n) ** 256n;
      const want = 2n ** BigInt(j + 53 * 256);
      assert.ok(lo <= want && want <= hi, `entry ${j} = ${t} is not 2^(${j}/256) correctly rounded`);
    }
  });

  it('is within 3 ulp of Math.exp over the whole finite range and near 0', () => {
    const rng = seededRng(7);
    let worst = 0;
    let at = 0;
    for (let i = 0; i < 200000; i++) {
      const scale = [1e-12, 1e-3, 1, 30, 708][i % 5];
      const x = (2 * rng.next() - 1) * scale;
      const d = ulpDistance(expFast(x), Math.exp(x));
      if (d > worst) {
        worst = d;
        at = x;
      }
    }
    assert.ok(worst <= 3, `worst ${worst} ulp at x = ${at}`);
  });

  it('keeps Math.exp\'s special values: overflow, underflow into subnormals, ±∞, NaN, ±0', () => {
    for (const x of [0, -0, 708, -708, 709.7, 709.8, 1000, -745, -746, -1000, Infinity, -Infinity]) {
      assert.equal(expFast(x), Math.exp(x), `x = ${x}`);
    }
    assert.ok(Number.isNaN(expFast(NaN)));
    assert.equal(expFast(0), 1);
    assert.equal(expFast(-Infinity), 0);
  });
});

describe('expNear and the softplus helpers (one table read for |x| < 22)', () => {
  it('expNear is expFast bit for bit, inside the wide table, across its edge and beyond', () => {
    const rng = seededRng(11);
    for (let i = 0; i < 200000; i++) {
      const scale = [1, 5, 21.99, 22.01, 40, 708][i % 6];
      const x = (2 * rng.next() - 1) * scale;
      assert.equal(expNear(x), expFast(x), `x = ${x}`);
    }
    for (const x of [0, -0, 22, -22, 21.999999999999996, -21.999999999999996, 708, -708, 1000, -1000, Infinity, -Infinity]) {
      assert.equal(expNear(x), expFast(x), `x = ${x}`);
    }
    assert.ok(Number.isNaN(expNear(NaN)));
  });

  function softplus(u: number): { e: number; sp: number } {
    const m = softplusIndex(u);
    const q = softplusFraction(u, m);
    return { e: expNegAt(m | 0, q), sp: softplusNegAt(m | 0, q) };
  }

  it('gives e^(−u) with expFast(−u)\'s bits and ln(1 + e^(−u)) within 3 ulp of Math.log1p(Math.exp(−u)), for u in [0, 22)', () => {
    const rng = seededRng(12);
    let worst = 0;
    let at = 0;
    for (let i = 0; i < 200000; i++) {
      const u = i % 2 ? 22 * rng.next() : 2 ** (-40 * rng.next());
      assert.ok(softplusNear(u));
      const { e, sp } = softplus(u);
      assert.equal(e, expFast(-u), `u = ${u}`);
      // Each side within 2 ulp of the true value (Math's within 1: fdlibm).
      const d = ulpDistance(sp, Math.log1p(Math.exp(-u)));
      if (d > worst) {
        worst = d;
        at = u;
      }
    }
    assert.ok(worst <= 3, `worst ${worst} ulp at u = ${at}`);
    assert.ok(!softplusNear(22) && !softplusNear(Infinity) && !softplusNear(NaN));
  });

  it('is within 2 ulp of ln(1 + e^(−u)) computed exactly (mpmath 1.3.0 at 200 bits: log1p(exp(−u)))', () => {
    const want: [number, number][] = [
      [0, 0.6931471805599453], [2 ** -30, 0.693147180094284], [0.001, 0.6926473055599401], [0.5, 0.4740769841801067],
      [1, 0.3132616875182228], [2.5, 0.07888973429254963], [7.25, 0.0007099223343393073], [15, 3.059022737137205e-7],
      [21.99, 2.8175027128813016e-10],
    ];
    for (const [u, v] of want) assert.ok(ulpDistance(softplus(u).sp, v) <= 2, `u = ${u}: ${softplus(u).sp} against ${v}`);
  });
});
