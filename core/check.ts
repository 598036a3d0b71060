/**
 * Boundary checks: shapes, ranks and values of the tensors of a request, with messages that name the
 * tensor, what was expected and what was found. They return tagged tensors (core/tensor.ts).
 */
import { fail } from './errors.js';
import {
  indexString,
  sameShape,
  shapeString,
  tag,
  type BinaryLabels,
  type ClassIndices,
  type Probabilities,
  type Shape,
  type SignedLabels,
  type Tensor,
} from './tensor.js';

export function requireTensor(t: Tensor | null | undefined, name: string, lossId: string, what: string): Tensor {
  if (!t) return fail('missing_tensor', `${lossId} needs ${name}: ${what}.`, { tensor: name });
  return t;
}

export function requireRank(t: Tensor, name: string, ranks: { min?: number; max?: number; exactly?: number }, what: string): void {
  const r = t.shape.length;
  const { min, max, exactly } = ranks;
  const okRank = exactly !== undefined ? r === exactly : (min === undefined || r >= min) && (max === undefined || r <= max);
  if (!okRank) {
    fail('invalid_rank', `${name} has shape ${shapeString(t.shape)} (${r} dimensions), but ${what}.`, { tensor: name });
  }
}

export function requireSameShape(a: Tensor, aName: string, b: Tensor, bName: string): void {
  if (!sameShape(a.shape, b.shape)) {
    fail('shape_mismatch', `${bName} has shape ${shapeString(b.shape)}, but it must have the shape of ${aName}, ${shapeString(a.shape)}.`, { tensor: bName });
  }
}

export function requireShape(t: Tensor, name: string, want: Shape, why: string): void {
  if (!sameShape(t.shape, want)) {
    fail('shape_mismatch', `${name} has shape ${shapeString(t.shape)}, but ${why} it must be ${shapeString(want)}.`, { tensor: name });
  }
}

/** Class ids: integers in [0, C), or equal to `ignoreIndex`. */
export function classIndices(t: Tensor, name: string, classes: number, ignoreIndex: number | null): ClassIndices {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const y = d[i];
    if (ignoreIndex !== null && y === ignoreIndex) continue;
    if (!Number.isInteger(y)) {
      fail('invalid_label', `${name}${indexString(t.shape, i)} is ${y}, but class indices must be integers in 0..${classes - 1}.`, { tensor: name });
    }
    if (y < 0 || y >= classes) {
      const ign = ignoreIndex === null ? '' : ` (or ignore_index = ${ignoreIndex})`;
      fail('class_out_of_range', `${name}${indexString(t.shape, i)} is class ${y}, but C = ${classes}: class indices must be in 0..${classes - 1}${ign}.`, { tensor: name });
    }
  }
  return tag<'class-indices'>(t);
}

function everyValue(t: Tensor, name: string, okValue: (x: number) => boolean, expected: string, code: 'invalid_label' | 'invalid_probability', skip?: number | null): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (skip !== undefined && skip !== null && x === skip) continue;
    if (!okValue(x)) fail(code, `${name}${indexString(t.shape, i)} is ${x}, but ${expected}.`, { tensor: name });
  }
}

/** Labels in [0, 1] (hard 0/1 or soft). */
export function unitLabels(t: Tensor, name: string, skip?: number | null): BinaryLabels {
  everyValue(t, name, (x) => x >= 0 && x <= 1, 'targets must be in [0, 1] (0/1 labels or probabilities)', 'invalid_label', skip);
  return tag<'binary-labels'>(t);
}

/** ±1 labels. */
export function signedLabels(t: Tensor, name: string): SignedLabels {
  everyValue(t, name, (x) => x === 1 || x === -1, 'labels must be 1 or −1', 'invalid_label');
  return tag<'signed-labels'>(t);
}

/** Probabilities in [0, 1] (PyTorch's binary_cross_entropy raises outside it). */
export function probabilities(t: Tensor, name: string): Probabilities {
  everyValue(t, name, (x) => x >= 0 && x <= 1, 'probabilities must be in [0, 1] (did you pass logits? use binary_cross_entropy_with_logits)', 'invalid_probability');
  return tag<'probabilities'>(t);
}
