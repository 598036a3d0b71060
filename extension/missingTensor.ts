/**
 * Asks for a tensor the selection did not provide, naming its role and the shape expected. The box
 * starts with the clipboard's content when that reads as exactly one tensor, so copy, run, Enter works.
 */
import * as vscode from 'vscode';
import type { AnyLoss } from '../core/loss.js';
import { parseSelection, type ParsedTensor } from '../core/parse/index.js';
import type { Shape } from '../core/tensor.js';
import { expectedShapeText, type Role } from './describe.js';

export function readOneTensor(text: string): { tensor?: ParsedTensor; error?: string } {
  const r = parseSelection(text);
  if (!r.ok) return { error: vscode.l10n.t('Line {0}, column {1}: {2}', r.error.line, r.error.column, r.error.message) };
  if (r.tensors.length !== 1) return { error: vscode.l10n.t('Give exactly one tensor; this text holds {0}.', r.tensors.length) };
  return { tensor: r.tensors[0] };
}

export async function askForTensor(loss: AnyLoss, role: Role, inputShape: Shape | undefined, title: string): Promise<ParsedTensor | undefined> {
  const expected = expectedShapeText(loss, role, inputShape);
  let clip = '';
  try {
    clip = await vscode.env.clipboard.readText();
  } catch {
    // A browser may refuse clipboard access: the box simply starts empty.
  }
  const fromClipboard = clip.trim() !== '' && clip.length < 1_000_000 && readOneTensor(clip).tensor !== undefined;
  const value = await vscode.window.showInputBox({
    title,
    prompt: fromClipboard
      ? vscode.l10n.t('{0} needs "{1}" with shape {2}: the clipboard holds one, press Enter to use it, or type another.', loss.id, role, expected)
      : vscode.l10n.t('{0} needs "{1}" with shape {2}: type or paste it (e.g. [[0, 1], [1, 0]]).', loss.id, role, expected),
    value: fromClipboard ? clip.trim() : '',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Enter the values of "{0}".', role) : readOneTensor(text).error),
  });
  return value === undefined ? undefined : readOneTensor(value).tensor;
}
