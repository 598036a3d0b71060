/**
 * Tensors as paged tables: a tensor is viewed as rows (all leading indices) by columns (its last
 * dimension), ten rows and eight columns at a time, so a 10^6-element gradient costs a page of DOM,
 * never a dump. Each cell carries its number at full precision in data-value.
 */
import { formatNumber, type NumberFormat } from '../core/format.js';
import type { Tensor } from '../core/tensor.js';
import { button, clear, h } from './dom.js';
import { t, type Lang } from './i18n.js';

export const PAGE_ROWS = 10;
export const PAGE_COLS = 8;

export interface TableOptions {
  readonly lang: Lang;
  readonly format: NumberFormat;
  /** Multiplies every value (nats → bits). */
  readonly scale?: number;
  readonly caption?: Node;
  readonly name: string;
}

function indexPrefix(shape: readonly number[], row: number): string {
  const lead = shape.slice(0, -1);
  const idx: number[] = [];
  for (let i = lead.length - 1; i >= 0; i--) {
    idx.unshift(row % lead[i]);
    row = Math.floor(row / lead[i]);
  }
  return `[${idx.join(', ')}]`;
}

export function tensorTable(tensor: Tensor, o: TableOptions): HTMLElement {
  const shape = tensor.shape;
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1];
  const rows = shape.length <= 1 ? (shape.length === 0 ? 1 : 1) : tensor.data.length / Math.max(1, cols);
  // A vector reads better as one column of rows.
  const vector = shape.length === 1;
  const nRows = vector ? shape[0] : rows;
  const nCols = vector ? 1 : cols;
  const k = o.scale ?? 1;
  let r0 = 0;
  let c0 = 0;
  const wrap = h('div', { class: 'll-table-wrap', 'data-tensor': o.name });
  const draw = (): void => {
    clear(wrap);
    const table = h('table', { class: 'll-table' });
    if (o.caption) table.appendChild(h('caption', null, o.caption));
    const head = h('tr', null, h('th', { scope: 'col', class: 'll-idx' }, t(o.lang, 'index')));
    const cEnd = Math.min(nCols, c0 + PAGE_COLS);
    if (vector || shape.length === 0) head.appendChild(h('th', { scope: 'col' }, t(o.lang, 'value')));
    else for (let c = c0; c < cEnd; c++) head.appendChild(h('th', { scope: 'col' }, String(c)));
    table.appendChild(h('thead', null, head));
    const body = h('tbody');
    const rEnd = Math.min(nRows, r0 + PAGE_ROWS);
    for (let r = r0; r < rEnd; r++) {
      const label = shape.length === 0 ? '' : vector ? `[${r}]` : shape.length === 2 ? `[${r}]` : indexPrefix(shape, r);
      const tr = h('tr', null, h('th', { scope: 'row', class: 'll-idx' }, label));
      for (let c = vector ? 0 : c0; c < (vector ? 1 : cEnd); c++) {
        const x = tensor.data[vector ? r : r * nCols + c] * k;
        tr.appendChild(h('td', { 'data-value': String(x), class: Number.isFinite(x) ? undefined : 'll-nonfinite' }, formatNumber(x, o.format)));
      }
      body.appendChild(tr);
    }
    table.appendChild(body);
    wrap.appendChild(table);
    if (nRows > PAGE_ROWS || nCols > PAGE_COLS) {
      const nav = h('div', { class: 'll-pager' });
      if (nRows > PAGE_ROWS) {
        const prev = button(t(o.lang, 'prev'), () => { r0 = Math.max(0, r0 - PAGE_ROWS); draw(); }, 'll-button ll-small');
        const next = button(t(o.lang, 'next'), () => { r0 = Math.min(r0 + PAGE_ROWS, (Math.ceil(nRows / PAGE_ROWS) - 1) * PAGE_ROWS); draw(); }, 'll-button ll-small');
        prev.disabled = r0 === 0;
        next.disabled = rEnd >= nRows;
        prev.setAttribute('data-page', 'prev');
        next.setAttribute('data-page', 'next');
        nav.append(prev, h('span', { class: 'll-muted' }, t(o.lang, 'rows', { from: r0 + 1, to: rEnd, total: nRows })), next);
      }
      if (nCols > PAGE_COLS) {
        const prev = button(t(o.lang, 'prevCols'), () => { c0 = Math.max(0, c0 - PAGE_COLS); draw(); }, 'll-button ll-small');
        const next = button(t(o.lang, 'nextCols'), () => { c0 = Math.min(c0 + PAGE_COLS, (Math.ceil(nCols / PAGE_COLS) - 1) * PAGE_COLS); draw(); }, 'll-button ll-small');
        prev.disabled = c0 === 0;
        next.disabled = cEnd >= nCols;
        nav.append(prev, h('span', { class: 'll-muted' }, t(o.lang, 'cols', { from: c0 + 1, to: cEnd, total: nCols })), next);
      }
      wrap.appendChild(nav);
    }
  };
  draw();
  return wrap;
}

/** CSV of a tensor: one line per element, its index and value (full precision). */
export function tensorCsv(name: string, tensor: Tensor, scale = 1): string {
  const lines = [`index,${name}`];
  const shape = tensor.shape;
  for (let i = 0; i < tensor.data.length; i++) {
    const idx: number[] = [];
    let f = i;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx.unshift(f % shape[d]);
      f = Math.floor(f / shape[d]);
    }
    lines.push(`"[${idx.join(', ')}]",${String(tensor.data[i] * scale)}`);
  }
  return lines.join('\n');
}
