/**
 * One number token in any of the formats: JSON and Python literals (`1_000`, `.5`, `1e-3`, `True`),
 * the non-finite spellings each library prints (`inf`, `nan`, `Infinity`, `NaN`, `float('inf')`,
 * `math.inf`, `np.nan`, `torch.inf`), and one-argument scalar wrappers (`np.float64(0.5)`).
 *
 * Values are exact: a token with at most 15 digits and a decimal exponent within ±22 is
 * an exactly representable integer divided (or multiplied) by an exactly representable power of
 * ten, and one IEEE division is correctly rounded (Clinger's fast path); every other token goes to
 * `Number()`, which is correctly rounded too.
 */
import * as scanner from './scanner.js';
import type { Scanner } from './scanner.js';
import { Values } from './values.js';
import type { Localized } from '../localized.js';

const { Ch, isDelimiter, isDigit, isIdentStart } = scanner;

/** `"1.2.3" is not a number.`: `token` is the offending text as the message quotes it. */
function notANumber(s: Scanner, token: Localized | string, at: number): never {
  const t = typeof token === 'string' ? { en: token, 'zh-cn': token } : token;
  return s.fail('parse_number', { en: `${t.en} is not a number.`, 'zh-cn': `${t['zh-cn']} 不是数字。` }, at);
}

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

const WORDS: ReadonlyMap<string, number> = new Map([
  ['inf', Infinity], ['Inf', Infinity], ['INF', Infinity], ['Infinity', Infinity], ['infinity', Infinity],
  ['nan', NaN], ['NaN', NaN], ['NAN', NaN], ['Nan', NaN],
  ['True', 1], ['False', 0], ['true', 1], ['false', 0],
  // NumPy's bool scalars, as NumPy 2 prints them (np.True_).
  ['True_', 1], ['False_', 0],
]);

/** Module prefixes whose `.inf`/`.nan`/`.pi`-style constants read as numbers. */
const CONSTANT_MODULES = new Set(['math', 'np', 'numpy', 'torch', 'jnp', 'tf', 'float']);

/** Whether a number (or a word that may be one) can start with this char. */
export function startsNumber(c: number): boolean {
  return isDigit(c) || c === Ch.Minus || c === Ch.Plus || c === Ch.Dot;
}

const scratch = new Values(1);

/** Reads the number (or number word) at the cursor; the caller has checked it starts a number or an identifier. */
export function readNumber(s: Scanner): number {
  scratch.clear();
  scanNumber(s, scratch);
  return scratch.last();
}

/**
 * As readNumber, appending the value to `out`: the value goes straight into a Float64Array, never
 * boxed as a heap number on the way out of a call too large to inline (a million numbers would
 * otherwise allocate a million heap objects).
 */
export function scanNumber(s: Scanner, out: Values): void {
  const t = s.text;
  const start = s.pos;
  let p = start;
  let c = t.charCodeAt(p);
  let negative = false;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45 /* - */;
    c = t.charCodeAt(++p);
    if (isIdentStart(c)) {
      s.pos = p;
      out.push(readWord(s, start));
      return;
    }
  } else if (isIdentStart(c)) {
    out.push(readWord(s, start));
    return;
  }
  // Digits go into the mantissa while it stays exact (15 digits, leading zeros included: rarer
  // tokens take Number()). Char codes are literals here: this is the innermost loop of every format.
  let mantissa = 0;
  let digits = 0;
  let exp10 = 0;
  let underscore = false;
  const end = s.end;
  while (p < end) {
    c = t.charCodeAt(p);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      if (++digits <= 15) mantissa = mantissa * 10 + d;
      p++;
    } else if (c === 95 /* _ */ && digits > 0 && isDigit(t.charCodeAt(p + 1))) {
      underscore = true;
      p++;
    } else break;
  }
  const intDigits = digits;
  if (c === 46 /* . */) {
    p++;
    while (p < end) {
      c = t.charCodeAt(p);
      const d = c - 48;
      if (d >= 0 && d <= 9) {
        if (++digits <= 15) mantissa = mantissa * 10 + d;
        exp10--;
        p++;
      } else if (c === 95 /* _ */ && isDigit(t.charCodeAt(p + 1)) && isDigit(t.charCodeAt(p - 1)) && digits > intDigits) {
        underscore = true;
        p++;
      } else break;
    }
  }
  if (digits === 0) {
    s.steps += p - start + 1;
    notANumber(s, s.describeHere(start), start);
  }
  if (c === 101 /* e */ || c === 69 /* E */) {
    let q = p + 1;
    let ec = t.charCodeAt(q);
    let eneg = false;
    if (ec === 45 /* - */ || ec === 43 /* + */) {
      eneg = ec === 45 /* - */;
      ec = t.charCodeAt(++q);
    }
    if (!isDigit(ec)) {
      const here = s.describeHere(start);
      s.fail('parse_number', { en: `${here.en} is not a number: its exponent has no digits.`, 'zh-cn': `${here['zh-cn']} 不是数字：它的指数部分没有数字。` }, start);
    }
    let e = 0;
    while (q < s.end && isDigit((ec = t.charCodeAt(q)))) {
      if (e < 100000) e = e * 10 + (ec - 48);
      q++;
    }
    exp10 += eneg ? -e : e;
    p = q;
  }
  s.steps += p - start + 1;
  if (!isDelimiter(t.charCodeAt(p))) {
    while (p < s.end && !isDelimiter(t.charCodeAt(p))) p++;
    notANumber(s, `"${t.slice(start, p)}"`, start);
  }
  s.pos = p;
  if (digits <= 15 && exp10 >= -22 && exp10 <= 22 && !underscore) {
    const v = exp10 < 0 ? mantissa / POW10[-exp10]! : mantissa * POW10[exp10]!;
    out.push(negative ? -v : v);
    return;
  }
  const token = t.slice(start, p);
  out.push(Number(underscore ? token.replace(/_/g, '') : token));
}

/** `inf`, `True`, `math.inf`, `float('nan')`, `np.float32(0.5)`: the cursor is at the word, `start` at its sign if any. */
function readWord(s: Scanner, start: number): number {
  const wordStart = s.pos;
  const name = s.readName();
  const known = WORDS.get(name);
  if (known !== undefined) return finishWord(s, known, start);
  const dot = name.lastIndexOf('.');
  if (dot > 0 && CONSTANT_MODULES.has(name.slice(0, dot))) {
    const v = WORDS.get(name.slice(dot + 1));
    if (v !== undefined) return finishWord(s, v, start);
    if (name.slice(dot + 1) === 'pi') return finishWord(s, Math.PI, start);
    if (name.slice(dot + 1) === 'e') return finishWord(s, Math.E, start);
  }
  if (s.peek() === Ch.LParen) {
    // float('inf'), float("-nan"), np.float64(0.25), torch.tensor(1.5): a call of one number.
    s.pos++;
    s.skipSpace(true);
    const q = s.peek();
    let v: number;
    if (q === Ch.Quote || q === Ch.Apostrophe) {
      const inner = s.readString().trim();
      const sign = inner.startsWith('-') ? -1 : 1;
      const body = inner.replace(/^[+-]/, '');
      const w = WORDS.get(body.toLowerCase() === 'infinity' ? 'inf' : body.toLowerCase());
      const n = w !== undefined ? w : body !== '' && /^[0-9._]*([eE][+-]?[0-9]+)?$/.test(body) ? Number(body.replace(/_/g, '')) : NaN;
      if (w === undefined && Number.isNaN(n)) notANumber(s, `${name}(${JSON.stringify(inner)})`, wordStart);
      v = sign * n;
    } else {
      v = readNumber(s);
    }
    s.skipSpace(true);
    if (s.peek() === Ch.Comma) {
      // np.float32(0.5, ...) is not a scalar; tensor(0.5, dtype=...) is handled by the repr reader.
      s.fail('parse_syntax', { en: `${name}(...) with more than one argument is not a number.`, 'zh-cn': `带有多个参数的 ${name}(...) 不是数字。` }, wordStart);
    }
    s.expect(Ch.RParen, { en: `")" closing ${name}(`, 'zh-cn': `闭合 ${name}( 的 ")"` });
    return finishWord(s, v, start);
  }
  const word = `"${s.text.slice(start, s.pos)}"`;
  return s.fail('parse_number', { en: `${word} is not a number (numbers, inf, nan, True and False are).`, 'zh-cn': `${word} 不是数字（数字、inf、nan、True 和 False 才是）。` }, start);
}

function finishWord(s: Scanner, v: number, start: number): number {
  if (!isDelimiter(s.peek())) notANumber(s, s.describeHere(start), start);
  const negative = s.text.charCodeAt(start) === Ch.Minus;
  return negative ? -v : v;
}
