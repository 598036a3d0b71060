/** Open Loss Explorer: the whole catalogue without data (formulas, parameters, live curves, PyTorch, snippets). */
import * as vscode from 'vscode';
import { findLoss } from '../core/registry.js';
import type { ExplorerState, ReportPanels } from './panel.js';

export async function openExplorer(panels: ReportPanels, state: ExplorerState = {}): Promise<ExplorerState> {
  const s = state.loss && !findLoss(state.loss) ? {} : state;
  await panels.showExplorer(s, vscode.window.activeTextEditor?.viewColumn);
  return s;
}
