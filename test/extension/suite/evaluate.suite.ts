/**
 * Evaluate Loss on Selection in a real extension host, one loss per category. Expected values are
 * PyTorch 1.13.1's (float64), computed on the fixture numbers with the call written beside each;
 * Dice is PyTorch-less and follows the spec's formula, derived beside it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, close, closeAll, evaluateWith, line, selectTexts } from './helpers.js';

suite('evaluate on a text selection', () => {
  suiteSetup(async () => {
    await api();
  });
  suiteTeardown(closeAll);

  test('classification: cross_entropy on the article example gives 1.19 in the report panel', async () => {
    const a = await api();
    await selectTexts([await line('logits = '), await line('labels = ')]);
    const before = a.panels.shown;
    const out = await evaluateWith({ loss: 'cross_entropy', params: {} });
    assert.ok(out?.ok, JSON.stringify(out));
    assert.equal(out.where, 'panel');
    // F.cross_entropy(torch.tensor(p).log(), torch.tensor([2, 1, 0])) (spec: 1.1918502562689777)
    close(out.values[0] as number, 1.1918502562689777);
    // The panel is sent the request, which its UI computes with the same core.
    assert.equal(out.report.kind, 'request');
    assert.equal(out.report.loss, 'cross_entropy');
    assert.match(out.plain, /1\.192 nats/);
    assert.equal(a.panels.shown, before + 1);
    assert.ok(a.panels.panel.report?.visible, 'the report panel is visible');
  });

  test('the UI of the panel (dist/renderer) renders the report and says so', async () => {
    const a = await api();
    await selectTexts([await line('pred = '), await line('target = ')]);
    const rendered = new Promise<{ kind: string; ok: boolean }>((resolve, reject) => {
      const sub = a.panels.onDidRender((e) => {
        sub.dispose();
        resolve(e);
      });
      setTimeout(() => reject(new Error('the panel did not report "rendered" within 30 s')), 30_000);
    });
    const out = await evaluateWith({ loss: 'huber_loss', params: {} });
    assert.ok(out?.ok);
    const e = await rendered;
    assert.equal(e.kind, 'report');
    assert.equal(e.ok, true, `the UI refused the payload: ${a.panels.errors.join('; ')}`);
  });

  test('the report panel is reused by a later run', async () => {
    const a = await api();
    const first = a.panels.panel.report;
    await selectTexts([await line('pred = '), await line('target = ')]);
    const out = await evaluateWith({ loss: 'mse_loss', params: {} });
    assert.ok(out?.ok);
    assert.equal(a.panels.panel.report, first);
  });

  test('segmentation: soft_dice (binary, from logits) follows the spec formula', async () => {
    await selectTexts([await line('seg_logits = '), await line('mask = ')]);
    const out = await evaluateWith({ loss: 'soft_dice', params: { mode: 'binary' } });
    assert.ok(out?.ok, JSON.stringify(out));
    // p = σ(x) = [.8176, .3775, .5498, .1192], t = [1, 0, 1, 0]; I = Σpt, P = Σp, T = 2;
    // 1 − 2I/(P + T) = 0.29225949147811603 (computed in float64 from the formula of losses.md)
    close(out.values[0] as number, 0.29225949147811603, 1e-12);
  });

  test('regression: smooth_l1_loss, with the reduction given', async () => {
    await selectTexts([await line('pred = '), await line('target = ')]);
    const mean = await evaluateWith({ loss: 'smooth_l1_loss', params: {} });
    assert.ok(mean?.ok);
    close(mean.values[0] as number, 1.655); // F.smooth_l1_loss(pred, target) = 1.655
    const sum = await evaluateWith({ loss: 'smooth_l1_loss', params: { beta: 0.5 }, reduction: 'sum' });
    assert.ok(sum?.ok);
    // |d| = [.1, .1, .3, 8.7, .2] with β = .5: 0.5·d²/β = .01, .01, .09, (8.7 − .25), .04 → 8.6
    close(sum.values[0] as number, 8.6);
  });

  test('ranking: triplet_margin_loss takes anchor, positive, negative by name', async () => {
    await selectTexts([await line('anchor = '), await line('positive = '), await line('negative = ')]);
    const out = await evaluateWith({ loss: 'triplet_margin_loss', params: {} });
    assert.ok(out?.ok, JSON.stringify(out));
    close(out.values[0] as number, 0.06939866240681936); // F.triplet_margin_loss(a, p, n)
  });

  test('reconstruction: l0_loss (γ = 2, eps = 1e-8) on the regression numbers', async () => {
    await selectTexts([await line('pred = '), await line('target = ')]);
    const out = await evaluateWith({ loss: 'l0_loss', params: {} });
    assert.ok(out?.ok, JSON.stringify(out));
    // mean of (|f − y| + 1e-8)² over the five pairs, in float64
    close(out.values[0] as number, 15.168000037600006, 1e-12);
  });

  test('several unnamed selections are taken in order: input, then target', async () => {
    // hdr_relative_mse (denominator "target") is not symmetric, so the order shows in the value:
    // mean((f − y)²/(y + 0.01)²) with f = first selection, y = second, in float64.
    await selectTexts(['[2.1, 0.4, 3.3, 9.8, 1.2]', '[2.0, 0.5, 3.0, 1.1, 1.0]']);
    const forward = await evaluateWith({ loss: 'hdr_relative_mse', params: { denominator: 'target' } });
    assert.ok(forward?.ok, JSON.stringify(forward));
    close(forward.values[0] as number, 12.304353883383481);
    await selectTexts(['[2.0, 0.5, 3.0, 1.1, 1.0]', '[2.1, 0.4, 3.3, 9.8, 1.2]']);
    const backward = await evaluateWith({ loss: 'hdr_relative_mse', params: { denominator: 'target' } });
    assert.ok(backward?.ok, JSON.stringify(backward));
    close(backward.values[0] as number, 0.1767545729270345);
  });

  test('a missing target is asked for; the given text is used', async () => {
    await selectTexts([await line('pred = ')]);
    const out = await evaluateWith({ loss: 'mse_loss', params: {}, tensors: { target: '[2.0, 0.5, 3.0, 1.1, 1.0]' } });
    assert.ok(out?.ok, JSON.stringify(out));
    close(out.values[0] as number, 15.168000000000003); // F.mse_loss(pred, target)
  });

  test('units in bits divide by ln 2 in the text fallback', async () => {
    const cfg = vscode.workspace.getConfiguration('lossLens');
    await cfg.update('units', 'bits', vscode.ConfigurationTarget.Global);
    try {
      await selectTexts([await line('logits = '), await line('labels = ')]);
      const out = await evaluateWith({ loss: 'cross_entropy', params: {} });
      assert.ok(out?.ok);
      // 1.1918502562689777 / ln 2 = 1.71946..., shown with 4 significant digits
      assert.match(out.plain, /1\.719 bits/);
    } finally {
      await cfg.update('units', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('lossLens.numberFormat.notation reaches the payload and the text fallback', async () => {
    const cfg = vscode.workspace.getConfiguration('lossLens');
    await cfg.update('numberFormat.notation', 'scientific', vscode.ConfigurationTarget.Global);
    await cfg.update('numberFormat.significantDigits', 6, vscode.ConfigurationTarget.Global);
    try {
      await selectTexts([await line('logits = '), await line('labels = ')]);
      const out = await evaluateWith({ loss: 'cross_entropy', params: {} });
      assert.ok(out?.ok, JSON.stringify(out));
      assert.deepEqual(out.report.display, { units: 'nats', digits: 6, notation: 'scientific', samples: 3 });
      // 1.1918502562689777 at 6 significant digits is 1.19185, written with its exponent.
      assert.match(out.plain, /= 1\.19185e\+0 nats$/);
    } finally {
      await cfg.update('numberFormat.notation', undefined, vscode.ConfigurationTarget.Global);
      await cfg.update('numberFormat.significantDigits', undefined, vscode.ConfigurationTarget.Global);
    }
    await selectTexts([await line('logits = '), await line('labels = ')]);
    const after = await evaluateWith({ loss: 'cross_entropy', params: {} });
    assert.ok(after?.ok);
    assert.equal((after.report.display as { notation: string }).notation, 'auto', 'the default once the setting is reset');
    assert.match(after.plain, /= 1\.192 nats$/);
  });

  test('compare: several losses on the same data in one report', async () => {
    await selectTexts([await line('pred = '), await line('target = ')]);
    const out = (await vscode.commands.executeCommand('lossLens.compareSelection', { losses: ['l1_loss', 'mse_loss', 'smooth_l1_loss'] })) as
      { ok: true; values: number[]; report: { loss: string[] } };
    assert.ok(out?.ok, JSON.stringify(out));
    assert.deepEqual(out.report.loss, ['l1_loss', 'mse_loss', 'smooth_l1_loss']);
    close(out.values[0], 1.8800000000000001);
    close(out.values[1], 15.168000000000003);
    close(out.values[2], 1.655);
  });

  test('more numbers than lossLens.maxElements asks first; declining shows nothing', async () => {
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('lossLens');
    await cfg.update('maxElements', 6, vscode.ConfigurationTarget.Global);
    try {
      await selectTexts([await line('pred = '), await line('target = ')]); // 10 numbers > 6
      const before = a.panels.shown;
      const declined = await evaluateWith({ loss: 'mse_loss', params: {}, confirmLarge: false });
      assert.equal(declined, undefined);
      assert.equal(a.panels.shown, before);
      const accepted = await evaluateWith({ loss: 'mse_loss', params: {}, confirmLarge: true });
      assert.ok(accepted?.ok);
      close(accepted.values[0] as number, 15.168000000000003); // F.mse_loss(pred, target)
    } finally {
      await cfg.update('maxElements', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('work over 1e5 numbers runs under the progress notification and still gives the right value', async () => {
    // 60 000 predictions of 1.5 against targets of 0.5: every squared residual is 1, so the mean is 1.
    const n = 60_000;
    const content = `pred = [${new Array(n).fill('1.5').join(', ')}]\ntarget = [${new Array(n).fill('0.5').join(', ')}]\n`;
    const doc = await vscode.workspace.openTextDocument({ content, language: 'python' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    const out = await evaluateWith({ loss: 'mse_loss', params: {} });
    assert.ok(out?.ok, JSON.stringify(out));
    close(out.values[0] as number, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
