/**
 * The one typed union of messages between the extension host and the Loss Lens webview, imported
 * by both sides. Additive only: a host and a webview of different builds may meet after a reload,
 * so a message type, once shipped, keeps its meaning; unknown types are ignored by both sides.
 */
import type { ErrorCode } from '../core/errors.js';

/** What the Loss Explorer opens on (every field optional: the catalogue without data). */
export interface ExplorerState {
  readonly loss?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly reduction?: string;
}

/** An error as the UI displayed it: its message in the UI's language. */
export interface ShownError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly field?: string;
}

export type CopyFormat = 'latex' | 'csv' | 'json' | 'text';
export type SaveFormat = 'svg' | 'png' | 'csv' | 'json';

/** Host → webview. */
export type HostMessage =
  /** Show a payload (request or report, core/payload.ts); null clears to the empty state. */
  | { readonly type: 'report'; readonly payload: unknown }
  /** Same as 'report' (the name the renderer's docs use). */
  | { readonly type: 'show'; readonly payload: unknown }
  | { readonly type: 'explorer'; readonly state: ExplorerState | null }
  /** The UI language changed (vscode.env.language), e.g. "en", "zh-cn". */
  | { readonly type: 'locale'; readonly locale: string }
  /**
   * The evaluation after the shown report failed (its error is in a notification): the report stays,
   * for nothing is lost, but under a banner saying it is not the result of that evaluation, until
   * the next report replaces it. `message` is the error, in the UI's language.
   */
  | { readonly type: 'stale'; readonly message: string }
  /** Answer to a 'copy' or 'save' the host carried out, shown as a short status line. */
  | { readonly type: 'done'; readonly action: 'copy' | 'save'; readonly ok: boolean; readonly detail?: string };

/** Webview → host. */
export type WebviewMessage =
  /** The UI has loaded and listens: post (or re-post) the payload now. */
  | { readonly type: 'ready' }
  /** A payload finished rendering (formula, table and plots); `ms` from arrival to done. */
  | { readonly type: 'rendered'; readonly ms: number; readonly ok: boolean }
  /** Put text on the clipboard (vscode.env.clipboard: the webview's own clipboard access is not reliable). */
  | { readonly type: 'copy'; readonly text: string; readonly format: CopyFormat }
  /**
   * Save a file: the host asks where (showSaveDialog) and writes it. `data` is UTF-8 text for svg,
   * csv and json, base64 (no data: prefix) for png. `name` is a suggested file name.
   */
  | { readonly type: 'save'; readonly format: SaveFormat; readonly name: string; readonly data: string }
  /** The user asked to insert the verified snippet of this loss into the active editor. */
  | { readonly type: 'insertSnippet'; readonly loss: string }
  /** A payload was refused or failed to render; the UI shows it too, the host may log it. */
  | { readonly type: 'error'; readonly error: ShownError }
  /** The explorer's or report's current state, for the host to persist (webview serializer). */
  | { readonly type: 'state'; readonly state: ExplorerState };

export function isHostMessage(m: unknown): m is HostMessage {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  return t === 'report' || t === 'show' || t === 'explorer' || t === 'locale' || t === 'done' || t === 'stale';
}

export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  return t === 'ready' || t === 'rendered' || t === 'copy' || t === 'save' || t === 'insertSnippet' || t === 'error' || t === 'state';
}
