/** The user's Loss Lens settings (package.json contributes.configuration), read fresh per command. */
import * as vscode from 'vscode';
import { NOTATIONS, type Notation } from '../core/format.js';
import type { Reduction } from '../core/loss.js';

export type Units = 'nats' | 'bits';

export interface Settings {
  /** null: each loss's own default. */
  readonly reduction: Reduction | null;
  readonly units: Units;
  readonly digits: number;
  readonly notation: Notation;
  readonly samples: number;
  readonly maxElements: number;
}

/** Above this many elements the work runs under a cancellable progress notification. */
export const PROGRESS_ELEMENTS = 100_000;

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('lossLens');
  const r = c.get<string>('defaultReduction', 'loss default');
  return {
    reduction: r === 'none' || r === 'mean' || r === 'sum' ? r : null,
    units: c.get<string>('units') === 'bits' ? 'bits' : 'nats',
    digits: clampInt(c.get<number>('numberFormat.significantDigits', 4), 1, 17, 4),
    notation: NOTATIONS.find((n) => n === c.get<string>('numberFormat.notation')) ?? 'auto',
    samples: clampInt(c.get<number>('workedExample.samples', 3), 1, 50, 3),
    maxElements: clampInt(c.get<number>('maxElements', 1_000_000), 1, Number.MAX_SAFE_INTEGER, 1_000_000),
  };
}

function clampInt(v: unknown, lo: number, hi: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : fallback;
}
