/**
 * KaTeX's fonts under a slow resource server. Its faces are `font-display: block` (text invisible
 * while a face loads), so a report must not say `data-state="rendered"` while a face its formulas
 * need is still loading, and the panel and the notebook renderer ask for the common faces at start,
 * before any formula needs them. Run `node scripts/build.mjs renderer` first.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { findLoss } from '../../core/registry.js';
import { pageErrors, show, showInNotebook, startHarness, violations, type Harness } from './harness.js';
import { requestFor } from './payloads.js';

let H: Harness;
// Far longer than a report takes to draw here (about 0.2 s), so a report that does not wait for its
// fonts says rendered while they are all still loading.
const DELAY = 1500;

before(async () => {
  H = await startHarness();
});

after(async () => {
  await H?.close();
});

/** KaTeX faces by status, and whether the two every formula uses are usable now. */
async function katexFaces(p: Page): Promise<{ loading: string[]; loaded: string[]; mainAndMath: boolean }> {
  return p.evaluate(`(() => {
    const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '').startsWith('KaTeX_'));
    const name = (f) => f.family.replace(/["']/g, '') + ' ' + f.style + ' ' + f.weight;
    return {
      loading: faces.filter((f) => f.status === 'loading').map(name),
      loaded: faces.filter((f) => f.status === 'loaded').map(name),
      mainAndMath: document.fonts.check('1em KaTeX_Main') && document.fonts.check('italic 1em KaTeX_Math'),
    };
  })()`);
}

/**
 * Polls `check` from here until it holds or 5 s pass (a string predicate for waitForFunction would be
 * eval'd in the page, which its CSP refuses). The panel's entry says ready before its UI chunk, which
 * starts the fonts, has loaded, so the faces are asked for a moment after `open` returns.
 */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

// Smooth L1: its formula has a cases brace, which KaTeX sets in its Size fonts.
const smoothL1 = (): Record<string, unknown> => requestFor(findLoss('smooth_l1_loss')!);

test('the panel asks for KaTeX\'s common faces at start, before any report', async () => {
  const p = await H.open({ fontDelayMs: DELAY });
  const loading = async (face: string): Promise<boolean> => (await katexFaces(p)).loading.some((f) => f.startsWith(face));
  assert.ok(await eventually(() => loading('KaTeX_Main normal')), `Main not loading at start: ${JSON.stringify(await katexFaces(p))}`);
  assert.ok(await eventually(() => loading('KaTeX_Math italic')), `Math italic not loading at start: ${JSON.stringify(await katexFaces(p))}`);
  assert.equal(await p.$$eval('.katex', (els) => els.length), 0, 'no formula on the page yet');
  assert.deepEqual(await violations(p), []);
});

test('a panel report says rendered only once the faces its formulas use have loaded', async () => {
  const p = await H.open({ fontDelayMs: DELAY });
  assert.equal(await show(p, smoothL1()), 'rendered');
  const faces = await katexFaces(p);
  assert.deepEqual(faces.loading, [], 'faces still loading at data-state=rendered');
  assert.ok(faces.mainAndMath, `Main and Math italic usable: ${JSON.stringify(faces)}`);
  assert.ok(faces.loaded.some((f) => f.startsWith('KaTeX_Size')), `a Size face for the cases brace: ${JSON.stringify(faces.loaded)}`);
  assert.ok(Number(await p.getAttribute('#root', 'data-ms')) >= DELAY / 2, 'the wait shows in the render time');
  assert.deepEqual(await violations(p), []);
  assert.deepEqual(pageErrors(p), []);
});

test('a notebook output says rendered only once its faces have loaded, and they were asked for at activation', async () => {
  const p = await H.open({ kind: 'notebook', fontDelayMs: DELAY });
  const asked = async (): Promise<boolean> => {
    const f = await katexFaces(p);
    return [...f.loading, ...f.loaded].some((name) => name.startsWith('KaTeX_Main normal'));
  };
  assert.ok(await eventually(asked), 'KaTeX_Main loading after activation, before any output');
  assert.equal(await showInNotebook(p, smoothL1()), 'rendered');
  const faces = await katexFaces(p);
  assert.deepEqual(faces.loading, [], 'faces still loading at data-state=rendered');
  assert.ok(faces.mainAndMath, `Main and Math italic usable: ${JSON.stringify(faces)}`);
  assert.deepEqual(await violations(p), []);
  assert.deepEqual(pageErrors(p), []);
});
