/**
 * The report payload (core/payload.ts, shared/spec/payload.md) for what the user selected: the
 * request with the user's display settings, computed by the core into a report the renderer shows
 * without recomputing, and the text/plain line that stands in for it where the renderer is absent
 * (Jupyter without the extension).
 */
import type { ErrorInfo } from '../core/errors.js';
import { computeReport, plainText, toReportPayload, PAYLOAD_MIME, PAYLOAD_VERSION, type ReportPayload, type RequestPayload } from '../core/payload.js';
import { release } from '../core/pool.js';
import type { Settings } from './settings.js';

export const REPORT_MIME = PAYLOAD_MIME;

export interface BuiltReport {
  /** What was shown: the report payload (notebook) or the request payload (panel). */
  readonly report: ReportPayload | RequestPayload;
  readonly plain: string;
  /** The reduced value of each loss in nats (a list for reduction none), for callers that check numbers. */
  readonly values: readonly (number | number[])[];
}

export interface ReportRequest {
  readonly losses: readonly string[];
  readonly input: unknown;
  readonly target: unknown;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly reduction?: string;
}

export function requestPayload(r: ReportRequest, settings: Settings, locale: string): RequestPayload {
  return {
    version: PAYLOAD_VERSION,
    kind: 'request',
    loss: r.losses.length === 1 ? r.losses[0] : [...r.losses],
    input: r.input,
    target: r.target,
    extra: r.extra,
    params: r.params,
    ...(r.reduction !== undefined ? { reduction: r.reduction } : {}),
    display: { units: settings.units, digits: settings.digits, notation: settings.notation, samples: settings.samples },
    locale,
  };
}

/**
 * Evaluates the request with the core: its error (naming the tensor or parameter at fault), or the
 * text fallback and the values. The panel is then sent the request itself, which its UI computes
 * with the same core (half the bytes of a report through the webview channel); a notebook output
 * gets the full report (`reportOf`), which must render and read without recomputing.
 */
export function evaluateRequest(request: RequestPayload, locale: string): { ok: true; value: Omit<BuiltReport, 'report'> } | { ok: false; error: ErrorInfo } {
  const rep = computeReport(request);
  if (!rep.ok) return { ok: false, error: rep.error };
  const values = rep.value.entries.map((e) => {
    const v = e.evaluation.output.value;
    return typeof v === 'number' ? v : Array.from(v.data);
  });
  const plain = plainText(rep.value, locale);
  // Both are copies (numbers, text): the evaluations' arrays go back to the pool.
  for (const e of rep.value.entries) release(e.evaluation.output);
  return { ok: true, value: { plain, values } };
}

/** The report payload of an already checked request (values, gradients, unreduced loss). */
export function reportOf(request: RequestPayload): ReportPayload {
  const r = toReportPayload(request);
  if (!r.ok) throw new Error(`a checked request failed to report: ${r.error.message}`);
  return r.value;
}
