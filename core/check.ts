/**
 * Boundary checks: shapes, ranks and values of the tensors of a request, with messages that name the
 * tensor, what was expected and what was found. They return tagged tensors (core/tensor.ts).
 */
import { fail } from './errors.js';
import { zhJoin, type Localized } from './localized.js';
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

/** A tensor's name in a message: an identifier (`input`, `extra.positive`), or the same with a gloss in both languages. */
export type TensorName = string | Localized;

function nameIn(name: TensorName): Localized {
  return typeof name === 'string' ? { en: name, 'zh-cn': name } : name;
}

export function requireTensor(t: Tensor | null | undefined, name: string, lossId: string, what: Localized): Tensor {
  if (!t) return fail('missing_tensor', { en: `${lossId} needs ${name}: ${what.en}.`, 'zh-cn': zhJoin(`${lossId} 需要 ${name}：`, what['zh-cn'], '。') }, { tensor: name });
  return t;
}

export function requireRank(t: Tensor, name: string, ranks: { min?: number; max?: number; exactly?: number }, what: Localized): void {
  const r = t.shape.length;
  const { min, max, exactly } = ranks;
  const okRank = exactly !== undefined ? r === exactly : (min === undefined || r >= min) && (max === undefined || r <= max);
  if (!okRank) {
    const s = shapeString(t.shape);
    fail('invalid_rank', { en: `${name} has shape ${s} (${r} dimensions), but ${what.en}.`, 'zh-cn': zhJoin(`${name} 的形状为 ${s}（${r} 维），但`, what['zh-cn'], '。') }, { tensor: name });
  }
}

export function requireSameShape(a: Tensor, aName: TensorName, b: Tensor, bName: string): void {
  if (!sameShape(a.shape, b.shape)) {
    const an = nameIn(aName);
    fail(
      'shape_mismatch',
      {
        en: `${bName} has shape ${shapeString(b.shape)}, but it must have the shape of ${an.en}, ${shapeString(a.shape)}.`,
        'zh-cn': zhJoin(`${bName} 的形状为 ${shapeString(b.shape)}，但它必须与`, an['zh-cn'], `的形状 ${shapeString(a.shape)} 相同。`),
      },
      { tensor: bName },
    );
  }
}

export function requireShape(t: Tensor, name: string, want: Shape, why: Localized): void {
  if (!sameShape(t.shape, want)) {
    fail(
      'shape_mismatch',
      {
        en: `${name} has shape ${shapeString(t.shape)}, but ${why.en} it must be ${shapeString(want)}.`,
        'zh-cn': zhJoin(`${name} 的形状为 ${shapeString(t.shape)}，但`, why['zh-cn'], `它必须是 ${shapeString(want)}。`),
      },
      { tensor: name },
    );
  }
}

/** Class ids: integers in [0, C), or equal to `ignoreIndex`. */
export function classIndices(t: Tensor, name: string, classes: number, ignoreIndex: number | null): ClassIndices {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const y = d[i];
    if (ignoreIndex !== null && y === ignoreIndex) continue;
    if (Number.isInteger(y) && y >= 0 && y < classes) continue;
    // The position is spelled out only for the message: built for every element, the string cost
    // more than the whole loss (multiclass Dice 29 -> 70 ms at 10^6 elements).
    const at = `${name}${indexString(t.shape, i)}`;
    if (!Number.isInteger(y)) {
      fail(
        'invalid_label',
        { en: `${at} is ${y}, but class indices must be integers in 0..${classes - 1}.`, 'zh-cn': `${at} 为 ${y}，但类别索引必须是 0..${classes - 1} 范围内的整数。` },
        { tensor: name },
      );
    }
    if (y < 0 || y >= classes) {
      const ign = ignoreIndex === null ? { en: '', zh: '' } : { en: ` (or ignore_index = ${ignoreIndex})`, zh: `（或等于 ignore_index = ${ignoreIndex}）` };
      fail(
        'class_out_of_range',
        {
          en: `${at} is class ${y}, but C = ${classes}: class indices must be in 0..${classes - 1}${ign.en}.`,
          'zh-cn': `${at} 是类别 ${y}，但 C = ${classes}：类别索引必须在 0..${classes - 1} 范围内${ign.zh}。`,
        },
        { tensor: name },
      );
    }
  }
  return tag<'class-indices'>(t);
}

function everyValue(t: Tensor, name: string, okValue: (x: number) => boolean, expected: Localized, code: 'invalid_label' | 'invalid_probability', skip?: number | null): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (skip !== undefined && skip !== null && x === skip) continue;
    if (!okValue(x)) {
      const at = `${name}${indexString(t.shape, i)}`;
      fail(code, { en: `${at} is ${x}, but ${expected.en}.`, 'zh-cn': zhJoin(`${at} 为 ${x}，但`, expected['zh-cn'], '。') }, { tensor: name });
    }
  }
}

/** Labels in [0, 1] (hard 0/1 or soft). */
export function unitLabels(t: Tensor, name: string, skip?: number | null): BinaryLabels {
  everyValue(t, name, (x) => x >= 0 && x <= 1, { en: 'targets must be in [0, 1] (0/1 labels or probabilities)', 'zh-cn': '目标值必须在 [0, 1] 范围内（0/1 标签或概率）' }, 'invalid_label', skip);
  return tag<'binary-labels'>(t);
}

/** ±1 labels. */
export function signedLabels(t: Tensor, name: string): SignedLabels {
  everyValue(t, name, (x) => x === 1 || x === -1, { en: 'labels must be 1 or −1', 'zh-cn': '标签必须是 1 或 −1' }, 'invalid_label');
  return tag<'signed-labels'>(t);
}

/** Probabilities in [0, 1] (PyTorch's binary_cross_entropy raises outside it). */
export function probabilities(t: Tensor, name: string): Probabilities {
  everyValue(
    t,
    name,
    (x) => x >= 0 && x <= 1,
    {
      en: 'probabilities must be in [0, 1] (did you pass logits? use binary_cross_entropy_with_logits)',
      'zh-cn': '概率必须在 [0, 1] 范围内（是否传入了 logits？请改用 binary_cross_entropy_with_logits）',
    },
    'invalid_probability',
  );
  return tag<'probabilities'>(t);
}
