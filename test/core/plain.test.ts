// The one-line plain-text formula of every loss and transform exists in both languages: the Chinese
// one keeps the math, the parameter names and the quoted values of the English one verbatim and
// translates only the words around them ("if" → 当, "sorted descending" → 降序排列). A Chinese user
// sees it in the quick pick and in `loss-lens list/explain --lang zh-cn`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TRANSFORMS } from '../../core/activations.js';
import { main } from '../../core/cli.js';
import type { Localized } from '../../core/localized.js';
import { LOSSES } from '../../core/registry.js';
import { assertTranslated } from '../translated.js';

/** Function names that are math, not English, in a plain formula. */
const MATH_FUNCTIONS = ['ln', 'log', 'max', 'min', 'relu', 'softmax', 'cos', 'cosh', 'tanh', 'BCE'];
/** Names kept in Latin letters in the Chinese text because they are names, not words. */
const PROPER_NOUNS = ['Jaccard'];
/**
 * Parameter names that a formula also uses as plain English words: lovasz_softmax has a parameter
 * `classes`, but its "mean over classes c of" is prose to translate (对各类 c 取…的平均), not the
 * parameter. Listed here they count as words, so the Chinese text must not keep them.
 */
const PROSE_NAMESAKES: Record<string, readonly string[]> = { lovasz_softmax: ['classes'] };

const ENTRIES: { id: string; plain: Localized; identifiers: string[] }[] = [
  ...LOSSES.map((l) => ({
    id: l.id,
    plain: l.formula.plain,
    identifiers: Object.keys(l.params).filter((p) => !(PROSE_NAMESAKES[l.id] ?? []).includes(p)),
  })),
  ...TRANSFORMS.map((t) => ({ id: t.id, plain: t.formula.plain, identifiers: [] })),
];

/** The words of a plain formula that are code or math: parameter names, snake_case names, math functions. */
function identifiersIn(text: string, params: readonly string[]): string[] {
  const known = new Set([...params, ...MATH_FUNCTIONS]);
  const words = text.match(/\b[A-Za-z][\w]*\b/g) ?? [];
  return [...new Set(words.filter((w) => known.has(w) || /^[a-z]+(?:_[a-z0-9]+)+$/.test(w)))];
}

/**
 * The English (or untranslated) words of a plain formula: what is left of 2+ letter words once quoted
 * values and identifiers are taken out. Two letters, not three: "or" is the only word of
 * hdr_relative_mse's formula outside its parameter name and quoted values ("denominator", "target",
 * "prediction"), and math symbols of two letters (ln, x1, p_ic) are identifiers or contain a digit.
 */
function wordsIn(text: string, params: readonly string[]): string[] {
  const ids = new Set(identifiersIn(text, params));
  const unquoted = text.replace(/"[^"]*"/g, ' ');
  return (unquoted.match(/\b[A-Za-z]{2,}\b/g) ?? []).filter((w) => !ids.has(w));
}

/**
 * The math symbols of a text with their counts: everything but Latin letters (words and identifiers
 * are checked separately), spaces and the punctuation that Chinese writes full-width ((), ,;:) or
 * that only joins words ("Jaccard-loss"; a minus in the formulas is always −).
 */
function symbolCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.replace(/[A-Za-z\s(),;:\-\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

describe('plain-text formulas in English and Chinese', () => {
  for (const { id, plain, identifiers } of ENTRIES) {
    it(id, () => {
      assert.ok(plain.en.trim() !== '' && plain['zh-cn'].trim() !== '', `${id}: both languages are non-empty`);
      assert.ok(!plain.en.includes('\n') && !plain['zh-cn'].includes('\n'), `${id}: one line`);
      const zh = plain['zh-cn'];
      const prose = wordsIn(plain.en, identifiers);
      if (prose.length === 0) {
        // Only math and identifiers: nothing to translate, so the Chinese user reads the same formula.
        assert.equal(zh, plain.en, `${id}: a purely mathematical formula is the same in Chinese`);
        return;
      }
      assertTranslated(plain, `${id} formula.plain`);
      const leftover = wordsIn(zh, identifiers).filter((w) => !PROPER_NOUNS.includes(w));
      assert.deepEqual(leftover, [], `${id}: English words left in the Chinese formula: ${zh}`);
      for (const name of identifiersIn(plain.en, identifiers)) {
        assert.match(zh, new RegExp(`\\b${name}\\b`), `${id}: the Chinese formula keeps ${name}`);
      }
      const zhSymbols = symbolCounts(zh);
      for (const [ch, n] of symbolCounts(plain.en)) {
        assert.ok((zhSymbols.get(ch) ?? 0) >= n, `${id}: the Chinese formula keeps every "${ch}" of the English one (${n}).\n en: ${plain.en}\n zh: ${zh}`);
      }
    });
  }

  it('the classifier above finds the prose it must (so the equality branch is not taken by default)', () => {
    const withProse = ENTRIES.filter((e) => wordsIn(e.plain.en, e.identifiers).length > 0).map((e) => e.id);
    // The formulas that state cases or steps in words: each one's English text has "if", "or", "sorted", "for" or "mean".
    for (const e of ENTRIES) {
      const hasCaseWord = /\b(?:if|or|sorted|for|mean)\b/.test(e.plain.en);
      assert.equal(withProse.includes(e.id), hasCaseWord, `${e.id}: ${e.plain.en}`);
    }
    assert.ok(withProse.length > 0);
  });
});

describe('the CLI shows the plain formula in the language asked for', () => {
  function run(args: string[]): string {
    let out = '';
    const code = main(args, { out: (s) => (out += s), err: () => undefined, stdin: () => '' });
    assert.equal(code, 0);
    return out;
  }
  const translated = LOSSES.filter((l) => l.formula.plain.en !== l.formula.plain['zh-cn']);

  it('explain', () => {
    assert.ok(translated.length > 0);
    for (const l of translated) {
      const en = run(['explain', l.id]);
      const zh = run(['explain', l.id, '--lang', 'zh-cn']);
      assert.ok(en.includes(`Formula:     ${l.formula.plain.en}\n`), `${l.id} (en): ${en}`);
      assert.ok(zh.includes(`公式:     ${l.formula.plain['zh-cn']}\n`), `${l.id} (zh-cn): ${zh}`);
      assert.ok(!zh.includes(l.formula.plain.en), `${l.id}: the Chinese explanation has no English formula`);
    }
  });

  it('list', () => {
    const en = run(['list']);
    const zh = run(['list', '--lang', 'zh-cn']);
    for (const l of LOSSES) {
      assert.ok(en.includes(`—  ${l.formula.plain.en}\n`), `${l.id} in the English list`);
      assert.ok(zh.includes(`—  ${l.formula.plain['zh-cn']}\n`), `${l.id} in the Chinese list`);
    }
    for (const t of TRANSFORMS) assert.ok(zh.includes(`—  ${t.formula.plain['zh-cn']}\n`), t.id);
  });
});
