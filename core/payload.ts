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
import { formatNumber, NOTATIONS, type Notation } from './format.js';
import { decodeNumber, encodeNumber, encodeTensor, type JsonNested } from './json.js';
import { EXTRA_NAMES, type AnyLoss, type ExtraName, type WorkedExample } from './loss.js';
import { pick, zhJoin, type Localized } from './localized.js';
import { findLoss, nearestIds } from './registry.js';
import { release } from './pool.js';
import { toNested } from './tensor.js';

export const PAYLOAD_MIME = 'application/vnd.loss-lens+json';
export const PAYLOAD_VERSION = 1;

export type Units = 'nats' | 'bits';

/** How numbers are shown; the extension fills it from the user's settings, a notebook user may omit it. */
export interface DisplayOptions {
  readonly units?: Units;
  /** Significant digits, 1–17. */
  readonly digits?: number;
  /** auto, fixed or scientific (core/format.ts); with `digits` the report's NumberFormat. */
  readonly notation?: Notation;
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
  readonly expected: Localized;
}

/** Text that reads the same in both languages (a value, a list of ids). */
function same(s: string): Localized {
  return { en: s, 'zh-cn': s };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const TYPE_ZH: Record<string, string> = { number: '数值', boolean: '布尔值', bigint: '大整数', function: '函数', symbol: '符号' };

function describe(v: unknown): Localized {
  if (v === undefined) return { en: 'nothing', 'zh-cn': '空（未给出）' };
  if (v === null) return same('null');
  if (Array.isArray(v)) return { en: `a list of ${v.length}`, 'zh-cn': `长度为 ${v.length} 的列表` };
  if (typeof v === 'string') {
    const text = v.length > 40 ? JSON.stringify(v.slice(0, 40) + '…') : JSON.stringify(v);
    return { en: `the text ${text}`, 'zh-cn': `文本 ${text}` };
  }
  if (typeof v === 'object') return { en: 'an object', 'zh-cn': '一个对象' };
  return { en: `${typeof v} ${String(v)}`, 'zh-cn': `${TYPE_ZH[typeof v] ?? typeof v} ${String(v)}` };
}

/** `must` is what the Chinese message says the field must do, where "必须是" + `expected` does not read. */
function refuse(field: string, expected: Localized, got: unknown, code: ErrorInfo['code'] = 'invalid_request', more: Partial<ErrorInfo> = {}, must = zhJoin('必须是', expected['zh-cn'])): Result<never> {
  const d = describe(got);
  const message: Localized = { en: `"${field}" must be ${expected.en}; got ${d.en}.`, 'zh-cn': zhJoin(`"${field}"`, must, '；实际为', d['zh-cn'], '。') };
  const e: PayloadError = { code, field, expected, message, ...more };
  return err(e);
}

const LOSS_ID: Localized = { en: 'a loss id such as "cross_entropy"', 'zh-cn': '损失函数的 id，例如 "cross_entropy"' };
const OBJECT_LIKE_EXTRA: Localized = { en: 'an object such as {"input2": [...]}', 'zh-cn': '一个对象，例如 {"input2": [...]}' };

const KNOWN_FIELDS = new Set(['version', 'kind', 'loss', 'input', 'target', 'extra', 'params', 'reduction', 'title', 'display', 'locale', 'result', 'results', 'grad']);

function checkLossId(v: unknown, field: string): Result<string> {
  if (typeof v !== 'string' || v === '') return refuse(field, LOSS_ID, v, v === undefined ? 'invalid_request' : 'invalid_request');
  if (!findLoss(v)) {
    const near = nearestIds(v);
    const quoted = near.map((n) => `"${n}"`);
    const hint = near.length ? { en: ` (did you mean ${quoted.join(' or ')}?)`, zh: `（你是不是要找 ${quoted.join(' 或 ')}？）` } : { en: '', zh: '' };
    const id = JSON.stringify(v);
    return err<never>({
      code: 'unknown_loss',
      field,
      expected: { en: `a loss id of the catalogue${hint.en}`, 'zh-cn': `损失函数目录中的 id${hint.zh}` },
      message: { en: `"${field}" names no loss: there is no loss ${id}${hint.en}.`, 'zh-cn': `"${field}" 指定的损失函数不存在：没有名为 ${id} 的损失函数${hint.zh}。` },
      suggestions: near,
    } as PayloadError);
  }
  return ok(v);
}

function checkDisplay(v: unknown): Result<DisplayOptions | undefined> {
  if (v === undefined || v === null) return ok(undefined);
  if (!isRecord(v)) {
    return refuse('display', { en: 'an object such as {"units": "bits", "digits": 4, "samples": 3}', 'zh-cn': '一个对象，例如 {"units": "bits", "digits": 4, "samples": 3}' }, v);
  }
  if (v.units !== undefined && v.units !== 'nats' && v.units !== 'bits') return refuse('display.units', { en: '"nats" or "bits"', 'zh-cn': '"nats" 或 "bits"' }, v.units);
  if (v.notation !== undefined && !NOTATIONS.includes(v.notation as Notation)) {
    return refuse('display.notation', { en: '"auto", "fixed" or "scientific"', 'zh-cn': '"auto"、"fixed" 或 "scientific"' }, v.notation);
  }
  for (const [k, lo, hi] of [['digits', 1, 17], ['samples', 1, 50]] as const) {
    const x = v[k];
    if (x !== undefined && !(typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi)) {
      return refuse(`display.${k}`, { en: `an integer from ${lo} to ${hi}`, 'zh-cn': `${lo} 到 ${hi} 之间的整数` }, x);
    }
  }
  return ok(v as DisplayOptions);
}

function checkResult(v: unknown, field: string): Result<ResultJson> {
  if (!isRecord(v)) return refuse(field, { en: 'an object with "value" (and "grad")', 'zh-cn': '含有 "value"（以及 "grad"）的对象' }, v);
  if (v.value === undefined) {
    return refuse(`${field}.value`, { en: 'a number, "NaN", "Infinity", "-Infinity" or a nested list of them', 'zh-cn': '数值、"NaN"、"Infinity"、"-Infinity"，或由它们组成的嵌套列表' }, v.value);
  }
  const badNumber = (x: unknown): boolean => (Array.isArray(x) ? x.some(badNumber) : decodeNumber(x) === undefined);
  for (const k of ['value', 'grad', 'unreduced'] as const) {
    if (v[k] !== undefined && badNumber(v[k])) {
      return refuse(`${field}.${k}`, { en: 'numbers (or "NaN", "Infinity", "-Infinity"), possibly nested in lists', 'zh-cn': '数值（或 "NaN"、"Infinity"、"-Infinity"），可以嵌套在列表中' }, v[k]);
    }
  }
  if (v.grad_extra !== undefined && !isRecord(v.grad_extra)) return refuse(`${field}.grad_extra`, OBJECT_LIKE_EXTRA, v.grad_extra);
  return ok(v as unknown as ResultJson);
}

/** Checks a payload's structure (not yet its tensors against the loss: that is `computeReport`). */
export function parsePayload(raw: unknown): Result<Payload> {
  if (!isRecord(raw)) return refuse('(payload)', { en: `a JSON object with "loss" and "input" (mime ${PAYLOAD_MIME})`, 'zh-cn': `含有 "loss" 和 "input" 的 JSON 对象（mime ${PAYLOAD_MIME}）` }, raw);
  const version = raw.version ?? PAYLOAD_VERSION;
  if (version !== PAYLOAD_VERSION) {
    return refuse('version', { en: `${PAYLOAD_VERSION} (the only payload version this Loss Lens reads)`, 'zh-cn': `${PAYLOAD_VERSION}（本 Loss Lens 唯一能读取的 payload 版本）` }, raw.version);
  }
  const kind = raw.kind ?? 'request';
  if (kind !== 'request' && kind !== 'report') return refuse('kind', { en: '"request" or "report"', 'zh-cn': '"request" 或 "report"' }, raw.kind);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key)) {
      const fields = [...KNOWN_FIELDS].filter((f) => f !== 'grad');
      const only = `payload 的字段只有 ${fields.join('、')}`;
      return refuse(key, { en: `absent: the payload's fields are ${fields.join(', ')}`, 'zh-cn': `不应出现（${only}）` }, raw[key], 'invalid_request', {}, `不应出现：${only}`);
    }
  }
  if (raw.loss === undefined) {
    return refuse('loss', { en: 'a loss id such as "cross_entropy", or a list of ids to compare', 'zh-cn': '损失函数的 id，例如 "cross_entropy"，或要比较的 id 列表' }, undefined);
  }
  if (Array.isArray(raw.loss)) {
    if (raw.loss.length === 0) return refuse('loss', { en: 'a loss id or a non-empty list of ids', 'zh-cn': '损失函数的 id，或非空的 id 列表' }, raw.loss);
    for (let i = 0; i < raw.loss.length; i++) {
      const r = checkLossId(raw.loss[i], `loss[${i}]`);
      if (!r.ok) return r;
    }
  } else {
    const r = checkLossId(raw.loss, 'loss');
    if (!r.ok) return r;
  }
  if (raw.input === undefined || raw.input === null) {
    return refuse('input', { en: 'the input tensor as a number or nested lists of numbers', 'zh-cn': '输入张量，写成一个数或数值的嵌套列表' }, raw.input, 'missing_tensor', { tensor: 'input' });
  }
  if (raw.title !== undefined && typeof raw.title !== 'string') return refuse('title', { en: 'text', 'zh-cn': '文本' }, raw.title);
  if (raw.locale !== undefined && typeof raw.locale !== 'string') return refuse('locale', { en: 'a language tag such as "en" or "zh-cn"', 'zh-cn': '语言标签，例如 "en" 或 "zh-cn"' }, raw.locale);
  if (raw.reduction !== undefined && typeof raw.reduction !== 'string') {
    return refuse('reduction', { en: '"none", "mean", "sum" or "batchmean"', 'zh-cn': '"none"、"mean"、"sum" 或 "batchmean"' }, raw.reduction);
  }
  if (raw.params !== undefined && raw.params !== null && !isRecord(raw.params)) return refuse('params', { en: 'an object such as {"gamma": 2}', 'zh-cn': '一个对象，例如 {"gamma": 2}' }, raw.params);
  if (raw.extra !== undefined && raw.extra !== null && !isRecord(raw.extra)) return refuse('extra', OBJECT_LIKE_EXTRA, raw.extra);
  const display = checkDisplay(raw.display);
  if (!display.ok) return display;
  if (kind === 'report') {
    if (raw.results !== undefined) {
      if (!Array.isArray(raw.results) || raw.results.length === 0) {
        return refuse('results', { en: 'a non-empty list with one entry per compared loss', 'zh-cn': '非空列表，每个参与比较的损失函数占一项' }, raw.results);
      }
      for (let i = 0; i < raw.results.length; i++) {
        const e: unknown = raw.results[i];
        if (!isRecord(e)) return refuse(`results[${i}]`, { en: 'an object with "loss", the tensors and "result"', 'zh-cn': '含有 "loss"、各个张量和 "result" 的对象' }, e);
        const id = checkLossId(e.loss, `results[${i}].loss`);
        if (!id.ok) return id;
        const r = checkResult(e.result, `results[${i}].result`);
        if (!r.ok) return r;
      }
    } else if (raw.result !== undefined) {
      const r = checkResult(raw.result, 'result');
      if (!r.ok) return r;
    } else {
      return refuse(
        'result',
        {
          en: 'the computed answer {"value": ..., "grad": ...} (or send kind "request" and let the renderer compute)',
          'zh-cn': '计算结果 {"value": ..., "grad": ...}（或者发送 kind "request"，由渲染器来计算）',
        },
        undefined,
      );
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

export const DEFAULT_DISPLAY: Required<DisplayOptions> = { units: 'nats', digits: 4, notation: 'auto', samples: 3 };

function prefixError(e: ErrorInfo, lossId: string, multi: boolean): PayloadError {
  const field = e.tensor ?? (e.param ? `params.${e.param}` : 'loss');
  const prefix = multi ? { en: `${lossId}: `, zh: `${lossId}：` } : { en: '', zh: '' };
  return { ...e, field, expected: e.message, message: { en: prefix.en + e.message.en, 'zh-cn': prefix.zh + e.message['zh-cn'] } };
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
          return refuse(`params.${key}`, { en: `a parameter of one of ${ids.join(', ')}`, 'zh-cn': `${ids.join('、')} 中某个损失函数的参数` }, p.params[key], 'unknown_param', { param: key });
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
  // The payload holds JSON copies of every number; the evaluations' arrays go back to the pool.
  for (const e of rep.entries) release(e.evaluation.output);
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
    const s = typeof v === 'number' ? formatNumber(v * k, rep.display) : `[${v.data.length} values]`;
    return `${pick(e.loss.names as Localized, locale)} (${e.evaluation.reduction}) = ${s}${nats ? ` ${rep.display.units}` : ''}`;
  });
  return `Loss Lens: ${parts.join('; ')}`;
}
