/**
 * Loss Lens in VS Code: registers the commands, the panels' serializers, and hands tests and the
 * benchmark a small API (when a panel rendered). Activation does no work beyond registration, so it
 * stays cheap: the catalogue is only touched when a command runs.
 */
import * as vscode from 'vscode';
import { evaluateOnSelection, type EvaluateArgs } from './evaluate.js';
import { openExplorer } from './explorer.js';
import { ReportPanels, type ExplorerState } from './panel.js';
import { showFormula } from './showFormula.js';
import { insertSnippetCommand } from './snippetCommand.js';

export interface LossLensApi {
  readonly panels: ReportPanels;
}

export function activate(context: vscode.ExtensionContext): LossLensApi {
  const panels = new ReportPanels(context, (loss) => insertSnippetCommand(loss));
  const ctx = { state: context.globalState, panels };
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand('lossLens.evaluateSelection', (args?: EvaluateArgs) => evaluateOnSelection(ctx, args ?? {}, false)),
    vscode.commands.registerCommand('lossLens.compareSelection', (args?: EvaluateArgs) => evaluateOnSelection(ctx, args ?? {}, true)),
    vscode.commands.registerCommand('lossLens.openExplorer', (state?: ExplorerState) => openExplorer(panels, state)),
    vscode.commands.registerCommand('lossLens.showFormula', () => showFormula(panels)),
    vscode.commands.registerCommand('lossLens.insertSnippet', (loss?: string) => insertSnippetCommand(loss)),
  );
  return { panels };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
