/**
 * Vega specs, written as Vega directly (not Vega-Lite): the renderer ships Vega alone and needs no
 * compile step at run time. Data arrive as named datasets so a slider swaps values without a re-parse.
 */
import type { ChartTheme } from './theme.js';
import { vegaConfig } from './theme.js';
import type { CurveRow } from './curves.js';
import { BLUE_RED, stopDomain, VIRIDIS } from './colormaps.js';

/** The heatmap colour scale: piecewise over the stops of colormaps.ts, as the rasters use. */
function colorScale(diverging: boolean, range: readonly [number, number]): Record<string, unknown> {
  const stops = diverging ? BLUE_RED : VIRIDIS;
  return { name: 'color', type: 'linear', domain: stopDomain(range[0], range[1], stops.length), range: [...stops], interpolate: 'rgb', zero: false, nice: false };
}

export type VegaSpec = Record<string, unknown>;

/**
 * What every chart shares: the schema, its size, a transparent background (a compiled spec's own
 * white would hide the VS Code theme), the title placed over the plot area, and the theme's config.
 */
function frame(title: string, width: number, height: number, padding: number | Record<string, number>, th: ChartTheme): VegaSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width,
    height,
    padding,
    autosize: { type: 'pad' },
    background: 'transparent',
    title: { text: title, anchor: 'start', frame: 'group', offset: 6 },
    config: vegaConfig(th),
  };
}

export interface CurveChart {
  readonly key: 'loss' | 'grad';
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly family: readonly CurveRow[];
  readonly familyLabels: readonly string[];
  readonly familyTitle: string;
  readonly current: readonly CurveRow[];
  readonly currentLabel: string;
  readonly points: readonly CurveRow[];
  readonly width: number;
  readonly height: number;
}

export function curveSpec(c: CurveChart, th: ChartTheme): VegaSpec {
  const x = { scale: 'x', field: 'z' };
  const y = { scale: 'y', field: c.key };
  const marks: unknown[] = [];
  if (c.familyLabels.length) {
    marks.push({
      type: 'group',
      name: 'familyLines',
      from: { facet: { name: 'fam', data: 'family', groupby: 'series' } },
      encode: { enter: { width: { signal: 'width' }, height: { signal: 'height' } } },
      marks: [{
        type: 'line',
        from: { data: 'fam' },
        clip: true,
        encode: { update: { x, y, stroke: { scale: 'color', field: { parent: 'series' } }, strokeWidth: { value: th.highContrast ? 2 : 1.5 }, strokeOpacity: { value: th.highContrast ? 1 : 0.75 } } },
      }],
    });
  }
  marks.push({
    type: 'line',
    name: 'currentLine',
    from: { data: 'current' },
    clip: true,
    // Over a family the chosen parameters' curve is dashed in the text colour; alone it is the main colour.
    encode: { update: c.familyLabels.length
      ? { x, y, stroke: { value: th.foreground }, strokeWidth: { value: 2.5 }, strokeDash: { value: [6, 3] } }
      : { x, y, stroke: { value: th.palette[0] }, strokeWidth: { value: 2.5 } } },
  });
  marks.push({
    type: 'symbol',
    name: 'userPoints',
    from: { data: 'points' },
    clip: true,
    encode: { update: { x, y, fill: { value: th.accent }, stroke: { value: th.background }, strokeWidth: { value: 1 }, size: { value: 46 }, opacity: { value: 0.9 } } },
  });
  return {
    ...frame(c.title, c.width, c.height, { left: 4, right: 4, top: 6, bottom: 4 }, th),
    data: [
      { name: 'family', values: c.family },
      { name: 'current', values: c.current },
      { name: 'points', values: c.points },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [...c.xDomain], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: [...c.yDomain], range: 'height', zero: false, nice: true },
      { name: 'color', type: 'ordinal', domain: c.familyLabels.length ? [...c.familyLabels] : ['-'], range: [...th.palette] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: c.xTitle, grid: true, tickCount: 6 },
      { orient: 'left', scale: 'y', title: c.yTitle, grid: true, tickCount: 5 },
    ],
    legends: c.familyLabels.length ? [{ stroke: 'color', title: c.familyTitle, orient: 'bottom', direction: 'horizontal', columns: Math.max(1, Math.min(c.familyLabels.length, Math.floor(c.width / 62))), symbolType: 'stroke', symbolStrokeWidth: 2 }] : [],
    marks,
  };
}

export interface CompareChart {
  readonly key: 'loss' | 'grad';
  readonly title: string;
  readonly xTitle: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly rows: readonly CurveRow[];
  readonly labels: readonly string[];
  readonly width: number;
  readonly height: number;
}

export function compareSpec(c: CompareChart, th: ChartTheme): VegaSpec {
  return {
    ...frame(c.title, c.width, c.height, { left: 4, right: 4, top: 6, bottom: 4 }, th),
    data: [{ name: 'rows', values: c.rows }],
    scales: [
      { name: 'x', type: 'linear', domain: [...c.xDomain], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: [...c.yDomain], range: 'height', zero: false, nice: true },
      { name: 'color', type: 'ordinal', domain: [...c.labels], range: [...th.palette] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: c.xTitle, grid: true, tickCount: 6 },
      { orient: 'left', scale: 'y', grid: true, tickCount: 5 },
    ],
    legends: c.key === 'loss' ? [{ stroke: 'color', orient: 'bottom', direction: 'horizontal', columns: Math.max(1, Math.floor(c.width / 230)), symbolType: 'stroke', symbolStrokeWidth: 2.5, labelLimit: 220 }] : [],
    marks: [{
      type: 'group',
      from: { facet: { name: 'one', data: 'rows', groupby: 'series' } },
      encode: { enter: { width: { signal: 'width' }, height: { signal: 'height' } } },
      marks: [{
        type: 'line',
        from: { data: 'one' },
        clip: true,
        encode: { update: { x: { scale: 'x', field: 'z' }, y: { scale: 'y', field: c.key }, stroke: { scale: 'color', field: { parent: 'series' } }, strokeWidth: { value: 2 } } },
      }],
    }],
  };
}

export interface HeatmapChart {
  readonly title: string;
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
  /** Diverging around 0 (gradients) or sequential (predictions, targets). */
  readonly diverging: boolean;
  readonly size: number;
}

/** One rect per pixel; cells carry their row, column and value (a tooltip reads them). */
export function heatmapSpec(c: HeatmapChart, th: ChartTheme): VegaSpec {
  const cells: { r: number; c: number; r1: number; c1: number; v: number }[] = new Array(c.values.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i];
    const r = Math.floor(i / c.cols);
    const col = i % c.cols;
    cells[i] = { r, c: col, r1: r + 1, c1: col + 1, v };
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const m = Math.max(Math.abs(lo), Math.abs(hi));
  const w = c.size;
  const hgt = Math.max(8, Math.round((w * c.rows) / c.cols));
  return {
    ...frame(c.title, w, hgt, 4, th),
    data: [{ name: 'cells', values: cells }],
    scales: [
      { name: 'x', type: 'linear', domain: [0, c.cols], range: 'width', zero: true, nice: false },
      { name: 'y', type: 'linear', domain: [0, c.rows], range: [0, hgt], zero: true, nice: false },
      colorScale(c.diverging, c.diverging ? [-m, m] : [lo, hi]),
    ],
    axes: [
      { orient: 'bottom', scale: 'x', tickCount: 4, labelFlush: true, domain: false },
      { orient: 'left', scale: 'y', tickCount: 4, labelFlush: true, domain: false },
    ],
    legends: [{ fill: 'color', type: 'gradient', orient: 'right', gradientLength: Math.max(60, hgt - 10), gradientThickness: 10, tickCount: 4 }],
    marks: [{
      type: 'rect',
      name: 'cellRects',
      from: { data: 'cells' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'c' },
          x2: { scale: 'x', field: 'c1' },
          y: { scale: 'y', field: 'r' },
          y2: { scale: 'y', field: 'r1' },
          fill: { scale: 'color', field: 'v' },
          // A hairline of the cell's own colour closes the anti-aliasing seams between cells.
          stroke: { scale: 'color', field: 'v' },
          strokeWidth: { value: 0.35 },
        },
      },
    }],
  };
}

/** Value range of a map: finite min and max (a constant map gets ±1 around its value). */
export function heatRange(values: Float64Array, diverging: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  if (diverging) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    return [-m, m];
  }
  return [lo, hi];
}

/**
 * A large map as one raster image (drawn by the renderer from the same colour scheme) under Vega's
 * axes, legend and title: one mark instead of 16k, so a 128 × 128 map draws in a frame.
 */
export function heatmapImageSpec(c: HeatmapChart, th: ChartTheme, url: string, range: readonly [number, number]): VegaSpec {
  const w = c.size;
  const hgt = Math.max(8, Math.round((w * c.rows) / c.cols));
  return {
    ...frame(c.title, w, hgt, 4, th),
    scales: [
      { name: 'x', type: 'linear', domain: [0, c.cols], range: 'width', zero: true, nice: false },
      { name: 'y', type: 'linear', domain: [0, c.rows], range: [0, hgt], zero: true, nice: false },
      colorScale(c.diverging, range),
    ],
    axes: [
      { orient: 'bottom', scale: 'x', tickCount: 4, labelFlush: true, domain: false },
      { orient: 'left', scale: 'y', tickCount: 4, labelFlush: true, domain: false },
    ],
    legends: [{ fill: 'color', type: 'gradient', orient: 'right', gradientLength: Math.max(60, hgt - 10), gradientThickness: 10, tickCount: 4 }],
    marks: [{
      type: 'image',
      name: 'raster',
      encode: { enter: { x: { value: 0 }, y: { value: 0 }, width: { signal: 'width' }, height: { signal: 'height' }, url: { value: url }, aspect: { value: false }, smooth: { value: false } } },
    }],
  };
}
