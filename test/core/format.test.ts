/**
 * core/format.ts: the three notations of the "number format" setting. Expected strings are worked
 * out by hand beside each case: round the decimal value to the significant digits (ties away from
 * zero, as ECMAScript's toExponential/toPrecision do), then place the point or write the exponent.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FIXED_LIMIT, formatNumber, NOTATIONS, texNumber, type Notation, type NumberFormat } from '../../core/format.js';

const f = (digits: number, notation: Notation): NumberFormat => ({ digits, notation });

/** [x, digits, auto, fixed, scientific] */
const CASES: [number, number, string, string, string][] = [
  // 0.0000123456 → 4 digits 1234|56 rounds up to 1235, exponent −5; below 1e-4, so auto is scientific.
  [1.23456e-5, 4, '1.235e-5', '0.00001235', '1.235e-5'],
  // 1234.5 is exact in binary, a tie at 4 digits: away from zero, 1235; 4 integer digits fit in 4.
  [1234.5, 4, '1235', '1235', '1.235e+3'],
  [-1234.5, 4, '-1235', '-1235', '-1.235e+3'],
  // 123456.7 → 1235 × 10^2: six integer digits do not fit in 4, so auto writes the exponent; fixed pads with zeros.
  [123456.7, 4, '1.235e+5', '123500', '1.235e+5'],
  // 4 digits of 0.5 are 5000 × 10^-4: trailing zeros are dropped in every notation.
  [0.5, 4, '0.5', '0.5', '5e-1'],
  // 1e6 is auto's upper bound (exclusive), 1e-4 its lower one (inclusive).
  [1e6, 4, '1e+6', '1000000', '1e+6'],
  [1e-4, 4, '0.0001', '0.0001', '1e-4'],
  // The spec's article mean, (−ln 0.7 − ln 0.4 − ln 0.1)/3 = 1.19185…
  [(-Math.log(0.7) - Math.log(0.4) - Math.log(0.1)) / 3, 4, '1.192', '1.192', '1.192e+0'],
  // Fixed gives way to scientific outside [1e-15, 1e15): 9.87654e-20 → 9.877e-20, 1e15 → 1e+15.
  [9.87654e-20, 4, '9.877e-20', '9.877e-20', '9.877e-20'],
  [1e15, 4, '1e+15', '1e+15', '1e+15'],
  // …and stays positional just inside: 1.5e14 is 15 digits, 2.5e-15 has 14 zeros after the point.
  [1.5e14, 4, '1.5e+14', '150000000000000', '1.5e+14'],
  [2.5e-15, 4, '2.5e-15', '0.0000000000000025', '2.5e-15'],
  // One digit: 0.96 rounds to 1 (10^0); 1234.5 to 1 × 10^3.
  [0.96, 1, '1', '1', '1e+0'],
  [1234.5, 1, '1e+3', '1000', '1e+3'],
  // 17 digits show the double itself: the double nearest 0.1 is 0.1000000000000000055511…, whose 17th digit rounds up.
  [0.1, 17, '0.10000000000000001', '0.10000000000000001', '1.0000000000000001e-1'],
];

describe('formatNumber in each notation', () => {
  for (const [x, d, auto, fixed, sci] of CASES) {
    test(`${x} at ${d} digits: ${auto} | ${fixed} | ${sci}`, () => {
      assert.equal(formatNumber(x, f(d, 'auto')), auto);
      assert.equal(formatNumber(x, f(d, 'fixed')), fixed);
      assert.equal(formatNumber(x, f(d, 'scientific')), sci);
    });
  }

  test('a bare digit count is auto notation', () => {
    for (const [x, d, auto] of CASES) assert.equal(formatNumber(x, d), auto);
    assert.equal(formatNumber(1.23456e-5), '1.235e-5', 'default: 4 digits, auto');
  });

  test('non-finite values are spelled out and zero is 0, in every notation', () => {
    for (const n of NOTATIONS) {
      for (const d of [1, 4, 17]) {
        assert.equal(formatNumber(NaN, f(d, n)), 'NaN');
        assert.equal(formatNumber(Infinity, f(d, n)), '∞');
        assert.equal(formatNumber(-Infinity, f(d, n)), '−∞');
        assert.equal(formatNumber(0, f(d, n)), '0');
        assert.equal(formatNumber(-0, f(d, n)), '0');
      }
    }
  });

  test('every notation writes the same rounded number; fixed has no exponent inside its range, scientific always has one', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0);
    fc.assert(fc.property(finite, fc.integer({ min: 1, max: 17 }), (x, d) => {
      // Number.prototype.toPrecision is the independent oracle for "x to d significant digits".
      const want = Number(x.toPrecision(d));
      const a = Math.abs(x);
      const fixed = formatNumber(x, f(d, 'fixed'));
      const sci = formatNumber(x, f(d, 'scientific'));
      const auto = formatNumber(x, f(d, 'auto'));
      for (const s of [fixed, sci, auto]) assert.equal(Number(s), want, `${s} vs ${x}.toPrecision(${d})`);
      assert.match(sci, /^-?[1-9](\.\d*[1-9])?e[+-]\d+$/);
      if (a >= 1 / FIXED_LIMIT && a < FIXED_LIMIT) assert.match(fixed, /^-?\d+(\.\d*[1-9])?$/);
      else assert.equal(fixed, sci);
      // auto is one of the other two: positional only inside [1e-4, 1e6).
      if (a < 1e-4 || a >= 1e6) assert.equal(auto, sci);
      else assert.ok(auto === fixed || auto === sci, `${auto} is neither ${fixed} nor ${sci}`);
    }), { numRuns: 3000 });
  });
});

describe('texNumber in each notation', () => {
  test('an exponent becomes ×10^{e}; positional numbers stay as written', () => {
    assert.equal(texNumber(1.23456e-5, f(4, 'scientific')), '1.235\\times10^{-5}');
    assert.equal(texNumber(1.23456e-5, f(4, 'auto')), '1.235\\times10^{-5}');
    assert.equal(texNumber(1.23456e-5, f(4, 'fixed')), '0.00001235');
    assert.equal(texNumber(1234.5, f(4, 'scientific')), '1.235\\times10^{3}');
    assert.equal(texNumber(1234.5, f(4, 'fixed')), '1235');
    assert.equal(texNumber(9.87654e-20, f(4, 'fixed')), '9.877\\times10^{-20}');
  });

  test('negatives are parenthesised when asked, -0 included', () => {
    assert.equal(texNumber(-1234.5, f(4, 'scientific'), true), '(-1.235\\times10^{3})');
    assert.equal(texNumber(-1234.5, f(4, 'fixed'), true), '(-1235)');
    assert.equal(texNumber(-0, f(4, 'scientific'), true), '(0)');
    assert.equal(texNumber(-1234.5, f(4, 'scientific')), '-1.235\\times10^{3}');
  });

  test('non-finite values in TeX, in every notation', () => {
    for (const n of NOTATIONS) {
      assert.equal(texNumber(NaN, f(4, n)), '\\text{NaN}');
      assert.equal(texNumber(Infinity, f(4, n)), '\\infty');
      assert.equal(texNumber(-Infinity, f(4, n), true), '(-\\infty)');
    }
  });

  test('a bare digit count is auto notation (the loss formulas\' constants)', () => {
    assert.equal(texNumber(0.25), '0.25');
    assert.equal(texNumber(1.23456e-5, 4), '1.235\\times10^{-5}');
    assert.equal(texNumber(-2, 3, true), '(-2)');
  });
});
