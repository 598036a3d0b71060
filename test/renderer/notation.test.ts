/**
 * The number format's notation in the built renderer (headless Chromium, the panel's CSP): the
 * value, the tables, the worked example's results and the comparison summary are written in the
 * payload's `display.notation`, and every data-value still holds the full-precision number.
 * Run `node scripts/build.mjs renderer` first.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { pageErrors, show, startHarness, violations, type Harness } from './harness.js';
import { ARTICLE } from './payloads.js';

let H: Harness;
let page: Page;

before(async () => {
  H = await startHarness();
  page = await H.open({ theme: 'light' });
});

after(async () => {
  await H?.close();
});

async function clean(p: Page): Promise<void> {
  assert.deepEqual(await violations(p), [], 'CSP violations');
  assert.deepEqual(pageErrors(p), [], 'uncaught page errors');
}

/** Text and data-value of the cells of a tensor table's first page. */
async function cells(p: Page, tensor: string): Promise<{ text: string; value: number }[]> {
  return p.locator(`.ll-table-wrap[data-tensor="${tensor}"] tbody td`).evaluateAll((els) =>
    els.map((e) => ({ text: e.textContent ?? '', value: Number(e.getAttribute('data-value')) })));
}

// The article: one-hot targets pick −ln 0.7, −ln 0.4, −ln 0.1; the mean is 1.19185… (spec: 1.1918502562689777).
const PICKED = [-Math.log(0.7), -Math.log(0.4), -Math.log(0.1)];
const MEAN = (PICKED[0] + PICKED[1] + PICKED[2]) / 3;
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

test('scientific: the value, the per-sample table and the worked results carry exponents; data-value keeps every digit', async () => {
  assert.equal(await show(page, { ...ARTICLE, display: { notation: 'scientific' } }), 'rendered');
  const big = page.locator('[data-role="value"]');
  // 1.19185… at 4 significant digits: 1.192 × 10^0.
  assert.equal(await big.innerText(), '1.192e+0');
  assert.ok(close(Number(await big.getAttribute('data-value')), MEAN));
  // −ln 0.7 = 0.356675 → 3.567e-1, −ln 0.4 = 0.916291 → 9.163e-1, −ln 0.1 = 2.302585 → 2.303e+0.
  const unred = await cells(page, 'unreduced');
  assert.deepEqual(unred.map((c) => c.text), ['3.567e-1', '9.163e-1', '2.303e+0']);
  unred.forEach((c, i) => assert.ok(close(c.value, PICKED[i]), `${c.value} vs ${PICKED[i]}`));
  // The worked example's results in TeX: ×10^{e}; the step's data-value is the exact number.
  const step = page.locator('.ll-step').first();
  assert.match(String(await step.locator('.ll-tex').getAttribute('data-tex')), /= 3\.567\\times10\^\{-1\}$/);
  assert.ok(close(Number(await step.getAttribute('data-value')), PICKED[0]));
  const red = page.locator('.ll-reduction');
  assert.match(String(await red.locator('.ll-tex').getAttribute('data-tex')), /= 1\.192\\times10\^\{0\}$/);
  assert.ok(close(Number(await red.getAttribute('data-value')), MEAN));
  assert.equal(await page.locator('.ll-worked .katex-error').count(), 0, 'KaTeX typesets the exponents');
  await clean(page);
});

test('auto (the default) keeps positional numbers here; fixed writes a tiny value without an exponent', async () => {
  assert.equal(await show(page, ARTICLE), 'rendered');
  assert.equal(await page.locator('[data-role="value"]').innerText(), '1.192');
  assert.deepEqual((await cells(page, 'unreduced')).map((c) => c.text), ['0.3567', '0.9163', '2.303']);
  // mse_loss of 1e-5 against 0 is 1e-10 (up to the rounding of 1e-5 squared): auto 1e-10, fixed 0.0000000001.
  const tiny = { loss: 'mse_loss', input: [1e-5], target: [0] };
  assert.equal(await show(page, { ...tiny, display: { notation: 'auto' } }), 'rendered');
  assert.equal(await page.locator('[data-role="value"]').innerText(), '1e-10');
  assert.equal(await show(page, { ...tiny, display: { notation: 'fixed' } }), 'rendered');
  const big = page.locator('[data-role="value"]');
  assert.equal(await big.innerText(), '0.0000000001');
  assert.ok(close(Number(await big.getAttribute('data-value')), 1e-5 * 1e-5));
  // The gradient 2·1e-5 = 2e-5 in fixed notation, still full precision underneath.
  const grad = await cells(page, 'grad');
  assert.deepEqual(grad.map((c) => c.text), ['0.00002']);
  assert.ok(close(grad[0].value, 2e-5));
  await clean(page);
});

test('compare summary: each loss in scientific notation, ∞ still spelled out', async () => {
  // L1 = (0.5 + 2 + 3)/3 = 1.8333…; MSE = (0.25 + 4 + 9)/3 = 4.41666…
  assert.equal(await show(page, { loss: ['l1_loss', 'mse_loss'], input: [0.5, -2, 3], target: [0, 0, 0], display: { notation: 'scientific' } }), 'rendered');
  const tds = await page.locator('.ll-summary-table td[data-value]').evaluateAll((els) => els.map((e) => ({ text: e.textContent, value: Number(e.getAttribute('data-value')) })));
  assert.deepEqual(tds.map((c) => c.text), ['1.833e+0', '4.417e+0']);
  assert.ok(close(tds[0].value, 5.5 / 3) && close(tds[1].value, 13.25 / 3));
  // 1e200² overflows float64: MSE = +∞ (PyTorch gives inf too), whatever the notation.
  assert.equal(await show(page, { loss: 'mse_loss', input: [1e200], target: [0], display: { notation: 'scientific' } }), 'rendered');
  assert.equal(await page.locator('[data-role="value"]').innerText(), '∞');
  await clean(page);
});
