/**
 * A request (the object of the `eval --json` contract and the notebook payload) in, an evaluation or
 * an error value out. This is the one boundary between untyped JSON and the typed kernels.
 */
import { attempt, fail, type Result } from './errors.js';
import { encodeNumber, encodeTensor, type JsonNested, type JsonNumber } from './json.js';
import { EXTRA_NAMES, type AnyLoss, type ExtraName, type InputKind, type LossInputs, type LossOutput, type Reduction, type TargetKind } from './loss.js';
import { resolveParams } from './params.js';
import { checkReduction } from './reduction.js';
import { zhJoin } from './localized.js';
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

/** What a loss's input and target hold, in Chinese messages (the English ones name the kind by its id). */
const INPUT_KIND_ZH: Record<InputKind, string> = {
  logits: 'logits',
  probabilities: '概率',
  'log-probabilities': '对数概率',
  raw: '原始预测值',
};

const TARGET_KIND_ZH: Record<TargetKind, string> = {
  'class-indices': '类别索引',
  'class-indices-or-probabilities': '类别索引或概率',
  'binary-labels': '二值标签',
  'signed-labels': '±1 标签',
  probabilities: '概率',
  'log-probabilities-or-probabilities': '对数概率或概率',
  values: '目标值',
  counts: '计数',
  none: '无',
};

/** `typeof` of a value that is neither an object nor an array (null is the only "object" left). */
const TYPE_ZH: Record<string, string> = { number: '数值', string: '字符串', boolean: '布尔值', undefined: 'undefined', object: 'null' };

/** The extra tensors of a loss, as `extra.input2`. */
function extraNames(loss: AnyLoss): string[] {
  return loss.extra.map((e) => `extra.${e}`);
}

/** Checks a request's structure and tensors against its loss (shape and value checks run in compute). */
export function checkRequest(raw: unknown): CheckedRequest {
  if (!isRecord(raw)) {
    const t = typeof raw;
    fail('invalid_request', {
      en: `A request must be a JSON object with "loss", "input" and "target"; got ${Array.isArray(raw) ? 'an array' : t}.`,
      'zh-cn': zhJoin('请求必须是含有 "loss"、"input" 和 "target" 的 JSON 对象；实际为', Array.isArray(raw) ? '数组' : (TYPE_ZH[t] ?? t), '。'),
    });
  }
  if (typeof raw.loss !== 'string') {
    fail('invalid_request', {
      en: 'The request has no "loss": give a loss id such as "cross_entropy" (see `loss-lens list`).',
      'zh-cn': '请求中没有 "loss"：请给出损失函数的 id，例如 "cross_entropy"（参见 `loss-lens list`）。',
    });
  }
  const loss = getLoss(raw.loss);
  if (raw.input === undefined || raw.input === null) {
    fail('missing_tensor', { en: `${loss.id} needs "input" (${loss.input}).`, 'zh-cn': `${loss.id} 需要 "input"（${INPUT_KIND_ZH[loss.input]}）。` }, { tensor: 'input' });
  }
  const input = fromNested(raw.input, 'input');
  let target: Tensor | null = null;
  if (loss.target === 'none') {
    if (raw.target !== undefined && raw.target !== null) {
      fail(
        'unexpected_tensor',
        {
          en: `${loss.id} takes no target (its tensors are input, ${extraNames(loss).join(', ')}); set "target" to null.`,
          'zh-cn': `${loss.id} 不接受 target（它的张量是 input、${extraNames(loss).join('、')}）；请将 "target" 设为 null。`,
        },
        { tensor: 'target' },
      );
    }
  } else {
    if (raw.target === undefined || raw.target === null) {
      fail('missing_tensor', { en: `${loss.id} needs "target" (${loss.target.replace(/-/g, ' ')}).`, 'zh-cn': `${loss.id} 需要 "target"（${TARGET_KIND_ZH[loss.target]}）。` }, { tensor: 'target' });
    }
    target = fromNested(raw.target, 'target');
  }
  const extraRaw = raw.extra ?? {};
  if (!isRecord(extraRaw)) fail('invalid_request', { en: '"extra" must be an object such as {"input2": [...]}.', 'zh-cn': '"extra" 必须是一个对象，例如 {"input2": [...]}。' });
  const extra: Partial<Record<ExtraName, Tensor>> = {};
  for (const key of Object.keys(extraRaw)) {
    if (!(EXTRA_NAMES as readonly string[]).includes(key) || !loss.extra.includes(key as ExtraName)) {
      const takes = loss.extra.length
        ? { en: `it takes ${extraNames(loss).join(' and ')}`, zh: `它接受 ${extraNames(loss).join(' 和 ')}` }
        : { en: 'it takes no extra tensors', zh: '它不接受额外的张量' };
      fail('unexpected_tensor', { en: `${loss.id} has no tensor extra.${key}: ${takes.en}.`, 'zh-cn': `${loss.id} 没有张量 extra.${key}：${takes.zh}。` }, { tensor: `extra.${key}` });
    }
  }
  for (const name of loss.extra) {
    const v = extraRaw[name];
    if (v === undefined || v === null) {
      const shape = JSON.stringify(input.shape);
      fail(
        'missing_tensor',
        { en: `${loss.id} needs extra.${name}, with the shape of input ${shape}.`, 'zh-cn': `${loss.id} 需要 extra.${name}，其形状与 input 相同（${shape}）。` },
        { tensor: `extra.${name}` },
      );
    }
    extra[name] = fromNested(v, `extra.${name}`);
  }
  const reduction = checkReduction(loss.id, loss.reductions, raw.reduction ?? loss.defaultReduction);
  if (raw.params !== undefined && !isRecord(raw.params)) fail('invalid_request', { en: '"params" must be an object such as {"gamma": 2}.', 'zh-cn': '"params" 必须是一个对象，例如 {"gamma": 2}。' });
  const classes = loss.classes?.(input);
  const params = resolveParams(loss.params, raw.params, { inputShape: input.shape, ...(classes !== undefined ? { classes } : {}) }, loss.id) as Record<string, unknown>;
  if (raw.grad !== undefined && typeof raw.grad !== 'boolean') fail('invalid_request', { en: '"grad" must be true or false.', 'zh-cn': '"grad" 必须是 true 或 false。' });
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
