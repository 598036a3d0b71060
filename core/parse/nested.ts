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
import type { Localized } from '../localized.js';
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

const TRUNCATION_ADVICE: Record<Flavor, Localized> = {
  numpy: {
    en: 'NumPy summarised this array ("..." stands for the values it left out). Print it whole with np.set_printoptions(threshold=sys.maxsize) and select it again.',
    'zh-cn': 'NumPy 对此数组做了摘要打印（"..." 代表被省略的数值）。请用 np.set_printoptions(threshold=sys.maxsize) 完整打印后重新选择。',
  },
  python: {
    en: 'This print was summarised ("..." stands for the values left out). For NumPy print it whole with np.set_printoptions(threshold=sys.maxsize); for PyTorch with torch.set_printoptions(profile="full"); then select it again.',
    'zh-cn': '此打印输出是摘要形式（"..." 代表被省略的数值）。NumPy 请用 np.set_printoptions(threshold=sys.maxsize) 完整打印，PyTorch 请用 torch.set_printoptions(profile="full")，然后重新选择。',
  },
  torch: {
    en: 'PyTorch summarised this tensor ("..." stands for the values it left out). Print it whole with torch.set_printoptions(profile="full") (or threshold=sys.maxsize) and select it again.',
    'zh-cn': 'PyTorch 对此张量做了摘要打印（"..." 代表被省略的数值）。请用 torch.set_printoptions(profile="full")（或 threshold=sys.maxsize）完整打印后重新选择。',
  },
  tf: {
    en: 'TensorFlow summarised this tensor ("..." stands for the values it left out). TensorFlow prints through NumPy: print it whole with np.set_printoptions(threshold=sys.maxsize), or print t.numpy().tolist(), and select it again.',
    'zh-cn': 'TensorFlow 对此张量做了摘要打印（"..." 代表被省略的数值）。TensorFlow 通过 NumPy 打印：请用 np.set_printoptions(threshold=sys.maxsize) 完整打印，或打印 t.numpy().tolist()，然后重新选择。',
  },
};

export const NUMBER_BEFORE_COMMA: Localized = { en: 'Expected a number before this ",".', 'zh-cn': '此 "," 之前应有一个数字。' };

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

function numberAmongLists(s: Scanner, row: string, at: number): never {
  return s.fail('parse_ragged', {
    en: `Row ${row} is a number, but the other elements at that depth are lists: every row must have the same nesting.`,
    'zh-cn': `行 ${row} 是数字，但同一深度的其他元素是列表：每一行的嵌套层数必须相同。`,
  }, at);
}

const QUOTED: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN], ['nan', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['inf', Infinity], ['-inf', -Infinity],
]);

/** "NaN", "Infinity", "-Infinity" in quotes: the only strings that stand for numbers. */
export function quotedNumber(s: Scanner): number {
  const at = s.pos;
  const v = QUOTED.get(s.readString());
  if (v === undefined) {
    const text = s.text.slice(at, s.pos);
    s.fail('parse_number', {
      en: `${text} is a string, not a number (only "NaN", "Infinity" and "-Infinity" stand for numbers in quotes).`,
      'zh-cn': `${text} 是字符串，不是数字（带引号时只有 "NaN"、"Infinity" 和 "-Infinity" 表示数字）。`,
    }, at);
  }
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
          const row = `${path(counts, depth)}[${counts[depth]}]`;
          s.fail('parse_ragged', {
            en: `Row ${row} is a list, but the other elements at that depth are numbers: every row must have the same nesting.`,
            'zh-cn': `行 ${row} 是列表，但同一深度的其他元素是数字：每一行的嵌套层数必须相同。`,
          }, p);
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
      // depth > 0: the caller starts the reader at a "[" or "(", and the loop ends when it closes.
      const open = opens[depth]!;
      if ((open === Ch.LBracket) !== (c === Ch.RBracket)) {
        const here = s.describeHere(p);
        const opener = open === Ch.LBracket ? '"["' : '"("';
        s.fail('parse_syntax', {
          en: `${here.en} does not close the ${opener} opened at offset ${starts[depth]}.`,
          'zh-cn': `${here['zh-cn']} 不能闭合在偏移量 ${starts[depth]} 处打开的 ${opener}。`,
        }, p);
      }
      const n = counts[depth]!;
      if (n === 0 && leafDepth === -1) leafDepth = depth;
      const expected = lengths[depth]!;
      if (expected === -1) lengths[depth] = n;
      else if (n !== expected) {
        // depth > 1: the outer list closes once, so only inner rows are compared.
        const row = path(counts, depth);
        s.fail('parse_ragged', {
          en: `Row ${row} has ${n} ${n === 1 ? 'element' : 'elements'}, but the first row at that depth has ${expected}: every row must have the same length.`,
          'zh-cn': `行 ${row} 有 ${n} 个元素，但同一深度的第一行有 ${expected} 个：每一行的长度必须相同。`,
        }, starts[depth]!);
      }
      s.pos = p + 1;
      afterComma = false;
      if (--depth === 0) break;
    } else if (c === Ch.Comma) {
      if (afterComma) s.fail('parse_syntax', NUMBER_BEFORE_COMMA, p);
      s.pos = p + 1;
      afterComma = true;
    } else if (c === Ch.Semicolon) {
      if (depth === 1 && leafDepth <= 1) {
        s.pos = listStart;
        return MATRIX;
      }
      s.fail('parse_syntax', {
        en: 'A ";" separates matrix rows only in a flat MATLAB-style list like [1 2; 3 4].',
        'zh-cn': '只有在 [1 2; 3 4] 这样的扁平 MATLAB 风格列表中，";" 才用来分隔矩阵的行。',
      }, p);
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
        numberAmongLists(s, `${path(counts, depth)}[${counts[depth]}]`, p);
      }
      scanNumber(s, values);
      counts[depth]!++;
      afterComma = false;
    } else if (c === Ch.Quote || c === Ch.Apostrophe) {
      // JSON has no NaN or Infinity: writers spell them as strings, as Loss Lens's own JSON does.
      if (leafDepth === -1) leafDepth = depth;
      else if (leafDepth !== depth) {
        numberAmongLists(s, `${path(counts, depth)}[${counts[depth]}]`, p);
      }
      values.push(quotedNumber(s));
      counts[depth]!++;
      afterComma = false;
    } else if (c !== c) {
      const closer = opens[depth] === Ch.LBracket ? '"]"' : '")"';
      s.fail('parse_syntax', {
        en: `The list opened here is not closed: expected ${closer} before the end of the selection.`,
        'zh-cn': `在此处打开的列表没有闭合：在所选内容结束之前应有 ${closer}。`,
      }, starts[depth]!);
    } else {
      const here = s.describeHere(p);
      s.fail('parse_syntax', {
        en: `Expected a number, "," or a bracket in this list, but found ${here.en}.`,
        'zh-cn': `此列表中此处应为数字、"," 或括号，但遇到的是${here['zh-cn']}。`,
      }, p);
    }
  }
  const shape = lengths.slice(1, leafDepth + 1);
  const data = values.finish();
  return { shape, data, integer: allIntegers(data) };
}
