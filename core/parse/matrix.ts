/**
 * MATLAB/Octave and Julia matrix literals: `[1 2; 3 4]`, `[1, 2; 3, 4]`. Rows end at `;` or a line
 * break (as in MATLAB source), elements are separated by spaces or commas, and `...` continues a
 * row on the next line. The result is always two-dimensional, [rows, columns].
 */
import * as number from './number.js';
import * as scanner from './scanner.js';
import type { Scanner } from './scanner.js';
import { NUMBER_BEFORE_COMMA, truncated, type Read } from './nested.js';
import { allIntegers, Values } from './values.js';

const { Ch, isIdentStart } = scanner;
const { scanNumber } = number;

export function readMatrix(s: Scanner): Read {
  const t = s.text;
  const open = s.pos;
  s.pos++;
  const values = new Values();
  let rows = 0;
  let columns = -1;
  let inRow = 0;
  let rowStart = s.pos;
  let afterComma = false;
  let continuation = -1;
  let semicolon = false;
  // A comma never precedes an empty row (a comma with no number before it fails at once), and a
  // trailing comma ends a row as in MATLAB: `[1, 2,; 3, 4]`.
  const endRow = (): void => {
    if (inRow === 0) return;
    if (columns === -1) columns = inRow;
    else if (inRow !== columns) {
      s.fail('parse_ragged', {
        en: `Row ${rows + 1} of this matrix has ${inRow} ${inRow === 1 ? 'element' : 'elements'}, but row 1 has ${columns}: every row must have the same length.`,
        'zh-cn': `此矩阵的第 ${rows + 1} 行有 ${inRow} 个元素，但第 1 行有 ${columns} 个：每一行的长度必须相同。`,
      }, rowStart);
    }
    rows++;
    inRow = 0;
    afterComma = false;
  };
  for (;;) {
    s.skipSpace(false);
    const p = s.pos;
    const c = t.charCodeAt(p);
    s.steps++;
    if (c === Ch.Semicolon || c === Ch.Newline || c === Ch.Return) {
      if (c === Ch.Semicolon) semicolon = true;
      endRow();
      s.pos = p + 1;
      if (inRow === 0) rowStart = s.pos;
    } else if (c === Ch.RBracket) {
      endRow();
      s.pos = p + 1;
      break;
    } else if (c === Ch.Comma) {
      if (inRow === 0 || afterComma) s.fail('parse_syntax', NUMBER_BEFORE_COMMA, p);
      afterComma = true;
      s.pos = p + 1;
    } else if (c === Ch.Dot && t.charCodeAt(p + 1) === Ch.Dot && t.charCodeAt(p + 2) === Ch.Dot) {
      // MATLAB's line continuation: the row goes on after the line break.
      if (continuation === -1) continuation = p;
      s.pos = p + 3;
      s.skipLine();
      s.pos++;
    } else if (c === Ch.Hash || c === Ch.Percent) {
      s.skipLine();
    } else if ((c >= Ch.D0 && c <= Ch.D9) || c === Ch.Minus || c === Ch.Plus || c === Ch.Dot || isIdentStart(c)) {
      if (inRow === 0) rowStart = p;
      scanNumber(s, values);
      inRow++;
      afterComma = false;
    } else if (c !== c) {
      s.fail('parse_syntax', { en: 'This matrix is not closed: expected "]" before the end of the selection.', 'zh-cn': '此矩阵没有闭合：在所选内容结束之前应有 "]"。' }, open);
    } else {
      const here = s.describeHere(p);
      s.fail('parse_syntax', {
        en: `Expected a number, ",", ";" or "]" in this matrix, but found ${here.en}.`,
        'zh-cn': `此矩阵中此处应为数字、","、";" 或 "]"，但遇到的是${here['zh-cn']}。`,
      }, p);
    }
  }
  if (continuation !== -1 && !semicolon) truncated(s, 'python', continuation);
  const data = values.finish();
  return { shape: [rows, Math.max(columns, 0)], data, integer: allIntegers(data) };
}
