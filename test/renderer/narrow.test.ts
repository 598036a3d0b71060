// A panel beside the editor is often narrow: at 340 px the explorer and the reports fit the width
// (no horizontal scrolling of the page; wide formulas and tables scroll inside their own boxes).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { LOSSES } from '../../core/registry.js';
import { ARTIFACTS, show, startHarness, type Harness } from './harness.js';
import { ARTICLE, maskRequest } from './payloads.js';

const WIDTH = 340;
let H: Harness;
let page: Page;

before(async () => {
  H = await startHarness();
  page = await H.open({ width: WIDTH, lang: 'zh-cn' });
});

after(async () => {
  await H?.close();
});

/** Elements that stick out of the page on the right, outside any box that scrolls them. */
async function overflowing(p: Page): Promise<string[]> {
  // A source string, not a closure: the test runner's transpiler would wrap named functions in a
  // helper (__name) that does not exist in the page.
  return p.evaluate(`(() => {
    const scrolls = (e) => {
      for (let a = e.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push('page scrolls: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
    for (const e of document.querySelectorAll('#root *')) {
      // KaTeX's MathML copy is for screen readers and laid out off-screen on purpose.
      if (e.closest('.katex-mathml')) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1 && !scrolls(e)) out.push(e.tagName.toLowerCase() + '.' + e.className + ' ends at ' + Math.round(r.right));
    }
    return out.slice(0, 10);
  })()`);
}

test(`the explorer fits ${WIDTH} px for every loss (parameters stack, the picker shrinks)`, async () => {
  for (const loss of LOSSES) {
    await page.evaluate((id) => {
      document.getElementById('root')!.removeAttribute('data-state');
      window.postMessage({ type: 'explorer', state: { loss: id } }, '*');
    }, loss.id);
    await page.waitForFunction(() => document.getElementById('root')?.getAttribute('data-state') === 'rendered', undefined, { timeout: 20_000 });
    assert.deepEqual(await overflowing(page), [], loss.id);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'narrow-explorer.png'), fullPage: true });
});

test(`reports fit ${WIDTH} px: the article example and a segmentation mask`, async () => {
  for (const payload of [ARTICLE, maskRequest('soft_dice')]) {
    assert.equal(await show(page, payload), 'rendered');
    assert.deepEqual(await overflowing(page), [], JSON.stringify(payload).slice(0, 60));
  }
  await page.screenshot({ path: join(ARTIFACTS, 'narrow-report.png'), fullPage: true });
});
