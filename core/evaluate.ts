/**
 * A request (the object of the `eval --json` contract and the notebook payload) in, an evaluation or
 * an error value out. This is the one boundary between untyped JSON and the typed kernels.
 */
import { attempt, fail, type Result } from './errors.js';
import { encodeNumber, encodeTensor, type JsonNested, type JsonNumber } from './json.js';
import { EXTRA_NAMES, type AnyLoss, type ExtraName, type LossInputs, type LossOutput, type Reduction } from './loss.js';
import { resolveParams } from './params.js';
import { checkReduction } from './reduction.js';
import { getLoss } from './registry.js';
import { fromNested, type Tensor } from './tensor.js';

/** The request as it arrives: every field unchecked. */
export interface LossRequest {
  readonly loss: string;
  readonly input: unknown;
  readonly target?: unknown;
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly reduction?: string;
  readonly grad?: boolean;
}

export interface CheckedRequest {
  readonly loss: AnyLoss;
  readonly inputs: LossInputs;
  readonly params: Record<string, unknown>;
  readonly reduction: Reduction;
  readonly grad: boolean;
}

export interface Evaluation extends CheckedRequest {
  readonly output: LossOutput;
  /** Non-finite numbers in the value or the gradients: shown as such, and flagged. */
  readonly nonFinite: { readonly value: boolean; readonly grad: boolean };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a request's structure and tensors against its loss (shape and value checks run in compute). */
export function checkRequest(raw: unknown): CheckedRequest {
  if (!isRecord(raw)) fail('invalid_request', `A request must be a JSON object with "loss", "input" and "target"; got ${Array.isArray(raw) ? 'an array' : typeof raw}.`);
  if (typeof raw.loss !== 'string') fail('invalid_request', 'The request has no "loss": give a loss id such as "cross_entropy" (see `loss-lens list`).');
  const loss = getLoss(raw.loss);
  if (raw.input === undefined || raw.input === null) {
    fail('missing_tensor', `${loss.id} needs "input" (${loss.input}).`, { tensor: 'input' });
  }
  const input = fromNested(raw.input, 'input');
  let target: Tensor | null = null;
  if (loss.target === 'none') {
    if (raw.target !== undefined && raw.target !== null) {
      fail('unexpected_tensor', `${loss.id} takes no target (its tensors are input, ${loss.extra.map((e) => `extra.${e}`).join(', ')}); set "target" to null.`, { tensor: 'target' });
    }
  } else {
    if (raw.target === undefined || raw.target === null) fail('missing_tensor', `${loss.id} needs "target" (${loss.target.replace(/-/g, ' ')}).`, { tensor: 'target' });
    target = fromNested(raw.target, 'target');
  }
  const extraRaw = raw.extra ?? {};
  if (!isRecord(extraRaw)) fail('invalid_request', '"extra" must be an object such as {"input2": [...]}.');
  const extra: Partial<Record<ExtraName, Tensor>> = {};
  for (const key of Object.keys(extraRaw)) {
    if (!(EXTRA_NAMES as readonly string[]).includes(key) || !loss.extra.includes(key as ExtraName)) {
      const takes = loss.extra.length ? `it takes ${loss.extra.map((e) => `extra.${e}`).join(' and ')}` : 'it takes no extra tensors';
      fail('unexpected_tensor', `${loss.id} has no tensor extra.${key}: ${takes}.`, { tensor: `extra.${key}` });
    }
  }
  for (const name of loss.extra) {
    const v = extraRaw[name];
    if (v === undefined || v === null) fail('missing_tensor', `${loss.id} needs extra.${name}, with the shape of input ${JSON.stringify(input.shape)}.`, { tensor: `extra.${name}` });
    extra[name] = fromNested(v, `extra.${name}`);
  }
  const reduction = checkReduction(loss.id, loss.reductions, raw.reduction ?? loss.defaultReduction);
  if (raw.params !== undefined && !isRecord(raw.params)) fail('invalid_request', '"params" must be an object such as {"gamma": 2}.');
  const classes = loss.classes?.(input);
  const params = resolveParams(loss.params, raw.params, { inputShape: input.shape, ...(classes !== undefined ? { classes } : {}) }, loss.id) as Record<string, unknown>;
  if (raw.grad !== undefined && typeof raw.grad !== 'boolean') fail('invalid_request', '"grad" must be true or false.');
  return { loss, inputs: { input, target, extra }, params, reduction, grad: raw.grad ?? true };
}

function anyNonFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return true;
  return false;
}

export function evaluateChecked(req: CheckedRequest): Evaluation {
  const output = req.loss.compute(req.inputs, req.params, req.reduction);
  const valueNonFinite = typeof output.value === 'number' ? !Number.isFinite(output.value) : anyNonFinite(output.value.data);
  const gradNonFinite = anyNonFinite(output.grad.data) || Object.values(output.gradExtra).some((g) => g !== undefined && anyNonFinite(g.data));
  return { ...req, output, nonFinite: { value: valueNonFinite, grad: gradNonFinite } };
}

export function evaluate(raw: unknown): Result<Evaluation> {
  return attempt(() => evaluateChecked(checkRequest(raw)));
}

/** The answer of the `eval --json` contract. */
export interface Answer {
  readonly value: JsonNumber | JsonNested;
  readonly grad?: JsonNested;
  readonly grad_extra?: Partial<Record<ExtraName, JsonNested>>;
}

export function toAnswer(ev: Evaluation): Answer {
  const value = typeof ev.output.value === 'number' ? encodeNumber(ev.output.value) : encodeTensor(ev.output.value);
  if (!ev.grad) return { value };
  const gradExtra: Partial<Record<ExtraName, JsonNested>> = {};
  for (const name of ev.loss.extra) {
    const g = ev.output.gradExtra[name];
    if (g) gradExtra[name] = encodeTensor(g);
  }
  return { value, grad: encodeTensor(ev.output.grad), grad_extra: gradExtra };
}
