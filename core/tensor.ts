/**
 * Dense float64 tensors in row-major order, and the tags that say what a tensor means.
 *
 * A kernel never takes a bare `Tensor` for a role whose meaning matters: the boundary
 * (`core/check.ts`) validates values and shape once and hands back a tagged tensor, so a
 * probability tensor cannot be passed where logits are expected without going through a check.
 */
import { fail } from './errors.js';
import { takeZeroed } from './pool.js';

export type Shape = readonly number[];

export interface Tensor {
  readonly shape: Shape;
  readonly data: Float64Array;
}

declare const meaning: unique symbol;
/** A tensor whose values have been checked to mean `K`. */
export type Tagged<K extends TensorMeaning> = Tensor & { readonly [meaning]: K };

export type TensorMeaning =
  | 'logits'
  | 'probabilities'
  | 'log-probabilities'
  | 'values'
  | 'class-indices'
  | 'binary-labels'
  | 'signed-labels'
  | 'counts';

export type Probabilities = Tagged<'probabilities'>;
/** Integer class ids (or ignore_index), one per sample/pixel: the target has no class dimension. */
export type ClassIndices = Tagged<'class-indices'>;
/** 0/1 (or soft, in [0, 1]) labels with the input's shape: one-hot or multi-label. */
export type BinaryLabels = Tagged<'binary-labels'>;
/** ±1 labels. */
export type SignedLabels = Tagged<'signed-labels'>;

/** Only the checks in core/check.ts (and kernels building their own outputs) may tag. */
export function tag<K extends TensorMeaning>(t: Tensor): Tagged<K> {
  return t as Tagged<K>;
}

export function numel(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function tensor(shape: Shape, data?: Float64Array | readonly number[]): Tensor {
  const n = numel(shape);
  const d = data === undefined ? new Float64Array(n) : data instanceof Float64Array ? data : Float64Array.from(data);
  if (d.length !== n) {
    fail('internal', { en: `tensor data has ${d.length} values for shape ${shapeString(shape)}`, 'zh-cn': `张量数据有 ${d.length} 个值，与形状 ${shapeString(shape)} 不符` });
  }
  return { shape: [...shape], data: d };
}

export function scalar(x: number): Tensor {
  return { shape: [], data: Float64Array.of(x) };
}

export function shapeString(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function strides(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

/** `[1, 0, 2]`-style index of a flat offset, for messages that point at one element. */
export function indexString(shape: Shape, flat: number): string {
  if (shape.length === 0) return '';
  const idx: number[] = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    idx[i] = flat % d;
    flat = Math.floor(flat / d);
  }
  return `[${idx.join(', ')}]`;
}

export type Nested = number | string | boolean | null | readonly Nested[];

/**
 * Nested JSON arrays to a tensor. Accepts the strings "NaN", "Infinity", "-Infinity" (the JSON
 * contract's spelling of non-finite numbers). `name` is the tensor's role, for messages.
 */
export function fromNested(value: unknown, name: string): Tensor {
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const data = new Float64Array(numel(shape));
  let k = 0;
  const walk = (v: unknown, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (Array.isArray(v)) {
        const at = `${name}${indexString2(path)}`;
        fail(
          'ragged_tensor',
          {
            en: `${at} is a list, but the other elements at that depth are numbers (expected shape ${shapeString(shape)}).`,
            'zh-cn': `${at} 是一个列表，但同一层的其他元素都是数值（预期形状为 ${shapeString(shape)}）。`,
          },
          { tensor: name },
        );
      }
      data[k++] = toNumber(v, name, path);
      return;
    }
    if (!Array.isArray(v)) {
      const at = `${name}${indexString2(path)}`;
      fail(
        'ragged_tensor',
        {
          en: `${at} is a number, but a list of length ${shape[depth]} was expected there (shape ${shapeString(shape)}).`,
          'zh-cn': `${at} 是一个数值，但此处应为长度为 ${shape[depth]} 的列表（形状为 ${shapeString(shape)}）。`,
        },
        { tensor: name },
      );
    }
    if (v.length !== shape[depth]) {
      const at = `${name}${indexString2(path)}`;
      fail(
        'ragged_tensor',
        {
          en: `${at} has length ${v.length}, but the first row at that depth has length ${shape[depth]}: rows must all have the same length.`,
          'zh-cn': `${at} 的长度为 ${v.length}，但同一层第一行的长度为 ${shape[depth]}：各行的长度必须相同。`,
        },
        { tensor: name },
      );
    }
    for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, [...path, i]);
  };
  walk(value, 0, []);
  return { shape, data };
}

function indexString2(path: number[]): string {
  return path.length === 0 ? '' : `[${path.join('][')}]`;
}

function toNumber(v: unknown, name: string, path: number[]): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity' || v === 'inf') return Infinity;
  if (v === '-Infinity' || v === '-inf') return -Infinity;
  const at = `${name}${indexString2(path)}`;
  return fail('invalid_number', { en: `${at} is ${JSON.stringify(v)}, not a number.`, 'zh-cn': `${at} 为 ${JSON.stringify(v)}，不是数值。` }, { tensor: name });
}

/** Tensor to nested arrays (numbers; non-finite values stay non-finite: see core/json.ts). */
export function toNested(t: Tensor): Nested {
  if (t.shape.length === 0) return t.data[0]!;
  let k = 0;
  const build = (depth: number): Nested[] => {
    const n = t.shape[depth]!;
    const out: Nested[] = new Array<Nested>(n);
    if (depth === t.shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = t.data[k++]!;
    } else {
      for (let i = 0; i < n; i++) out[i] = build(depth + 1);
    }
    return out;
  };
  return build(0);
}

/** NumPy broadcasting of two shapes, or null where they do not broadcast. */
export function broadcastShapes(a: Shape, b: Shape): number[] | null {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else return null;
  }
  return out;
}

/** Materialises `t` at the broadcast shape `to` (a copy; `t` itself if already that shape). */
export function broadcastTo(t: Tensor, to: Shape): Tensor {
  if (sameShape(t.shape, to)) return t;
  const n = numel(to);
  const out = new Float64Array(n);
  const offset = to.length - t.shape.length;
  const srcStrides = strides(t.shape);
  const idx = new Array<number>(to.length).fill(0);
  for (let k = 0; k < n; k++) {
    let src = 0;
    for (let d = 0; d < t.shape.length; d++) {
      if (t.shape[d] !== 1) src += idx[d + offset]! * srcStrides[d]!;
    }
    out[k] = t.data[src]!;
    for (let d = to.length - 1; d >= 0; d--) {
      if (++idx[d] < to[d]!) break;
      idx[d] = 0;
    }
  }
  return { shape: [...to], data: out };
}

/** Sums a gradient computed at a broadcast shape back down to the shape of the tensor it belongs to. */
export function sumToShape(grad: Tensor, to: Shape): Tensor {
  if (sameShape(grad.shape, to)) return grad;
  const out = takeZeroed(numel(to));
  const offset = grad.shape.length - to.length;
  const dstStrides = strides(to);
  const idx = new Array<number>(grad.shape.length).fill(0);
  for (let k = 0; k < grad.data.length; k++) {
    let dst = 0;
    for (let d = 0; d < to.length; d++) {
      if (to[d] !== 1) dst += idx[d + offset]! * dstStrides[d]!;
    }
    out[dst] += grad.data[k]!;
    for (let d = grad.shape.length - 1; d >= 0; d--) {
      if (++idx[d] < grad.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return { shape: [...to], data: out };
}
