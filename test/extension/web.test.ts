/**
 * The browser entry (package.json "browser", for web VS Code's web worker host) needs nothing from
 * Node: dist/web/extension.js is loaded in a bare VM context that has only what a web worker has
 * (no process, Buffer or require beyond `vscode`), activated, and must register every command; the
 * first command then loads the catalogue in that context too.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';

const ROOT = resolve(import.meta.dirname, '..', '..');
const WEB = join(ROOT, 'dist', 'web', 'extension.js');

test('the web bundle requires only vscode and activates in a worker-like context', async () => {
  assert.ok(existsSync(WEB), 'build first: node scripts/build.mjs');
  const code = readFileSync(WEB, 'utf8');
  const requires = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  assert.deepEqual([...requires], ['vscode']);
  const registered: string[] = [];
  const handlers = new Map<string, (...a: unknown[]) => unknown>();
  const shown: string[] = [];
  const disposable = { dispose() {} };
  const vscode = {
    commands: { registerCommand: (id: string, f: (...a: unknown[]) => unknown) => (registered.push(id), handlers.set(id, f), disposable) },
    window: {
      registerWebviewPanelSerializer: () => disposable,
      onDidChangeActiveTextEditor: () => disposable,
      activeTextEditor: undefined,
      showErrorMessage: (m: string) => (shown.push(m), Promise.resolve(undefined)),
    },
    l10n: { t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)])) },
    notebooks: { createRendererMessaging: () => ({ onDidReceiveMessage: () => disposable }) },
    EventEmitter: class { event = () => disposable; fire() {} dispose() {} },
  };
  const module = { exports: {} as { activate?: (c: unknown) => unknown } };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (m: string) => {
      if (m === 'vscode') return vscode;
      throw new Error(`the web bundle asked for ${m}`);
    },
    console, setTimeout, clearTimeout, queueMicrotask, TextEncoder, TextDecoder, URL, crypto: globalThis.crypto, atob, btoa, performance,
  });
  vm.runInContext(code, context, { filename: WEB });
  assert.equal(typeof module.exports.activate, 'function');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[]; notebookRenderer?: unknown[] } };
  module.exports.activate!({ subscriptions: [], globalState: {}, workspaceState: {}, extensionUri: {}, extension: { packageJSON: manifest } });
  assert.deepEqual(registered.sort(), manifest.contributes.commands.map((c) => c.command).sort());
  assert.equal(typeof (context as { process?: unknown }).process, 'undefined', 'no Node globals leaked into the context');
  // The first command loads the commands module (parser, catalogue) inside the same context.
  const out = (await handlers.get('lossLens.evaluateSelection')!()) as { ok: boolean; code: string };
  assert.deepEqual({ ok: out.ok, code: out.code }, { ok: false, code: 'no_editor' });
  assert.deepEqual(shown, ['Select numbers in an editor or a notebook cell first.']);
});
