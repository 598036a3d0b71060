/**
 * Evaluate Loss on Selection and Compare Losses on Selection: selection -> tensors -> roles (asking
 * for what is missing) -> loss and parameters -> core evaluation -> report in the panel beside the
 * editor, or inline under a notebook cell. Every failure a user can cause ends as a UserError with
 * its place in the document; nothing is shown as a result then.
 */
import * as vscode from 'vscode';
import { toErrorInfo, type ErrorInfo } from '../core/errors.js';
import type { AnyLoss, Reduction } from '../core/loss.js';
import type { ParsedTensor } from '../core/parse/index.js';
import { getLoss, findLoss } from '../core/registry.js';
import { numel, toNested, type Tensor } from '../core/tensor.js';
import { rolesOf, type Role } from './describe.js';
import { askForTensor, readOneTensor } from './missingTensor.js';
import { cellOf, showInNotebook } from './notebook.js';
import type { ReportPanels } from './panel.js';
import { pickLoss, pickLosses, rememberLosses } from './pickLoss.js';
import { pickParams } from './pickParams.js';
import { evaluateRequest, reportOf, requestPayload, type BuiltReport } from './report.js';
import { mapRoles } from './roles.js';
import { parseSources, selectionSources, type LocatedTensor } from './selection.js';
import { PROGRESS_ELEMENTS, readSettings, type Settings } from './settings.js';
import { UserError, inUserLanguage, positionText, showUserError } from './userError.js';

/** Arguments a caller (a test, a keybinding, the benchmark) may pass to skip the interactive steps. */
export interface EvaluateArgs {
  readonly loss?: string;
  readonly losses?: readonly string[];
  /** Parameters to use as given (skips the parameter steps); {} means the defaults. */
  readonly params?: Record<string, unknown>;
  readonly reduction?: Reduction;
  /** Text for tensors the selection lacks, by role, instead of asking. */
  readonly tensors?: Partial<Record<Role, string>>;
  /** Answer to the "more than maxElements" question. */
  readonly confirmLarge?: boolean;
}

export type EvaluateOutcome =
  | { readonly ok: true; readonly where: 'panel' | 'notebook'; readonly report: BuiltReport['report']; readonly plain: string; readonly values: readonly (number | number[])[] }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly line?: number; readonly column?: number }
  | undefined;

export interface CommandContext {
  readonly state: vscode.Memento;
  readonly panels: ReportPanels;
}

/** The tensor of each role, and where in the document it was selected (absent when typed in a box). */
type ByRole = Partial<Record<Role, { tensor: ParsedTensor; located?: LocatedTensor }>>;

function asTensor(p: ParsedTensor): Tensor {
  return { shape: p.shape, data: p.data };
}

export async function evaluateOnSelection(ctx: CommandContext, args: EvaluateArgs = {}, compare = false): Promise<EvaluateOutcome> {
  try {
    return await run(ctx, args, compare);
  } catch (e) {
    if (e instanceof UserError) {
      void showUserError(e);
      ctx.panels.markStale(e.message);
      return { ok: false, code: e.code, message: e.message, ...(e.place ? { line: e.place.range.start.line + 1, column: e.place.range.start.character + 1 } : {}) };
    }
    // A bug of ours: one line a user can report, never a stack trace in a notification.
    const info = toErrorInfo(e);
    const message = inUserLanguage(info.message);
    void vscode.window.showErrorMessage(message);
    ctx.panels.markStale(message);
    return { ok: false, code: info.code, message };
  }
}

async function run(ctx: CommandContext, args: EvaluateArgs, compare: boolean): Promise<EvaluateOutcome> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new UserError(vscode.l10n.t('Select numbers in an editor or a notebook cell first.'), 'no_editor');
  const settings = readSettings();
  const title = compare ? vscode.l10n.t('Loss Lens: compare losses') : vscode.l10n.t('Loss Lens: evaluate a loss');
  const sources = selectionSources(editor);
  const located = parseSources(sources);
  if (located.length === 0) throw new UserError(vscode.l10n.t('The selection holds no numbers.'), 'parse_empty');

  let losses: AnyLoss[];
  if (compare) {
    const ids = args.losses;
    losses = ids ? ids.map((id) => lossOrError(id)) : (await pickLosses(ctx.state, title)) ?? [];
    if (losses.length === 0) return undefined;
    if (losses.length < 2) throw new UserError(vscode.l10n.t('Choose at least two losses to compare.'), 'invalid_request');
  } else {
    const l = args.loss ? lossOrError(args.loss) : await pickLoss(ctx.state, title);
    if (!l) return undefined;
    losses = [l];
  }

  // Roles are those of the first loss; compared losses must take the same tensors.
  const lead = losses[0];
  const mapping = mapRoles(lead, located);
  const byRole: ByRole = {};
  for (const [role, l] of Object.entries(mapping.assigned) as [Role, LocatedTensor][]) byRole[role] = { tensor: l.tensor, located: l };
  for (const role of mapping.missing) {
    const inputShape = byRole.input?.tensor.shape;
    const given = args.tensors?.[role];
    let t: ParsedTensor | undefined;
    if (given !== undefined) {
      const r = readOneTensor(given);
      if (!r.tensor) throw new UserError(vscode.l10n.t('The tensor given for "{0}" cannot be read: {1}', role, r.error ?? ''), 'parse_syntax');
      t = r.tensor;
    } else {
      t = await askForTensor(lead, role, inputShape, title);
    }
    if (!t) return undefined;
    byRole[role] = { tensor: t };
  }
  for (const other of losses.slice(1)) {
    const need = rolesOf(other).filter((r) => !byRole[r]);
    if (need.length) throw new UserError(vscode.l10n.t('{0} needs {1}, which {2} does not take: compare losses that take the same tensors.', other.id, need.join(', '), lead.id), 'missing_tensor');
  }

  const elements = Object.values(byRole).reduce((n, v) => n + (v ? numel(v.tensor.shape) : 0), 0);
  if (elements > settings.maxElements) {
    const go = vscode.l10n.t('Evaluate');
    const yes = args.confirmLarge ?? (await vscode.window.showWarningMessage(
      vscode.l10n.t('The selection holds {0} numbers, more than lossLens.maxElements ({1}). Evaluate anyway?', elements, settings.maxElements),
      { modal: true },
      go,
    )) === go;
    if (!yes) return undefined;
  }

  let params: Record<string, unknown> = args.params ?? {};
  let reduction: Reduction | undefined = args.reduction;
  if (!compare && args.params === undefined) {
    const input = asTensor(byRole.input!.tensor);
    const classes = lead.classes?.(input);
    const chosen = await pickParams(lead, { inputShape: input.shape, ...(classes !== undefined ? { classes } : {}) }, reductionFor(lead, settings), title);
    if (!chosen) return undefined;
    params = chosen.params;
    reduction = chosen.reduction;
  }

  const request = requestPayload({
    losses: losses.map((l) => l.id),
    input: nested(byRole, 'input'),
    target: lead.target === 'none' ? null : nested(byRole, 'target'),
    extra: Object.fromEntries(lead.extra.map((e) => [e, nested(byRole, e)])),
    params: compare ? {} : params,
    reduction: compare ? (settings.reduction ?? undefined) : (reduction ?? reductionFor(lead, settings)),
  }, settings, vscode.env.language);

  const work = async (token?: vscode.CancellationToken): Promise<EvaluateOutcome> => {
    await yieldToHost();
    if (token?.isCancellationRequested) return undefined;
    const checked = evaluateRequest(request, vscode.env.language);
    if (!checked.ok) throw evaluationError(checked.error, byRole);
    await yieldToHost();
    if (token?.isCancellationRequested) return undefined;
    const { plain, values } = checked.value;
    const cell = cellOf(editor.document);
    if (cell && cell.kind === vscode.NotebookCellKind.Code) {
      const report = reportOf(request);
      await showInNotebook(cell, { report, plain, values });
      void rememberLosses(ctx.state, losses);
      return { ok: true, where: 'notebook', report, plain, values };
    }
    await ctx.panels.showReport(request, editor.viewColumn, elements <= PROGRESS_ELEMENTS);
    void rememberLosses(ctx.state, losses);
    return { ok: true, where: 'panel', report: request, plain, values };
  };
  if (elements <= PROGRESS_ELEMENTS) return work();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loss Lens: evaluating {0} numbers…', elements), cancellable: true },
    (_progress, token) => work(token),
  );
}

function lossOrError(id: string): AnyLoss {
  const l = findLoss(id);
  if (l) return l;
  try {
    return getLoss(id);
  } catch (e) {
    throw new UserError(inUserLanguage(toErrorInfo(e).message), 'unknown_loss');
  }
}

function reductionFor(loss: AnyLoss, settings: Settings): Reduction {
  return settings.reduction !== null && loss.reductions.includes(settings.reduction) ? settings.reduction : loss.defaultReduction;
}

function nested(byRole: ByRole, role: Role): unknown {
  const t = byRole[role]?.tensor;
  return t ? toNested(asTensor(t)) : null;
}

/** A core error placed on the tensor it names (or the selection), as it appears in the document. */
function evaluationError(info: ErrorInfo, byRole: ByRole): UserError {
  const role = (info.tensor?.replace(/^extra\./, '').replace(/\[.*$/, '') ?? 'input') as Role;
  const located = byRole[role]?.located ?? byRole.input?.located;
  if (located) {
    const what = info.tensor ?? (info.param ? `params.${info.param}` : 'input');
    return new UserError(vscode.l10n.t('{0} ("{1}" at {2})', inUserLanguage(info.message), what, positionText(located.range.start)), info.code, { uri: located.source.document.uri, range: located.range });
  }
  return new UserError(inUserLanguage(info.message), info.code);
}

function yieldToHost(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0));
}
