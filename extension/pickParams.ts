/**
 * The parameter steps: "evaluate with defaults" first (one Enter), else one input box per parameter
 * prefilled with the spec's default and checked as the user types by the very `check` the core runs
 * (range, vector length against C), then the reduction.
 */
import * as vscode from 'vscode';
import { LossLensError } from '../core/errors.js';
import { pick } from '../core/localized.js';
import type { AnyLoss, Reduction } from '../core/loss.js';
import type { ParamContext, ParamSpec } from '../core/params.js';
import { inUserLanguage } from './userError.js';

export interface ChosenParams {
  readonly params: Record<string, unknown>;
  readonly reduction: Reduction;
}

/** What a user typed, read as Python/JSON literal where it is one ("0.25", "[1, 2]", "None"), else the text. */
export function readParamText(text: string): unknown {
  const t = text.trim();
  if (t === 'None' || t === 'null') return null;
  if (t === 'True') return true;
  if (t === 'False') return false;
  try {
    return JSON.parse(t.replace(/^\(/, '[').replace(/\)$/, ']').replace(/'/g, '"'));
  } catch {
    return t;
  }
}

export function showParamValue(v: unknown): string {
  if (v instanceof Float64Array) return JSON.stringify(Array.from(v));
  if (v && typeof v === 'object' && 'data' in v && 'shape' in v) return JSON.stringify(Array.from((v as { data: Float64Array }).data));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The checking message for a typed value, or undefined when the core accepts it. */
export function validateParam(spec: ParamSpec<unknown>, name: string, text: string, ctx: ParamContext | null): string | undefined {
  try {
    spec.check(readParamText(text), name, ctx);
    return undefined;
  } catch (e) {
    if (e instanceof LossLensError) return inUserLanguage(e.info.message);
    throw e;
  }
}

function defaultsText(loss: AnyLoss, reduction: Reduction): string {
  const specs = loss.params as Record<string, ParamSpec<unknown>>;
  const parts = Object.entries(specs).map(([n, s]) => `${n} = ${showParamValue(s.default)}`);
  parts.push(`reduction = ${reduction}`);
  return parts.join(', ');
}

function inputStep(title: string, step: number, total: number, name: string, spec: ParamSpec<unknown>, ctx: ParamContext | null): Promise<string | undefined> {
  const lang = vscode.env.language;
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = title;
    box.step = step;
    box.totalSteps = total;
    box.value = showParamValue(spec.default);
    box.prompt = vscode.l10n.t('{0}: {1} Allowed: {2}.', name, pick(spec.doc, lang), pick(spec.allowed, lang));
    box.placeholder = name;
    box.ignoreFocusOut = true;
    let done = false;
    const check = (v: string) => {
      box.validationMessage = validateParam(spec, name, v, ctx);
    };
    box.onDidChangeValue(check);
    box.onDidAccept(() => {
      check(box.value);
      if (box.validationMessage) return;
      done = true;
      resolve(box.value);
      box.hide();
    });
    box.onDidHide(() => {
      if (!done) resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}

export async function pickParams(loss: AnyLoss, ctx: ParamContext | null, reduction: Reduction, title: string): Promise<ChosenParams | undefined> {
  const specs = loss.params as Record<string, ParamSpec<unknown>>;
  const names = Object.keys(specs);
  const defaults = { label: vscode.l10n.t('$(check) Evaluate with defaults'), detail: defaultsText(loss, reduction), id: 'defaults' };
  const custom = { label: vscode.l10n.t('$(settings-gear) Set parameters…'), detail: vscode.l10n.t('{0} parameters and the reduction', names.length), id: 'custom' };
  const first = await vscode.window.showQuickPick([defaults, custom], { title, placeHolder: vscode.l10n.t('Parameters of {0}', loss.id) });
  if (!first) return undefined;
  if (first.id === 'defaults') return { params: {}, reduction };
  const total = names.length + (loss.reductions.length > 1 ? 1 : 0);
  const params: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const text = await inputStep(title, i + 1, total, name, specs[name], ctx);
    if (text === undefined) return undefined;
    params[name] = readParamText(text);
  }
  let chosenReduction = reduction;
  if (loss.reductions.length > 1) {
    const r = await vscode.window.showQuickPick(
      loss.reductions.map((x) => ({ label: x, description: x === reduction ? vscode.l10n.t('default') : undefined })),
      { title: `${title} (${total}/${total})`, placeHolder: vscode.l10n.t('Reduction') },
    );
    if (!r) return undefined;
    chosenReduction = r.label as Reduction;
  }
  return { params, reduction: chosenReduction };
}
