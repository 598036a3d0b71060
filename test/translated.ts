/**
 * A translated message must say the same thing: every fact of the English text (numbers, shapes and
 * indices, quoted text, identifiers such as loss ids or `extra.positive`, code in backticks) appears
 * in the Chinese one too, and the Chinese one is written in Chinese. A translation that drops the
 * offending index or the allowed range fails here, whatever its wording.
 */
import assert from 'node:assert/strict';
import type { Localized } from '../core/localized.js';

const FACTS = [
  /`[^`]+`/g, // code
  // Quoted text: parameter names, values, tokens of the selection. An opening quote follows no
  // letter or quote, so a quote inside a quoted token (' y":' from mutated input) opens nothing.
  /(?<![\w"'])"[^"]*"(?!\w)/g,
  /[A-Za-z_][\w.]*(?:\[[^\]]*\])+/g, // indexed tensors: target[3], input[0, 2]
  /\[[^\]]*\]/g, // shapes and lists: [2, 3]
  /\b[a-z]+(?:_[a-z0-9]+)+\b/g, // snake_case ids: cross_entropy, ignore_index, log_target
  /\bextra\.\w+/g,
  /(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![\w])/gi, // numbers
];

/** The facts of an English message, in order of appearance, each once. */
export function factsOf(en: string): string[] {
  const out = new Set<string>();
  for (const re of FACTS) for (const m of en.matchAll(re)) out.add(m[0]);
  return [...out];
}

export function assertTranslated(message: Localized, context = ''): void {
  const zh = message['zh-cn'];
  const where = context ? ` (${context})` : '';
  assert.ok(zh.trim() !== '', `empty Chinese message${where} for: ${message.en}`);
  assert.ok(/[\u4e00-\u9fff]/.test(zh), `not translated${where}: ${zh}`);
  // Chinese prose has no English sentences: strip the facts, and no run of three English words may remain.
  let rest = zh;
  for (const re of FACTS) rest = rest.replace(re, ' ');
  const english = rest.match(/\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b/);
  assert.equal(english, null, `English left in the Chinese message${where}: ${zh}`);
  const missing = factsOf(message.en).filter((f) => !zh.includes(f));
  assert.deepEqual(missing, [], `the Chinese message${where} lacks facts of the English one.\n en: ${message.en}\n zh: ${zh}`);
}
