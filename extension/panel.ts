/**
 * The webview panels: the report beside the editor (one panel, reused by later runs) and the
 * Loss Explorer. Both host the renderer's UI from dist/renderer/ under a strict CSP, are restored
 * after a window reload by their serializers, and speak the typed message union of
 * renderer/messages.ts.
 */
import * as vscode from 'vscode';
import { isWebviewMessage, type ExplorerState, type HostMessage, type SaveFormat, type WebviewMessage } from '../renderer/messages.js';
import { webviewHtml } from './webviewHtml.js';

export type { ExplorerState };

export const REPORT_VIEW = 'lossLens.report';
export const EXPLORER_VIEW = 'lossLens.explorer';
const LAST_REPORT = 'lossLens.lastReport';
const LAST_EXPLORER = 'lossLens.lastExplorer';

type Kind = 'report' | 'explorer';

interface Hosted {
  readonly panel: vscode.WebviewPanel;
  ready: boolean;
  pending: unknown;
}

export class ReportPanels implements vscode.Disposable {
  private readonly hosted = new Map<Kind, Hosted>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when a panel's UI reports that it rendered (tests and the benchmark wait on it). */
  readonly onDidRender: vscode.Event<{ kind: Kind; ok: boolean; ms: number }>;
  private readonly rendered = new vscode.EventEmitter<{ kind: Kind; ok: boolean; ms: number }>();
  /** Messages of payloads the UI refused (shown there too), newest last. */
  readonly errors: string[] = [];
  private shownReports = 0;

  constructor(private readonly context: vscode.ExtensionContext, private readonly onInsertSnippet: (loss: string) => unknown) {
    this.onDidRender = this.rendered.event;
    for (const [view, kind] of [[REPORT_VIEW, 'report'], [EXPLORER_VIEW, 'explorer']] as const) {
      this.disposables.push(vscode.window.registerWebviewPanelSerializer(view, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const saved = (state as { payload?: unknown } | undefined)?.payload ?? this.context.workspaceState.get(kind === 'report' ? LAST_REPORT : LAST_EXPLORER);
          this.adopt(kind, panel);
          this.post(kind, saved ?? null);
        },
      }));
    }
  }

  get panel(): { report?: vscode.WebviewPanel; explorer?: vscode.WebviewPanel } {
    return { report: this.hosted.get('report')?.panel, explorer: this.hosted.get('explorer')?.panel };
  }

  /** How many reports were shown in this session (an error must not add one). */
  get shown(): number {
    return this.shownReports;
  }

  /**
   * Shows a payload in the report panel. `persist` keeps it in workspace state as well, for a
   * restore where the webview's own state is gone; large selections skip that (the webview keeps
   * its last payload itself).
   */
  async showReport(report: unknown, beside?: vscode.ViewColumn, persist = true): Promise<void> {
    this.shownReports++;
    this.open('report', vscode.l10n.t('Loss Lens report'), beside);
    this.post('report', report);
    await this.context.workspaceState.update(LAST_REPORT, persist ? report : undefined);
  }

  /** The evaluation after the shown report failed with `message`: the report says it is stale. */
  markStale(message: string): void {
    const h = this.hosted.get('report');
    if (h?.ready && h.pending !== undefined && h.pending !== null) void h.panel.webview.postMessage({ type: 'stale', message } satisfies HostMessage);
  }

  async showExplorer(state: ExplorerState, beside?: vscode.ViewColumn): Promise<void> {
    await this.context.workspaceState.update(LAST_EXPLORER, state);
    this.open('explorer', vscode.l10n.t('Loss Explorer'), beside);
    this.post('explorer', state);
  }

  private open(kind: Kind, title: string, beside?: vscode.ViewColumn): void {
    const existing = this.hosted.get(kind);
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(kind === 'report' ? REPORT_VIEW : EXPLORER_VIEW, title,
      { viewColumn: beside === undefined ? vscode.ViewColumn.Beside : vscode.ViewColumn.Beside, preserveFocus: true },
      this.options());
    this.adopt(kind, panel);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'renderer')],
    };
  }

  private adopt(kind: Kind, panel: vscode.WebviewPanel): void {
    const h: Hosted = { panel, ready: false, pending: undefined };
    this.hosted.set(kind, h);
    panel.webview.options = this.options();
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'renderer', 'icon.svg');
    panel.webview.html = webviewHtml(panel.webview, this.context.extensionUri, kind, vscode.env.language);
    panel.webview.onDidReceiveMessage((m: unknown) => this.receive(kind, m), undefined, this.disposables);
    panel.onDidDispose(() => {
      if (this.hosted.get(kind) === h) this.hosted.delete(kind);
    }, undefined, this.disposables);
  }

  private post(kind: Kind, payload: unknown): void {
    const h = this.hosted.get(kind);
    if (!h) return;
    h.pending = payload;
    if (h.ready) void h.panel.webview.postMessage(messageFor(kind, payload));
  }

  private receive(kind: Kind, m: unknown): void {
    const h = this.hosted.get(kind);
    if (!h || !isWebviewMessage(m)) return;
    void this.handle(kind, h, m);
  }

  private async handle(kind: Kind, h: Hosted, m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        h.ready = true;
        if (h.pending !== undefined) void h.panel.webview.postMessage(messageFor(kind, h.pending));
        return;
      case 'rendered':
        this.rendered.fire({ kind, ok: m.ok, ms: m.ms });
        return;
      case 'insertSnippet':
        await this.onInsertSnippet(m.loss);
        return;
      case 'state':
        if (kind === 'explorer') await this.context.workspaceState.update(LAST_EXPLORER, m.state);
        return;
      case 'copy': {
        let ok = true;
        try {
          await vscode.env.clipboard.writeText(m.text);
        } catch {
          ok = false;
        }
        this.send(h, { type: 'done', action: 'copy', ok });
        return;
      }
      case 'save': {
        const ok = await saveFile(m.format, m.name, m.data);
        this.send(h, { type: 'done', action: 'save', ok: ok !== false, ...(typeof ok === 'string' ? { detail: ok } : {}) });
        return;
      }
      case 'error':
        this.errors.push(m.error.message);
        return;
    }
  }

  private send(h: Hosted, m: HostMessage): void {
    void h.panel.webview.postMessage(m);
  }

  dispose(): void {
    for (const h of this.hosted.values()) h.panel.dispose();
    for (const d of this.disposables) d.dispose();
    this.rendered.dispose();
  }
}

function messageFor(kind: Kind, payload: unknown): HostMessage {
  return kind === 'report' ? { type: 'report', payload } : { type: 'explorer', state: (payload ?? null) as ExplorerState | null };
}

const SAVE_FILTERS: Record<SaveFormat, Record<string, string[]>> = {
  svg: { SVG: ['svg'] },
  png: { PNG: ['png'] },
  csv: { CSV: ['csv'] },
  json: { JSON: ['json'] },
};

/** Asks where, writes the file; false when cancelled or failed, else the saved path. */
async function saveFile(format: SaveFormat, name: string, data: string): Promise<string | false> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, name.replace(/[\\/]/g, '_')) } : {}),
    filters: SAVE_FILTERS[format],
    title: vscode.l10n.t('Save {0}', name),
  });
  if (!uri) return false;
  const bytes = format === 'png' ? base64Bytes(data) : new TextEncoder().encode(data);
  try {
    await vscode.workspace.fs.writeFile(uri, bytes);
    return uri.fsPath || uri.toString();
  } catch {
    return false;
  }
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
