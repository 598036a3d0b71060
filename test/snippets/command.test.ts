/**
 * Insert Loss Snippet (extension/snippets.ts) in node against a recording stand-in for `vscode`:
 * the quick pick lists every snippet of snippets/python.json with its formula and convention,
 * preselects a loss's PyTorch snippet, and inserts the chosen body as a SnippetString at the cursor.
 * The real VS Code run of the command belongs to the extension suite.
 */
import assert from 'node:assert/strict';
import Module from 'node:module';
import { join } from 'node:path';
import { before, beforeEach, test } from 'node:test';
import { readCatalog } from './python.js';

// The extension's modules load as CommonJS here: `require('vscode')` resolves to the stand-in.
const FAKE = join(import.meta.dirname, 'fixtures', 'vscode-fake.cjs');
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? FAKE : resolveFilename.call(this, request, ...rest);
};

interface Item { label: string; kind?: number; description?: string; detail?: string }
interface QuickPick { items: Item[]; activeItems: Item[]; title: string }
interface Fake {
  editor: { document: { languageId: string }; insertSnippet(s: { value: string }): Promise<boolean> } | null;
  messages: [string, string][];
  quickPicks: QuickPick[];
  accept: string;
}
const fake = ((globalThis as Record<string, unknown>).__fakeVscode ??= { editor: null, messages: [], quickPicks: [], accept: 'active' }) as Fake;

let insertLossSnippet: (id?: string) => Promise<{ name: string } | undefined>;
const inserted: string[] = [];
const catalog = readCatalog();

before(async () => {
  ({ insertLossSnippet } = await import('../../extension/snippets.js'));
});

beforeEach(() => {
  inserted.length = 0;
  fake.messages.length = 0;
  fake.quickPicks.length = 0;
  fake.accept = 'active';
  fake.editor = { document: { languageId: 'python' }, insertSnippet: async (s) => (inserted.push(s.value), true) };
});

test('the quick pick lists every snippet with its formula and convention, in framework groups', async () => {
  fake.accept = 'log_cosh (NumPy)';
  await insertLossSnippet();
  const [qp] = fake.quickPicks;
  const items = qp.items.filter((i) => i.kind !== -1);
  assert.deepEqual(items.map((i) => i.label).sort(), catalog.map((e) => e.name).sort());
  for (const e of catalog) {
    const item = items.find((i) => i.label === e.name)!;
    assert.ok(item.detail!.includes(e.formula) && item.detail!.includes(e.convention), `${e.name} shows formula and convention`);
    assert.ok(item.description!.startsWith(e.prefix));
  }
  assert.deepEqual(qp.items.filter((i) => i.kind === -1).map((i) => i.label), ['PyTorch: value and autograd gradient', 'NumPy: value only', 'Notebook']);
  assert.equal(qp.title, 'Insert Loss Snippet');
});

test('inserts the chosen snippet body, tab stops intact', async () => {
  fake.accept = 'log_cosh (NumPy)';
  const chosen = await insertLossSnippet();
  assert.equal(chosen?.name, 'log_cosh (NumPy)');
  assert.deepEqual(inserted, [catalog.find((e) => e.name === 'log_cosh (NumPy)')!.body]);
  assert.match(inserted[0], /\$\{1\|mean,sum,none\|\}/);
});

test('a loss id preselects and inserts its PyTorch snippet', async () => {
  const chosen = await insertLossSnippet('lovasz_softmax');
  assert.equal(fake.quickPicks[0].activeItems[0].label, 'lovasz_softmax (PyTorch)');
  assert.equal(chosen?.name, 'lovasz_softmax (PyTorch)');
  assert.equal(inserted[0], catalog.find((e) => e.name === 'lovasz_softmax (PyTorch)')!.body);
});

test('cancelling inserts nothing; no editor asks for one; a non-Python editor is warned about', async () => {
  fake.accept = 'cancel';
  assert.equal(await insertLossSnippet('soft_dice'), undefined);
  assert.equal(inserted.length, 0);

  fake.editor = null;
  assert.equal(await insertLossSnippet(), undefined);
  assert.equal(fake.quickPicks.length, 1, 'no quick pick without an editor');
  assert.match(fake.messages[0][1], /Open a Python file or a notebook cell/);

  fake.editor = { document: { languageId: 'markdown' }, insertSnippet: async (s) => (inserted.push(s.value), true) };
  fake.accept = 'active';
  fake.messages.length = 0;
  await insertLossSnippet('soft_dice');
  assert.deepEqual(fake.messages, [['warning', 'soft_dice (PyTorch) is Python code; this editor is markdown.']]);
  assert.equal(inserted.length, 1);
});
