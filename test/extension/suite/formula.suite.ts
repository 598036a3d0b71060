/** Show Loss Formula and Open Loss Explorer. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, fixture } from './helpers.js';

async function cursorOn(text: string, inside: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(fixture('data.py'));
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  const at = doc.getText().indexOf(text) + text.indexOf(inside);
  const p = doc.positionAt(at);
  editor.selection = new vscode.Selection(p, p);
}

suite('formula and explorer', () => {
  suiteTeardown(closeAll);

  test('Show Loss Formula on F.smooth_l1_loss(...) opens the explorer with its keyword arguments', async () => {
    const a = await api();
    await cursorOn('F.smooth_l1_loss(pred, target, beta=0.5, reduction="sum")', 'beta');
    const out = (await vscode.commands.executeCommand('lossLens.showFormula')) as { loss: string; params: Record<string, unknown> };
    assert.equal(out.loss, 'smooth_l1_loss');
    assert.deepEqual(out.params, { beta: 0.5 });
    assert.ok(a.panels.panel.explorer, 'the explorer panel is open');
  });

  test('nn.CrossEntropyLoss(...) maps to cross_entropy; a variable argument is left at its default', async () => {
    await cursorOn('nn.CrossEntropyLoss(label_smoothing=0.1, weight=class_weights)', 'CrossEntropy');
    const out = (await vscode.commands.executeCommand('lossLens.showFormula')) as { loss: string; params: Record<string, unknown>; skipped: string[] };
    assert.equal(out.loss, 'cross_entropy');
    assert.deepEqual(out.params, { label_smoothing: 0.1 });
    assert.deepEqual(out.skipped, ['weight']);
  });

  test('the cursor away from any loss call gives an error, not a panel', async () => {
    await cursorOn('# regression', 'regression');
    const out = (await vscode.commands.executeCommand('lossLens.showFormula')) as { error?: string };
    assert.match(out.error ?? '', /No PyTorch loss call at line \d+, column \d+/);
  });

  test('Open Loss Explorer opens the explorer panel', async () => {
    const a = await api();
    a.panels.panel.explorer?.dispose();
    const state = await vscode.commands.executeCommand('lossLens.openExplorer', { loss: 'sigmoid_focal_loss' });
    assert.deepEqual(state, { loss: 'sigmoid_focal_loss' });
    assert.ok(a.panels.panel.explorer?.visible);
  });
});
