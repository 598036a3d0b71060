/**
 * Runs the extension-host suite (test/extension/suite, bundled to dist/test/suite/index.js) inside a
 * real VS Code: code-server's web workbench honours extensionDevelopmentPath/extensionTestsPath in
 * its URL payload, runs the suite's run() in its Node extension host, and calls
 * window.codeAutomationExit(code) when it ends. The mocha results arrive as console lines.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { devUrl, startCodeServer } from '../../scripts/code-server/server.mjs';
import { launchChromium, type LaunchedBrowser } from './browser.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SUITE = join(ROOT, 'dist', 'test', 'suite', 'index.js');

let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
let chromium: LaunchedBrowser | undefined;
let workspace = '';

before(async () => {
  assert.ok(existsSync(SUITE), `${SUITE} is missing: run node scripts/build.mjs first`);
  assert.ok(existsSync(join(ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: run node scripts/build.mjs first');
  // The suite edits and saves files: it gets its own copy of the fixtures.
  workspace = mkdtempSync(join(tmpdir(), 'loss-lens-ws-'));
  cpSync(join(ROOT, 'test', 'extension', 'fixtures'), workspace, { recursive: true });
  server = await startCodeServer({ folder: workspace });
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.stopAndWait();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test('the extension-host suite passes inside code-server', { timeout: 300_000 }, async () => {
  const page = await chromium!.browser.newPage();
  const lines: string[] = [];
  page.on('console', (m) => {
    // The host's console arrives as "%c INFO color: #33f [suite] ...".
    const t = m.text();
    const at = t.indexOf('[suite] ');
    if (at >= 0) {
      const line = t.slice(at + '[suite] '.length);
      lines.push(line);
      process.stdout.write(`    ${line}\n`);
    }
  });
  const exit = new Promise<number>((res) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => res(code));
  });
  const t0 = Date.now();
  await page.goto(devUrl(server!, { folder: workspace, extensionPath: ROOT, testsPath: SUITE }));
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exit,
    new Promise<number>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`the suite did not finish in 280 s; last lines:\n${lines.slice(-20).join('\n')}`)), 280_000);
    }),
  ]).finally(() => clearTimeout(timer));
  process.stdout.write(`    (suite ran ${((Date.now() - t0) / 1000).toFixed(1)} s in code-server)\n`);
  const summary = lines.find((l) => /^passing \d+ failing \d+/.test(l));
  assert.ok(summary, `no summary line from the suite; got:\n${lines.join('\n')}`);
  const [, passing, failing] = /^passing (\d+) failing (\d+)/.exec(summary)!;
  assert.equal(Number(failing), 0, `failures:\n${lines.filter((l) => l.startsWith('✗') || l.startsWith('  ')).join('\n')}`);
  assert.ok(Number(passing) > 0, 'the suite ran no tests');
  assert.equal(code, 0, 'codeAutomationExit code');
});
