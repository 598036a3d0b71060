/**
 * One expression that denotes one tensor: a list (any nesting, or a MATLAB matrix), a scalar
 * number, a library repr or constructor call (repr.ts), optionally followed by value-preserving
 * method calls (`.float()`, `.cuda()`, `.astype(np.float32)`).
 */
import { MATRIX, quotedNumber, readNested, type Flavor, type Read } from './nested.js';
import { readMatrix } from './matrix.js';
import { readNumber } from './number.js';
import { readCall, readTfAngle } from './repr.js';
import { Ch, isIdentStart, type Scanner } from './scanner.js';

/**
 * Methods that change a tensor's device or float precision but not the values as written (the
 * parser keeps every tensor's printed digits as float64 anyway), or that convert to integers or
 * booleans, which the parser applies as PyTorch and NumPy do: truncation toward zero, nonzero is 1.
 */
const KEEPS_VALUES = new Set(['float', 'double', 'half', 'cuda', 'cpu', 'detach', 'numpy', 'clone', 'contiguous', 'requires_grad_', 'copy', 'tolist']);
const TO_INTEGER = new Set(['long', 'int', 'short']);
/** Methods whose arguments name the dtype: `.astype(np.int64)`, `.to(torch.bool)`, `.type(torch.LongTensor)`. */
const DTYPE_ARGUMENT = new Set(['astype', 'to', 'type']);

/** A tensor found in the text: its name (if the text gives one) and its character range. */
export interface Found {
  readonly name: string | null;
  readonly read: Read;
  readonly offset: number;
  readonly end: number;
}

export function readList(s: Scanner, flavor: Flavor): Read {
  const r = readNested(s, flavor);
  return r === MATRIX ? readMatrix(s) : r;
}

export function scalarRead(v: number): Read {
  return { shape: [], data: Float64Array.of(v), integer: Number.isInteger(v) };
}

export function readValue(s: Scanner, flavor: Flavor): Read {
  const c = s.peek();
  let r: Read;
  if (c === Ch.LBracket || c === Ch.LParen) r = readList(s, flavor);
  else if (c === Ch.Less) r = readTfAngle(s);
  else if (c === Ch.Quote || c === Ch.Apostrophe) r = scalarRead(quotedNumber(s));
  else if (isIdentStart(c)) {
    const start = s.pos;
    const name = s.readName();
    s.skipSpace(false);
    if (s.peek() === Ch.LParen && !isScalarConstructor(name)) r = readCall(s, name, start, flavor);
    else {
      s.pos = start;
      r = scalarRead(readNumber(s));
    }
  } else if ((c >= Ch.D0 && c <= Ch.D9) || c === Ch.Minus || c === Ch.Plus || c === Ch.Dot) {
    r = scalarRead(readNumber(s));
  } else if (c !== c) {
    return s.fail('parse_syntax', {
      en: 'Expected a value (a number, a list or a tensor) before the end of the selection.',
      'zh-cn': '在所选内容结束之前应有一个值（数字、列表或张量）。',
    });
  } else {
    const here = s.describeHere();
    return s.fail('parse_syntax', {
      en: `Expected a value (a number, a list or a tensor), but found ${here.en}.`,
      'zh-cn': `此处应为一个值（数字、列表或张量），但遇到的是${here['zh-cn']}。`,
    });
  }
  return applyMethods(s, r);
}

/** float('inf'), np.float32(0.5): calls number.ts reads as one number. */
function isScalarConstructor(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return last === 'float' || last === 'int' || /^(float|int|uint)(16|32|64|8)$/.test(last) || last === 'double';
}

function applyMethods(s: Scanner, r: Read): Read {
  for (;;) {
    const save = s.pos;
    s.skipSpace(false);
    if (s.peek() !== Ch.Dot || !isIdentStart(s.at(s.pos + 1))) {
      s.pos = save;
      return r;
    }
    const at = s.pos;
    s.pos++;
    const method = s.readName();
    s.skipSpace(false);
    let args = '';
    if (s.peek() === Ch.LParen) {
      const open = s.pos;
      skipArguments(s);
      args = s.text.slice(open, s.pos).toLowerCase();
    }
    let convert: 'integer' | 'bool' | null = null;
    if (TO_INTEGER.has(method)) convert = 'integer';
    else if (method === 'bool') convert = 'bool';
    else if (DTYPE_ARGUMENT.has(method)) convert = /bool/.test(args) ? 'bool' : /int|long|short/.test(args) ? 'integer' : null;
    else if (!KEEPS_VALUES.has(method)) {
      s.fail('parse_syntax', {
        en: `.${method} is not applied: Loss Lens reads values, it does not run code. Select the data without .${method}, or print the result and select that.`,
        'zh-cn': `.${method} 不会被执行：Loss Lens 只读取数值，不运行代码。请选择不带 .${method} 的数据，或者把结果打印出来再选择打印的内容。`,
      }, at);
    }
    if (convert) r = converted(s, r, convert, at);
  }
}

function converted(s: Scanner, r: Read, to: 'integer' | 'bool', at: number): Read {
  const data = new Float64Array(r.data.length);
  for (let i = 0; i < data.length; i++) {
    const v = r.data[i]!;
    data[i] = to === 'bool' ? (v !== 0 ? 1 : 0) : Math.trunc(v);
  }
  if (to === 'integer' && data.some((v) => !Number.isFinite(v))) {
    // PyTorch and NumPy give an arbitrary integer for inf and nan: there is no right number to show.
    s.fail('parse_number', {
      en: 'Converting inf or nan to an integer has no defined value: remove the integer conversion or the non-finite values.',
      'zh-cn': '把 inf 或 nan 转换为整数没有确定的值：请去掉整数转换，或去掉非有限值。',
    }, at);
  }
  return { shape: r.shape, data, integer: true };
}

/**
 * Skips one argument (`dtype=torch.float64`, `grad_fn=<SumBackward1>`, `device='cuda:0'`,
 * `(2, 3)`) up to a `,` or `stop` at depth 0, which it leaves for the caller.
 */
export function skipBalanced(s: Scanner, stop: number): void {
  const t = s.text;
  const start = s.pos;
  let depth = 0;
  while (s.pos < s.end) {
    const c = t.charCodeAt(s.pos);
    s.steps++;
    if (c === Ch.Quote || c === Ch.Apostrophe) {
      s.readString();
      continue;
    }
    if (depth === 0 && (c === Ch.Comma || c === stop)) return;
    if (c === Ch.LParen || c === Ch.LBracket || c === Ch.LBrace || c === Ch.Less) depth++;
    else if (c === Ch.RParen || c === Ch.RBracket || c === Ch.RBrace || c === Ch.Greater) {
      if (depth === 0) {
        const here = s.describeHere();
        s.fail('parse_syntax', { en: `Unexpected ${here.en} in this argument.`, 'zh-cn': `此参数中出现了意外的${here['zh-cn']}。` });
      }
      depth--;
    }
    s.pos++;
  }
  s.fail('parse_syntax', { en: 'This argument is not closed before the end of the selection.', 'zh-cn': '此参数在所选内容结束之前没有闭合。' }, start);
}

/** Skips a whole argument list `( ... )`; the cursor is at its `(`. */
export function skipArguments(s: Scanner): void {
  s.pos++;
  for (;;) {
    s.skipSpace(true);
    if (s.peek() === Ch.RParen) break;
    // skipBalanced stops only at a "," or the ")", or fails at the end of the selection.
    skipBalanced(s, Ch.RParen);
    if (s.peek() === Ch.Comma) s.pos++;
  }
  s.pos++;
}
