/**
 * The snippet file is valid for VS Code and complete: body lines, unique easy-to-find prefixes,
 * well-formed tab stops on every parameter, one snippet per loss and framework, contributed in the
 * manifest, generated from test/snippets/src without drift, and listed in full by the catalogue the
 * Insert Loss Snippet quick pick shows. Also the snippet-syntax parser the tests rely on.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findLoss, LOSSES } from '../../core/registry.js';
import { catalogFrom, fillDefaults, parseSnippet, pickGroups, snippetForLoss, tabStops, type SnippetFile } from '../../extension/snippetCatalog.js';
import { renderSnippetFile } from './gen_snippets.js';
import { insertedText, readCatalog, ROOT, SNIPPET_PATH } from './python.js';

const text = readFileSync(SNIPPET_PATH, 'utf8');
const file = JSON.parse(text) as Record<string, Record<string, unknown>>;
const catalog = readCatalog();

/** The losses the issue asks snippets for, each in PyTorch and in NumPy. */
const REQUIRED = [
  'sigmoid_focal_loss', 'softmax_focal_loss', 'soft_dice', 'soft_jaccard', 'lovasz_hinge', 'lovasz_softmax',
  'balanced_bce', 'log_cosh', 'l0_loss', 'hdr_relative_mse', 'contrastive_loss', 'exponential_loss', 'binary_hinge',
];

describe('snippets/python.json is a valid VS Code snippet file', () => {
  test('top-level keys are unique in the JSON text (JSON.parse would silently keep the last)', () => {
    const keys = [...text.matchAll(/^ {2}"((?:[^"\\]|\\.)*)": \{$/gm)].map((m) => m[1]);
    assert.equal(keys.length, Object.keys(file).length);
    assert.equal(new Set(keys).size, keys.length);
  });

  for (const [name, entry] of Object.entries(file)) {
    test(`${name}: prefix, description and body lines`, () => {
      assert.deepEqual(Object.keys(entry).sort(), ['body', 'description', 'prefix']);
      assert.equal(typeof entry.prefix, 'string');
      assert.match(entry.prefix as string, /^loss-[a-z0-9-]+$/, 'prefixes start with loss- and use lowercase and dashes');
      assert.equal(typeof entry.description, 'string');
      assert.ok((entry.description as string).length > 20, 'the description states the convention');
      assert.ok(Array.isArray(entry.body) && entry.body.length > 3);
      for (const [i, line] of (entry.body as unknown[]).entries()) {
        assert.equal(typeof line, 'string', `body[${i}] is a string`);
        assert.doesNotMatch(line as string, /[\r\n]/, `body[${i}] is one line`);
        assert.doesNotMatch(line as string, /^ +\S/, `body[${i}] indents with tabs, so VS Code re-indents it to the user's setting`);
        assert.doesNotMatch(line as string, /\s$/, `body[${i}] has no trailing whitespace`);
      }
    });

    test(`${name}: tab stops parse and are numbered 1..n with one default each`, () => {
      const body = (entry.body as string[]).join('\n');
      const stops = tabStops(parseSnippet(body));
      const byIndex = new Map<number, string[]>();
      for (const s of stops) byIndex.set(s.index, [...(byIndex.get(s.index) ?? []), s.defaultText]);
      const numbered = [...byIndex.keys()].filter((i) => i > 0).sort((a, b) => a - b);
      assert.ok(numbered.length > 0, 'has tab stops');
      assert.deepEqual(numbered, numbered.map((_, k) => k + 1), 'numbered 1..n without gaps');
      for (const [i, defaults] of byIndex) assert.equal(new Set(defaults).size, 1, `$${i} has one default`);
      assert.ok((byIndex.get(0)?.length ?? 0) <= 1, '$0 at most once');
      for (const s of stops) if (s.choices) assert.equal(new Set(s.choices).size, s.choices.length, `choice $${s.index} lists each option once`);
    });
  }

  test('prefixes are unique', () => {
    const prefixes = Object.values(file).map((e) => e.prefix as string);
    assert.equal(new Set(prefixes).size, prefixes.length, prefixes.join(', '));
  });

  test('prefixes are easy to find: loss-focal…, loss-dice…, loss-lovasz…, and -np for NumPy', () => {
    for (const e of catalog) {
      if (e.loss?.includes('focal')) assert.match(e.prefix, /^loss-focal-/);
      if (e.loss === 'soft_dice') assert.match(e.prefix, /^loss-dice/);
      if (e.loss?.startsWith('lovasz')) assert.match(e.prefix, /^loss-lovasz-/);
      assert.equal(e.prefix.endsWith('-np'), e.framework === 'numpy', `${e.prefix}: -np exactly for NumPy versions`);
    }
  });
});

describe('the snippets cover the catalogue', () => {
  test('every required loss has a PyTorch and a NumPy snippet, and loss-lens-display exists', () => {
    for (const id of REQUIRED) {
      assert.deepEqual(catalog.filter((e) => e.loss === id).map((e) => e.framework).sort(), ['numpy', 'pytorch'], id);
    }
    assert.ok(catalog.some((e) => e.prefix === 'loss-lens-display' && e.framework === 'notebook'));
  });

  test('every snippet names a loss of the core registry', () => {
    for (const e of catalog) if (e.loss !== null) assert.ok(findLoss(e.loss), `${e.name}: ${e.loss} is registered`);
  });

  for (const e of catalog.filter((x) => x.loss !== null)) {
    test(`${e.name}: defines ${e.functionName}() with a tab stop on every keyword parameter`, () => {
      const def = e.body.split('\n').find((l) => l.startsWith(`def ${e.functionName}(`));
      assert.ok(def, `a top-level def ${e.functionName}(`);
      const keywords = [...def.matchAll(/(\w+)=/g)].map((m) => m[1]);
      const stopped = [...def.matchAll(/(\w+)="?\$\{\d+[:|]/g)].map((m) => m[1]);
      assert.ok(keywords.length > 0 || findLoss(e.loss!)?.reductions.length === 1);
      assert.deepEqual(stopped, keywords);
      assert.match(e.body, /^\t"""/m, 'has a docstring');
      assert.ok(e.formula.length > 5 && /[=]/.test(e.formula), `the docstring starts with the formula: ${e.formula}`);
    });
  }

  test('top-level names are not shared between snippets, so inserting several never shadows one', () => {
    const seen = new Map<string, string>();
    for (const e of catalog) {
      for (const m of insertedText(e).matchAll(/^def (\w+)\(/gm)) {
        assert.ok(!seen.has(m[1]), `${m[1]} is defined by both ${seen.get(m[1])} and ${e.name}`);
        seen.set(m[1], e.name);
      }
    }
  });

  test('loss-lens-display offers every loss id of the catalogue, the first as default', () => {
    const display = catalog.find((e) => e.prefix === 'loss-lens-display')!;
    const choices = tabStops(parseSnippet(display.body)).find((s) => s.choices !== null);
    assert.ok(choices);
    assert.deepEqual(choices.choices, LOSSES.map((l) => l.id));
  });
});

describe('manifest and sources', () => {
  test('package.json contributes the snippet file for Python (.py files and notebook cells)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.deepEqual(pkg.contributes.snippets, [{ language: 'python', path: './snippets/python.json' }]);
    assert.deepEqual(readdirSync(join(ROOT, 'snippets')), ['python.json'], 'snippets/ holds the snippet files and nothing else');
  });

  test('snippets/python.json is exactly what gen_snippets.ts makes from test/snippets/src', () => {
    assert.equal(text, renderSnippetFile(), 'run: node --import tsx test/snippets/gen_snippets.ts');
  });
});

describe('Insert Loss Snippet catalogue', () => {
  test('lists every snippet of the file once, each with a formula and a convention', () => {
    const listed = pickGroups(catalogFrom(file as unknown as SnippetFile)).flatMap((g) => g.entries);
    assert.deepEqual(listed.map((e) => e.name).sort(), Object.keys(file).sort());
    for (const e of listed) {
      assert.ok(e.formula.length > 0, `${e.name} has a formula`);
      assert.equal(e.convention, file[e.name].description);
      assert.equal(e.body, (file[e.name].body as string[]).join('\n'), 'inserts the body as written');
    }
    assert.deepEqual(pickGroups(catalog).map((g) => g.framework), ['pytorch', 'numpy', 'notebook']);
  });

  test('a loss id preselects its PyTorch snippet', () => {
    for (const id of REQUIRED) {
      const e = snippetForLoss(catalog, id);
      assert.equal(e?.name, `${id} (PyTorch)`);
    }
    assert.equal(snippetForLoss(catalog, 'no_such_loss'), undefined);
  });

  test('formulas shown are the docstrings\' first lines', () => {
    const dice = catalog.find((e) => e.name === 'soft_dice (PyTorch)')!;
    assert.equal(dice.formula, 'loss_k = 1 − (2·I_k + smooth) / max(P_k + T_k + smooth, eps), I_k = Σ p·t, P_k = Σ p, T_k = Σ t.');
  });
});

describe('snippet syntax parser (VS Code rules)', () => {
  test('tab stops, nested placeholders, choices and escapes', () => {
    const nodes = parseSnippet('a=${1:0.25} b=${2:x ${3:y}} c="${4|mean,sum|}" \\$5 \\} \\\\ $6 ${7} $ {d}');
    assert.equal(fillDefaults(nodes), 'a=0.25 b=x y c="mean" $5 } \\   $ {d}');
    assert.deepEqual(tabStops(nodes).map((s) => [s.index, s.defaultText]), [[1, '0.25'], [2, 'x y'], [3, 'y'], [4, 'mean'], [6, ''], [7, '']]);
  });

  test('refuses what VS Code would not insert literally', () => {
    assert.throws(() => parseSnippet('cost = $TM_FILENAME'), /snippet variable/);
    assert.throws(() => parseSnippet('x = ${1:open'), /not closed/);
    assert.throws(() => parseSnippet('x = ${1|a,b}'), /not closed/);
    assert.throws(() => parseSnippet('x = ${name:default}'), /must start a tab stop/);
  });
});
