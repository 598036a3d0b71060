/**
 * Selected text to typed tensors: JSON, Python literals, NumPy/PyTorch/TensorFlow reprs and prints,
 * CSV/TSV/whitespace tables, MATLAB/Julia matrices and named data (assignments, dicts, JSON
 * objects), in one pass over the text (docs/parsing.md lists the formats and the alias table).
 *
 * The selection is a sequence of statements, each on its own line or separated by `;` or `,`:
 * a value (one unnamed tensor), `name = value` (one named tensor), a dict or object (one tensor per
 * key), or a table. `parseSelection` never throws: every failure is a typed error with its place.
 */
import { toErrorInfo, type ErrorInfo } from '../errors.js';
import { readAssigned, readDictCall, readObject, startsDictCall } from './named.js';
import { readNumber } from './number.js';
import { Ch, isIdentStart, lineColumn, LineTracker, ParseError, Scanner } from './scanner.js';
import { readJuliaDisplay } from './julia.js';
import { readHeader, readSeriesTrailer, readTable } from './table.js';
import { readList, readValue, type Found } from './value.js';
import { readTfAngle } from './repr.js';

export interface ParsedTensor {
  readonly name: string | null;
  readonly shape: readonly number[];
  readonly data: Float64Array;
  readonly integer: boolean;
  /** 1-based start of this tensor's text. */
  readonly line: number;
  readonly column: number;
  /** Character range in the text. */
  readonly offset: number;
  readonly length: number;
}

export type ParseResult =
  | { ok: true; tensors: ParsedTensor[] }
  | { ok: false; error: ErrorInfo & { line: number; column: number; offset: number } };

export function parseSelection(text: string): ParseResult {
  return parseWith(new Scanner(text));
}

/** As parseSelection, on a scanner the caller keeps (tests read its step count). */
export function parseWith(s: Scanner): ParseResult {
  const text = s.text;
  try {
    const found = readStatements(s);
    if (found.length === 0) {
      const message = {
        en: 'The selection holds no numbers: select a list, an array or tensor print, a table or assignments like logits = [...].',
        'zh-cn': '所选内容中没有数字：请选择一个列表、数组或张量的打印输出、表格，或 logits = [...] 这样的赋值语句。',
      };
      return { ok: false, error: { code: 'parse_empty', message, line: 1, column: 1, offset: 0 } };
    }
    const lines = new LineTracker(text);
    const tensors = found.map((f): ParsedTensor => {
      const { line, column } = lines.at(f.offset);
      return { name: f.name, shape: f.read.shape, data: f.read.data, integer: f.read.integer, line, column, offset: f.offset, length: f.end - f.offset };
    });
    return { ok: true, tensors };
  } catch (e) {
    const offset = e instanceof ParseError ? Math.min(e.offset, text.length) : 0;
    const { line, column } = lineColumn(text, offset);
    return { ok: false, error: { ...toErrorInfo(e), line, column, offset } };
  }
}

function readStatements(s: Scanner): Found[] {
  const out: Found[] = [];
  for (;;) {
    s.skipSpace(true);
    const c = s.peek();
    if (c !== c) return out;
    const start = s.pos;
    if (c === Ch.Semicolon || c === Ch.Comma) {
      s.pos++;
      continue;
    }
    if (c === Ch.Greater && s.at(start + 1) === Ch.Greater && s.at(start + 2) === Ch.Greater) {
      // A pasted REPL line: `>>> logits = [...]`.
      s.pos += 3;
      continue;
    }
    if (c === Ch.LBracket || c === Ch.LParen) {
      const read = readList(s, 'python');
      out.push({ name: null, read, offset: start, end: s.pos });
    } else if (c === Ch.LBrace) {
      readObject(s, out);
    } else if (c === Ch.Less) {
      const read = readTfAngle(s);
      out.push({ name: null, read, offset: start, end: s.pos });
    } else if (c === Ch.Percent) {
      // A MATLAB comment line.
      s.skipLine();
      continue;
    } else if ((c >= Ch.D0 && c <= Ch.D9) || c === Ch.Minus || c === Ch.Plus || c === Ch.Dot) {
      const julia = c >= Ch.D0 && c <= Ch.D9 ? readJuliaDisplay(s) : null;
      if (julia) {
        out.push(julia);
        endStatement(s);
        continue;
      }
      if (c === Ch.Dot && s.at(start + 1) === Ch.Dot) {
        s.fail('parse_truncated', {
          en: 'The selection contains "...": a summarised print. Print the data whole (NumPy: np.set_printoptions(threshold=sys.maxsize); PyTorch: torch.set_printoptions(profile="full")) and select it again.',
          'zh-cn': '所选内容包含 "..."：这是省略了部分数值的摘要打印。请完整打印数据（NumPy：np.set_printoptions(threshold=sys.maxsize)；PyTorch：torch.set_printoptions(profile="full")），然后重新选择。',
        });
      }
      const table = readTable(s, null);
      const series = table.length === 1 ? readSeriesTrailer(s, table[0]!) : null;
      out.push(...(series ? [series] : table));
    } else if (c === Ch.Quote || c === Ch.Apostrophe) {
      const header = readHeader(s);
      if (header) out.push(...readTable(s, header));
      else out.push({ name: null, read: readValue(s, 'python'), offset: start, end: s.pos });
    } else if (isIdentStart(c)) {
      if (readNamed(s, out) === 'prompt') continue;
    } else {
      const here = s.describeHere();
      s.fail('parse_syntax', {
        en: `Expected numbers, a list, a tensor print, a table or an assignment, but found ${here.en}.`,
        'zh-cn': `此处应为数字、列表、张量打印输出、表格或赋值语句，但遇到的是${here['zh-cn']}。`,
      });
    }
    endStatement(s);
  }
}

/** What follows a name at the start of a statement: `=`, `(`, a REPL prompt, a number word, or a header row. */
function readNamed(s: Scanner, out: Found[]): 'prompt' | void {
  const start = s.pos;
  if (startsDictCall(s)) {
    readDictCall(s, out);
    return;
  }
  const name = s.readName();
  s.skipSpace(false);
  let c = s.peek();
  if (c === Ch.Colon && !isPrompt(name)) {
    // An annotated assignment, `logits: torch.Tensor = ...`: the annotation says nothing we need.
    const save = s.pos;
    s.skipLine();
    const line = s.text.slice(save, s.pos);
    const eq = line.indexOf('=');
    if (eq > 0 && line[eq + 1] !== '=') {
      s.pos = save + eq;
      c = Ch.Equals;
    } else s.pos = save;
  }
  if (c === Ch.Equals && s.at(s.pos + 1) !== Ch.Equals) {
    s.pos++;
    readAssigned(s, name, start, out);
    return;
  }
  if (c === Ch.LParen) {
    s.pos = start;
    const read = readValue(s, 'python');
    out.push({ name: null, read, offset: start, end: s.pos });
    return;
  }
  if (c === Ch.LBracket && isPrompt(name)) {
    // Jupyter's `In [3]:` / `Out[3]:`: the prompt is not data.
    s.pos++;
    while (s.pos < s.end && s.peek() !== Ch.RBracket && s.peek() !== Ch.Newline) s.pos++;
    if (s.peek() === Ch.RBracket) s.pos++;
    s.skipSpace(false);
    if (s.peek() === Ch.Colon) s.pos++;
    return 'prompt';
  }
  s.pos = start;
  if (isNumberWord(s)) {
    out.push(...readTable(s, null));
    return;
  }
  const header = readHeader(s);
  if (header) {
    out.push(...readTable(s, header));
    return;
  }
  s.pos = start;
  s.fail('parse_syntax', {
    en: `"${name}" is not a number, an assignment (${name} = ...), a tensor print or a table header followed by rows.`,
    'zh-cn': `"${name}" 既不是数字、赋值语句（${name} = ...）、张量打印输出，也不是下面跟着数据行的表头。`,
  }, start);
}

function isPrompt(name: string): boolean {
  return name === 'In' || name === 'Out';
}

function isNumberWord(s: Scanner): boolean {
  const save = s.pos;
  try {
    readNumber(s);
    return true;
  } catch {
    return false;
  } finally {
    s.pos = save;
  }
}

/** After a statement only a separator, a comment or a new line may follow on its line. */
function endStatement(s: Scanner): void {
  s.skipSpace(false);
  const c = s.peek();
  if (c !== c || c === Ch.Newline || c === Ch.Return || c === Ch.Semicolon || c === Ch.Comma || c === Ch.Hash || c === Ch.Percent) return;
  const here = s.describeHere();
  s.fail('parse_syntax', { en: `Expected a new line or ";" after this value, but found ${here.en}.`, 'zh-cn': `此值之后应换行或使用 ";"，但遇到的是${here['zh-cn']}。` });
}

export { roleOf, assignRoles, ROLE_ALIASES, type Role } from './roles.js';
