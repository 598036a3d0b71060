import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXT_ID = 'loss-lens.loss-lens';

export interface Api {
  readonly panels: {
    readonly shown: number;
    readonly panel: { report?: vscode.WebviewPanel; explorer?: vscode.WebviewPanel };
    readonly onDidRender: vscode.Event<{ kind: string; ok: boolean; ms: number }>;
    readonly errors: readonly string[];
  };
}

export async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXT_ID);
  assert.ok(ext, `${EXT_ID} is installed`);
  return ext.activate();
}

export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with the fixtures folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens data.py and selects the given snippets of text (each found by its first occurrence after `after`). */
export async function selectTexts(texts: readonly string[], file = 'data.py'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(file));
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  const all = doc.getText();
  editor.selections = texts.map((t) => {
    const at = all.indexOf(t);
    assert.ok(at >= 0, `fixture holds ${JSON.stringify(t)}`);
    return new vscode.Selection(doc.positionAt(at), doc.positionAt(at + t.length));
  });
  return editor;
}

/** The full line of data.py that starts with `prefix`. */
export async function line(prefix: string, file = 'data.py'): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(fixture(file));
  const l = doc.getText().split('\n').find((x) => x.startsWith(prefix));
  assert.ok(l, `fixture has a line starting ${prefix}`);
  return l;
}

export function close(actual: number, expected: number, rel = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${actual} ≈ ${expected}`);
}

export type Outcome =
  | { ok: true; where: 'panel' | 'notebook'; report: Record<string, unknown>; plain: string; values: (number | number[])[] }
  | { ok: false; code: string; message: string; line?: number; column?: number }
  | undefined;

export async function evaluateWith(args: Record<string, unknown>): Promise<Outcome> {
  return vscode.commands.executeCommand<Outcome>('lossLens.evaluateSelection', args);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
