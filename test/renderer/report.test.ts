/**
 * The built renderer in headless Chromium under the panel's CSP: real payloads for two losses of
 * every category, the article's worked example, invalid payloads, hostile strings, sliders, actions,
 * the notebook entry, both languages, and screenshots in light, dark and high contrast.
 * Run `node scripts/build.mjs renderer` first.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { evaluate } from '../../core/evaluate.js';
import { findLoss } from '../../core/registry.js';
import { userPoints } from '../../renderer/curves.js';
import { PAGE_COLS, PAGE_ROWS } from '../../renderer/tables.js';
import { ARTIFACTS, pageErrors, posted, show, showInNotebook, startHarness, violations, type Harness } from './harness.js';
import { ARTICLE, heatmapRequest, maskRequest, requestFor, twoPerCategory } from './payloads.js';

let H: Harness;
let light: Page;
let dark: Page;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  H = await startHarness();
  light = await H.open({ theme: 'light' });
  dark = await H.open({ theme: 'dark' });
});

after(async () => {
  await H?.close();
});

async function clean(p: Page): Promise<void> {
  assert.deepEqual(await violations(p), [], 'CSP violations');
  assert.deepEqual(pageErrors(p), [], 'uncaught page errors');
}

/** Every number shown in a tensor table's first page, with its flat index, read from data-value. */
async function tableCells(p: Page, tensor: string): Promise<{ row: number; col: number; value: number }[]> {
  return p.evaluate((name) => {
    const table = document.querySelector(`.ll-table-wrap[data-tensor="${name}"] table`);
    if (!table) return [];
    const out: { row: number; col: number; value: number }[] = [];
    table.querySelectorAll('tbody tr').forEach((tr, row) => {
      tr.querySelectorAll('td').forEach((td, col) => out.push({ row, col, value: Number(td.getAttribute('data-value')) }));
    });
    return out;
  }, tensor);
}

/**
 * Chromium's V8 and Node 20's V8 may round Math.pow/exp/log differently in the last bit, so the
 * same core code can differ by an ulp or two between the page and this process: 8 ulp of the
 * larger magnitude (a wrong formula or a misplaced cell is off by far more).
 */
function sameNumber(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 8 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
}

/** The flat index in a tensor of shape `shape` of page cell (row, col) as tables.ts lays it out. */
function flatIndex(shape: readonly number[], row: number, col: number): number {
  if (shape.length <= 1) return row;
  return row * shape[shape.length - 1] + col;
}

async function markCount(p: Page, chart: string, mark: string): Promise<number> {
  return p.locator(`[data-chart="${chart}"] svg .${mark} > path`).count();
}

describe('real payloads, two losses of every category', () => {
  for (const { category, losses } of twoPerCategory()) {
    for (const loss of losses) {
      test(`${category}: ${loss.id}`, async () => {
        const payload = requestFor(loss);
        const state = await show(light, payload);
        assert.equal(state, 'rendered');
        // KaTeX: the formula and every worked step are typeset, with no error node.
        assert.ok(await light.locator('.ll-formula .katex').count() >= 1, 'formula typeset');
        assert.equal(await light.locator('.katex-error, .ll-tex-error').count(), 0, 'no TeX error');
        const steps = await light.locator('.ll-step .katex').count();
        assert.ok(steps >= 1, 'worked example typeset');
        // The table's numbers are the core's (same kernels, computed here in Node).
        const ev = evaluate(payload);
        assert.ok(ev.ok);
        const out = ev.value.output;
        if (typeof out.value === 'number') {
          const shown = Number(await light.getAttribute('[data-role="value"]', 'data-value'));
          assert.ok(sameNumber(shown, out.value), `value ${shown} vs core ${out.value}`);
        }
        const unred = typeof out.value === 'number' ? out.unreduced : out.value;
        for (const [name, t] of [['unreduced', unred], ['grad', out.grad]] as const) {
          const cells = await tableCells(light, name);
          assert.ok(cells.length > 0, `${name} table has cells`);
          for (const c of cells) {
            const want = t.data[flatIndex(t.shape, c.row, c.col)];
            assert.ok(sameNumber(c.value, want), `${name}[${c.row},${c.col}]: ${c.value} vs core ${want}`);
          }
        }
        // Plots: one line per family member plus the current curve, one symbol per user point.
        const fam = loss.curve.family?.values.length ?? 0;
        const points = loss.curve.points ? userPoints(loss, loss.curve.points(ev.value.inputs, ev.value.params), ev.value.params).length : 0;
        for (const chart of ['curve-loss', 'curve-grad']) {
          assert.equal(await markCount(light, chart, 'familyLines .mark-line'), fam, `${chart}: family lines`);
          assert.equal(await markCount(light, chart, 'currentLine'), 1, `${chart}: current line`);
          assert.equal(await markCount(light, chart, 'userPoints'), points, `${chart}: user points`);
        }
        await clean(light);
      });
    }
  }
});

test('the cross-entropy article: sample 1 is −ln 0.7 = 0.3567 and L = (0.357 + 0.916 + 2.303) / 3 = 1.192', async () => {
  assert.equal(await show(light, ARTICLE), 'rendered');
  // Derivation: one-hot targets pick −ln 0.7, −ln 0.4, −ln 0.1; the mean is 1.1918.
  const want = (-Math.log(0.7) - Math.log(0.4) - Math.log(0.1)) / 3;
  const red = light.locator('.ll-reduction');
  assert.match(await red.innerText(), /1\.19/);
  assert.ok(Math.abs(Number(await red.getAttribute('data-value')) - want) < 1e-12);
  const first = light.locator('.ll-step').first();
  assert.match(await first.innerText(), /0\.3567/);
  assert.ok(Math.abs(Number(await light.getAttribute('[data-role="value"]', 'data-value')) - want) < 1e-12);
  await light.screenshot({ path: join(ARTIFACTS, 'article-light.png'), fullPage: true });
  assert.equal(await show(dark, ARTICLE), 'rendered');
  await dark.screenshot({ path: join(ARTIFACTS, 'article-dark.png'), fullPage: true });
  await clean(light);
  await clean(dark);
});

test('"more" extends the worked example by the next samples', async () => {
  const loss = findLoss('mse_loss')!;
  const payload = requestFor(loss, 3, 40);
  assert.equal(await show(light, payload), 'rendered');
  assert.equal(await light.locator('.ll-steps .ll-step').count(), 3);
  await light.locator('.ll-more button').click();
  await light.waitForFunction(() => document.querySelectorAll('.ll-steps .ll-step').length > 3);
  const n = await light.locator('.ll-steps .ll-step').count();
  assert.equal(n, 8, 'three, then five more');
  await light.waitForFunction(() => document.querySelectorAll('.ll-steps .ll-step .katex').length === 8);
  const ev = evaluate(payload);
  assert.ok(ev.ok);
  const vals = await light.locator('.ll-steps .ll-step').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  assert.deepEqual(vals, Array.from(ev.value.output.unreduced.data.subarray(0, 8)));
  await clean(light);
});

test('a slider redraws the curve: focal γ', async () => {
  const loss = findLoss('softmax_focal_loss') ?? findLoss('smooth_l1_loss')!;
  assert.equal(await show(light, requestFor(loss)), 'rendered');
  const d = (): Promise<string | null> => light.locator('[data-chart="curve-loss"] .currentLine > path').getAttribute('d');
  const before = await d();
  const slider = light.locator('.ll-sliders input[type=range]').first();
  const param = await slider.getAttribute('data-param');
  const max = Number(await slider.getAttribute('max'));
  await slider.evaluate((el: HTMLInputElement, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, max);
  await light.waitForFunction((b) => document.querySelector('[data-chart="curve-loss"] .currentLine > path')?.getAttribute('d') !== b, before);
  assert.notEqual(await d(), before, `moving ${param} changed the current curve`);
  assert.match(await light.locator('.ll-slider-status').innerText(), new RegExp(String(max)));
  await light.screenshot({ path: join(ARTIFACTS, 'slider-light.png'), fullPage: true });
  await clean(light);
});

test('comparison chart for regression: L1, L2, smooth L1, Huber, log-cosh on one chart', async () => {
  assert.equal(await show(light, requestFor(findLoss('huber_loss')!)), 'rendered');
  const ids = ['l1_loss', 'mse_loss', 'smooth_l1_loss', 'huber_loss', 'log_cosh'].filter((id) => findLoss(id));
  assert.equal(await light.locator('[data-chart="compare-loss"] svg .mark-line > path').count(), ids.length);
  await clean(light);
});

test('2-D data: prediction, target and gradient heatmaps, one cell per pixel', async () => {
  const payload = heatmapRequest(32);
  assert.equal(await show(dark, payload), 'rendered');
  for (const name of ['prediction', 'target', 'gradient']) {
    assert.equal(await dark.locator(`[data-chart="heatmap-${name}"] svg .cellRects > path`).count(), 32 * 32, name);
  }
  await dark.screenshot({ path: join(ARTIFACTS, 'heatmap-dark.png'), fullPage: true });
  await clean(dark);
});

test('segmentation masks: Dice shows I, P, T per class and the mask heatmaps; Lovász its sorted errors and weights', async () => {
  for (const [id, keys] of [['soft_dice', ['I', 'P', 'T']], ['lovasz_softmax', ['errors_sorted', 'lovasz_weights']]] as const) {
    if (!findLoss(id)) continue;
    const payload = maskRequest(id, id === 'lovasz_softmax' ? { from_logits: true } : {});
    assert.equal(await show(light, payload), 'rendered', id);
    const ev = evaluate(payload);
    assert.ok(ev.ok);
    for (const key of keys) {
      const m = ev.value.output.intermediates.find((x) => x.key === key);
      assert.ok(m, `${id} has intermediate ${key}`);
      const cells = await tableCells(light, `intermediate.${key}`);
      assert.ok(cells.length > 0, `${id}: table of ${key}`);
      for (const c of cells) assert.ok(sameNumber(c.value, m.tensor.data[flatIndex(m.tensor.shape, c.row, c.col)]));
    }
    for (const name of ['prediction', 'target', 'gradient']) {
      assert.equal(await light.locator(`[data-chart="heatmap-${name}"] svg .cellRects > path`).count(), 16 * 16, `${id} ${name}`);
    }
    await light.screenshot({ path: join(ARTIFACTS, `${id}-mask-light.png`), fullPage: true });
    assert.equal(await show(dark, payload), 'rendered', id);
    await dark.screenshot({ path: join(ARTIFACTS, `${id}-mask-dark.png`), fullPage: true });
    await clean(light);
    await clean(dark);
  }
});

test('a batch of logit rows is not an image: no per-pixel view for [N, C]', async () => {
  const rows = Array.from({ length: 12 }, (_, i) => Array.from({ length: 10 }, (_, j) => Math.sin(i * 10 + j)));
  assert.equal(await show(light, { loss: 'cross_entropy', input: rows, target: rows.map((_, i) => i % 10) }), 'rendered');
  assert.equal(await light.locator('.ll-heatmaps').count(), 0);
  await clean(light);
});

test('a 128 × 128 map draws its heatmaps on canvas', async () => {
  assert.equal(await show(light, heatmapRequest(128)), 'rendered');
  assert.equal(await light.locator('[data-chart^="heatmap-"] canvas').count(), 3);
  await clean(light);
});

test('large tensors are paged, never dumped; the next page holds the core\'s next rows', async () => {
  const payload = heatmapRequest(40);
  assert.equal(await show(light, payload), 'rendered');
  const ev = evaluate(payload);
  assert.ok(ev.ok);
  const g = ev.value.output.grad; // shape [1, 40, 40]
  assert.equal((await tableCells(light, 'grad')).length, PAGE_ROWS * PAGE_COLS);
  await light.locator('.ll-table-wrap[data-tensor="grad"] [data-page="next"]').click();
  const cells = await tableCells(light, 'grad');
  for (const c of cells) {
    const row = PAGE_ROWS + c.row;
    assert.ok(sameNumber(c.value, g.data[row * 40 + c.col]));
  }
  assert.ok(await light.locator('td').count() < 400, 'a page, not the tensor');
  await clean(light);
});

describe('invalid payloads render their error in place', () => {
  const cases: [string, unknown, string][] = [
    ['unknown version', { version: 2, loss: 'mse_loss', input: [1], target: [1] }, 'version'],
    ['unknown kind', { kind: 'answer', loss: 'mse_loss', input: [1], target: [1] }, 'kind'],
    ['missing loss', { input: [1], target: [1] }, 'loss'],
    ['unknown loss', { loss: 'mse_los', input: [1], target: [1] }, 'loss'],
    ['target of the wrong shape', { loss: 'mse_loss', input: [[1, 2], [3, 4]], target: [1, 2, 3] }, 'target'],
    ['ragged input', { loss: 'mse_loss', input: [[1, 2], [3]], target: [1, 2] }, 'input'],
    ['report without result', { kind: 'report', loss: 'mse_loss', input: [1], target: [1] }, 'result'],
    ['not an object', [1, 2, 3], '(payload)'],
  ];
  for (const [name, payload, field] of cases) {
    test(name, async () => {
      assert.equal(await show(light, payload), 'error');
      const err = light.locator('.ll-error');
      assert.equal(await err.count(), 1);
      assert.equal(await err.getAttribute('data-field'), field);
      assert.ok((await err.innerText()).length > 20, 'a message a user can read');
      const msgs = await posted(light);
      assert.equal(msgs.at(-1)?.type, 'error', 'the host hears about it');
      await clean(light);
    });
  }
  test('the unknown loss suggests the near id', async () => {
    await show(light, { loss: 'mse_los', input: [1], target: [1] });
    assert.match(await light.locator('.ll-error').innerText(), /mse_loss/);
  });
});

test('hostile strings stay text: a tensor named <img src=x onerror=...> runs nothing', async () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  for (const payload of [
    { loss: 'mse_loss', input: [1, 2], target: [0, 0], extra: { [evil]: [1, 2] } },
    { loss: evil, input: [1], target: [1] },
    { loss: 'mse_loss', input: [1, 2], target: [0, 0], title: evil },
    { loss: 'mse_loss', input: [evil], target: [0] },
  ]) {
    await show(light, payload);
    assert.equal(await light.locator('#root img').count(), 0, 'no element made from the string');
    assert.ok((await light.locator('#root').innerText()).includes(evil) || (await light.locator('#root').innerText()).includes('<img'), 'shown as text');
    assert.equal(await light.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await clean(light);
  }
});

test('a failed evaluation marks the shown report stale (kept, dimmed, under its error) until the next report', async () => {
  assert.equal(await show(light, ARTICLE), 'rendered');
  const error = 'Cannot read the selection at line 1, column 20: "1..5" is not a number. <img src=x onerror="window.__pwned=1">';
  await light.evaluate((message) => window.postMessage({ type: 'stale', message }, '*'), error);
  const banner = light.locator('#root .ll-stale');
  await banner.waitFor({ timeout: 5_000 });
  assert.match(await banner.innerText(), /The last evaluation failed/);
  assert.ok((await banner.innerText()).includes(error), 'the error, as text');
  assert.equal(await light.locator('#root img').count(), 0);
  assert.equal(await light.getAttribute('#root', 'data-stale'), 'true');
  // The report itself is still there: nothing is lost.
  assert.match(await light.locator('#root .ll-report').innerText(), /1\.19/);
  assert.equal(await show(light, ARTICLE), 'rendered');
  assert.equal(await light.locator('#root .ll-stale').count(), 0, 'the next report clears the banner');
  assert.equal(await light.getAttribute('#root', 'data-stale'), null);
  await clean(light);
});

test('actions: copy LaTeX, CSV and JSON, save SVG and PNG go to the host as typed messages', async () => {
  const loss = findLoss('huber_loss')!;
  const payload = requestFor(loss);
  assert.equal(await show(light, payload), 'rendered');
  const ev = evaluate(payload);
  assert.ok(ev.ok);
  const last = async (type: string): Promise<Record<string, unknown>> => {
    await light.waitForFunction((t) => (window as unknown as { __posted: { type: string }[] }).__posted.at(-1)?.type === t, type);
    return (await posted(light)).at(-1)!;
  };
  await light.click('[data-action="copy-latex"]');
  const latex = await last('copy');
  assert.equal(latex.format, 'latex');
  assert.equal(latex.text, loss.formula.tex(ev.value.params));
  await light.click('[data-action="copy-csv"]');
  const csv = await last('copy');
  assert.equal(csv.format, 'csv');
  const lines = String(csv.text).split('\n');
  assert.match(lines[0], /^# huber_loss reduction=mean value=/);
  assert.equal(Number(lines[0].split('value=')[1]), ev.value.output.value);
  await light.click('[data-action="copy-json"]');
  const json = await last('copy');
  const parsed = JSON.parse(String(json.text));
  assert.equal(parsed.kind, 'report');
  assert.equal(parsed.result.value, ev.value.output.value);
  await light.click('[data-action="save-svg"]');
  const svg = await last('save');
  assert.equal(svg.format, 'svg');
  assert.match(String(svg.data), /^<svg[\s\S]*<\/svg>$/);
  await light.click('[data-action="save-png"]');
  const png = await last('save');
  assert.equal(png.format, 'png');
  assert.equal(Buffer.from(String(png.data), 'base64').subarray(1, 4).toString(), 'PNG');
  await clean(light);
});

test('a report payload renders its shipped values and flags a stale one', async () => {
  const payload = { ...ARTICLE, kind: 'report', result: { value: 1.1918 } };
  assert.equal(await show(light, payload), 'rendered');
  assert.equal(await light.locator('.ll-warning').count(), 1, 'value differs from the core: flagged');
  const want = (-Math.log(0.7) - Math.log(0.4) - Math.log(0.1)) / 3;
  assert.equal(await show(light, { ...ARTICLE, kind: 'report', result: { value: want } }), 'rendered');
  assert.equal(await light.locator('.ll-warning').count(), 0);
  await clean(light);
});

test('non-finite results are shown as such and flagged', async () => {
  // p = 0 for the target class: −ln 0 = ∞ (PyTorch gives inf too).
  const payload = { loss: 'categorical_cross_entropy', input: [[0.5, 0.5, 0], [0.2, 0.3, 0.5]], target: [2, 2] };
  const ev = evaluate(payload);
  assert.ok(ev.ok && ev.value.nonFinite.value, 'the core says non-finite');
  assert.equal(await show(light, payload), 'rendered');
  const big = light.locator('[data-role="value"]');
  assert.equal(await big.innerText(), '∞');
  assert.match(String(await big.getAttribute('class')), /ll-nonfinite/);
  assert.equal(await light.locator('.ll-warning').count(), 1);
  await clean(light);
});

test('bits: the value, the unreduced loss and the gradient divided by ln 2; no unit for a regression loss', async () => {
  assert.equal(await show(light, { ...ARTICLE, display: { units: 'bits' } }), 'rendered');
  const want = (-Math.log(0.7) - Math.log(0.4) - Math.log(0.1)) / 3 / Math.LN2;
  assert.ok(Math.abs(Number(await light.getAttribute('[data-role="value"]', 'data-value')) - want) < 1e-12);
  assert.equal(await light.locator('.ll-big .ll-unit').innerText(), 'bits');
  const cells = await tableCells(light, 'unreduced');
  assert.ok(Math.abs(cells[0].value + Math.log2(0.7)) < 1e-12, '−log2 0.7');
  assert.equal(await show(light, { loss: 'mse_loss', input: [1, 2], target: [0, 0], display: { units: 'bits' } }), 'rendered');
  assert.equal(Number(await light.getAttribute('[data-role="value"]', 'data-value')), 2.5);
  assert.equal(await light.locator('.ll-big .ll-unit').count(), 0);
  await clean(light);
});

test('compare payload: several losses on the same tensors, a summary row each', async () => {
  const payload = { loss: ['l1_loss', 'mse_loss', 'huber_loss'], input: [0.5, -2, 3], target: [0, 0, 0], params: { delta: 1 } };
  assert.equal(await show(light, payload), 'rendered');
  const rows = light.locator('.ll-summary-table tr');
  assert.equal(await rows.count(), 3);
  // L1 = (0.5 + 2 + 3)/3; MSE = (0.25 + 4 + 9)/3; Huber(δ=1) = (0.125 + 1.5 + 2.5)/3.
  const want = [5.5 / 3, 13.25 / 3, 4.125 / 3];
  const got = await rows.locator('td[data-value]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) < 1e-12, `${g} vs ${want[i]}`));
  await clean(light);
});

test('Simplified Chinese from the host\'s language', async () => {
  const zh = await H.open({ theme: 'light', lang: 'zh-cn' });
  assert.equal(await show(zh, ARTICLE), 'rendered');
  const text = await zh.locator('#root').innerText();
  assert.match(text, /计算过程/);
  assert.match(text, /样本 1/);
  assert.doesNotMatch(text, /Worked example/);
  await zh.screenshot({ path: join(ARTIFACTS, 'article-zh-light.png'), fullPage: true });
  await clean(zh);
});

test('the notebook renderer entry (activate → renderOutputItem) renders the same report', async () => {
  const nb = await H.open({ theme: 'dark', kind: 'notebook' });
  assert.equal(await showInNotebook(nb, ARTICLE), 'rendered');
  assert.match(await nb.locator('.ll-reduction').innerText(), /1\.19/);
  assert.ok(await nb.locator('.ll-formula .katex').count() >= 1);
  await showInNotebook(nb, { loss: 'nope', input: [1] });
  assert.equal(await nb.locator('.ll-error').count(), 1);
  await clean(nb);
});

test('the explorer shows the catalogue with curves and sliders, no data needed', async () => {
  const ex = await H.open({ theme: 'dark' });
  await ex.evaluate(() => window.postMessage({ type: 'explorer', state: { loss: 'smooth_l1_loss' } }, '*'));
  await ex.waitForFunction(() => document.getElementById('root')?.getAttribute('data-state') === 'rendered');
  assert.equal(await ex.locator('.ll-select').inputValue(), 'smooth_l1_loss');
  assert.equal(await ex.locator('[data-chart="curve-loss"] svg .familyLines .mark-line > path').count(), findLoss('smooth_l1_loss')!.curve.family!.values.length);
  await ex.screenshot({ path: join(ARTIFACTS, 'explorer-dark.png'), fullPage: true });
  await clean(ex);
});

test('screenshots: light, dark and high contrast of a segmentation-style report', async () => {
  const seg = findLoss('dice_loss') ?? findLoss('lovasz_hinge') ?? findLoss('softmax_focal_loss')!;
  for (const theme of ['light', 'dark', 'hc'] as const) {
    const p = theme === 'light' ? light : theme === 'dark' ? dark : await H.open({ theme: 'hc' });
    assert.equal(await show(p, requestFor(seg)), 'rendered');
    await p.screenshot({ path: join(ARTIFACTS, `${seg.id}-${theme}.png`), fullPage: true });
    await clean(p);
  }
});
