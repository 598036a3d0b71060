/**
 * The report: one payload (core/payload.ts) drawn as formula, worked example, values, plots and
 * actions. The DOM is built at once with the numbers in it (first paint); KaTeX and Vega arrive in
 * their own chunks and fill their placeholders. Every payload string is a text node.
 */
import { toErrorInfo, type ErrorInfo } from '../core/errors.js';
import { formatNumber, texNumber } from '../core/format.js';
import { CATEGORY_NAMES, type AnyLoss } from '../core/loss.js';
import { computeReport, inNats, toReportPayload, workedExample, type PayloadError, type Report, type ReportEntry } from '../core/payload.js';
import { shapeString, type Tensor } from '../core/tensor.js';
import { append, button, clear, h } from './dom.js';
import { mathFontsSettled } from './fonts.js';
import type { Host } from './host.js';
import { langOf, t, tr, type Lang } from './i18n.js';
import { compareSection, curvesSection, heatmapSection, type DrawnChart, type Heatmap, type PlotContext } from './plots.js';
import { tensorCsv, tensorTable } from './tables.js';
import { katexNow, loadKatex, renderTex } from './tex.js';
import { loadVega } from './vega.js';

export interface Rendered {
  readonly ok: boolean;
  readonly charts: readonly DrawnChart[];
  /** Resolves when formulas and plots are drawn. */
  readonly done: Promise<void>;
}

/** TeX placeholders, filled when KaTeX has loaded. */
interface TexJob {
  readonly el: HTMLElement;
  readonly tex: string;
  readonly display: boolean;
}

interface Ctx extends PlotContext {
  readonly host: Host;
  readonly tex: TexJob[];
  readonly status: HTMLElement;
}

function texEl(ctx: Ctx, tex: string, display = false, cls = ''): HTMLElement {
  const el = h(display ? 'div' : 'span', { class: `ll-tex ${display ? 'll-tex-display' : ''} ${cls}`.trim(), 'data-tex': tex });
  // Until KaTeX arrives the TeX source stands in, as text.
  el.textContent = tex;
  ctx.tex.push({ el, tex, display });
  return el;
}

function flushTex(ctx: { tex: TexJob[] }): Promise<void> {
  const jobs = ctx.tex.splice(0);
  if (!jobs.length) return Promise.resolve();
  const typeset = (katex: NonNullable<ReturnType<typeof katexNow>>): void => {
    for (const j of jobs) {
      j.el.textContent = '';
      renderTex(katex, j.el, j.tex, j.display);
    }
    performance.mark('ll:tex');
  };
  const now = katexNow();
  if (now) {
    typeset(now);
    return Promise.resolve();
  }
  return loadKatex().then(typeset);
}

/**
 * Resolves after the next frame is painted (or after 100 ms where frames do not come: a hidden
 * panel), so charts start drawing only once the report itself is on screen.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      performance.mark('ll:paint-timeout');
      resolve();
    }, 100);
    requestAnimationFrame(() => {
            setTimeout(() => {
        clearTimeout(timer);
        performance.mark('ll:first-paint');
        resolve();
      }, 0);
    });
  });
}

/** A refused payload: what field, what was expected, in place of the report. */
export function errorView(error: ErrorInfo & Partial<Pick<PayloadError, 'field' | 'expected'>>, lang: Lang): HTMLElement {
  const field = error.field ?? error.tensor ?? (error.param ? `params.${error.param}` : undefined);
  return h('div', { class: 'll-error', role: 'alert', 'data-code': error.code, 'data-field': field },
    h('div', { class: 'll-error-title' }, t(lang, 'invalidPayload')),
    h('div', { class: 'll-error-message' }, tr(lang, error.message)),
    field ? h('div', { class: 'll-error-detail' }, h('span', { class: 'll-muted' }, `${t(lang, 'field')}: `), h('code', null, field)) : null,
    error.expected && error.expected.en !== error.message.en ? h('div', { class: 'll-error-detail' }, h('span', { class: 'll-muted' }, `${t(lang, 'expected')}: `), tr(lang, error.expected)) : null,
  );
}

const hasUnits = inNats;

function scaleOf(rep: Report, loss: AnyLoss): number {
  return hasUnits(loss) && rep.display.units === 'bits' ? 1 / Math.LN2 : 1;
}

function paramChips(entry: ReportEntry): HTMLElement | null {
  const ps = Object.entries(entry.evaluation.params).filter(([, v]) => v !== null && v !== undefined);
  if (!ps.length) return null;
  const box = h('div', { class: 'll-chips' });
  for (const [k, v] of ps) {
    const shown = typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? String(v) : v instanceof Float64Array ? `[${Array.from(v, (x) => formatNumber(x, 3)).join(', ')}]` : shapeString((v as Tensor).shape);
    box.appendChild(h('span', { class: 'll-chip' }, h('span', { class: 'll-chip-key' }, k), ` = ${shown}`));
  }
  return box;
}

function card(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'll-card' }, h('h2', null, title), ...children);
}

function workedCard(ctx: Ctx, rep: Report, entry: ReportEntry): HTMLElement {
  const { lang } = ctx;
  const body = h('div', { class: 'll-worked' });
  let count = rep.display.samples;
  const drawSteps = (): void => {
    clear(body);
    let w;
    try {
      w = workedExample(entry, count);
    } catch (e) {
      body.appendChild(h('p', { class: 'll-chart-error' }, t(lang, 'renderError', { detail: e instanceof Error ? e.message : String(e) })));
      return;
    }
    const list = h('div', { class: 'll-steps' });
    for (const s of w.steps) {
      list.appendChild(h('div', { class: 'll-step', 'data-value': String(s.value) },
        h('span', { class: 'll-step-label' }, tr(lang, s.label)),
        texEl(ctx, `\\displaystyle ${s.tex} = ${texNumber(s.value, rep.display)}`)));
    }
    body.appendChild(list);
    if (w.total > w.steps.length) {
      const more = Math.min(w.total - w.steps.length, Math.max(rep.display.samples, 5));
      body.appendChild(h('div', { class: 'll-more' },
        h('span', { class: 'll-muted' }, t(lang, 'ofTotal', { shown: w.steps.length, total: w.total })),
        button(t(lang, 'showMore', { n: more }), () => {
          count += more;
          drawSteps();
          void flushTex(ctx);
        }, 'll-button ll-small')));
    }
    if (w.reduction) {
      body.appendChild(h('div', { class: 'll-step ll-reduction', 'data-value': String(w.reduction.value) },
        h('span', { class: 'll-step-label' }, `${t(lang, 'reductionLine')} (${entry.evaluation.reduction})`),
        texEl(ctx, `\\displaystyle L = ${w.reduction.tex} = ${texNumber(w.reduction.value, rep.display)}`)));
    }
  };
  drawSteps();
  return card(t(lang, 'worked'), body);
}

function valuesCard(ctx: Ctx, rep: Report, entry: ReportEntry): HTMLElement {
  const { lang } = ctx;
  const ev = entry.evaluation;
  const k = scaleOf(rep, ev.loss);
  const unit = hasUnits(ev.loss) ? rep.display.units : '';
  const out = ev.output;
  const format = rep.display;
  const body = h('div', { class: 'll-values' });
  if (typeof out.value === 'number') {
    const v = out.value * k;
    body.appendChild(h('div', { class: 'll-big' },
      h('span', { class: 'll-big-label' }, t(lang, 'reduced', { reduction: ev.reduction })),
      h('span', { class: `ll-big-value${Number.isFinite(v) ? '' : ' ll-nonfinite'}`, 'data-value': String(v), 'data-role': 'value' }, formatNumber(v, format)),
      unit ? h('span', { class: 'll-unit' }, unit) : null));
  }
  if (ev.nonFinite.value || ev.nonFinite.grad) body.appendChild(h('div', { class: 'll-warning', role: 'status' }, t(lang, 'nonFinite')));
  if (entry.mismatch) body.appendChild(h('div', { class: 'll-warning', role: 'status' }, t(lang, 'mismatch', { what: entry.mismatch })));
  const grid = h('div', { class: 'll-tables' });
  const caption = (title: string, tensor: Tensor): Node => h('span', null, title, h('span', { class: 'll-muted' }, ` · ${t(lang, 'shape')} ${shapeString(tensor.shape)}`));
  const unred = typeof out.value === 'number' ? out.unreduced : out.value;
  grid.appendChild(tensorTable(unred, { lang, format, scale: k, name: 'unreduced', caption: caption(t(lang, 'perSample') + (unit ? ` (${unit})` : ''), unred) }));
  if (ev.grad) {
    grid.appendChild(tensorTable(out.grad, { lang, format, scale: k, name: 'grad', caption: caption(t(lang, 'gradient', { name: 'input' }), out.grad) }));
    for (const [name, g] of Object.entries(out.gradExtra)) {
      if (g) grid.appendChild(tensorTable(g, { lang, format, scale: k, name: `grad.${name}`, caption: caption(t(lang, 'gradient', { name }), g) }));
    }
  }
  body.appendChild(grid);
  if (out.intermediates.length) {
    const inter = h('div', { class: 'll-tables' });
    for (const m of out.intermediates) {
      inter.appendChild(tensorTable(m.tensor, { lang, format, name: `intermediate.${m.key}`, caption: h('span', null, texEl(ctx, m.tex), ` ${tr(lang, m.label)}`, h('span', { class: 'll-muted' }, ` · ${shapeString(m.tensor.shape)}`)) }));
    }
    body.appendChild(h('h3', null, t(lang, 'intermediates')));
    body.appendChild(inter);
  }
  return card(t(lang, 'values'), body);
}

/**
 * 2-D data (masks, images): the last two dimensions when both are at least 8, first slice of the
 * leading ones; for losses with a class dimension only (N, C, H, W), showing the last class's
 * channel. A batch of rows ([N, C] logits, [N, D] embeddings) is not an image.
 */
export function spatialMaps(entry: ReportEntry): { rows: number; cols: number; maps: Heatmap[]; slice: string } | null {
  const ev = entry.evaluation;
  const x = ev.inputs.input;
  if (x.shape.length < 2 || ev.loss.category === 'ranking') return null;
  const H = x.shape[x.shape.length - 2];
  const W = x.shape[x.shape.length - 1];
  if (H < 8 || W < 8) return null;
  const hasClassDim = ev.loss.classes?.(x) !== undefined;
  if (hasClassDim && x.shape.length !== 4) return null;
  const plane = H * W;
  const channel = hasClassDim ? x.shape[1] - 1 : 0;
  const off = channel * plane;
  const slice = (t: Tensor, o: number): Float64Array => t.data.subarray(o, o + plane);
  const maps: Heatmap[] = [{ name: 'prediction', values: slice(x, off), diverging: false }];
  const y = ev.inputs.target;
  if (y) {
    const ys = y.shape;
    if (ys.length >= 2 && ys[ys.length - 2] === H && ys[ys.length - 1] === W) {
      const yOff = ys.length === x.shape.length ? off : 0;
      maps.push({ name: 'target', values: slice(y, yOff), diverging: false });
    }
  }
  maps.push({ name: 'gradient', values: slice(ev.output.grad, off), diverging: true });
  const lead = x.shape.slice(0, -2).map((_, i) => (hasClassDim && i === 1 ? channel : 0));
  return { rows: H, cols: W, maps, slice: lead.length ? `input[${lead.join(', ')}, :, :]` : 'input' };
}

function plotsCard(ctx: Ctx, entry: ReportEntry): HTMLElement {
  const ev = entry.evaluation;
  const body = h('div', { class: 'll-plots' });
  body.appendChild(curvesSection(ev.loss, ev.params, ev.inputs, ctx));
  const sp = spatialMaps(entry);
  if (sp) body.appendChild(heatmapSection(sp.rows, sp.cols, sp.maps, sp.slice, ctx));
  const cmp = compareSection(ev.loss, ctx);
  if (cmp) body.appendChild(cmp);
  return card(t(ctx.lang, 'plots'), body);
}

export function formulaCard(ctx: Ctx, loss: AnyLoss, params: Record<string, unknown> | null, extra: Node | null = null): HTMLElement {
  const { lang } = ctx;
  return card(t(lang, 'formula'),
    texEl(ctx, loss.formula.tex(params), true, 'll-formula'),
    h('div', { class: 'll-derivative' }, h('span', { class: 'll-muted' }, `${t(lang, 'derivative')}: `), texEl(ctx, loss.formula.derivativeTex(params))),
    h('p', { class: 'll-summary' }, tr(lang, loss.summary)),
    extra);
}

function csvOf(rep: Report): string {
  const parts: string[] = [];
  for (const e of rep.entries) {
    const ev = e.evaluation;
    const k = scaleOf(rep, ev.loss);
    const v = ev.output.value;
    parts.push(`# ${ev.loss.id} reduction=${ev.reduction}${typeof v === 'number' ? ` value=${String(v * k)}` : ''}${hasUnits(ev.loss) ? ` units=${rep.display.units}` : ''}`);
    parts.push(tensorCsv('loss', typeof v === 'number' ? ev.output.unreduced : v, k));
    parts.push(tensorCsv('grad_input', ev.output.grad, k));
  }
  return parts.join('\n');
}

function actions(ctx: Ctx, rep: Report, charts: () => readonly DrawnChart[]): HTMLElement {
  const { lang, host } = ctx;
  const say = (ok: boolean, what: 'copied' | 'saved'): void => {
    ctx.status.textContent = ok ? t(lang, what) : t(lang, 'failed', { detail: what });
  };
  const first = rep.entries[0].evaluation;
  const bar = h('div', { class: 'll-actions', role: 'toolbar' });
  const add = (label: string, action: string, f: () => void): void => {
    const b = button(label, f, 'll-button');
    b.setAttribute('data-action', action);
    bar.appendChild(b);
  };
  add(t(lang, 'copyLatex'), 'copy-latex', () => void host.copy(rep.entries.map((e) => e.loss.formula.tex(e.evaluation.params)).join('\n\n'), 'latex').then((ok) => say(ok, 'copied')));
  add(t(lang, 'copyCsv'), 'copy-csv', () => void host.copy(csvOf(rep), 'csv').then((ok) => say(ok, 'copied')));
  add(t(lang, 'copyJson'), 'copy-json', () => {
    const r = toReportPayload(rep.payload);
    void host.copy(JSON.stringify(r.ok ? r.value : rep.payload, null, 1), 'json').then((ok) => say(ok, 'copied'));
  });
  const chartOf = (): DrawnChart | undefined => charts().find((c) => c.view);
  add(t(lang, 'saveSvg'), 'save-svg', () => {
    const c = chartOf();
    if (c?.view) void c.view.toSVG().then((svg) => host.save('svg', `${first.loss.id}-${c.name}.svg`, svg)).then((ok) => say(ok, 'saved'));
  });
  add(t(lang, 'savePng'), 'save-png', () => {
    const c = chartOf();
    if (c?.view) void c.view.toImageURL('png', 2).then((url) => host.save('png', `${first.loss.id}-${c.name}.png`, url.replace(/^data:image\/png;base64,/, ''))).then((ok) => say(ok, 'saved'));
  });
  if (host.insertSnippet && hasSnippet(first.loss.id)) {
    const ins = host.insertSnippet;
    add(t(lang, 'insertSnippet'), 'insert-snippet', () => ins(first.loss.id));
  }
  return bar;
}

/** The losses the extension ships verified snippets for (focal, Dice, Lovász). */
export function hasSnippet(id: string): boolean {
  return /focal|dice|lovasz/.test(id);
}

function header(ctx: Ctx, rep: Report): HTMLElement {
  const { lang } = ctx;
  const first = rep.entries[0];
  const names = rep.entries.map((e) => tr(lang, e.loss.names)).join(' · ');
  const l = first.loss;
  return h('header', { class: 'll-head' },
    rep.title ? h('div', { class: 'll-title' }, rep.title) : null,
    h('h1', { class: 'll-name' }, names),
    h('div', { class: 'll-sub' },
      h('span', { class: 'll-tag' }, tr(lang, CATEGORY_NAMES[l.category])),
      h('span', { class: 'll-tag' }, `reduction = ${first.evaluation.reduction}`),
      l.pytorch ? h('code', { class: 'll-code' }, l.pytorch) : null),
    !l.pytorch && l.source ? h('div', { class: 'll-source ll-muted' }, `${t(lang, 'sourceLabel')}: ${tr(lang, l.source)}`) : null,
  );
}

/** Available width for charts: the root's, or a sensible default before layout. */
function widthOf(root: HTMLElement): number {
  return Math.max(480, Math.min(1100, root.clientWidth || 900));
}

function entryView(ctx: Ctx, rep: Report, entry: ReportEntry, multi: boolean): HTMLElement {
  const ev = entry.evaluation;
  const box = h('div', { class: 'll-entry', 'data-loss': ev.loss.id });
  if (multi) box.appendChild(h('h2', { class: 'll-entry-name' }, tr(ctx.lang, ev.loss.names)));
  box.appendChild(formulaCard(ctx, ev.loss, ev.params, paramChips(entry)));
  box.appendChild(workedCard(ctx, rep, entry));
  box.appendChild(valuesCard(ctx, rep, entry));
  box.appendChild(plotsCard(ctx, entry));
  return box;
}

function summaryTable(ctx: Ctx, rep: Report): HTMLElement {
  const { lang } = ctx;
  const tb = h('tbody');
  for (const e of rep.entries) {
    const v = e.evaluation.output.value;
    const k = scaleOf(rep, e.loss);
    tb.appendChild(h('tr', { 'data-loss': e.loss.id },
      h('th', { scope: 'row' }, tr(lang, e.loss.names)),
      typeof v === 'number' ? h('td', { 'data-value': String(v * k) }, formatNumber(v * k, rep.display)) : h('td', null, shapeString(v.shape)),
      h('td', { class: 'll-muted' }, hasUnits(e.loss) ? rep.display.units : '')));
  }
  return h('section', { class: 'll-card' }, h('table', { class: 'll-table ll-summary-table' }, tb));
}

/**
 * Renders a payload into `root` (cleared first). Never throws: a refused payload or a failure while
 * drawing shows its error in place.
 */
export function renderPayload(root: HTMLElement, raw: unknown, host: Host): Rendered {
  const t0 = performance.now();
  performance.clearMarks();
  performance.mark('ll:start');
  const lang = langOf(typeof raw === 'object' && raw !== null && typeof (raw as { locale?: unknown }).locale === 'string' ? (raw as { locale: string }).locale : host.locale);
  clear(root);
  root.classList.add('ll-root');
  root.setAttribute('lang', lang === 'zh-cn' ? 'zh-CN' : 'en');
  root.setAttribute('data-state', 'rendering');
  const finish = (ok: boolean): void => {
    const ms = performance.now() - t0;
    root.setAttribute('data-state', ok ? 'rendered' : 'error');
    root.setAttribute('data-ms', ms.toFixed(1));
    host.rendered?.(ms, ok);
  };
  let rep: Report;
  try {
    const r = computeReport(raw);
    if (!r.ok) {
      root.appendChild(errorView(r.error, lang));
      finish(false);
      return { ok: false, charts: [], done: Promise.resolve() };
    }
    rep = r.value;
    performance.mark('ll:computed');
  } catch (e) {
    root.appendChild(errorView(toErrorInfo(e), lang));
    finish(false);
    return { ok: false, charts: [], done: Promise.resolve() };
  }
  // Start fetching the chunks while the DOM is built.
  const katex = loadKatex();
  const vega = loadVega();
  const status = h('div', { class: 'll-status ll-muted', role: 'status', 'aria-live': 'polite' });
  const ctx: Ctx = { lang, host, tex: [], status, charts: [], pending: [], width: widthOf(root), gate: afterPaint() };
  const report = h('div', { class: 'll-report' });
  try {
    report.appendChild(header(ctx, rep));
    report.appendChild(actions(ctx, rep, () => ctx.charts));
    report.appendChild(status);
    const multi = rep.entries.length > 1;
    if (multi) report.appendChild(summaryTable(ctx, rep));
    for (const e of rep.entries) report.appendChild(entryView(ctx, rep, e, multi));
  } catch (e) {
    clear(root);
    root.appendChild(errorView(toErrorInfo(e), lang));
    finish(false);
    return { ok: false, charts: [], done: Promise.resolve() };
  }
  root.appendChild(report);
  performance.mark('ll:dom');
  const tex = flushTex(ctx);
  const done = Promise.all([katex, vega, tex, ...ctx.pending]).then(() => mathFontsSettled(root)).then(
    () => finish(true),
    (e: unknown) => {
      append(status, t(lang, 'renderError', { detail: e instanceof Error ? e.message : String(e) }));
      finish(true);
    },
  );
  return { ok: true, charts: ctx.charts, done };
}

export { flushTex, type Ctx as ReportContext };
