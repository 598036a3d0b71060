/**
 * Julia's REPL display of an array: a summary line (`2×3 Matrix{Float64}:`, `3-element
 * Vector{Int64}:`) above whitespace-separated rows. The summary states the shape; the rows are a
 * table (table.ts), reshaped to the stated shape, which must hold as many values.
 */
import type { Scanner } from './scanner.js';
import { readTable } from './table.js';
import type { Found } from './value.js';

const SUMMARY = /^(\d+(?:×\d+)*|\d+-element) [A-Za-z_][\w.]*(?:\{[^}\n]*\})?:[ \t]*\r?$/;

/** Reads a Julia display if the line at the cursor is its summary; null (cursor unmoved) otherwise. */
export function readJuliaDisplay(s: Scanner): Found | null {
  const start = s.pos;
  let end = s.text.indexOf('\n', start);
  if (end === -1) end = s.end;
  s.steps += end - start;
  // Summaries are short: a long line is a table row (which the table reader then reads once more).
  if (end - start > 80) return null;
  const m = SUMMARY.exec(s.text.slice(start, end));
  if (!m) return null;
  const dims = m[1]!.endsWith('-element') ? [Number(m[1]!.slice(0, -8))] : m[1]!.split('×').map(Number);
  s.pos = end;
  s.skipSpace(true);
  if (s.atEnd()) s.fail('parse_syntax', { en: `This Julia summary (${m[1]}) has no values under it.`, 'zh-cn': `此 Julia 摘要行（${m[1]}）下面没有数值。` }, start);
  const found = readTable(s, null);
  const read = found[0]!.read;
  const n = dims.reduce((a, b) => a * b, 1);
  if (found.length !== 1 || read.data.length !== n) {
    const k = read.data.length;
    s.fail('parse_ragged', {
      en: `Julia says ${m[1]}, i.e. ${n} values, but ${k} follow: the display was cut or summarised (print it whole with show(IOContext(stdout, :limit => false), "text/plain", x)).`,
      'zh-cn': `Julia 显示的是 ${m[1]}，即 ${n} 个值，但下面跟着 ${k} 个：显示内容被截断或做了摘要（请用 show(IOContext(stdout, :limit => false), "text/plain", x) 完整打印）。`,
    }, start);
  }
  return { name: null, read: { ...read, shape: dims }, offset: start, end: found[0]!.end };
}
