/** Numbers as people read them, in text and in TeX. Non-finite values are spelled out, never hidden. */

/**
 * - `auto`: positional for 1e-4 ≤ |x| < 1e6 when the integer part fits in the significant digits
 *   (1234.5 at 4 digits is 1235, 123456.7 is 1.235e+5), scientific otherwise.
 * - `fixed`: positional, never an exponent, for 1e-15 ≤ |x| < 1e15; beyond that a positional
 *   number is mostly zeros nobody can count, so it is written in scientific notation too.
 * - `scientific`: always d.ddde±x.
 */
export type Notation = 'auto' | 'fixed' | 'scientific';

export const NOTATIONS: readonly Notation[] = ['auto', 'fixed', 'scientific'];

/** How numbers are written: the user's "number format" setting, carried in a payload's `display`. */
export interface NumberFormat {
  /** Significant digits (1–17 from the settings and the payload). */
  readonly digits: number;
  readonly notation: Notation;
}

/** |x| outside [1/FIXED_LIMIT, FIXED_LIMIT) is written in scientific notation even when `fixed` is asked for. */
export const FIXED_LIMIT = 1e15;

/**
 * A bare digit count means that many digits in auto notation: the loss formulas' TeX constants,
 * which the core writes before any display setting is known, are given that way.
 */
function formatOf(f: NumberFormat | number): NumberFormat {
  return typeof f === 'number' ? { digits: f, notation: 'auto' } : f;
}

/** |x| rounded to `digits` significant digits: its digit string (trailing zeros kept) and decimal exponent. */
function rounded(a: number, digits: number): { sig: string; exp: number } {
  // toExponential rounds the exact binary value (ties away from zero), like toPrecision: every
  // notation shows the same digits, only placed differently.
  const [m, e] = a.toExponential(digits - 1).split('e');
  return { sig: m.replace('.', ''), exp: Number(e) };
}

function scientific(sig: string, exp: number): string {
  const m = sig.replace(/0+$/, '');
  return `${m[0]}${m.length > 1 ? `.${m.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

function positional(sig: string, exp: number): string {
  if (sig.length <= exp + 1) return sig + '0'.repeat(exp + 1 - sig.length);
  const s = exp < 0 ? `0.${'0'.repeat(-exp - 1)}${sig}` : `${sig.slice(0, exp + 1)}.${sig.slice(exp + 1)}`;
  return s.replace(/\.?0+$/, '');
}

export function formatNumber(x: number, format: NumberFormat | number = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  // Zero has no exponent to show, in any notation.
  if (x === 0) return '0';
  const { digits, notation } = formatOf(format);
  const d = Math.min(100, Math.max(1, Math.round(digits)));
  const a = Math.abs(x);
  const { sig, exp } = rounded(a, d);
  const fixed = notation === 'fixed' ? a >= 1 / FIXED_LIMIT && a < FIXED_LIMIT : notation === 'auto' && a >= 1e-4 && a < 1e6 && exp < d;
  return (x < 0 ? '-' : '') + (fixed ? positional(sig, exp) : scientific(sig, exp));
}

/** TeX for a number: `\infty`, `\text{NaN}`, `1.2\times10^{-5}`; negatives parenthesised when asked. */
export function texNumber(x: number, format: NumberFormat | number = 3, parenNegative = false): string {
  let s: string;
  if (Number.isNaN(x)) s = '\\text{NaN}';
  else if (x === Infinity) s = '\\infty';
  else if (x === -Infinity) s = '-\\infty';
  else {
    const plain = formatNumber(x, format);
    const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(plain);
    s = m ? `${m[1]}\\times10^{${Number(m[2])}}` : plain;
  }
  return parenNegative && (x < 0 || Object.is(x, -0)) ? `(${s})` : s;
}
