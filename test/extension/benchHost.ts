/**
 * The extension benchmark's half that runs inside code-server's extension host (loaded through
 * extensionTestsPath like the suite): times activation of the bundled extension and, for selections
 * of about 1e4 numbers, the time from the command to the panel's "rendered" message (and to the
 * command's completion). Prints one "[bench] {json}" line; bench/extension.bench.ts drives it.
 */
import * as vscode from 'vscode';

interface Api {
  readonly panels: { readonly onDidRender: vscode.Event<{ kind: string; ms: number }> };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function list(n: number, f: (i: number) => number): string {
  return `[${Array.from({ length: n }, (_, i) => f(i).toFixed(4)).join(', ')}]`;
}

async function timeCommand(api: Api, content: string, args: Record<string, unknown>, runs: number): Promise<{ command: number[]; render: number[]; ui: number[] }> {
  const doc = await vscode.workspace.openTextDocument({ content, language: 'python' });
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  editor.selection = new vscode.Selection(0, 0, doc.lineCount, 0);
  const command: number[] = [];
  const render: number[] = [];
  const ui: number[] = [];
  for (let i = 0; i < runs; i++) {
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const rendered = new Promise<number>((resolve) => {
      const sub = api.panels.onDidRender((e) => {
        sub.dispose();
        ui.push(e.ms);
        resolve(performance.now());
      });
      setTimeout(() => {
        sub.dispose();
        resolve(Number.NaN);
      }, 10_000);
    });
    const t0 = performance.now();
    const out = (await vscode.commands.executeCommand('lossLens.evaluateSelection', args)) as { ok?: boolean; message?: string } | undefined;
    const t1 = performance.now();
    if (!out?.ok) throw new Error(`the benchmark's evaluation failed: ${JSON.stringify(out)}`);
    const t2 = await rendered;
    command.push(t1 - t0);
    render.push(t2 - t0);
  }
  return { command, render, ui };
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<Api>('loss-lens.loss-lens');
  if (!ext) throw new Error('loss-lens.loss-lens is not loaded');
  const wasActive = ext.isActive;
  // Let the host finish its own start-up (built-in extensions activating on startup) first, so the
  // figure is this extension's activation, not a wait in the host's queue.
  await new Promise((r) => setTimeout(r, 3000));
  const a0 = performance.now();
  const api = await ext.activate();
  const activation = performance.now() - a0;
  const n = 10_000;
  const mse = await timeCommand(api, `pred = ${list(n / 2, (i) => Math.sin(i))}\ntarget = ${list(n / 2, (i) => Math.cos(i))}\n`, { loss: 'mse_loss', params: {} }, 7);
  // cross_entropy on [1000, 9] logits with 1000 labels: 1e4 numbers in all.
  const rows = Array.from({ length: 1000 }, (_, r) => list(9, (c) => Math.sin(r * 9 + c)));
  const ce = await timeCommand(api, `logits = [${rows.join(', ')}]\nlabels = ${list(1000, (i) => i % 9).replace(/\.0000/g, '')}\n`, { loss: 'cross_entropy', params: {} }, 7);
  const result = {
    activationMs: activation,
    activatedBefore: wasActive,
    mse_1e4: { commandMs: median(mse.command), renderMs: median(mse.render), uiMs: median(mse.ui) },
    cross_entropy_1e4: { commandMs: median(ce.command), renderMs: median(ce.render), uiMs: median(ce.ui) },
  };
  console.log(`[bench] ${JSON.stringify(result)}`);
}
