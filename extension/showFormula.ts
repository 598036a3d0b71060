/** Show Loss Formula: the loss call under the cursor in Python opens the explorer at that loss. */
import * as vscode from 'vscode';
import { lossCallAt } from './pythonCall.js';
import type { ReportPanels } from './panel.js';
import { UserError, positionText, showUserError } from './userError.js';

/** Keyword arguments that pass data, not parameters; PyTorch's deprecated reduction flags. */
const TENSOR_ARGUMENTS = new Set(['input', 'target', 'inputs', 'targets', 'input1', 'input2', 'x1', 'x2', 'anchor', 'positive', 'negative', 'log_input_', 'size_average', 'reduce']);

export interface ShowFormulaOutcome {
  readonly loss: string;
  readonly params: Record<string, unknown>;
  readonly skipped: readonly string[];
}

export async function showFormula(panels: ReportPanels): Promise<ShowFormulaOutcome | { error: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  try {
    if (!editor) throw new UserError(vscode.l10n.t('Put the cursor on a loss call in a Python editor first.'), 'no_editor');
    const doc = editor.document;
    const offset = doc.offsetAt(editor.selection.active);
    const call = lossCallAt(doc.getText(), offset);
    if (!call) {
      throw new UserError(
        vscode.l10n.t('No PyTorch loss call at {0}: put the cursor on a call such as F.cross_entropy(...) or nn.BCEWithLogitsLoss(...).', positionText(editor.selection.active)),
        'no_loss_call',
      );
    }
    const { reduction, ...rest } = call.kwargs;
    const params: Record<string, unknown> = {};
    const specs = call.loss.params as Record<string, unknown>;
    const skipped = [...call.skipped];
    for (const [k, v] of Object.entries(rest)) {
      if (k in specs) params[k] = v;
      else if (!TENSOR_ARGUMENTS.has(k)) skipped.push(k);
    }
    await panels.showExplorer({ loss: call.loss.id, params, ...(typeof reduction === 'string' ? { reduction } : {}) }, editor.viewColumn);
    if (skipped.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0}: these arguments are not literal parameter values and were left at their defaults: {1}.', call.callee, skipped.join(', ')));
    }
    return { loss: call.loss.id, params, skipped };
  } catch (e) {
    if (e instanceof UserError) {
      void showUserError(e);
      return { error: e.message };
    }
    throw e;
  }
}
