/**
 * The extension's speed, measured where it runs:
 * - activation of the bundled dist/extension.js: inside code-server's real extension host (one
 *   cold activation per host), and in plain Node with an inert `vscode` (load + activate, median of
 *   30 fresh loads) to separate the bundle's own cost from the host's;
 * - command to rendered report for selections of 1e4 numbers (mse_loss on 2 × 5000, cross_entropy on
 *   [1000, 9] logits + 1000 labels): from executeCommand to the panel's "rendered" message, median
 *   of 7 runs (the first run creates the panel).
 * Targets: activation under 50 ms, command to render under 500 ms.
 */
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { join, resolve } from 'node:path';
import { devUrl, startCodeServer } from '../scripts/code-server/server.mjs';
import { launchChromium } from '../test/extension/browser.js';

const ROOT = resolve(import.meta.dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'extension.js');
const HOST = join(ROOT, 'dist', 'test', 'bench', 'index.js');

/** The part of `vscode` that activation touches, inert: registrations return disposables. */
function inertVscode(): Record<string, unknown> {
  const disposable = { dispose() {} };
  const register = () => disposable;
  class EventEmitter {
    event = () => disposable;
    fire() {}
    dispose() {}
  }
  return {
    commands: { registerCommand: register },
    window: { registerWebviewPanelSerializer: register, onDidChangeActiveTextEditor: register, activeTextEditor: undefined },
    EventEmitter,
    Disposable: class { dispose() {} },
  };
}

function activationInNode(runs: number): number[] {
  const require = Module.createRequire(BUNDLE);
  const resolveFilename = (Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string })._resolveFilename;
  const vscode = inertVscode();
  const M = Module as unknown as { _resolveFilename: typeof resolveFilename; _cache: Record<string, unknown> };
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
  };
  M._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      delete M._cache[BUNDLE];
      const context = { subscriptions: [] as unknown[], globalState: {}, workspaceState: {}, extensionUri: {} };
      const t0 = performance.now();
      const ext = require(BUNDLE) as { activate(c: unknown): unknown };
      ext.activate(context);
      times.push(performance.now() - t0);
    }
  } finally {
    M._resolveFilename = resolveFilename;
    delete M._cache.vscode;
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  if (!existsSync(BUNDLE) || !existsSync(HOST)) throw new Error('build first: node scripts/build.mjs');
  const node = activationInNode(30);
  console.log(`activation in Node (inert vscode): median ${median(node).toFixed(2)} ms, first ${node[0].toFixed(2)} ms (load + activate of dist/extension.js)`);

  const server = await startCodeServer({ folder: join(ROOT, 'test', 'extension', 'fixtures') });
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage();
    let line = '';
    page.on('console', (m) => {
      const t = m.text();
      const at = t.indexOf('[bench] ');
      if (at >= 0) line = t.slice(at + 8);
    });
    const exit = new Promise<number>((res) => void page.exposeFunction('codeAutomationExit', (code: number) => res(code)));
    await page.goto(devUrl(server, { folder: join(ROOT, 'test', 'extension', 'fixtures'), extensionPath: ROOT, testsPath: HOST }));
    const code = await exit;
    if (code !== 0 || !line) throw new Error(`the in-host benchmark failed (exit ${code})`);
    type Run = { commandMs: number; renderMs: number; uiMs: number };
    const r = JSON.parse(line) as { activationMs: number; mse_1e4: Run; cross_entropy_1e4: Run };
    const verdict = (x: number, target: number) => (Number.isNaN(x) ? 'no render message' : x < target ? `under the ${target} ms target` : `OVER the ${target} ms target`);
    console.log(`activation in code-server's extension host: ${r.activationMs.toFixed(1)} ms (${verdict(r.activationMs, 50)})`);
    for (const [name, v] of [['mse_loss, 1e4 numbers', r.mse_1e4], ['cross_entropy, 1e4 numbers', r.cross_entropy_1e4]] as const) {
      console.log(`${name}: command ${v.commandMs.toFixed(1)} ms (host: parse, evaluate, post), UI drawing ${v.uiMs.toFixed(1)} ms (renderer's own figure), command to rendered report ${v.renderMs.toFixed(1)} ms (${verdict(v.renderMs, 500)})`);
    }
  } finally {
    await chromium.close();
    await server.stopAndWait();
  }
}
