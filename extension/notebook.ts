/**
 * Notebook glue: the report becomes an output of the cell it was computed from, with the renderer's
 * mime and a text/plain fallback, so the .ipynb keeps it and Jupyter without the extension still
 * shows the value. Outputs can only be written by a kernel's execution or by replacing the cell: the
 * cell is replaced with itself plus the output, which leaves the user's kernel selection alone.
 */
import * as vscode from 'vscode';
import { REPORT_MIME, type BuiltReport } from './report.js';

export function cellOf(document: vscode.TextDocument): vscode.NotebookCell | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  for (const nb of vscode.workspace.notebookDocuments) {
    const cell = nb.getCells().find((c) => c.document === document || c.document.uri.toString() === document.uri.toString());
    if (cell) return cell;
  }
  return undefined;
}

export async function showInNotebook(cell: vscode.NotebookCell, built: BuiltReport): Promise<void> {
  const output = new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.json(built.report, REPORT_MIME),
    vscode.NotebookCellOutputItem.text(built.plain, 'text/plain'),
  ], { lossLens: true });
  // Earlier Loss Lens reports of this cell are replaced, the cell's other outputs kept.
  const kept = cell.outputs
    .filter((o) => !o.items.some((i) => i.mime === REPORT_MIME))
    .map((o) => new vscode.NotebookCellOutput(o.items, o.metadata));
  const data = new vscode.NotebookCellData(cell.kind, cell.document.getText(), cell.document.languageId);
  data.outputs = [...kept, output];
  data.metadata = cell.metadata;
  if (cell.executionSummary) data.executionSummary = cell.executionSummary;
  const edit = new vscode.WorkspaceEdit();
  edit.set(cell.notebook.uri, [vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(cell.index, cell.index + 1), [data])]);
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) throw new Error('the notebook refused the edit');
}
