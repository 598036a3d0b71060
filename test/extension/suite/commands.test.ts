import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('commands', () => {
  test('every command the manifest contributes is registered once the extension activates', async () => {
    const ext = vscode.extensions.getExtension('loss-lens.loss-lens');
    assert.ok(ext, 'the extension is installed');
    await ext.activate();
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 5);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) assert.ok(all.has(c), `${c} is registered`);
  });
});
