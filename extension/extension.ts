/**
 * Loss Lens in VS Code: registers the commands and the panels' serializers, and hands tests and the
 * benchmark a small API (the panels, which say when they rendered). Activation only registers: the
 * loss catalogue, the parser and the snippets load with ./commands on the first command, so
 * activation stays cheap.
 */
import * as vscode from 'vscode';
import type { EvaluateArgs } from './evaluate.js';
import { isWebviewMessage } from '../renderer/messages.js';
import { ReportPanels, type ExplorerState } from './panel.js';

export interface LossLensApi {
  readonly panels: ReportPanels;
}

const commands = () => import('./commands.js');

export function activate(context: vscode.ExtensionContext): LossLensApi {
  // A panel's "insert snippet" button is pressed while the webview has focus and no text editor is
  // active: the snippet goes to the text editor (or notebook cell) the user was in before.
  let lastEditor = vscode.window.activeTextEditor;
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e) lastEditor = e;
  }));
  const insertSnippet = async (loss?: string) => (await commands()).insertLossSnippet(loss);
  const insertFromPanel = async (loss: string) => {
    let editor = vscode.window.activeTextEditor;
    if (!editor && lastEditor && !lastEditor.document.isClosed) {
      // Use the editor showTextDocument hands back: activeTextEditor may not have caught up yet
      // when the extension host is busy (seen in e2e under load).
      editor = await vscode.window.showTextDocument(lastEditor.document, { viewColumn: lastEditor.viewColumn, selection: lastEditor.selection, preserveFocus: false });
    }
    return (await commands()).insertLossSnippet(loss, editor);
  };
  const panels = new ReportPanels(context, insertFromPanel);
  const ctx = { state: context.globalState, panels };
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand('lossLens.evaluateSelection', async (args?: EvaluateArgs) => (await commands()).evaluateOnSelection(ctx, args ?? {}, false)),
    vscode.commands.registerCommand('lossLens.compareSelection', async (args?: EvaluateArgs) => (await commands()).evaluateOnSelection(ctx, args ?? {}, true)),
    vscode.commands.registerCommand('lossLens.openExplorer', async (state?: ExplorerState) => (await commands()).openExplorer(panels, state)),
    vscode.commands.registerCommand('lossLens.showFormula', async () => (await commands()).showFormula(panels)),
    vscode.commands.registerCommand('lossLens.insertSnippet', (loss?: string) => insertSnippet(loss)),
  );
  // The notebook renderer's "insert verified snippet" button reaches the extension through its
  // messaging channel (the renderer's id is whatever the manifest's notebookRenderer declares).
  const manifest = context.extension?.packageJSON as { contributes?: { notebookRenderer?: { id: string }[] } } | undefined;
  for (const r of manifest?.contributes?.notebookRenderer ?? []) {
    const messaging = vscode.notebooks.createRendererMessaging(r.id);
    context.subscriptions.push(messaging.onDidReceiveMessage((e) => {
      if (isWebviewMessage(e.message) && e.message.type === 'insertSnippet') void insertFromPanel(e.message.loss);
    }));
  }
  return { panels };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
