/**
 * Asks for a tensor the selection did not provide, naming its role and the shape expected: typed or
 * pasted into an input box, or taken from the clipboard with the box's clipboard button.
 */
import * as vscode from 'vscode';
import type { AnyLoss } from '../core/loss.js';
import { parseSelection, type ParsedTensor } from '../core/parse/index.js';
import type { Shape } from '../core/tensor.js';
import { expectedShapeText, type Role } from './describe.js';
import { inUserLanguage } from './userError.js';

export function readOneTensor(text: string): { tensor?: ParsedTensor; error?: string } {
  const r = parseSelection(text);
  if (!r.ok) return { error: vscode.l10n.t('Line {0}, column {1}: {2}', r.error.line, r.error.column, inUserLanguage(r.error.message)) };
  if (r.tensors.length !== 1) return { error: vscode.l10n.t('Give exactly one tensor; this text holds {0}.', r.tensors.length) };
  return { tensor: r.tensors[0] };
}

export async function askForTensor(loss: AnyLoss, role: Role, inputShape: Shape | undefined, title: string): Promise<ParsedTensor | undefined> {
  const expected = expectedShapeText(loss, role, inputShape);
  const clipboard: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clippy'), tooltip: vscode.l10n.t('Use the clipboard') };
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = title;
    box.prompt = vscode.l10n.t('{0} needs "{1}" with shape {2}: type or paste it (e.g. [[0, 1], [1, 0]]), or take it from the clipboard.', loss.id, role, expected);
    box.placeholder = expected;
    box.buttons = [clipboard];
    box.ignoreFocusOut = true;
    let done = false;
    const check = (text: string): string | undefined => (text.trim() === '' ? vscode.l10n.t('Enter the values of "{0}".', role) : readOneTensor(text).error);
    box.onDidChangeValue((v) => {
      box.validationMessage = v.trim() === '' ? undefined : check(v);
    });
    // The clipboard is read only when asked: in a browser, reading it may need the user's permission.
    box.onDidTriggerButton(async () => {
      try {
        box.value = (await vscode.env.clipboard.readText()).trim();
        box.validationMessage = check(box.value);
      } catch {
        box.validationMessage = vscode.l10n.t('The clipboard cannot be read here: paste into the box instead.');
      }
    });
    box.onDidAccept(() => {
      const message = check(box.value);
      box.validationMessage = message;
      if (message) return;
      done = true;
      resolve(readOneTensor(box.value).tensor);
      box.hide();
    });
    box.onDidHide(() => {
      if (!done) resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}
