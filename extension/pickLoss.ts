/**
 * The loss quick pick: the catalogue grouped by category, each with its plain-text formula and what
 * it expects, the most recently used first. The recent list lives in globalState.
 */
import * as vscode from 'vscode';
import { pick } from '../core/localized.js';
import { CATEGORY_NAMES, type AnyLoss } from '../core/loss.js';
import { findLoss, lossesByCategory } from '../core/registry.js';
import { expectsText } from './describe.js';

const RECENT_KEY = 'lossLens.recentLosses';
const RECENT_SHOWN = 3;

interface LossItem extends vscode.QuickPickItem {
  readonly loss?: AnyLoss;
}

export function recentLosses(state: vscode.Memento): AnyLoss[] {
  const ids = state.get<string[]>(RECENT_KEY, []);
  return ids.map((id) => findLoss(id)).filter((l): l is AnyLoss => l !== undefined);
}

export async function rememberLosses(state: vscode.Memento, losses: readonly AnyLoss[]): Promise<void> {
  const ids = [...losses.map((l) => l.id), ...state.get<string[]>(RECENT_KEY, [])];
  await state.update(RECENT_KEY, [...new Set(ids)].slice(0, 10));
}

function item(loss: AnyLoss, picked = false): LossItem {
  const lang = vscode.env.language;
  return {
    label: pick(loss.names, lang),
    description: loss.id,
    detail: `${pick(loss.formula.plain, lang)}  —  ${expectsText(loss)}`,
    loss,
    picked,
  };
}

function items(state: vscode.Memento, withRecent: boolean): LossItem[] {
  const lang = vscode.env.language;
  const out: LossItem[] = [];
  const recent = withRecent ? recentLosses(state).slice(0, RECENT_SHOWN) : [];
  if (recent.length) {
    out.push({ label: vscode.l10n.t('Recently used'), kind: vscode.QuickPickItemKind.Separator });
    for (const l of recent) out.push(item(l));
  }
  for (const [cat, losses] of lossesByCategory()) {
    const rest = losses.filter((l) => !recent.includes(l));
    if (rest.length === 0) continue;
    out.push({ label: pick(CATEGORY_NAMES[cat], lang), kind: vscode.QuickPickItemKind.Separator });
    for (const l of rest) out.push(item(l));
  }
  return out;
}

export async function pickLoss(state: vscode.Memento, title: string): Promise<AnyLoss | undefined> {
  const chosen = await vscode.window.showQuickPick(items(state, true), {
    title,
    placeHolder: vscode.l10n.t('Choose a loss (type to filter by name, id or formula)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.loss;
}

export async function pickLosses(state: vscode.Memento, title: string): Promise<AnyLoss[] | undefined> {
  const chosen = await vscode.window.showQuickPick(items(state, false), {
    title,
    placeHolder: vscode.l10n.t('Choose the losses to compare (at least two)'),
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen) return undefined;
  return chosen.map((c) => c.loss).filter((l): l is AnyLoss => l !== undefined);
}
