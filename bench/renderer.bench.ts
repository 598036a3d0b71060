/**
 * Renderer benchmark, in headless Chromium under the panel's CSP:
 * - first paint of a report with a 128 × 128 gradient heatmap (mse_loss on a 128 × 128 image:
 *   formula, worked example, tables, curves, comparison and three heatmaps), median of 5, each in a
 *   fresh browser context (cold cache: the UI, KaTeX and Vega chunks are fetched and parsed). Timed
 *   from the moment the host posts the payload to the first animation frame after the report says
 *   it is rendered. Target: under 300 ms on this machine;
 * - the same payload again in a warm page (chunks loaded);
 * - bundle sizes: the entries (target under 15 KB) and the lazy chunks, raw and gzip.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness } from '../test/renderer/harness.js';
import { heatmapRequest } from '../test/renderer/payloads.js';

const ROOT = join(import.meta.dirname, '..');

interface Timing {
  /** The first frame showing the report: header, value, worked example, tables and the heatmap rasters. */
  readonly firstPaint: number;
  /** Formulas typeset by KaTeX. */
  readonly tex: number;
  /** Every Vega chart drawn (curves, comparison, heatmaps with axes and legends), painted. */
  readonly complete: number;
}

/**
 * Times from the host's postMessage. First paint is the renderer's own mark 'll:first-paint', set in
 * the first task after the frame that shows the report (a rAF, then a task); charts start only after
 * it, so the mark is not delayed by Vega's work.
 */
async function paint(p: Page, payload: unknown): Promise<Timing> {
  // A source string: closures would carry the transpiler's helpers into the page.
  return p.evaluate(`new Promise((resolve) => {
    const root = document.getElementById('root');
    root.removeAttribute('data-state');
    const afterPaint = (f) => requestAnimationFrame(() => setTimeout(f, 0));
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      const s = root.getAttribute('data-state');
      if (s === 'rendered' || s === 'error') {
        obs.disconnect();
        afterPaint(() => {
          const fp = performance.getEntriesByName('ll:first-paint')[0] ?? performance.getEntriesByName('ll:paint-timeout')[0];
          const tex = performance.getEntriesByName('ll:tex')[0];
          resolve(s === 'rendered' ? { firstPaint: fp.startTime - t0, tex: tex ? tex.startTime - t0 : -1, complete: performance.now() - t0 } : null);
        });
      }
    });
    obs.observe(root, { attributes: true, childList: true });
    window.postMessage({ type: 'report', payload: ${JSON.stringify(payload)} }, '*');
  })`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const build = await import(pathToFileURL(join(ROOT, 'scripts', 'build', 'renderer.mjs')).href) as { build(): Promise<unknown>; sizes(): { file: string; bytes: number; gzip: number; holds: string }[] };
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'webview.js'))) await build.build();
  const payload = heatmapRequest(128);
  const h = await startHarness();
  try {
    const cold: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await h.open({ theme: 'dark' });
      const t = await paint(p, payload);
      if (!t) throw new Error('the benchmark payload was refused');
      cold.push(t);
      await p.context().close();
    }
    const p = await h.open({ theme: 'dark' });
    await paint(p, payload);
    const warm: Timing[] = [];
    for (let i = 0; i < 5; i++) warm.push(await paint(p, payload));
    const line = (label: string, ts: Timing[], key: keyof Timing): string => `  ${label.padEnd(58)} median ${median(ts.map((t) => t[key])).toFixed(0).padStart(4)} ms  [${ts.map((t) => t[key].toFixed(0)).join(', ')}]`;
    console.log('128×128 heatmap report (mse_loss on a 128×128 image), median of 5, headless Chromium:');
    console.log(line('first paint, fresh page (chunks fetched and compiled)', cold, 'firstPaint'));
    console.log(line('formulas typeset (KaTeX), fresh page', cold, 'tex'));
    console.log(line('complete (7 Vega charts drawn), fresh page', cold, 'complete'));
    console.log(line('first paint, warm page', warm, 'firstPaint'));
    console.log(line('complete, warm page', warm, 'complete'));
    const fp = median(cold.map((t) => t.firstPaint));
    console.log(`  target: first paint under 300 ms: ${fp < 300 ? 'met' : 'NOT met'} (${fp.toFixed(0)} ms)`);
  } finally {
    await h.close();
  }
  const rows = build.sizes().sort((a, b) => (a.holds === 'entry' ? -1 : 0) - (b.holds === 'entry' ? -1 : 0) || b.bytes - a.bytes);
  console.log('bundle sizes (dist/renderer):');
  for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${r.holds.padEnd(8)} ${kb(r.bytes).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}`);
  const entries = rows.filter((r) => r.holds === 'entry');
  const over = entries.filter((r) => r.bytes >= 15 * 1024);
  console.log(`entry scripts under 15 KB: ${over.length === 0 ? 'met' : `NOT met (${over.map((r) => r.file).join(', ')})`}`);
}
