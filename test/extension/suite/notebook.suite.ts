/** A notebook cell gains the report as an output (renderer mime + text/plain), saved in the .ipynb. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, evaluateWith, fixture } from './helpers.js';

suite('notebook', () => {
  suiteTeardown(closeAll);

  test('evaluating in a cell adds an inline output that is saved with the notebook', async () => {
    await api();
    const uri = fixture('cells.ipynb');
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(0);
    // Put the cursor in the first cell's editor with nothing selected: the whole cell is read.
    const editor = await vscode.window.showTextDocument(cell.document);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), cell.document.uri.toString());
    const out = await evaluateWith({ loss: 'categorical_cross_entropy', params: {} });
    assert.ok(out?.ok, JSON.stringify(out));
    assert.equal(out.where, 'notebook');
    // The article's example (spec): 1.1918502562689777
    assert.ok(Math.abs((out.values[0] as number) - 1.1918502562689777) < 1e-12);
    const outputs = nb.cellAt(0).outputs;
    assert.equal(outputs.length, 1);
    const mimes = outputs[0].items.map((i) => i.mime);
    assert.deepEqual(mimes, ['application/vnd.loss-lens+json', 'text/plain']);
    const report = JSON.parse(new TextDecoder().decode(outputs[0].items[0].data)) as { kind: string; loss: string };
    assert.equal(report.kind, 'report');
    assert.equal(report.loss, 'categorical_cross_entropy');
    const text = new TextDecoder().decode(outputs[0].items[1].data);
    assert.match(text, /\(mean\) = 1\.192 nats/);
    // A second run replaces the report rather than stacking another.
    await vscode.window.showTextDocument(nb.cellAt(0).document);
    const again = await evaluateWith({ loss: 'categorical_cross_entropy', params: {} });
    assert.ok(again?.ok);
    assert.equal(nb.cellAt(0).outputs.length, 1);
    assert.ok(await nb.save(), 'the notebook saves');
    const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as { cells: { outputs: { data: Record<string, unknown> }[] }[] };
    const data = saved.cells[0].outputs[0].data;
    assert.ok(data['application/vnd.loss-lens+json'], 'the .ipynb holds the report');
    assert.match(String(([] as unknown[]).concat(data['text/plain']).join('')), /1\.192 nats/);
  });
});
