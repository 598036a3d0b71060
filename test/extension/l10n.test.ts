/**
 * Every visible string of the extension exists in English and Simplified Chinese: each
 * vscode.l10n.t('...') message has an entry in l10n/bundle.l10n.zh-cn.json with the same
 * placeholders, and package.nls.json and package.nls.zh-cn.json hold the same keys, covering every
 * %key% the manifest uses.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

function messages(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(join(ROOT, 'extension')).filter((x) => x.endsWith('.ts'))) {
    const src = read(join('extension', f));
    for (const m of src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.set(m[1].replace(/\\(.)/g, '$1'), f);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

test('every l10n.t message of extension/ has a zh-cn translation with the same placeholders', () => {
  const zh = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
  const msgs = messages();
  assert.ok(msgs.size > 30, `found ${msgs.size} messages`);
  const missing = [...msgs.keys()].filter((k) => !(k in zh));
  assert.deepEqual(missing, [], `untranslated: ${missing.map((m) => `${m} (${msgs.get(m)})`).join('\n')}`);
  for (const [k, v] of Object.entries(zh)) {
    // Only messages with words need Chinese characters ("{0}: {1}" needs only the full-width colon).
    if (/[A-Za-z]{2,}/.test(k.replace(/\$\([\w-]+\)/g, ""))) assert.ok(/[\u4e00-\u9fff]/.test(v), `"${k}" is translated into Chinese`);
    assert.equal(placeholders(v), placeholders(k), `placeholders of "${k}"`);
  }
  const unused = Object.keys(zh).filter((k) => !msgs.has(k));
  assert.deepEqual(unused, [], 'no stale entries');
});

test('the manifest strings exist in both languages', () => {
  const en = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const zh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const manifest = read('package.json');
  const used = new Set([...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]));
  for (const key of used) assert.ok(key in en, `package.nls.json has ${key}`);
  for (const [k, v] of Object.entries(zh)) if (k !== 'command.category' && k !== 'config.title') assert.ok(/[\u4e00-\u9fff]/.test(v), `${k} is translated`);
});
