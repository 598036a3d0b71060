/**
 * The same product in Simplified Chinese: code-server with display language zh-cn (see
 * scripts/code-server/server.mjs for how, without a downloadable language pack), driven through the
 * palette. Every string the user reads from Loss Lens — command titles, quick picks, the report,
 * error notifications including the core's own messages — is Chinese. Screenshots go to
 * artifacts/e2e/zh-*.png.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../../scripts/code-server/server.mjs';
import { packageExtension } from '../../scripts/package.mjs';
import { launchChromium, type LaunchedBrowser } from '../extension/browser.js';
import { acceptFocused, openFile, panelFrame, runCommand, screenshot, selectLines, waitForText, waitForWorkbench } from './workbench.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NLS = JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
const BUNDLE = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const zh = (key: string): string => {
  const v = BUNDLE[key];
  assert.ok(v, `the zh-cn bundle translates "${key}"`);
  return v;
};
const title = (command: string): string => `${NLS['command.category']}: ${NLS[`command.${command}`]}`;
const HAN = /[\u4e00-\u9fff]/;
const MALFORMED = 'pred = [0.5, 0.25, 1..5, 2.0]\n';

let server: CodeServer | undefined;
let chromium: LaunchedBrowser | undefined;
let page: Page;
let workspace = '';

before(async () => {
  const vsix = packageExtension({ quiet: true });
  workspace = mkdtempSync(join(tmpdir(), 'loss-lens-e2e-zh-'));
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  writeFileSync(join(workspace, 'malformed.py'), MALFORMED);
  server = await startCodeServer({ folder: workspace, vsix, locale: 'zh-cn' });
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await waitForWorkbench(page, 'losses.py');
});

after(async () => {
  await chromium?.close();
  await server?.stopAndWait();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

function lineOf(file: string, prefix: string): number {
  const i = readFileSync(join(ROOT, 'examples', file), 'utf8').split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(i >= 0, `${file} has a line starting ${prefix}`);
  return i + 1;
}

test('the palette lists every Loss Lens command under its Chinese title', { timeout: 60_000 }, async () => {
  // Evaluate and Compare need an open editor, Show Loss Formula a Python one (package.json menus).
  await openFile(page, 'losses.py');
  const want = ['evaluateSelection', 'compareSelection', 'openExplorer', 'insertSnippet', 'showFormula'].map(title);
  for (const t of want) assert.match(t, HAN, `${t} is Chinese`);
  const deadline = Date.now() + 30_000;
  let shown = '';
  // Right after start the extension's contributions may not be listed yet.
  while (Date.now() < deadline) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget .quick-input-box input').fill('>Loss Lens');
    await page.waitForTimeout(500);
    shown = await page.locator('.quick-input-list').innerText();
    const all = want.every((t) => shown.includes(t));
    if (all) await screenshot(page, 'zh-00-palette');
    await page.keyboard.press('Escape');
    if (all) break;
    await page.waitForTimeout(500);
  }
  for (const t of want) assert.ok(shown.includes(t), `the palette shows "${t}"; it shows:\n${shown}`);
});

test('evaluate the article example: Chinese picks, a Chinese report, the value 1.19', { timeout: 120_000 }, async () => {
  await openFile(page, 'losses.py');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await selectLines(page, lineOf('losses.py', 'probs = '), 2);
  await runCommand(page, title('evaluateSelection'));
  // Each loss's detail line is its plain-text formula in Chinese (Huber's "if … else" reads 若 … 否则).
  await page.locator('.quick-input-widget .quick-input-box input').fill('huber_loss');
  const huber = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'huber_loss' });
  await huber.waitFor({ timeout: 15_000 });
  assert.match(await huber.innerText(), /否则/);
  await page.locator('.quick-input-widget .quick-input-box input').fill('categorical_cross_entropy');
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'categorical_cross_entropy' });
  await row.waitFor({ timeout: 15_000 });
  // The loss's label is its Chinese name (its id is the description).
  assert.match(await row.innerText(), HAN);
  await screenshot(page, 'zh-01-pick-loss');
  await page.keyboard.press('Enter');
  await acceptFocused(page, zh('$(check) Evaluate with defaults').replace('$(check) ', ''));
  const report = (await panelFrame(page, 'report')).locator('body');
  await report.getByText(/1\.19/).first().waitFor({ timeout: 30_000 });
  await report.locator('.katex').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'zh-02-report');
  const text = await report.innerText();
  // The renderer's headings in Chinese (renderer/i18n.ts): formula, worked example.
  assert.match(text, /公式/);
  assert.match(text, /计算过程/);
});

test('a malformed selection: the notification, the core\'s message and the action are Chinese', { timeout: 60_000 }, async () => {
  await openFile(page, 'malformed.py');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await selectLines(page, 1, 1);
  await runCommand(page, title('evaluateSelection'));
  const column = MALFORMED.indexOf('1..5') + 1;
  const where = zh('line {0}, column {1}').replace('{0}', '1').replace('{1}', String(column));
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: where });
  await toast.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(600);
  await screenshot(page, 'zh-03-malformed-error');
  const message = await toast.locator('.notification-list-item-message').innerText();
  // "Cannot read the selection at {0}: {1}" around the parser's own message, both Chinese.
  const [before, after] = zh('Cannot read the selection at {0}: {1}').split('{1}');
  assert.ok(message.startsWith(before!.replace('{0}', where)), message);
  const core = message.slice(before!.replace('{0}', where).length, after ? -after.length : undefined);
  assert.match(core, HAN, `the parser's message is Chinese: ${core}`);
  assert.ok(core.includes('1..5'), `it names the token: ${core}`);
  assert.doesNotMatch(core, /\b(is|not|number|but)\b/, `no English left: ${core}`);
  const stale = (await panelFrame(page, 'report')).locator('.ll-stale');
  await stale.waitFor({ timeout: 10_000 });
  assert.match(await stale.innerText(), /最近一次计算失败[^]*1\.\.5/);
  await toast.getByRole('button', { name: zh('Select') }).click();
  const status = page.locator('#status\\.editor\\.selection');
  await waitForText(() => status.innerText(), /\(4/);
});
