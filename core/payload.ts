/**
 * The notebook/webview payload (shared/spec/payload.md), version 1: one schema for what a Python
 * user `display()`s, what the extension posts to its panel and what the renderer draws. Pure, no
 * DOM: the extension, the CLI and the renderer all import it.
 *
 * A payload is checked field by field on arrival; every refusal names the field and what was
 * expected, so the renderer can show it in place of the report instead of a blank output.
 */
import { checkRequest, evaluateChecked, type Answer, type Evaluation, type LossRequest } from './evaluate.js';
import { attempt, err, ok, type ErrorInfo, type Result } from './errors.js';
import { decodeNumber, encodeNumber, encodeTensor, type JsonNested } from './json.js';
import { EXTRA_NAMES, type AnyLoss, type ExtraName, type WorkedExample } from './loss.js';
import { pick, type Localized } from './localized.js';
import { findLoss, nearestIds } from './registry.js';
import { toNested } from './tensor.js';

export const PAYLOAD_MIME = 'application/vnd.loss-lens+json';
export const PAYLOAD_VERSION = 1;

export type Units = 'nats' | 'bits';

/** How numbers are shown; the extension fills it from the user's settings, a notebook user may omit it. */
export interface DisplayOptions {
  readonly units?: Units;
  /** Significant digits, 1–17. */
  readonly digits?: number;
  /** Worked-example samples shown before "more", 1–50. */
  readonly samples?: number;
}

/** The request's own fields (losses.md), as JSON: the eval contract's request without its `grad` flag. */
export type RequestFields = Omit<LossRequest, 'grad'>;

/** The `eval --json` answer, plus what a report may carry for the renderer. */
export interface ResultJson extends Answer {
  readonly unreduced?: JsonNested;
  readonly non_finite?: { readonly value: boolean; readonly grad: boolean };
}

export interface RequestPayload {
  readonly version: typeof PAYLOAD_VERSION;
  readonly kind: 'request';
  /** One loss, or several to compare on the same tensors. */
  readonly loss: string | readonly string[];
  readonly input: unknown;
  readonly target?: unknown;
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly reduction?: string;
  readonly title?: string;
  readonly display?: DisplayOptions;
  /** The UI language ("en", "zh-cn"); hosts usually pass it themselves. */
  readonly locale?: string;
}

export interface ReportPayload extends Omit<RequestPayload, 'kind'> {
  readonly kind: 'report';
  /** The single loss's answer. */
  readonly result?: ResultJson;
  /** One entry per compared loss, each with its own request fields and answer. */
  readonly results?: readonly (RequestFields & { readonly result: ResultJson })[];
}

export type Payload = RequestPayload | ReportPayload;

/** A refused payload: which field, what was expected, what came. */
export interface PayloadError extends ErrorInfo {
  /** JSON path of the offending field, e.g. `loss`, `results[1].result.value`, `input[2][0]`. */
  readonly field: string;
  readonly expected: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'string') return v.length > 40 ? `the text ${JSON.stringify(v.slice(0, 40) + '…')}` : `the text ${JSON.stringify(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function refuse(field: string, expected: string, got: unknown, code: ErrorInfo['code'] = 'invalid_request', more: Partial<ErrorInfo> = {}): Result<never> {
  const e: PayloadError = { code, field, expected, message: `"${field}" must be ${expected}; got ${describe(got)}.`, ...more };
  return err(e);
}

const KNOWN_FIELDS = new Set(['version', 'kind', 'loss', 'input', 'target', 'extra', 'params', 'reduction', 'title', 'display', 'locale', 'result', 'results', 'grad']);

function checkLossId(v: unknown, field: string): Result<string> {
  if (typeof v !== 'string' || v === '') return refuse(field, 'a loss id such as "cross_entropy"', v, v === undefined ? 'invalid_request' : 'invalid_request');
  if (!findLoss(v)) {
    const near = nearestIds(v);
    const hint = near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : '';
    return err<never>({ code: 'unknown_loss', field, expected: `a loss id of the catalogue${hint}`, message: `"${field}" names no loss: there is no loss ${JSON.stringify(v)}${hint}.`, suggestions: near } as PayloadError);
  }
  return ok(v);
}

function checkDisplay(v: unknown): Result<DisplayOptions | undefined> {
  if (v === undefined || v === null) return ok(undefined);
  if (!isRecord(v)) return refuse('display', 'an object such as {"units": "bits", "digits": 4, "samples": 3}', v);
  if (v.units !== undefined && v.units !== 'nats' && v.units !== 'bits') return refuse('display.units', '"nats" or "bits"', v.units);
  for (const [k, lo, hi] of [['digits', 1, 17], ['samples', 1, 50]] as const) {
    const x = v[k];
    if (x !== undefined && !(typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi)) return refuse(`display.${k}`, `an integer from ${lo} to ${hi}`, x);
  }
  return ok(v as DisplayOptions);
}

function checkResult(v: unknown, field: string): Result<ResultJson> {
  if (!isRecord(v)) return refuse(field, 'an object with "value" (and "grad")', v);
  if (v.value === undefined) return refuse(`${field}.value`, 'a number, "NaN", "Infinity", "-Infinity" or a nested list of them', v.value);
  const badNumber = (x: unknown): boolean => (Array.isArray(x) ? x.some(badNumber) : decodeNumber(x) === undefined);
  for (const k of ['value', 'grad', 'unreduced'] as const) {
    if (v[k] !== undefined && badNumber(v[k])) return refuse(`${field}.${k}`, 'numbers (or "NaN", "Infinity", "-Infinity"), possibly nested in lists', v[k]);
  }
  if (v.grad_extra !== undefined && !isRecord(v.grad_extra)) return refuse(`${field}.grad_extra`, 'an object such as {"input2": [...]}', v.grad_extra);
  return ok(v as unknown as ResultJson);
}

/** Checks a payload's structure (not yet its tensors against the loss: that is `computeReport`). */
export function parsePayload(raw: unknown): Result<Payload> {
  if (!isRecord(raw)) return refuse('(payload)', `a JSON object with "loss" and "input" (mime ${PAYLOAD_MIME})`, raw);
  const version = raw.version ?? PAYLOAD_VERSION;
  if (version !== PAYLOAD_VERSION) return refuse('version', `${PAYLOAD_VERSION} (the only payload version this Loss Lens reads)`, raw.version);
  const kind = raw.kind ?? 'request';
  if (kind !== 'request' && kind !== 'report') return refuse('kind', '"request" or "report"', raw.kind);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key)) return refuse(key, `absent: the payload's fields are ${[...KNOWN_FIELDS].filter((f) => f !== 'grad').join(', ')}`, raw[key]);
  }
  if (raw.loss === undefined) return refuse('loss', 'a loss id such as "cross_entropy", or a list of ids to compare', undefined);
  if (Array.isArray(raw.loss)) {
    if (raw.loss.length === 0) return refuse('loss', 'a loss id or a non-empty list of ids', raw.loss);
    for (let i = 0; i < raw.loss.length; i++) {
      const r = checkLossId(raw.loss[i], `loss[${i}]`);
      if (!r.ok) return r;
    }
  } else {
    const r = checkLossId(raw.loss, 'loss');
    if (!r.ok) return r;
  }
  if (raw.input === undefined || raw.input === null) return refuse('input', 'the input tensor as a number or nested lists of numbers', raw.input, 'missing_tensor', { tensor: 'input' });
  if (raw.title !== undefined && typeof raw.title !== 'string') return refuse('title', 'text', raw.title);
  if (raw.locale !== undefined && typeof raw.locale !== 'string') return refuse('locale', 'a language tag such as "en" or "zh-cn"', raw.locale);
  if (raw.reduction !== undefined && typeof raw.reduction !== 'string') return refuse('reduction', '"none", "mean", "sum" or "batchmean"', raw.reduction);
  if (raw.params !== undefined && raw.params !== null && !isRecord(raw.params)) return refuse('params', 'an object such as {"gamma": 2}', raw.params);
  if (raw.extra !== undefined && raw.extra !== null && !isRecord(raw.extra)) return refuse('extra', 'an object such as {"input2": [...]}', raw.extra);
  const display = checkDisplay(raw.display);
  if (!display.ok) return display;
  if (kind === 'report') {
    if (raw.results !== undefined) {
      if (!Array.isArray(raw.results) || raw.results.length === 0) return refuse('results', 'a non-empty list with one entry per compared loss', raw.results);
      for (let i = 0; i < raw.results.length; i++) {
        const e: unknown = raw.results[i];
        if (!isRecord(e)) return refuse(`results[${i}]`, 'an object with "loss", the tensors and "result"', e);
        const id = checkLossId(e.loss, `results[${i}].loss`);
        if (!id.ok) return id;
        const r = checkResult(e.result, `results[${i}].result`);
        if (!r.ok) return r;
      }
    } else if (raw.result !== undefined) {
      const r = checkResult(raw.result, 'result');
      if (!r.ok) return r;
    } else {
      return refuse('result', 'the computed answer {"value": ..., "grad": ...} (or send kind "request" and let the renderer compute)', undefined);
    }
  }
  return ok({ ...raw, version: PAYLOAD_VERSION, kind } as Payload);
}

/** One evaluated loss of a report. */
export interface ReportEntry {
  readonly loss: AnyLoss;
  readonly evaluation: Evaluation;
  /** The values the report arrived with (a report payload), shown as they came. */
  readonly shipped?: ResultJson;
  /** Where the shipped values differ from the bundled core's (a stale or foreign report). */
  readonly mismatch?: string;
}

export interface Report {
  readonly kind: 'request' | 'report';
  readonly title?: string;
  readonly display: Required<DisplayOptions>;
  readonly entries: readonly ReportEntry[];
  /** The payload as it came, for "copy as JSON" and for a later save. */
  readonly payload: Payload;
}

export const DEFAULT_DISPLAY: Required<DisplayOptions> = { units: 'nats', digits: 4, samples: 3 };

function prefixError(e: ErrorInfo, lossId: string, multi: boolean): PayloadError {
  const field = e.tensor ?? (e.param ? `params.${e.param}` : 'loss');
  const prefix = multi ? `${lossId}: ` : '';
  return { ...e, field, expected: e.message, message: prefix + e.message };
}

/** Largest relative difference between shipped and computed numbers (NaN agrees with NaN). */
function differs(shipped: unknown, computed: unknown): boolean {
  if (Array.isArray(shipped) || Array.isArray(computed)) {
    if (!Array.isArray(shipped) || !Array.isArray(computed) || shipped.length !== computed.length) return true;
    for (let i = 0; i < shipped.length; i++) if (differs(shipped[i], computed[i])) return true;
    return false;
  }
  const a = decodeNumber(shipped);
  const b = decodeNumber(computed);
  if (a === undefined || b === undefined) return true;
  if (Number.isNaN(a) || Number.isNaN(b)) return !(Number.isNaN(a) && Number.isNaN(b));
  if (a === b) return false;
  return Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Params for one of several compared losses: the names it knows (a name no loss knows is refused). */
function paramsFor(loss: AnyLoss, params: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (Object.prototype.hasOwnProperty.call(loss.params, k)) out[k] = v;
  return out;
}

/**
 * Evaluates a payload with the bundled core. A request is computed; a report's shipped values are
 * kept for display and checked against the core's, and its intermediates and worked example (which
 * the answer does not carry) come from the core.
 */
export function computeReport(raw: unknown): Result<Report> {
  const parsed = parsePayload(raw);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const ids = typeof p.loss === 'string' ? [p.loss] : [...p.loss];
  const multi = ids.length > 1;
  const fieldsOf: (RequestFields & { result?: ResultJson })[] = [];
  if (p.kind === 'report' && p.results) {
    for (const r of p.results) fieldsOf.push(r);
  } else {
    for (const id of ids) {
      const loss = findLoss(id)!;
      const fields: RequestFields & { result?: ResultJson } = {
        loss: id,
        input: p.input,
        target: p.target,
        extra: p.extra,
        params: multi ? paramsFor(loss, p.params) : p.params,
        reduction: multi && p.reduction !== undefined && !loss.reductions.includes(p.reduction as never) ? undefined : p.reduction,
        ...(p.kind === 'report' && p.result ? { result: p.result } : {}),
      };
      fieldsOf.push(fields);
    }
    if (multi && p.params) {
      for (const key of Object.keys(p.params)) {
        if (!ids.some((id) => Object.prototype.hasOwnProperty.call(findLoss(id)!.params, key))) {
          return refuse(`params.${key}`, `a parameter of one of ${ids.join(', ')}`, p.params[key], 'unknown_param', { param: key });
        }
      }
    }
  }
  const entries: ReportEntry[] = [];
  for (const f of fieldsOf) {
    const r = attempt(() => evaluateChecked(checkRequest({ loss: f.loss, input: f.input, target: f.target, extra: f.extra ?? {}, params: f.params ?? {}, reduction: f.reduction })));
    if (!r.ok) return err(prefixError(r.error, f.loss, multi));
    const ev = r.value;
    let mismatch: string | undefined;
    if (f.result) {
      const value = typeof ev.output.value === 'number' ? encodeNumber(ev.output.value) : encodeTensor(ev.output.value);
      if (differs(f.result.value, value)) mismatch = 'value';
      else if (f.result.grad !== undefined && differs(f.result.grad, encodeTensor(ev.output.grad))) mismatch = 'grad';
    }
    entries.push({ loss: ev.loss, evaluation: ev, ...(f.result ? { shipped: f.result } : {}), ...(mismatch ? { mismatch } : {}) });
  }
  return ok({
    kind: p.kind,
    ...(p.title !== undefined ? { title: p.title } : {}),
    display: { ...DEFAULT_DISPLAY, ...(p.display ?? {}) },
    entries,
    payload: p,
  });
}

/** The worked example of one entry with `count` samples (the renderer asks again for "more"). */
export function workedExample(entry: ReportEntry, count: number): WorkedExample {
  const ev = entry.evaluation;
  return ev.loss.worked(ev.inputs, ev.params, ev.output, ev.reduction, count);
}

/** A report payload from a request, with everything the renderer shows (for the extension and `eval`). */
export function toReportPayload(raw: unknown): Result<ReportPayload> {
  const r = computeReport(raw);
  if (!r.ok) return r;
  const rep = r.value;
  const fieldsOf = (e: ReportEntry): RequestFields & { result: ResultJson } => {
    const ev = e.evaluation;
    const extra: Record<string, unknown> = {};
    for (const name of EXTRA_NAMES) {
      const t = ev.inputs.extra[name];
      if (t) extra[name] = encodeTensor(t);
    }
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ev.params)) {
      params[k] = v instanceof Float64Array ? Array.from(v) : isRecord(v) && v.data instanceof Float64Array ? toNested(v as never) : v;
    }
    const gradExtra: Partial<Record<ExtraName, JsonNested>> = {};
    for (const name of ev.loss.extra) {
      const g = ev.output.gradExtra[name];
      if (g) gradExtra[name] = encodeTensor(g);
    }
    return {
      loss: ev.loss.id,
      input: encodeTensor(ev.inputs.input),
      target: ev.inputs.target ? encodeTensor(ev.inputs.target) : null,
      extra,
      params,
      reduction: ev.reduction,
      result: {
        value: typeof ev.output.value === 'number' ? encodeNumber(ev.output.value) : encodeTensor(ev.output.value),
        grad: encodeTensor(ev.output.grad),
        grad_extra: gradExtra,
        unreduced: encodeTensor(ev.output.unreduced),
        non_finite: ev.nonFinite,
      },
    };
  };
  const entries = rep.entries.map(fieldsOf);
  const base = { version: PAYLOAD_VERSION, kind: 'report' as const, ...(rep.title !== undefined ? { title: rep.title } : {}), display: rep.display };
  if (entries.length === 1) return ok({ ...base, ...entries[0] } as ReportPayload);
  return ok({ ...base, ...entries[0], loss: entries.map((e) => e.loss), results: entries } as ReportPayload);
}

/**
 * Nats (or bits) are the unit of the log-likelihood losses only: cross entropies, NLL, KL and the
 * focal losses built on them. A hinge, a Dice or a regression error has no information unit.
 */
export function inNats(loss: AnyLoss): boolean {
  return /entropy|nll|kl_div|focal|bce/.test(loss.id);
}

/** The text/plain stand-in of a report (Jupyter without the extension, screen readers). */
export function plainText(rep: Report, locale = 'en'): string {
  const parts = rep.entries.map((e) => {
    const v = e.evaluation.output.value;
    const nats = inNats(e.loss);
    const k = nats && rep.display.units === 'bits' ? 1 / Math.LN2 : 1;
    const s = typeof v === 'number' ? String(+(v * k).toPrecision(rep.display.digits)) : `[${v.data.length} values]`;
    return `${pick(e.loss.names as Localized, locale)} (${e.evaluation.reduction}) = ${s}${nats ? ` ${rep.display.units}` : ''}`;
  });
  return `Loss Lens: ${parts.join('; ')}`;
}
