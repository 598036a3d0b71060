/**
 * A failure the user caused and can fix (an unparseable selection, a shape mismatch, a bad
 * parameter): shown as a notification naming the position in the document, with an action that
 * selects the offending text. Never a stack trace, never a result.
 */
import * as vscode from 'vscode';
import { pick, type Localized } from '../core/localized.js';

export interface Place {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

export class UserError extends Error {
  constructor(message: string, readonly code: string, readonly place?: Place) {
    super(message);
    this.name = 'UserError';
  }
}

/** A core message (it carries every language the product ships) in the language VS Code runs in. */
export function inUserLanguage(text: Localized): string {
  return pick(text, vscode.env.language);
}

/** "line 3, column 14" of a document position (1-based, as editors show it). */
export function positionText(p: vscode.Position): string {
  return vscode.l10n.t('line {0}, column {1}', p.line + 1, p.character + 1);
}

/** Shows the error; resolves once the notification is dismissed or its action ran. */
export async function showUserError(e: UserError): Promise<void> {
  const select = vscode.l10n.t('Select');
  const choice = await vscode.window.showErrorMessage(e.message, ...(e.place ? [select] : []));
  if (choice === select && e.place) await revealPlace(e.place);
}

export async function revealPlace(place: Place): Promise<void> {
  const cellEditor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === place.uri.toString());
  const editor = cellEditor ?? (await vscode.window.showTextDocument(place.uri, { preserveFocus: false }));
  editor.selection = new vscode.Selection(place.range.start, place.range.end);
  editor.revealRange(place.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
