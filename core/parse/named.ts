/**
 * Named data: assignments (`logits = ...`, `target: torch.Tensor = ...`), JSON objects and Python
 * dicts (`{"logits": [...], 'target': ...}`, nested ones flattened to their inner keys) and
 * `dict(logits=..., target=...)`. Each value is one tensor named by its key; roles.ts decides what
 * the names mean.
 */
import { Ch, isIdentStart, type Scanner } from './scanner.js';
import { readValue, type Found } from './value.js';
import type { Localized } from '../localized.js';

/** The value of `name =` (the cursor is after the `=`): one tensor, or a dict of several. */
export function readAssigned(s: Scanner, name: string, nameStart: number, out: Found[]): void {
  s.skipSpace(true);
  if (s.peek() === Ch.LBrace) {
    readObject(s, out);
    return;
  }
  if (startsDictCall(s)) {
    readDictCall(s, out);
    return;
  }
  const read = readValue(s, 'python');
  out.push({ name, read, offset: nameStart, end: s.pos });
}

export function startsDictCall(s: Scanner): boolean {
  const t = s.text;
  const p = s.pos;
  return t.startsWith('dict', p) && !isIdentPartAt(s, p + 4) && nextNonSpace(s, p + 4) === Ch.LParen;
}

function isIdentPartAt(s: Scanner, p: number): boolean {
  const c = s.at(p);
  return isIdentStart(c) || (c >= Ch.D0 && c <= Ch.D9);
}

function nextNonSpace(s: Scanner, p: number): number {
  while (s.at(p) === Ch.Space || s.at(p) === Ch.Tab) p++;
  return s.at(p);
}

const OBJECT_NOT_CLOSED: Localized = {
  en: 'This "{" is not closed: expected "}" before the end of the selection.',
  'zh-cn': '此 "{" 没有闭合：在所选内容结束之前应有 "}"。',
};

/** `{key: value, ...}` at the cursor. */
export function readObject(s: Scanner, out: Found[]): void {
  const open = s.pos;
  s.pos++;
  for (;;) {
    s.skipSpace(true);
    const c = s.peek();
    if (c === Ch.RBrace) {
      s.pos++;
      return;
    }
    const keyStart = s.pos;
    let key: string;
    if (c === Ch.Quote || c === Ch.Apostrophe) key = s.readString();
    else if (isIdentStart(c)) key = s.readName();
    else if (c !== c) return s.fail('parse_syntax', OBJECT_NOT_CLOSED, open);
    else {
      const here = s.describeHere();
      return s.fail('parse_syntax', {
        en: `Expected a key (a name in quotes) in this object, but found ${here.en}.`,
        'zh-cn': `此对象中此处应为键（带引号的名称），但遇到的是${here['zh-cn']}。`,
      });
    }
    s.skipSpace(true);
    s.expect(Ch.Colon, { en: `":" after the key "${key}"`, 'zh-cn': `键 "${key}" 之后的 ":"` });
    s.skipSpace(true);
    if (s.peek() === Ch.LBrace) readObject(s, out);
    else out.push({ name: key, read: readValue(s, 'python'), offset: keyStart, end: s.pos });
    s.skipSpace(true);
    const d = s.peek();
    if (d === Ch.Comma) s.pos++;
    else if (d !== Ch.RBrace) {
      if (d !== d) s.fail('parse_syntax', OBJECT_NOT_CLOSED, open);
      const here = s.describeHere();
      s.fail('parse_syntax', {
        en: `Expected "," or "}" after the value of "${key}", but found ${here.en}.`,
        'zh-cn': `"${key}" 的值之后应为 "," 或 "}"，但遇到的是${here['zh-cn']}。`,
      });
    }
  }
}

/** `dict(logits=..., target=...)` at the cursor. */
export function readDictCall(s: Scanner, out: Found[]): void {
  const open = s.pos;
  s.readName();
  s.skipSpace(false);
  s.pos++;
  for (;;) {
    s.skipSpace(true);
    const c = s.peek();
    if (c === Ch.RParen) {
      s.pos++;
      return;
    }
    if (!isIdentStart(c)) {
      if (c !== c) {
        s.fail('parse_syntax', { en: 'This dict( is not closed: expected ")" before the end of the selection.', 'zh-cn': '此 dict( 没有闭合：在所选内容结束之前应有 ")"。' }, open);
      }
      const here = s.describeHere();
      s.fail('parse_syntax', { en: `Expected name=value in dict(...), but found ${here.en}.`, 'zh-cn': `dict(...) 中此处应为 name=value，但遇到的是${here['zh-cn']}。` });
    }
    const keyStart = s.pos;
    const key = s.readName();
    s.skipSpace(true);
    s.expect(Ch.Equals, { en: `"=" after ${key} in dict(...)`, 'zh-cn': `名称 ${key} 之后的 "="（在 dict(...) 中）` });
    s.skipSpace(true);
    if (s.peek() === Ch.LBrace) readObject(s, out);
    else out.push({ name: key, read: readValue(s, 'python'), offset: keyStart, end: s.pos });
    s.skipSpace(true);
    const d = s.peek();
    if (d === Ch.Comma) s.pos++;
    else if (d !== Ch.RParen) {
      const here = s.describeHere();
      s.fail('parse_syntax', {
        en: `Expected "," or ")" after the value of ${key}, but found ${here.en}.`,
        'zh-cn': `${key} 的值之后应为 "," 或 ")"，但遇到的是${here['zh-cn']}。`,
      });
    }
  }
}
