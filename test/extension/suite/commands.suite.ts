import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXT_ID } from './helpers.js';

suite('commands', () => {
  test('every command the manifest contributes is registered once the extension activates', async () => {
    await api();
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.deepEqual(contributed.sort(), ['lossLens.compareSelection', 'lossLens.evaluateSelection', 'lossLens.insertSnippet', 'lossLens.openExplorer', 'lossLens.showFormula']);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) assert.ok(all.has(c), `${c} is registered`);
  });

  test('the extension activates on its commands only', () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const events = ext.packageJSON.activationEvents as string[];
    assert.ok(!events.includes('*'));
    assert.ok(events.every((e) => e.startsWith('onCommand:lossLens.') || e.startsWith('onWebviewPanel:lossLens.') || e.startsWith('onRenderer:')), events.join(', '));
  });
});
