/**
 * Tables: CSV, TSV and whitespace-separated rows of numbers, one row a line, with an optional header
 * row of names. A table ends at a blank line or a line that does not start with a number.
 *
 * Shapes: one number is a scalar, one row or one column a vector, otherwise [rows, columns]. A
 * header whose names include a role name (roles.ts: `logits,target`) splits the table into one
 * named vector per column; any other header only labels the columns of one matrix.
 */
import * as number from './number.js';
import { roleOf } from './roles.js';
import * as scanner from './scanner.js';
import type { Scanner } from './scanner.js';
import type { Found } from './value.js';
import { allIntegers, Values } from './values.js';

const { Ch, isIdentStart } = scanner;
const { readNumber, scanNumber, startsNumber } = number;

/** Whether the cursor starts a table row: a number or a number word (`nan`, `inf`, `True`). */
export function startsRow(s: Scanner): boolean {
  const c = s.peek();
  if (startsNumber(c)) return !(c === Ch.Dot && s.at(s.pos + 1) === Ch.Dot);
  // Julia's summary marks: the row reader reports the truncation.
  if (c === 0x22ee || c === 0x2026 || c === 0x22f1) return true;
  if (!isIdentStart(c)) return false;
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

/** A header row of names (bare or quoted), separated like the rows; the cursor is at its first name. */
export function readHeader(s: Scanner): { names: string[]; starts: number[] } | null {
  const save = s.pos;
  const names: string[] = [];
  const starts: number[] = [];
  for (;;) {
    s.skipSpace(false);
    const c = s.peek();
    if (c === Ch.Newline || c === Ch.Return || c !== c) break;
    if (c === Ch.Comma && names.length > 0) {
      s.pos++;
      continue;
    }
    starts.push(s.pos);
    if (c === Ch.Quote || c === Ch.Apostrophe) names.push(s.readString());
    else if (isIdentStart(c)) {
      const at = s.pos;
      const t = s.text;
      while (s.pos < s.end) {
        const d = t.charCodeAt(s.pos);
        if (d === Ch.Comma || d === Ch.Tab || d === Ch.Space || d === Ch.Newline || d === Ch.Return) break;
        s.pos++;
      }
      s.steps += s.pos - at;
      names.push(t.slice(at, s.pos));
    } else {
      s.pos = save;
      return null;
    }
  }
  if (s.peek() === Ch.Return) s.pos++;
  if (s.peek() === Ch.Newline) s.pos++;
  s.skipSpace(false);
  if (!startsRow(s)) {
    s.pos = save;
    return null;
  }
  return { names, starts };
}

export function readTable(s: Scanner, header: { names: string[]; starts: number[] } | null): Found[] {
  const t = s.text;
  const start = header ? header.starts[0]! : s.pos;
  const values = new Values();
  let columns = header ? header.names.length : -1;
  let rows = 0;
  let end = s.pos;
  let indexed = false;
  for (;;) {
    // One row: numbers separated by commas, tabs or spaces, up to the end of the line.
    const rowStart = s.pos;
    let inRow = 0;
    let afterComma = false;
    for (;;) {
      s.skipSpace(false);
      const p = s.pos;
      const c = t.charCodeAt(p);
      s.steps++;
      if (c === Ch.Newline || c === Ch.Return || c !== c || c === Ch.Hash) {
        if (afterComma) s.fail('parse_syntax', { en: `Row ${rows + 1} of this table ends with ",": a value is missing.`, 'zh-cn': `此表格的第 ${rows + 1} 行以 "," 结尾：缺少一个值。` }, p - 1);
        break;
      }
      if (c === Ch.Comma) {
        if (inRow === 0 || afterComma) s.fail('parse_syntax', { en: `Row ${rows + 1} of this table has an empty value here.`, 'zh-cn': `此表格的第 ${rows + 1} 行在此处有一个空值。` }, p);
        afterComma = true;
        s.pos++;
        continue;
      }
      if (c === 0x22ee || c === 0x2026 || c === 0x22f1) {
        // Julia's ⋮ … ⋱: a summarised display.
        s.fail('parse_truncated', {
          en: 'Julia summarised this array (⋮ and … stand for values left out): print it whole with show(IOContext(stdout, :limit => false), "text/plain", x) and select it again.',
          'zh-cn': 'Julia 对此数组做了摘要显示（⋮ 和 … 代表省略的数值）：请用 show(IOContext(stdout, :limit => false), "text/plain", x) 完整打印后重新选择。',
        }, p);
      }
      if (c === Ch.Dot && t.charCodeAt(p + 1) === Ch.Dot && t.charCodeAt(p + 2) === Ch.Dot) {
        s.fail('parse_truncated', {
          en: 'This table was summarised ("..." stands for values left out): print or export it whole and select it again.',
          'zh-cn': '此表格是摘要形式（"..." 代表省略的数值）：请完整打印或导出后重新选择。',
        }, p);
      }
      if (!startsRow(s)) {
        const here = s.describeHere();
        s.fail('parse_syntax', {
          en: `Expected a number in row ${rows + 1} of this table, but found ${here.en}.`,
          'zh-cn': `此表格第 ${rows + 1} 行中此处应为数字，但遇到的是${here['zh-cn']}。`,
        }, p);
      }
      scanNumber(s, values);
      inRow++;
      afterComma = false;
    }
    end = s.pos;
    if (rows === 0 && header && inRow === columns + 1) {
      // pandas prints a DataFrame with its index as an unnamed first column.
      indexed = true;
      columns = inRow;
    }
    if (columns === -1) columns = inRow;
    else if (inRow !== columns) {
      const against = header ? { en: `the header names ${columns} columns`, 'zh-cn': `表头列出了 ${columns} 列` } : { en: `row 1 has ${columns}`, 'zh-cn': `第 1 行有 ${columns} 个` };
      s.fail('parse_ragged', {
        en: `Row ${rows + 1} of this table has ${inRow} ${inRow === 1 ? 'value' : 'values'}, but ${against.en}: every row must have the same length.`,
        'zh-cn': `此表格的第 ${rows + 1} 行有 ${inRow} 个值，但${against['zh-cn']}：每一行的长度必须相同。`,
      }, rowStart);
    }
    rows++;
    s.skipLine();
    // The next line continues the table only if it starts with a number.
    const lineEnd = s.pos;
    if (s.peek() !== Ch.Newline) break;
    s.pos++;
    s.skipSpace(false);
    if (!startsRow(s)) {
      s.pos = lineEnd;
      break;
    }
  }
  let data = values.finish();
  if (indexed) {
    for (let i = 0; i < rows; i++) {
      if (!Number.isInteger(data[i * columns]!)) {
        s.fail('parse_ragged', {
          en: `Row ${i + 1} of this table has one value more than the header has names, but its first value is not an integer index (as pandas prints): every row must have the same length as the header.`,
          'zh-cn': `此表格的第 ${i + 1} 行比表头的名称多一个值，但它的第一个值不是整数索引（pandas 打印时第一列是整数索引）：每一行的长度都必须与表头相同。`,
        }, start);
      }
    }
    const kept = new Float64Array(rows * (columns - 1));
    for (let i = 0, k = 0; i < rows; i++) for (let j = 1; j < columns; j++) kept[k++] = data[i * columns + j]!;
    data = kept;
    columns--;
  }
  if (header && columns > 1 && header.names.some((n) => roleOf(n) !== null)) {
    // One named vector per column: the table is row-major, so column j is every columns-th value.
    return header.names.map((name, j) => {
      const col = new Float64Array(rows);
      for (let i = 0; i < rows; i++) col[i] = data[i * columns + j]!;
      return { name, read: { shape: [rows], data: col, integer: allIntegers(col) }, offset: header.starts[j]!, end };
    });
  }
  const shape = rows === 1 && columns === 1 ? [] : rows === 1 ? [columns] : columns === 1 ? [rows] : [rows, columns];
  const name = header && columns === 1 ? header.names[0]! : null;
  return [{ name, read: { shape, data, integer: allIntegers(data) }, offset: start, end }];
}

const SERIES_TRAILER = /^(?:Name: ([^,\n]*), )?(?:Length: \d+, )?dtype: [\w[\], ]+\r?$/;

/**
 * pandas prints a Series as index/value rows followed by `Name: pred, dtype: float64` (or just
 * `dtype: ...`). When that line follows a two-column table, the table is the Series: its values,
 * named by `Name`, without the index. The cursor is after the table; it moves past the trailer
 * only when there is one.
 */
export function readSeriesTrailer(s: Scanner, table: Found): Found | null {
  const t = s.text;
  let p = s.pos;
  while (p < s.end && (t.charCodeAt(p) === Ch.Newline || t.charCodeAt(p) === Ch.Return || t.charCodeAt(p) === Ch.Space)) p++;
  if (!(t.startsWith('Name:', p) || t.startsWith('dtype:', p) || t.startsWith('Length:', p))) return null;
  let end = t.indexOf('\n', p);
  if (end === -1) end = s.end;
  s.steps += end - s.pos;
  const m = SERIES_TRAILER.exec(t.slice(p, end));
  const shape = table.read.shape;
  if (!m) return null;
  if (shape.length !== 2 || shape[1] !== 2) {
    // A single row of one value reads as one column too: then the index is what is missing.
    const k = shape.length === 2 ? shape[1] - 1 : 0;
    s.fail('parse_ragged', {
      en: `A pandas Series has one value per row after its index, but these rows have ${k === 1 ? '1 value' : `${k} values`} after the first column.`,
      'zh-cn': `pandas Series 的每一行在索引之后只有一个值，但这些行在第一列之后有 ${k} 个值。`,
    }, table.offset);
  }
  const n = shape[0]!;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(table.read.data[2 * i]!)) {
      s.fail('parse_syntax', { en: `Row ${i + 1} of this pandas Series does not start with an integer index.`, 'zh-cn': `此 pandas Series 的第 ${i + 1} 行不是以整数索引开头。` }, table.offset);
    }
    values[i] = table.read.data[2 * i + 1]!;
  }
  s.pos = end;
  const name = m[1] !== undefined && m[1] !== 'None' ? m[1].trim() : null;
  return { name, read: { shape: [n], data: values, integer: allIntegers(values) }, offset: table.offset, end };
}
