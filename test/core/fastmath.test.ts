// expFast replaces Math.exp in the softmax family's inner loops; it must agree with Math.exp to a few
// ulp everywhere (the golden fixtures then check whole losses against PyTorch at 1e-9).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expFast, TABLE } from '../../core/fastmath.js';
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
