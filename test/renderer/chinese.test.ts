/**
 * A Chinese user sees no English prose: the zh-cn report of every loss of the catalogue and the
 * zh-cn explorer page of every loss are read as the user sees them (innerText of #root, without
 * KaTeX's MathML copy), and no run of three English words may remain once code, identifiers and
 * quoted text are stripped. Formulas are checked on their TeX: a `\text{…}` may hold only code
 * (a parameter name or value, a tensor name), never an English word of prose.
 * Run `node scripts/build.mjs renderer` first.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LOSSES } from '../../core/registry.js';
import { factsOf } from '../translated.js';
import { pageErrors, show, startHarness, violations, type Harness } from './harness.js';
import { requestFor } from './payloads.js';

let H: Harness;
let zh: Page;

before(async () => {
  H = await startHarness();
  zh = await H.open({ theme: 'light', lang: 'zh-cn' });
});

after(async () => {
  await H?.close();
});

/**
 * What may stay in English because it is code, not prose: it is what the user types or reads in
 * their Python (or the product's name), the same in every language.
 */
const CODE = [
  /`[^`]+`/g, // code in backticks
  /"[^"]*"|“[^”]*”/g, // quoted text: parameter values, commands
  /\btorch(?:\.\w+)+(?:\([^)]*\))?/g, // PyTorch calls: torch.nn.functional.cross_entropy(ln p, t)
  /\b(?:tf|keras|smp)(?:\.\w+)+/gi, // the Keras / segmentation_models_pytorch names a definition follows
  /\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b/g, // snake_case identifiers: ignore_index, log_target, from_logits
  /\b[A-Za-z_]\w*\s*=\s*[\w."-]+/g, // a parameter and its value: reduction = mean, log_input = true
  /\bLoss Lens\b/g, // the product's name
];

/**
 * The first run of three English words left in `text` once code is stripped, or null. A run of
 * capitalised words only is a proper name, kept verbatim in Chinese as Chinese writing does:
 * authors ("Berman, Rannen Triki & Blaschko"), venues ("Machine Learning 1995") and the English
 * names of losses next to their Chinese ones ("三元组损失（Triplet Margin Loss）"). Prose always has
 * a lowercase word among three ("in the form of", "no valid pixel", "Worked example for").
 */
export function englishRun(text: string): string | null {
  let rest = text;
  for (const re of CODE) rest = rest.replace(re, ' ');
  // Latin letters with their accents (Lovász, Dollár), so an accent does not cut a run in two.
  for (const m of rest.matchAll(/(?<![A-Za-zÀ-ɏ])[A-Za-zÀ-ɏ]{2,}(?:[ ,'’&-]+[A-Za-zÀ-ɏ]{2,}){2,}(?![A-Za-zÀ-ɏ])/g)) {
    if (/(?<![A-Za-zÀ-ɏ])[a-zà-ÿ]/.test(m[0])) return m[0];
  }
  return null;
}

/**
 * Words a `\text{…}` of a formula may hold: a tensor's or parameter's name or a parameter's value
 * (`\text{ignore\_index}`, `\text{empty\_classes} = \text{zero}`, `\mathcal{C}_{\text{present}}`,
 * `\text{(target)}` for denominator = "target"), which the user's code spells the same way.
 */
const TEX_CODE = new Set(['ignore_index', 'empty_classes', 'zero', 'present', 'target', 'prediction', 'log_target', 'log_input', 'full']);

function texProse(tex: string): string[] {
  const out: string[] = [];
  for (const m of tex.matchAll(/\\(?:text|textrm|mbox)\{([^}]*)\}/g)) {
    const words = m[1]!.replace(/\\_/g, '_').match(/[A-Za-z_]{2,}/g) ?? [];
    for (const w of words) if (!TEX_CODE.has(w)) out.push(`${w} in ${m[0]}`);
  }
  return out;
}

/** What the user reads: #root's text without KaTeX's hidden MathML, and every formula's TeX. */
async function visible(p: Page): Promise<{ text: string; tex: string[] }> {
  return p.evaluate(() => {
    const root = document.getElementById('root')!;
    const tex = [...root.querySelectorAll('annotation[encoding="application/x-tex"]')].map((a) => a.textContent ?? '');
    const clone = root.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.katex-mathml, code').forEach((e) => e.remove());
    // innerText needs layout: measure the clone in the page, off screen.
    clone.style.position = 'absolute';
    clone.style.left = '-20000px';
    document.body.appendChild(clone);
    const text = clone.innerText;
    clone.remove();
    return { text, tex };
  });
}

function check(where: string, seen: { text: string; tex: string[] }, problems: string[]): void {
  for (const line of seen.text.split('\n')) {
    const run = englishRun(line);
    if (run) problems.push(`${where}: "${run}" in: ${line.trim()}`);
  }
  for (const t of seen.tex) for (const w of texProse(t)) problems.push(`${where}: English word ${w} (TeX: ${t})`);
}

test('the checker itself: prose fails, code and formulas pass', () => {
  assert.equal(englishRun('出处: Textbook cross entropy on soft-maxed predictions'), 'Textbook cross entropy on soft-maxed predictions');
  assert.equal(englishRun('出处：Lin 等，"Focal Loss for Dense Object Detection"，ICCV 2017，式 5'), null);
  assert.equal(englishRun('等于 torch.nn.functional.cross_entropy(ln p, t)'), null);
  assert.equal(englishRun('reduction = mean'), null);
  assert.equal(englishRun('Worked example for sample one'), 'Worked example for sample one');
  assert.equal(englishRun('出处: Berman, Rannen Triki & Blaschko 2018, "The Lovász-Softmax loss" (binary Lovász hinge)'), 'binary Lovász hinge');
  assert.equal(englishRun('Sigmoid Focal Loss（焦点损失）'), null);
  assert.match(englishRun('Milletari, Navab & Ahmadi 2016 (V-Net), in the form of segmentation_models_pytorch DiceLoss') ?? '', /^in the form of/);
  assert.equal(englishRun('Lin, Goyal, Girshick, He & Dollár，"Focal Loss for Dense Object Detection"，式 5，用 softmax 推广到 C 个类别'), null);
  assert.deepEqual(texProse('|d| - 0.5 & \\text{otherwise}'), ['otherwise in \\text{otherwise}']);
  assert.deepEqual(texProse('0 \\quad (T_{1} = 0,\\ \\text{empty\\_classes} = \\text{zero})'), []);
});

test('every source a definition follows is translated: authors, titles, numbers and code kept', () => {
  const sourced = LOSSES.filter((l) => l.pytorch === null);
  assert.ok(sourced.length > 0);
  for (const l of sourced) {
    assert.ok(l.source, `${l.id} has no PyTorch call, so it names its source`);
    const zhText = l.source['zh-cn'];
    // A source made only of names, a title and a venue has nothing to translate; any English word
    // of prose (lowercase, outside titles and code) must come out in Chinese.
    const prose = CODE.reduce((rest, re) => rest.replace(re, ' '), l.source.en);
    if (/(?<![A-Za-z])[a-z]{2,}/.test(prose)) assert.match(zhText, /[\u4e00-\u9fff]/, `${l.id}.source is written in Chinese: ${zhText}`);
    // assertTranslated's English check would take an author list for prose; englishRun knows names.
    assert.equal(englishRun(zhText), null, `English prose left in ${l.id}.source: ${zhText}`);
    assert.deepEqual(factsOf(l.source.en).filter((f) => !zhText.includes(f)), [], `${l.id}.source: numbers, code and quoted titles kept`);
    // Quoted paper titles stay verbatim, so a reader can search for them.
    for (const title of l.source.en.match(/"[^"]+"/g) ?? []) assert.ok(l.source['zh-cn'].includes(title), `${l.id}: ${title}`);
  }
});

/**
 * Worked examples whose steps take their empty branches (a formula of its own, with no numbers to
 * substitute): all pixels ignored, no positive hinge error, no class of a group used, an ignored
 * target, an empty Dice class. `want` is a piece of the TeX that only that branch writes.
 */
const EDGES: { payload: Record<string, unknown>; want: string }[] = [
  { payload: { loss: 'lovasz_hinge', input: [[0.5, -1]], target: [[9, 9]], params: { ignore_index: 9 } }, want: '\\varnothing' },
  { payload: { loss: 'lovasz_hinge', input: [[-3, -1.5]], target: [[0, 0]] }, want: '\\max_k' },
  { payload: { loss: 'lovasz_softmax', input: [[[0.2, 0.7], [0.8, 0.3]]], target: [[9, 9]], params: { ignore_index: 9 } }, want: '\\mathcal{C} = \\varnothing' },
  { payload: { loss: 'cross_entropy', input: [[1, 2, 0.5], [0.1, 0.2, 3]], target: [2, -100] }, want: 'ignore\\_index' },
  { payload: { loss: 'huber_loss', input: [0.5, 3], target: [0, 0] }, want: '\\ge' },
];

test('zh-cn reports of the empty branches of worked examples show no English prose', async () => {
  const problems: string[] = [];
  for (const { payload, want } of EDGES) {
    assert.equal(await show(zh, payload), 'rendered', JSON.stringify(payload));
    const seen = await visible(zh);
    assert.ok(seen.tex.some((t) => t.includes(want)), `${payload.loss}: a step with ${want}: ${seen.tex.join(' | ')}`);
    check(`report ${String(payload.loss)} ${JSON.stringify(payload.params ?? {})}`, seen, problems);
  }
  assert.deepEqual(problems, []);
});

test('every loss\'s zh-cn report shows no English prose', async () => {
  const problems: string[] = [];
  for (const loss of LOSSES) {
    assert.equal(await show(zh, requestFor(loss)), 'rendered', loss.id);
    const seen = await visible(zh);
    assert.match(seen.text, /计算过程/, `${loss.id}: the report is in Chinese`);
    assert.ok(seen.tex.length > 0, `${loss.id}: formulas were typeset`);
    check(`report ${loss.id}`, seen, problems);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(await violations(zh), [], 'CSP violations');
  assert.deepEqual(pageErrors(zh), [], 'uncaught page errors');
});

test('every loss\'s zh-cn explorer page shows no English prose', async () => {
  const ex = await H.open({ theme: 'light', lang: 'zh-cn' });
  const problems: string[] = [];
  for (const loss of LOSSES) {
    await ex.evaluate((id) => {
      document.getElementById('root')!.removeAttribute('data-state');
      window.postMessage({ type: 'explorer', state: { loss: id } }, '*');
    }, loss.id);
    await ex.waitForFunction(() => document.getElementById('root')?.getAttribute('data-state') === 'rendered', undefined, { timeout: 20_000 });
    assert.equal(await ex.locator('.ll-select').inputValue(), loss.id);
    const seen = await visible(ex);
    assert.match(seen.text, /损失函数浏览器/, `${loss.id}: the explorer is in Chinese`);
    check(`explorer ${loss.id}`, seen, problems);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(await violations(ex), [], 'CSP violations');
  assert.deepEqual(pageErrors(ex), [], 'uncaught page errors');
});
