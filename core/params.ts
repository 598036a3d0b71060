/**
 * Parameter specifications. A spec knows its default, what values it allows (in words, in both
 * languages, for error messages and the extension's input boxes), and how to check a value given
 * what is known about the data (the class count C, the input's shape). The same `check` runs in the
 * core and while a user types in the extension, so both reject exactly the same values.
 */
import { fail } from './errors.js';
import { zhJoin, type Localized } from './localized.js';
import { broadcastShapes, fromNested, shapeString, type Shape, type Tensor } from './tensor.js';

export interface ParamContext {
  /** Size of the class dimension where the loss has one. */
  readonly classes?: number;
  /** The input's shape, for broadcastable weights. */
  readonly inputShape?: Shape;
}

export interface Slider {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export interface ParamSpec<T> {
  readonly default: T;
  /** What the parameter means. */
  readonly doc: Localized;
  /** What values are allowed, e.g. "a number ≥ 0". */
  readonly allowed: Localized;
  /** Numeric parameters the curve views can bind a slider to. */
  readonly slider?: Slider;
  /** Returns the checked value or throws `invalid_param`. `ctx` is null before data is known. */
  check(value: unknown, name: string, ctx: ParamContext | null): T;
}

export type ParamSpecs<P> = { readonly [K in keyof P]: ParamSpec<P[K]> };

function invalid(name: string, value: unknown, allowed: Localized): never {
  const got = describeValue(value);
  return fail('invalid_param', { en: `Parameter "${name}" must be ${allowed.en}; got ${got.en}.`, 'zh-cn': zhJoin(`参数 "${name}" 必须是`, allowed['zh-cn'], '；实际为', got['zh-cn'], '。') }, { param: name });
}

function describeValue(v: unknown): Localized {
  if (Array.isArray(v) && v.length > 8) return { en: `a list of ${v.length} values`, 'zh-cn': `含 ${v.length} 个值的列表` };
  const s = typeof v === 'string' || Array.isArray(v) ? JSON.stringify(v) : String(v);
  return { en: s, 'zh-cn': s };
}

/** Accepts numbers and the numeric strings a user types ("0.25", "1e-7"). */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export interface NumberOptions {
  readonly default: number;
  readonly doc: Localized;
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  /** Only these values (e.g. p ∈ {1, 2}). */
  readonly oneOf?: readonly number[];
  readonly slider?: Slider;
}

function numberAllowed(o: Omit<NumberOptions, 'default' | 'doc'>): Localized {
  if (o.oneOf) return { en: `one of ${o.oneOf.join(', ')}`, 'zh-cn': `${o.oneOf.join('、')} 之一` };
  const kind = o.integer ? { en: 'an integer', zh: '整数' } : { en: 'a number', zh: '数' };
  const parts: string[] = [];
  const zh: string[] = [];
  if (o.min !== undefined) {
    parts.push(`${o.minExclusive ? '>' : '≥'} ${o.min}`);
    zh.push(`${o.minExclusive ? '>' : '≥'} ${o.min}`);
  }
  if (o.max !== undefined) {
    parts.push(`${o.maxExclusive ? '<' : '≤'} ${o.max}`);
    zh.push(`${o.maxExclusive ? '<' : '≤'} ${o.max}`);
  }
  return parts.length === 0
    ? { en: o.integer ? 'an integer' : 'a finite number', 'zh-cn': o.integer ? '整数' : '有限数' }
    : { en: `${kind.en} ${parts.join(' and ')}`, 'zh-cn': `${zh.join(' 且 ')} 的${kind.zh}` };
}

function checkNumber(v: unknown, name: string, o: Omit<NumberOptions, 'default' | 'doc'>, allowed: Localized): number {
  const x = asNumber(v);
  if (x === undefined || Number.isNaN(x)) return invalid(name, v, allowed);
  if (o.oneOf && !o.oneOf.includes(x)) return invalid(name, v, allowed);
  if (o.integer && !Number.isInteger(x)) return invalid(name, v, allowed);
  if (!o.integer && !Number.isFinite(x)) return invalid(name, v, allowed);
  if (o.min !== undefined && (o.minExclusive ? !(x > o.min) : !(x >= o.min))) return invalid(name, v, allowed);
  if (o.max !== undefined && (o.maxExclusive ? !(x < o.max) : !(x <= o.max))) return invalid(name, v, allowed);
  return x;
}

export function numberParam(o: NumberOptions): ParamSpec<number> {
  const allowed = numberAllowed(o);
  return {
    default: o.default,
    doc: o.doc,
    allowed,
    ...(o.slider ? { slider: o.slider } : {}),
    check: (v, name) => checkNumber(v, name, o, allowed),
  };
}

export function booleanParam(o: { default: boolean; doc: Localized }): ParamSpec<boolean> {
  const allowed: Localized = { en: 'true or false', 'zh-cn': 'true 或 false' };
  return {
    default: o.default,
    doc: o.doc,
    allowed,
    check(v, name) {
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'True') return true;
      if (v === 'false' || v === 'False') return false;
      return invalid(name, v, allowed);
    },
  };
}

export function choiceParam<const C extends string>(o: { default: C; values: readonly C[]; doc: Localized }): ParamSpec<C> {
  const list = o.values.map((x) => `"${x}"`).join(', ');
  const allowed: Localized = { en: `one of ${list}`, 'zh-cn': `${o.values.map((x) => `"${x}"`).join('、')} 之一` };
  return {
    default: o.default,
    doc: o.doc,
    allowed,
    check(v, name) {
      if (typeof v === 'string' && (o.values as readonly string[]).includes(v)) return v as C;
      return invalid(name, v, allowed);
    },
  };
}

/** Integer-valued `ignore_index`-style parameters that may be null. */
export function optionalIntegerParam(o: { default: number | null; doc: Localized }): ParamSpec<number | null> {
  const allowed: Localized = { en: 'an integer or null', 'zh-cn': '整数或 null' };
  return {
    default: o.default,
    doc: o.doc,
    allowed,
    check(v, name) {
      if (v === null || v === 'null' || v === 'None') return null;
      const x = asNumber(v);
      if (x === undefined || !Number.isInteger(x)) return invalid(name, v, allowed);
      return x;
    },
  };
}

export type VectorLength = 'classes' | 'last-dim';

/** A per-class (length C) or last-dimension vector, or null. */
export function vectorParam(o: { length: VectorLength; doc: Localized }): ParamSpec<Float64Array | null> {
  const what = o.length === 'classes' ? { en: 'C (the number of classes)', zh: 'C（类别数）' } : { en: "the input's last dimension", zh: 'input 最后一维大小' };
  const allowed: Localized = { en: `null or a list of numbers of length ${what.en}`, 'zh-cn': zhJoin('null 或长度等于', what.zh, '的数列') };
  const per = o.length === 'classes' ? { en: 'class', zh: '每个类别' } : { en: 'entry of the last dimension', zh: '最后一维的每个位置' };
  return {
    default: null,
    doc: o.doc,
    allowed,
    check(v, name, ctx) {
      if (v === null || v === 'null' || v === 'None') return null;
      const arr = Array.isArray(v) ? v : typeof v === 'string' ? parseList(v) : undefined;
      if (!arr || arr.some((x) => asNumber(x) === undefined)) return invalid(name, v, allowed);
      const data = Float64Array.from(arr, (x) => asNumber(x)!);
      const want = ctx === null ? undefined : o.length === 'classes' ? ctx.classes : ctx.inputShape?.[ctx.inputShape.length - 1];
      if (want !== undefined && data.length !== want) {
        return fail(
          'invalid_param',
          {
            en: `Parameter "${name}" has ${data.length} values, but ${what.en} is ${want}: give one value per ${per.en}.`,
            'zh-cn': zhJoin(`参数 "${name}" 有 ${data.length} 个值，但`, what.zh, `为 ${want}：请为${per.zh}给出一个值。`),
          },
          { param: name },
        );
      }
      return data;
    },
  };
}

/** A tensor broadcastable to the input (BCE's `weight`), or null. */
export function broadcastTensorParam(o: { doc: Localized }): ParamSpec<Tensor | null> {
  const allowed: Localized = { en: "null, a number, or nested lists broadcastable to the input's shape", 'zh-cn': 'null、一个数，或可广播到 input 形状的嵌套列表' };
  return {
    default: null,
    doc: o.doc,
    allowed,
    check(v, name, ctx) {
      if (v === null || v === 'null' || v === 'None') return null;
      const raw = typeof v === 'string' ? (v.trim().startsWith('[') ? parseList(v) : asNumber(v)) : v;
      if (raw === undefined) return invalid(name, v, allowed);
      // An already-checked value (a definition's sample, a re-resolved request) is a tensor.
      const t = isTensor(raw) ? raw : fromNested(raw, name);
      if (ctx?.inputShape) {
        const b = broadcastShapes(ctx.inputShape, t.shape);
        if (b === null || b.length !== ctx.inputShape.length || b.some((d, i) => d !== ctx.inputShape![i])) {
          return fail(
            'invalid_param',
            {
              en: `Parameter "${name}" has shape ${shapeString(t.shape)}, which does not broadcast to the input's shape ${shapeString(ctx.inputShape)}.`,
              'zh-cn': `参数 "${name}" 的形状为 ${shapeString(t.shape)}，无法广播到 input 的形状 ${shapeString(ctx.inputShape)}。`,
            },
            { param: name },
          );
        }
      }
      return t;
    },
  };
}

function isTensor(v: unknown): v is Tensor {
  return typeof v === 'object' && v !== null && (v as Tensor).data instanceof Float64Array && Array.isArray((v as Tensor).shape);
}

function parseList(s: string): unknown[] | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v : undefined;
  } catch {
    const parts = s.split(/[\s,]+/).filter(Boolean);
    return parts.length > 0 && parts.every((x) => asNumber(x) !== undefined) ? parts : undefined;
  }
}

/** A parameter that takes one of several forms (focal α: null, a scalar or a per-class list). */
export function unionParam<T>(o: { default: T; doc: Localized; allowed: Localized; slider?: Slider; variants: readonly ((v: unknown, name: string, ctx: ParamContext | null) => T | undefined)[] }): ParamSpec<T> {
  return {
    default: o.default,
    doc: o.doc,
    allowed: o.allowed,
    ...(o.slider ? { slider: o.slider } : {}),
    check(v, name, ctx) {
      for (const variant of o.variants) {
        const r = variant(v, name, ctx);
        if (r !== undefined) return r;
      }
      return invalid(name, v, o.allowed);
    },
  };
}

/** Checks a user's params object against specs, filling defaults; unknown names are an error. */
export function resolveParams<P>(specs: ParamSpecs<P>, given: Record<string, unknown> | undefined, ctx: ParamContext | null, lossId: string): P {
  const out: Record<string, unknown> = {};
  const names = Object.keys(specs);
  for (const key of Object.keys(given ?? {})) {
    if (!names.includes(key)) {
      const quoted = names.map((n) => `"${n}"`);
      fail(
        'unknown_param',
        {
          en: `${lossId} has no parameter "${key}". Its parameters are: ${quoted.length ? quoted.join(', ') : 'none'}.`,
          'zh-cn': `${lossId} 没有参数 "${key}"。${quoted.length ? `它的参数有：${quoted.join('、')}。` : '它没有任何参数。'}`,
        },
        { param: key },
      );
    }
  }
  for (const name of names) {
    const spec = (specs as Record<string, ParamSpec<unknown>>)[name]!;
    const has = given !== undefined && Object.prototype.hasOwnProperty.call(given, name) && given[name] !== undefined;
    out[name] = has ? spec.check(given[name], name, ctx) : spec.default;
  }
  return out as P;
}
