/**
 * JSON has no NaN or Infinity; the eval contract spells them as the strings "NaN", "Infinity",
 * "-Infinity". Tensors go out as nested arrays.
 */
import { toNested, type Nested, type Tensor } from './tensor.js';

export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function encodeNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

export type JsonNested = JsonNumber | JsonNested[];

export function encodeNested(v: Nested): JsonNested {
  if (Array.isArray(v)) return v.map(encodeNested);
  return encodeNumber(v as number);
}

export function encodeTensor(t: Tensor): JsonNested {
  return encodeNested(toNested(t));
}

export function decodeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return undefined;
}
