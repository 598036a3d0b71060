/**
 * e^x for the softmax family's inner loops. V8's Math.exp is a call out of JIT-compiled code (about
 * 10 ns here), which made 10^6-logit kernels slower than PyTorch's vectorised ones; this inlines.
 * (A table log written the same way was slower than Math.log once inlined into a kernel: the
 * float-to-bits round trip through a typed array costs more than it saves, so there is none.)
 *
 * Table method (as glibc's exp): x = (k·N + j)·ln2/N + r with |r| ≤ ln2/(2N), N = 256, so
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
const LN2_N_HI = 6.93147180369123816490e-1 / N;
const LN2_N_LO = 1.90821492927058770002e-10 / N;

export function expFast(x: number): number {
  if (!(x > -708 && x < 708)) return Math.exp(x);
  const kd = x * N_OVER_LN2 + ROUND - ROUND;
  const r = x - kd * LN2_N_HI - kd * LN2_N_LO;
  const k = kd | 0;
  const j = k & (N - 1);
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return TABLE[j] * p * POW2[((k - j) >> 8) + 1100];
}

