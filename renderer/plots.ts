/**
 * The plots of a loss: its curve and gradient along the natural axis with the family of its main
 * parameter, the user's points, sliders bound to the parameters; the comparison chart of its family;
 * and per-pixel heatmaps for 2-D data. Each chart is a Vega view whose data a slider replaces.
 */
import { CATEGORY_NAMES, type AnyLoss, type LossInputs } from '../core/loss.js';
import type { ParamSpec } from '../core/params.js';
import { compareCurves, familyLabel, familyRows, sampleCurve, userPoints, yDomain, type CurveRow } from './curves.js';
import { button, h } from './dom.js';
import { t, tr, type Lang } from './i18n.js';
import { compareSpec, curveSpec, heatmapImageSpec, heatmapSpec, heatRange, type HeatmapChart, type VegaSpec } from './specs.js';
import { readTheme } from './theme.js';
import { BLUE_RED, lut, rasterize, VIRIDIS } from './colormaps.js';
import { drawSpec, loadVega, type VegaView } from './vega.js';

export interface DrawnChart {
  readonly name: string;
  readonly el: HTMLElement;
  view: VegaView | null;
}

export interface PlotContext {
  readonly lang: Lang;
  /** Every chart drawn, for "save as SVG/PNG" and the tests. */
  readonly charts: DrawnChart[];
  /** Pending draws; the report is "rendered" when they settle. */
  readonly pending: Promise<unknown>[];
  readonly width: number;
  /** Charts wait for it (the report's first paint) before Vega starts its synchronous work. */
  readonly gate: Promise<void>;
}

function chartBox(name: string, height: number): HTMLElement {
  return h('div', { class: 'll-chart', 'data-chart': name, 'data-height': String(height) });
}

function draw(ctx: PlotContext, name: string, el: HTMLElement, spec: VegaSpec | (() => Promise<VegaSpec>), renderer: 'svg' | 'canvas' = 'svg'): DrawnChart {
  const chart: DrawnChart = { name, el, view: null };
  ctx.charts.push(chart);
  const specP = ctx.gate.then(() => (typeof spec === 'function' ? spec() : spec));
  ctx.pending.push(specP.then((s) => {
    // The placeholder (a heatmap's raster) stays until Vega can draw in its place.
    const host = h('div', { class: 'll-vega' });
    return drawSpec(s, host, renderer).then((v) => {
      el.replaceChildren(host);
      return v;
    });
  }).then((v) => {
    chart.view = v;
    el.setAttribute('data-drawn', 'true');
    performance.mark(`ll:chart:${name}`);
  }, (e: unknown) => {
    el.classList.add('ll-chart-error');
    el.textContent = t(ctx.lang, 'renderError', { detail: e instanceof Error ? e.message : String(e) });
  }));
  return chart;
}

function numericSliders(loss: AnyLoss, params: Record<string, unknown>): [string, ParamSpec<unknown>][] {
  return (Object.entries(loss.params) as [string, ParamSpec<unknown>][]).filter(([k, s]) => s.slider && typeof params[k] === 'number');
}

/** Curves for one loss: loss and gradient side by side, sliders above them. */
export function curvesSection(loss: AnyLoss, params: Record<string, unknown>, inputs: LossInputs | null, ctx: PlotContext): HTMLElement {
  const { lang } = ctx;
  const axis = loss.curve.axis;
  const fam = loss.curve.family;
  const live: Record<string, unknown> = { ...params };
  const family = familyRows(loss, params);
  const labels = fam ? fam.values.map((v) => familyLabel(fam.param, v)) : [];
  const currentLabel = (): string => {
    const s = numericSliders(loss, live).map(([k]) => familyLabel(k, live[k] as number));
    return s.length ? `${t(lang, 'current')}: ${s.join(', ')}` : t(lang, 'current');
  };
  const currentRows = (): CurveRow[] => sampleCurve(loss, live, 'current');
  const pointRows = (): CurveRow[] => {
    if (!inputs || !loss.curve.points) return [];
    try {
      return userPoints(loss, loss.curve.points(inputs, live), live);
    } catch {
      return [];
    }
  };
  const current = currentRows();
  const points = pointRows();
  const all = [...family, ...current, ...points];
  // Half the card each, less the y axis and its title (~60 px); legends go below the plot.
  const width = Math.max(200, Math.min(440, Math.floor((ctx.width - 70) / 2) - 60));
  const height = Math.round(width * 0.62);
  const section = h('div', { class: 'll-curves' });
  const status = h('div', { class: 'll-slider-status ll-muted', 'aria-live': 'polite' }, currentLabel());
  const views: DrawnChart[] = [];
  const redraw = (): void => {
    const cur = currentRows();
    const pts = pointRows();
    status.textContent = currentLabel();
    for (const c of views) {
      if (!c.view) continue;
      const v = c.view;
      void loadVega().then(({ vega }) => {
        v.change('current', vega.changeset().remove(() => true).insert(cur));
        v.change('points', vega.changeset().remove(() => true).insert(pts));
        return v.runAsync();
      });
    }
  };
  const sliders = numericSliders(loss, params);
  if (sliders.length) {
    const box = h('div', { class: 'll-sliders' });
    for (const [name, spec] of sliders) {
      const s = spec.slider!;
      const id = `ll-slider-${loss.id}-${name}-${Math.random().toString(36).slice(2, 8)}`;
      const out = h('output', { class: 'll-slider-value', for: id }, String(params[name]));
      const input = h('input', { type: 'range', id, min: String(s.min), max: String(s.max), step: String(s.step), value: String(params[name]), 'data-param': name, 'aria-label': name });
      input.addEventListener('input', () => {
        live[name] = Number(input.value);
        out.textContent = input.value;
        redraw();
      });
      box.appendChild(h('label', { class: 'll-slider', for: id, title: tr(lang, spec.doc) }, h('span', { class: 'll-slider-name' }, familyLabel(name, 0).split(' =')[0]), input, out));
    }
    box.appendChild(button(t(lang, 'reset'), () => {
      for (const [name] of sliders) live[name] = params[name];
      for (const input of Array.from(box.querySelectorAll('input'))) input.value = String(params[input.getAttribute('data-param')!]);
      for (const out of Array.from(box.querySelectorAll('output'))) out.textContent = String(params[(out.previousElementSibling as HTMLInputElement).getAttribute('data-param')!]);
      redraw();
    }, 'll-button ll-small'));
    section.appendChild(box);
  }
  if (sliders.length) section.appendChild(status);
  const row = h('div', { class: 'll-chart-row' });
  const th = readTheme();
  for (const key of ['loss', 'grad'] as const) {
    const el = chartBox(key === 'loss' ? 'curve-loss' : 'curve-grad', height);
    row.appendChild(el);
    const spec = curveSpec({
      key,
      title: key === 'loss' ? t(lang, 'lossCurve') : t(lang, 'gradCurve'),
      xTitle: tr(lang, axis.label),
      yTitle: key === 'loss' ? 'ℓ' : `∂ℓ/∂${axis.symbol === 'residual' ? 'd' : axis.symbol === 'p_t' ? 'p_t' : 'z'}`,
      xDomain: axis.domain,
      yDomain: yDomain(all, key),
      family,
      familyLabels: labels,
      familyTitle: fam ? familyLabel(fam.param, 0).split(' =')[0] : '',
      current,
      currentLabel: currentLabel(),
      points,
      width,
      height,
    }, th);
    views.push(draw(ctx, el.getAttribute('data-chart')!, el, spec));
  }
  section.appendChild(row);
  if (points.length || labels.length) {
    section.appendChild(h('div', { class: 'll-legend-note ll-muted' },
      points.length ? h('span', { class: 'll-dot' }) : null,
      points.length ? ` ${t(lang, 'yourPoints')} (${points.length})` : null,
      labels.length ? h('span', { class: 'll-dash' }) : null,
      labels.length ? ` ${t(lang, 'current')}` : null));
  }
  return section;
}

export function compareSection(loss: AnyLoss, ctx: PlotContext): HTMLElement | null {
  const { lang } = ctx;
  const curves = compareCurves(loss, (l) => tr(lang, l.names));
  if (!curves.length) return null;
  const axis = loss.curve.axis;
  const rows = curves.flatMap((c) => sampleCurve(c.loss, c.params, c.label, axis.domain));
  const labels = curves.map((c) => c.label);
  const width = Math.max(200, Math.min(440, Math.floor((ctx.width - 70) / 2) - 60));
  const height = Math.round(width * 0.62);
  const section = h('div', { class: 'll-compare' }, h('h3', null, `${t(lang, 'compare')}: ${tr(lang, CATEGORY_NAMES[loss.category])}`), h('p', { class: 'll-muted' }, t(lang, 'compareNote')));
  const row = h('div', { class: 'll-chart-row' });
  const th = readTheme();
  for (const key of ['loss', 'grad'] as const) {
    const el = chartBox(key === 'loss' ? 'compare-loss' : 'compare-grad', height);
    row.appendChild(el);
    draw(ctx, el.getAttribute('data-chart')!, el, compareSpec({
      key,
      title: key === 'loss' ? t(lang, 'lossCurve') : t(lang, 'gradCurve'),
      xTitle: tr(lang, axis.label),
      xDomain: axis.domain,
      yDomain: yDomain(rows, key),
      rows,
      labels,
      width,
      height,
    }, th));
  }
  section.appendChild(row);
  return section;
}

export interface Heatmap {
  readonly name: 'prediction' | 'target' | 'gradient';
  readonly values: Float64Array;
  readonly diverging: boolean;
}

/** Canvas above this many cells: SVG with 16k rects is slow to lay out, the canvas draws it in a frame. */
const SVG_CELLS = 4096;

export function heatmapSection(rows: number, cols: number, maps: readonly Heatmap[], sliceLabel: string, ctx: PlotContext): HTMLElement {
  const { lang } = ctx;
  const size = Math.max(120, Math.min(220, Math.floor((ctx.width - 60) / maps.length) - 90));
  const section = h('div', { class: 'll-heatmaps' }, h('h3', null, t(lang, 'heatmaps')), h('p', { class: 'll-muted' }, `${rows} × ${cols} · ${sliceLabel}`));
  const row = h('div', { class: 'll-chart-row' });
  const th = readTheme();
  const title = { prediction: t(lang, 'prediction'), target: t(lang, 'target'), gradient: t(lang, 'gradHeat') };
  for (const m of maps) {
    const el = chartBox(`heatmap-${m.name}`, size);
    row.appendChild(el);
    const chart: HeatmapChart = { title: title[m.name], rows, cols, values: m.values, diverging: m.diverging, size };
    // First paint: the raster itself, at once; Vega's axes, legend and title replace it when loaded.
    const range = heatRange(m.values, m.diverging);
    const raster = rasterize(m.values, rows, cols, range, lut(m.diverging ? BLUE_RED : VIRIDIS));
    raster.classList.add('ll-raster');
    // CSSOM, not a style attribute: the panel's CSP allows the former only.
    raster.style.width = `${size}px`;
    raster.style.height = `${Math.max(8, Math.round((size * rows) / cols))}px`;
    raster.setAttribute('aria-label', title[m.name]);
    el.appendChild(h('div', { class: 'll-raster-title' }, title[m.name]));
    el.appendChild(raster);
    if (rows * cols <= SVG_CELLS) draw(ctx, `heatmap-${m.name}`, el, heatmapSpec(chart, th));
    else draw(ctx, `heatmap-${m.name}`, el, heatmapImageSpec(chart, th, raster.toDataURL('image/png'), range), 'canvas');
  }
  section.appendChild(row);
  return section;
}
