/**
 * Loss Lens: Insert Loss Snippet. A quick pick of every snippet in snippets/python.json (the same
 * file VS Code offers by prefix), each with its formula and convention, grouped by framework; the
 * chosen one is inserted at the cursor with its tab stops live.
 */
import * as vscode from 'vscode';
import { pick } from '../core/localized.js';
import { findLoss } from '../core/registry.js';
import pythonSnippets from '../snippets/python.json';
import { catalogFrom, pickGroups, snippetForLoss, type SnippetEntry, type SnippetFile, type SnippetFramework } from './snippetCatalog.js';

interface SnippetItem extends vscode.QuickPickItem {
  readonly entry?: SnippetEntry;
}

let cached: SnippetEntry[] | undefined;

export function snippetCatalog(): readonly SnippetEntry[] {
  cached ??= catalogFrom(pythonSnippets as SnippetFile);
  return cached;
}

function groupLabel(framework: SnippetFramework): string {
  switch (framework) {
    case 'pytorch': return vscode.l10n.t('PyTorch: value and autograd gradient');
    case 'numpy': return vscode.l10n.t('NumPy: value only');
    case 'notebook': return vscode.l10n.t('Notebook');
  }
}

function item(entry: SnippetEntry): SnippetItem {
  const loss = entry.loss === null ? undefined : findLoss(entry.loss);
  const name = loss ? pick(loss.names, vscode.env.language) : entry.name;
  return {
    label: entry.name,
    description: loss ? `${entry.prefix} · ${name}` : entry.prefix,
    detail: `${entry.formula}  —  ${entry.convention}`,
    entry,
  };
}

function items(catalog: readonly SnippetEntry[]): SnippetItem[] {
  const out: SnippetItem[] = [];
  for (const group of pickGroups(catalog)) {
    out.push({ label: groupLabel(group.framework), kind: vscode.QuickPickItemKind.Separator });
    for (const e of group.entries) out.push(item(e));
  }
  return out;
}

/**
 * Shows the snippet quick pick (with the snippet of `preselectId`, a loss id, highlighted) and
 * inserts the chosen snippet at the cursor of `editor` (by default the active one). Resolves to the
 * inserted entry, or undefined.
 */
export async function insertLossSnippet(preselectId?: string, editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor): Promise<SnippetEntry | undefined> {
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Python file or a notebook cell first: the snippet is inserted at the cursor.'));
    return undefined;
  }
  const catalog = snippetCatalog();
  const all = items(catalog);
  const preselect = preselectId === undefined ? undefined : snippetForLoss(catalog, preselectId);
  const chosen = await new Promise<SnippetEntry | undefined>((resolve) => {
    const qp = vscode.window.createQuickPick<SnippetItem>();
    qp.title = vscode.l10n.t('Insert Loss Snippet');
    qp.placeholder = vscode.l10n.t('Choose a snippet (type to filter by loss, prefix or formula)');
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.items = all;
    const active = preselect ? all.find((i) => i.entry === preselect) : undefined;
    if (active) qp.activeItems = [active];
    let done = false;
    qp.onDidAccept(() => {
      done = true;
      resolve(qp.selectedItems[0]?.entry ?? qp.activeItems[0]?.entry);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
  if (!chosen) return undefined;
  if (editor.document.languageId !== 'python') {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is Python code; this editor is {1}.', chosen.name, editor.document.languageId));
  }
  const inserted = await editor.insertSnippet(new vscode.SnippetString(chosen.body));
  return inserted ? chosen : undefined;
}
