/** Words for what a loss expects, shared by the quick pick, the missing-tensor prompt and the explorer. */
import * as vscode from 'vscode';
import type { AnyLoss, ExtraName, InputKind, TargetKind } from '../core/loss.js';
import { shapeString, type Shape } from '../core/tensor.js';

export function inputKindText(k: InputKind): string {
  switch (k) {
    case 'logits': return vscode.l10n.t('logits');
    case 'probabilities': return vscode.l10n.t('probabilities');
    case 'log-probabilities': return vscode.l10n.t('log-probabilities');
    case 'raw': return vscode.l10n.t('predictions');
  }
}

export function targetKindText(k: TargetKind): string {
  switch (k) {
    case 'class-indices': return vscode.l10n.t('class indices');
    case 'class-indices-or-probabilities': return vscode.l10n.t('class indices or probabilities');
    case 'binary-labels': return vscode.l10n.t('0/1 labels');
    case 'signed-labels': return vscode.l10n.t('±1 labels');
    case 'probabilities': return vscode.l10n.t('probabilities');
    case 'log-probabilities-or-probabilities': return vscode.l10n.t('probabilities (or log-probabilities)');
    case 'values': return vscode.l10n.t('target values');
    case 'counts': return vscode.l10n.t('counts');
    case 'none': return vscode.l10n.t('no target');
  }
}

/** "input: logits · target: class indices", the detail line of a loss. */
export function expectsText(loss: AnyLoss): string {
  const parts = [vscode.l10n.t('input: {0}', inputKindText(loss.input)), vscode.l10n.t('target: {0}', targetKindText(loss.target))];
  for (const e of loss.extra) parts.push(vscode.l10n.t('{0}: same shape as input', e));
  return parts.join(' · ');
}

export type Role = 'input' | 'target' | ExtraName;

/** The roles a loss needs, in the order several selections fill them. */
export function rolesOf(loss: AnyLoss): Role[] {
  return ['input', ...(loss.target === 'none' ? [] : ['target' as const]), ...loss.extra];
}

/** What shape a missing tensor should have, given the input's shape when known. */
export function expectedShapeText(loss: AnyLoss, role: Role, input: Shape | undefined): string {
  if (role === 'input') {
    return loss.input === 'logits' && (loss.target === 'class-indices' || loss.target === 'class-indices-or-probabilities')
      ? vscode.l10n.t('[N, C] (or [N, C, d1, …])')
      : vscode.l10n.t('any shape');
  }
  if (!input) return vscode.l10n.t('the shape of the input');
  if (role === 'target' && (loss.target === 'class-indices' || loss.target === 'class-indices-or-probabilities')) {
    const idx = input.length >= 2 ? [input[0], ...input.slice(2)] : [];
    const indices = shapeString(idx);
    return loss.target === 'class-indices'
      ? vscode.l10n.t('{0} (one class index per sample)', indices)
      : vscode.l10n.t('{0} (class indices) or {1} (probabilities)', indices, shapeString(input));
  }
  return shapeString(input);
}
