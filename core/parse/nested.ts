/**
 * Nested lists of numbers, whichever way they are written: JSON arrays, Python lists and tuples
 * (trailing commas, comments), NumPy's print (`[[0.1 0.9]\n [0.3 0.7]]`, no commas) and the list
 * inside any repr. MATLAB/Julia rows (`[1 2; 3 4]`) are read by matrix.ts: this reader hands over at
 * the first `;` of a flat list.
 *
 * The reader is iterative (an explicit depth stack), so a selection of ten thousand `[` is an error
 * message, not a stack overflow. Every list at one depth must have the length of the first one there.
 */
import * as number from './number.js';
import * as scanner from './scanner.js';
import type { Scanner } from './scanner.js';
import { allIntegers, Values } from './values.js';

const { Ch, isIdentStart } = scanner;
const { scanNumber } = number;

/** Whose print the list comes from: decides the advice when the print is truncated. */
export type Flavor = 'numpy' | 'torch' | 'tf' | 'python';

export interface Read {
  readonly shape: number[];
  readonly data: Float64Array;
  readonly integer: boolean;
}

/** Returned when a flat list turns out to be a MATLAB matrix: the caller re-reads it with matrix.ts. */
export const MATRIX = Symbol('matrix');

const TRUNCATION_ADVICE: Record<Flavor, string> = {
  numpy: 'NumPy summarised this array ("..." stands for the values it left out). Print it whole with np.set_printoptions(threshold=sys.maxsize) and select it again.',
  python: 'This print was summarised ("..." stands for the values left out). For NumPy print it whole with np.set_printoptions(threshold=sys.maxsize); for PyTorch with torch.set_printoptions(profile="full"); then select it again.',
  torch: 'PyTorch summarised this tensor ("..." stands for the values it left out). Print it whole with torch.set_printoptions(profile="full") (or threshold=sys.maxsize) and select it again.',
  tf: 'TensorFlow summarised this tensor ("..." stands for the values it left out). TensorFlow prints through NumPy: print it whole with np.set_printoptions(threshold=sys.maxsize), or print t.numpy().tolist(), and select it again.',
};

export function truncated(s: Scanner, flavor: Flavor, at: number): never {
  return s.fail('parse_truncated', TRUNCATION_ADVICE[flavor], at);
}

function restOfLineBlank(s: Scanner, p: number): boolean {
  for (;;) {
    const c = s.at(p);
    if (c === Ch.Space || c === Ch.Tab) p++;
    else return c === Ch.Newline || c === Ch.Return || c === Ch.Percent || c === Ch.Hash;
  }
}

function path(counts: readonly number[], depth: number): string {
  let p = '';
  for (let d = 1; d < depth; d++) p += `[${counts[d]! - 1}]`;
  return p;
}

const QUOTED: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN], ['nan', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['inf', Infinity], ['-inf', -Infinity],
]);

/** "NaN", "Infinity", "-Infinity" in quotes: the only strings that stand for numbers. */
export function quotedNumber(s: Scanner): number {
  const at = s.pos;
  const v = QUOTED.get(s.readString());
  if (v === undefined) s.fail('parse_number', `${s.text.slice(at, s.pos)} is a string, not a number (only "NaN", "Infinity" and "-Infinity" stand for numbers in quotes).`, at);
  return v;
}

/** Reads the list whose `[` or `(` is at the cursor. */
export function readNested(s: Scanner, flavor: Flavor): Read | typeof MATRIX {
  const t = s.text;
  const listStart = s.pos;
  const values = new Values();
  // Per depth (1 = the outer list): elements so far, opening char, start offset; lengths[d] is the
  // length every list at depth d must have (-1 until the first one closes).
  const counts: number[] = [0];
  const opens: number[] = [0];
  const starts: number[] = [0];
  const lengths: number[] = [-1];
  let leafDepth = -1;
  let depth = 0;
  // Whether the last thing read was a comma (or an opening bracket): a second comma is an empty element.
  let afterComma = true;
  for (;;) {
    s.skipSpace(true);
    const p = s.pos;
    const c = t.charCodeAt(p);
    s.steps++;
    // The common case first, with literal char codes: a run of numbers among numbers, each
    // followed by spaces, at most one comma and more spaces or line breaks.
    if (((c >= 48 && c <= 57) || c === 45) && leafDepth === depth) {
      let n = 0;
      for (;;) {
        scanNumber(s, values);
        n++;
        const from = s.pos;
        let q = from;
        let d = t.charCodeAt(q);
        while (d === 32) d = t.charCodeAt(++q);
        afterComma = d === 44; /* , */
        if (afterComma) d = t.charCodeAt(++q);
        while (d === 32 || d === 10 || d === 13) d = t.charCodeAt(++q);
        s.steps += q - from;
        s.pos = q;
        if (!((d >= 48 && d <= 57) || d === 45)) break;
      }
      counts[depth]! += n;
      continue;
    }
    if (c === Ch.LBracket || c === Ch.LParen) {
      if (depth > 0) {
        if (leafDepth !== -1 && depth >= leafDepth) {
          s.fail('parse_ragged', `Row ${path(counts, depth)}[${counts[depth]}] is a list, but the other elements at that depth are numbers: every row must have the same nesting.`, p);
        }
        counts[depth]!++;
      }
      depth++;
      if (counts.length <= depth) {
        counts.push(0);
        opens.push(0);
        starts.push(0);
        lengths.push(-1);
      }
      counts[depth] = 0;
      opens[depth] = c;
      starts[depth] = p;
      s.pos = p + 1;
      afterComma = true;
    } else if (c === Ch.RBracket || c === Ch.RParen) {
      if (depth === 0) s.fail('parse_syntax', `Unexpected ${s.describeHere(p)}: no list is open here.`, p);
      const open = opens[depth]!;
      if ((open === Ch.LBracket) !== (c === Ch.RBracket)) {
        s.fail('parse_syntax', `${s.describeHere(p)} does not close the ${open === Ch.LBracket ? '"["' : '"("'} opened at offset ${starts[depth]}.`, p);
      }
      const n = counts[depth]!;
      if (n === 0 && leafDepth === -1) leafDepth = depth;
      const expected = lengths[depth]!;
      if (expected === -1) lengths[depth] = n;
      else if (n !== expected) {
        const row = depth === 1 ? 'The list' : `Row ${path(counts, depth)}`;
        s.fail('parse_ragged', `${row} has ${n} ${n === 1 ? 'element' : 'elements'}, but the first row at that depth has ${expected}: every row must have the same length.`, starts[depth]!);
      }
      s.pos = p + 1;
      afterComma = false;
      if (--depth === 0) break;
    } else if (c === Ch.Comma) {
      if (afterComma) s.fail('parse_syntax', 'Expected a number before this ",".', p);
      s.pos = p + 1;
      afterComma = true;
    } else if (c === Ch.Semicolon) {
      if (depth === 1 && leafDepth <= 1) {
        s.pos = listStart;
        return MATRIX;
      }
      s.fail('parse_syntax', 'A ";" separates matrix rows only in a flat MATLAB-style list like [1 2; 3 4].', p);
    } else if (c === Ch.Dot && t.charCodeAt(p + 1) === Ch.Dot && t.charCodeAt(p + 2) === Ch.Dot) {
      // MATLAB continues a row with "..." at the end of a line; matrix.ts accepts that only in a
      // matrix with ";" rows, so a wrapped summarised NumPy print still reads as truncated.
      if (flavor === 'python' && depth === 1 && leafDepth <= 1 && restOfLineBlank(s, p + 3)) {
        s.pos = listStart;
        return MATRIX;
      }
      truncated(s, flavor, p);
    } else if ((c >= Ch.D0 && c <= Ch.D9) || c === Ch.Minus || c === Ch.Dot || c === Ch.Plus || isIdentStart(c)) {
      if (leafDepth === -1) leafDepth = depth;
      else if (leafDepth !== depth) {
        s.fail('parse_ragged', `Row ${path(counts, depth)}[${counts[depth]}] is a number, but the other elements at that depth are lists: every row must have the same nesting.`, p);
      }
      scanNumber(s, values);
      counts[depth]!++;
      afterComma = false;
    } else if (c === Ch.Quote || c === Ch.Apostrophe) {
      // JSON has no NaN or Infinity: writers spell them as strings, as Loss Lens's own JSON does.
      if (leafDepth === -1) leafDepth = depth;
      else if (leafDepth !== depth) {
        s.fail('parse_ragged', `Row ${path(counts, depth)}[${counts[depth]}] is a number, but the other elements at that depth are lists: every row must have the same nesting.`, p);
      }
      values.push(quotedNumber(s));
      counts[depth]!++;
      afterComma = false;
    } else if (c !== c) {
      s.fail('parse_syntax', `The list opened here is not closed: expected ${opens[depth] === Ch.LBracket ? '"]"' : '")"'} before the end of the selection.`, starts[depth]!);
    } else {
      s.fail('parse_syntax', `Expected a number, "," or a bracket in this list, but found ${s.describeHere(p)}.`, p);
    }
  }
  const shape = lengths.slice(1, leafDepth + 1);
  const data = values.finish();
  return { shape, data, integer: allIntegers(data) };
}
