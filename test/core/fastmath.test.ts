// expFast and logFast replace Math.exp and Math.log in the softmax family's inner loops; they must
// agree with them to a few ulp everywhere (the golden fixtures then check whole losses against PyTorch at 1e-9).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expFast, logFast } from '../../core/fastmath.js';
import { seededRng } from '../../core/rng.js';

const f64 = new Float64Array(2);
const i64 = new BigInt64Array(f64.buffer);
function ulpDistance(a: number, b: number): number {
  f64[0] = a;
  f64[1] = b;
  return Math.abs(Number(i64[0] - i64[1]));
}

describe('expFast', () => {
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

describe('logFast', () => {
  it('is within 3 ulp of Math.log for probabilities, around 1, and over the whole normal range', () => {
    const rng = seededRng(8);
    let worst = 0;
    let at = 0;
    for (let i = 0; i < 200000; i++) {
      const kind = i % 4;
      const x = kind === 0 ? rng.next() : kind === 1 ? 0.98 + 0.04 * rng.next() : kind === 2 ? Math.exp(1400 * (rng.next() - 0.5)) : 1 - 1e-6 * rng.next();
      const d = ulpDistance(logFast(x), Math.log(x));
      if (d > worst) {
        worst = d;
        at = x;
      }
    }
    assert.ok(worst <= 3, `worst ${worst} ulp at x = ${at}`);
  });

  it("keeps Math.log's special values: 0, negatives, subnormals, ∞, NaN, 1", () => {
    for (const x of [0, -0, 1, 5e-324, 1e-310, Infinity]) assert.equal(logFast(x), Math.log(x), `x = ${x}`);
    for (const x of [Number.MAX_VALUE, 2.2250738585072014e-308]) assert.ok(ulpDistance(logFast(x), Math.log(x)) <= 3, `x = ${x}`);
    for (const x of [-1, -Infinity, NaN]) assert.ok(Number.isNaN(logFast(x)), `x = ${x}`);
  });
});
