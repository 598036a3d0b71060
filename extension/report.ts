/**
 * The report payload (shared/spec/payload.md): the request's fields, kind "report", and the computed
 * result, which the renderer shows without recomputing; plus the text/plain line that stands in for
 * it where the renderer is absent (Jupyter without the extension, a screen reader).
 */
import type { Evaluation } from '../core/evaluate.js';
import { toAnswer } from '../core/evaluate.js';
import { formatNumber } from '../core/format.js';
import { encodeTensor } from '../core/json.js';
import { toNested } from '../core/tensor.js';
import type { Settings } from './settings.js';

export const REPORT_MIME = 'application/vnd.loss-lens+json';

export interface BuiltReport {
  readonly report: Record<string, unknown>;
  readonly plain: string;
  /** The reduced value of each loss in nats (a list for reduction none), for callers that check numbers. */
  readonly values: readonly (number | number[])[];
}

function requestOf(ev: Evaluation): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [k, t] of Object.entries(ev.inputs.extra)) if (t) extra[k] = encodeTensor(t);
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ev.params)) {
    params[k] = v instanceof Float64Array ? Array.from(v) : v && typeof v === 'object' && 'data' in v ? toNested(v as never) : v;
  }
  return {
    loss: ev.loss.id,
    input: encodeTensor(ev.inputs.input),
    target: ev.inputs.target ? encodeTensor(ev.inputs.target) : null,
    extra,
    params,
    reduction: ev.reduction,
  };
}

function plainValue(ev: Evaluation, settings: Settings): string {
  const k = settings.units === 'bits' ? 1 / Math.LN2 : 1;
  const v = ev.output.value;
  const text = typeof v === 'number'
    ? formatNumber(v * k, settings.digits)
    : `[${Array.from(v.data.subarray(0, 8), (x) => formatNumber(x * k, settings.digits)).join(', ')}${v.data.length > 8 ? ', …' : ''}]`;
  const flag = ev.nonFinite.value || ev.nonFinite.grad ? ' (non-finite!)' : '';
  return `${ev.loss.id} (${ev.reduction}) = ${text} ${settings.units}${flag}`;
}

export function buildReport(evaluations: readonly Evaluation[], settings: Settings, compare: boolean): BuiltReport {
  const first = evaluations[0];
  const results = evaluations.map((ev) => ({ ...requestOf(ev), result: toAnswer(ev) }));
  const report: Record<string, unknown> = compare
    ? { version: 1, kind: 'report', ...requestOf(first), loss: evaluations.map((e) => e.loss.id), results }
    : { version: 1, kind: 'report', ...results[0] };
  const plain = `Loss Lens: ${evaluations.map((ev) => plainValue(ev, settings)).join('; ')}`;
  const values = evaluations.map((ev) => (typeof ev.output.value === 'number' ? ev.output.value : Array.from(ev.output.value.data)));
  return { report, plain, values };
}
