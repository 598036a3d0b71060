/**
 * Library reprs and constructor calls: NumPy's `array([...], dtype=float32)`, PyTorch's
 * `tensor([...], device='cuda:0', grad_fn=<AddBackward0>)` and `tensor([], size=(0, 3))`,
 * TensorFlow's `tf.Tensor([...], shape=(2, 3), dtype=float32)` and
 * `<tf.Tensor: shape=(2, 3), dtype=float32, numpy=array([...])>`, and the calls users type
 * (`np.array(...)`, `torch.tensor(...)`, `tf.constant(...)`). The first positional argument holds the
 * values; keyword arguments are skipped, except a stated shape (checked against the values) and a
 * size (the shape of an empty tensor).
 */
import type { Flavor, Read } from './nested.js';
import { Ch, isIdentStart, type Scanner } from './scanner.js';
import { readList, readValue, skipBalanced } from './value.js';

export function flavorOf(name: string, outer: Flavor): Flavor {
  if (outer === 'tf') return 'tf';
  const n = name.toLowerCase();
  if (n.startsWith('tf.') || n.startsWith('tensorflow.')) return 'tf';
  if (n.startsWith('torch') || n.endsWith('tensor')) return 'torch';
  if (n.startsWith('np.') || n.startsWith('numpy.') || n.startsWith('jnp.') || n.endsWith('array')) return 'numpy';
  return outer;
}

/** A call whose `(` is at the cursor; `start` is where its name began. */
export function readCall(s: Scanner, name: string, start: number, outer: Flavor = 'python'): Read {
  if (name === 'dict') {
    s.fail('parse_syntax', {
      en: 'A dict holds several named tensors: select it on its own, not as an argument of another call or the value of a key.',
      'zh-cn': '一个 dict 包含多个具名张量：请单独选中它，不要把它作为其他调用的参数或其他键的值。',
    }, start);
  }
  const flavor = flavorOf(name, outer);
  const open = s.pos;
  s.pos++;
  s.skipSpace(true);
  if (s.peek() === Ch.RParen) s.fail('parse_syntax', { en: `${name}() holds no values.`, 'zh-cn': `${name}() 中没有任何数值。` }, start);
  let r = readValue(s, flavor);
  let stated: { dims: number[]; key: string; at: number } | null = null;
  for (;;) {
    s.skipSpace(true);
    const c = s.peek();
    if (c === Ch.RParen) {
      s.pos++;
      break;
    }
    if (c !== Ch.Comma) {
      if (c !== c) s.fail('parse_syntax', { en: `${name}( is not closed: expected ")" before the end of the selection.`, 'zh-cn': `${name}( 没有闭合：在所选内容结束之前应有 ")"。` }, open);
      const here = s.describeHere();
      s.fail('parse_syntax', {
        en: `Expected "," or ")" after the values of ${name}(...), but found ${here.en}.`,
        'zh-cn': `${name}(...) 的数值之后应为 "," 或 ")"，但遇到的是${here['zh-cn']}。`,
      });
    }
    s.pos++;
    s.skipSpace(true);
    if (s.peek() === Ch.RParen) continue;
    const argStart = s.pos;
    const key = s.readName();
    s.skipSpace(false);
    if (key !== '' && s.peek() === Ch.Equals && s.at(s.pos + 1) !== Ch.Equals) {
      s.pos++;
      s.skipSpace(true);
      if (key === 'shape' || key === 'size') stated = { dims: readDims(s, `${key}=`), key, at: argStart };
      else skipBalanced(s, Ch.RParen);
    } else {
      s.pos = argStart;
      skipBalanced(s, Ch.RParen);
    }
  }
  if (stated) r = withStatedShape(s, r, stated, name);
  return r;
}

/** `<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>` and tf.Variable's likewise. */
export function readTfAngle(s: Scanner): Read {
  const open = s.pos;
  s.pos++;
  let r: Read | null = null;
  let stated: { dims: number[]; key: string; at: number } | null = null;
  for (;;) {
    s.skipSpace(true);
    const c = s.peek();
    if (c === Ch.Greater) {
      s.pos++;
      break;
    }
    if (c !== c) s.fail('parse_syntax', { en: 'This "<" is not closed: expected ">" before the end of the selection.', 'zh-cn': '此 "<" 没有闭合：在所选内容结束之前应有 ">"。' }, open);
    if (isIdentStart(c)) {
      const at = s.pos;
      const key = s.readName();
      s.skipSpace(false);
      if (s.peek() !== Ch.Equals) continue;
      s.pos++;
      s.skipSpace(true);
      if (key === 'numpy') r = readValue(s, 'tf');
      else if (key === 'shape') stated = { dims: readDims(s, 'shape='), key, at };
      else skipBalanced(s, Ch.Greater);
    } else if (c === Ch.Quote || c === Ch.Apostrophe) s.readString();
    else if (c === Ch.Colon || c === Ch.Comma) s.pos++;
    else {
      const here = s.describeHere();
      s.fail('parse_syntax', { en: `Unexpected ${here.en} in this TensorFlow repr.`, 'zh-cn': `此 TensorFlow repr 中出现了意外的${here['zh-cn']}。` });
    }
  }
  if (!r) {
    return s.fail('parse_syntax', { en: 'This TensorFlow repr has no numpy=... part holding its values.', 'zh-cn': '此 TensorFlow repr 缺少存放数值的 numpy=... 部分。' }, open);
  }
  return stated ? withStatedShape(s, r, stated, 'tf.Tensor') : r;
}

function readDims(s: Scanner, what: string): number[] {
  const at = s.pos;
  const r = s.peek() === Ch.LParen || s.peek() === Ch.LBracket ? readList(s, 'python') : readValue(s, 'python');
  if (r.shape.length > 1 || !r.integer || r.data.some((d) => d < 0 || Object.is(d, -0))) {
    s.fail('parse_syntax', { en: `${what} should be a tuple of sizes like (2, 3).`, 'zh-cn': `${what} 应为由各维大小组成的元组，例如 (2, 3)。` }, at);
  }
  return Array.from(r.data);
}

function withStatedShape(s: Scanner, r: Read, stated: { dims: number[]; key: string; at: number }, name: string): Read {
  const n = stated.dims.reduce((a, b) => a * b, 1);
  // PyTorch prints an empty tensor as tensor([], size=(0, 3)): the size is its only shape.
  if (r.data.length === 0 && n === 0) return { ...r, shape: stated.dims };
  const same = stated.dims.length === r.shape.length && stated.dims.every((d, i) => d === r.shape[i]);
  if (!same) {
    const dims = stated.dims.join(', ');
    const shape = r.shape.join(', ');
    s.fail('parse_syntax', {
      en: `${name} states ${stated.key}=(${dims}), but its values have shape [${shape}]: the text was probably cut or edited.`,
      'zh-cn': `${name} 声明了 ${stated.key}=(${dims})，但其数值的形状是 [${shape}]：文本可能被截断或改动过。`,
    }, stated.at);
  }
  return r;
}
