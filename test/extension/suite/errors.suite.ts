/**
 * Errors: each is reported with its place in the document (line and column, 1-based, as the editor
 * shows them) and nothing is shown as a result.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, evaluateWith, fixture, line, selectTexts } from './helpers.js';

async function placeOf(needle: string, inLine: string): Promise<{ line: number; column: number }> {
  const doc = await vscode.workspace.openTextDocument(fixture('data.py'));
  const lineAt = doc.getText().indexOf(inLine);
  const p = doc.positionAt(lineAt + inLine.indexOf(needle));
  return { line: p.line + 1, column: p.character + 1 };
}

suite('errors', () => {
  suiteTeardown(closeAll);

  test('a malformed selection names the line and column of the bad number and shows no result', async () => {
    const a = await api();
    const broken = await line('broken = ');
    await selectTexts([broken]);
    const before = a.panels.shown;
    const out = await evaluateWith({ loss: 'mse_loss', params: {} });
    assert.ok(out && !out.ok, JSON.stringify(out));
    assert.match(out.code, /^parse_/);
    // The parser stops at "4..0": the selection starts at column 1 of that line.
    const want = await placeOf('4..0', broken);
    assert.equal(out.line, want.line);
    assert.equal(out.column, want.column, out.message);
    assert.ok(out.message.includes(`line ${want.line}, column ${want.column}`), out.message);
    assert.equal(a.panels.shown, before, 'no report was shown');
  });

  test('a selection starting mid-line adds the selection column to the parser column', async () => {
    const broken = await line('broken = ');
    const part = broken.slice(broken.indexOf('[3.0'));
    await selectTexts([part]);
    const out = await evaluateWith({ loss: 'mse_loss', params: {}, tensors: { target: '[1, 2]' } });
    assert.ok(out && !out.ok, JSON.stringify(out));
    const want = await placeOf('4..0', broken);
    assert.equal(out.line, want.line);
    assert.equal(out.column, want.column);
  });

  test('a shape mismatch names the tensors and their shapes, placed on the selection', async () => {
    const a = await api();
    await selectTexts([await line('short = '), await line('shorter = ')]);
    const before = a.panels.shown;
    const out = await evaluateWith({ loss: 'mse_loss', params: {} });
    assert.ok(out && !out.ok, JSON.stringify(out));
    assert.equal(out.code, 'shape_mismatch');
    assert.match(out.message, /\[3\]/);
    assert.match(out.message, /\[2\]/);
    assert.ok(out.line !== undefined && out.line >= (await placeOf('[1.0, 2.0, 3.0]', await line('short = '))).line);
    assert.equal(a.panels.shown, before);
  });

  test('a bad parameter names the parameter and its allowed range', async () => {
    await selectTexts([await line('pred = '), await line('target = ')]);
    const out = await evaluateWith({ loss: 'smooth_l1_loss', params: { beta: -1 } });
    assert.ok(out && !out.ok, JSON.stringify(out));
    assert.equal(out.code, 'invalid_param');
    assert.match(out.message, /beta/);
    assert.match(out.message, /≥ 0/);
  });

  test('a class index out of range names the target and the class count', async () => {
    await selectTexts([await line('logits = ')]);
    const out = await evaluateWith({ loss: 'cross_entropy', params: {}, tensors: { target: '[2, 1, 5]' } });
    assert.ok(out && !out.ok, JSON.stringify(out));
    assert.equal(out.code, 'class_out_of_range');
    assert.match(out.message, /target/);
    assert.match(out.message, /5/);
  });
});
