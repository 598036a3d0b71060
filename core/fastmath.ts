/**
 * e^x and ln x for the softmax family's inner loops. V8's Math.exp and Math.log are calls out of
 * JIT-compiled code (about 10 ns each here), which made 10^6-element kernels slower than PyTorch's
 * vectorised ones; these inline. Both stay within a few ulp of V8's (test/core/fastmath.test.ts).
 *
 * exp: table method (as glibc's exp): x = (k·N + j)·ln2/N + r with |r| ≤ ln2/(2N), N = 256, so
 * e^x = 2^k · 2^(j/N) · e^r, with e^r from a degree-5 polynomial (truncation error < 1e-19 at
 * |r| ≤ 0.00136) and ln2/N split Cody–Waite style so that the reduction is exact. Within 3 ulp of
 * Math.exp (test/core/fastexp.test.ts), far inside the 1e-9 the contract asks. Outside |x| < 708
 * (overflow, subnormal results, ±∞, NaN) it defers to Math.exp.
 */

const N = 256;
const TABLE = (() => {
  const t = new Float64Array(N);
  for (let j = 0; j < N; j++) t[j] = 2 ** (j / N);
  return t;
})();
/** 2^e for the integer part, e in [-1100, 1099]: one exact multiplication. */
const POW2 = (() => {
  const t = new Float64Array(2200);
  for (let e = -1100; e < 1100; e++) t[e + 1100] = 2 ** e;
  return t;
})();
/** Adding and subtracting 1.5·2^52 rounds a double to the nearest integer. */
const ROUND = 6755399441055744;
const N_OVER_LN2 = N / Math.LN2;
// fdlibm's split of ln 2: the high part has 32 significant bits, so k·HI is exact for |k| < 2^21.
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LN2_N_HI = LN2_HI / N;
const LN2_N_LO = LN2_LO / N;

export function expFast(x: number): number {
  if (!(x > -708 && x < 708)) return Math.exp(x);
  const kd = x * N_OVER_LN2 + ROUND - ROUND;
  const r = x - kd * LN2_N_HI - kd * LN2_N_LO;
  const k = kd | 0;
  const j = k & (N - 1);
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return TABLE[j] * p * POW2[((k - j) >> 8) + 1100];
}

// ln x by a table of 256 mantissa buckets: x = 2^e·m with m ∈ [0.75, 1.5) (so that no bucket's
// ln c cancels against e·ln2), c_j = the centre of m's bucket (few significant bits, so m − c_j is
// exact), ln x = e·ln2 + ln c_j + log1p(r) with r = (m − c_j)/c_j, |r| < 2^−9, and log1p(r) by its
// series to r^7 (truncation below 2^−63·|r|). Right around x = 1 the sum would still cancel, so
// there (and for 0, negatives, subnormals, ∞, NaN) it defers to Math.log.
const LOG_C = new Float64Array(256);
const LOG_INV_C = new Float64Array(256);
const LOG_LN_C = new Float64Array(256);
/** Buckets with m ≥ 1.5 are halved: m/2 ∈ [0.75, 1), one more power of two. */
const LOG_HALVE = new Uint8Array(256);
for (let j = 0; j < 256; j++) {
  const halve = j >= 128 ? 1 : 0;
  const c = (1 + (j + 0.5) / 256) / (1 + halve);
  LOG_HALVE[j] = halve;
  LOG_C[j] = c;
  LOG_INV_C[j] = 1 / c;
  LOG_LN_C[j] = Math.log(c);
}
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
// The high word (sign, exponent, top of the mantissa) is word 1 on little-endian machines.
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

export function logFast(x: number): number {
  if (!(x >= 2.2250738585072014e-308 && x < 1.7976931348623157e308) || (x > 0.9921875 && x < 1.0078125) || !LITTLE_ENDIAN) return Math.log(x);
  BITS[0] = x;
  const hi = WORDS[1];
  const j = (hi >>> 12) & 255;
  const h = LOG_HALVE[j];
  const e = (hi >>> 20) - 1023 + h;
  // m = x / 2^e, exactly (a power-of-two scaling of a normal number).
  const r = (x * POW2[1100 - e] - LOG_C[j]) * LOG_INV_C[j];
  const tail = r * r * (-0.5 + r * (1 / 3 + r * (-0.25 + r * (0.2 + r * (-1 / 6 + r * (1 / 7))))));
  return e * LN2_HI + LOG_LN_C[j] + (r + (tail + e * LN2_LO));
}
