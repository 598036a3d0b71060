/**
 * The webview panel entry: a classic script (loaded by the extension's HTML with a nonce) that only
 * listens, says "ready", and loads the UI lazily. Chunks fetched by import() inherit the script's
 * nonce, so the panel's CSP needs nothing else.
 */
import type { HostMessage, WebviewMessage } from './messages.js';

interface VsCodeApi {
  postMessage(m: WebviewMessage): void;
  setState(s: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = typeof acquireVsCodeApi === 'function'
  ? acquireVsCodeApi()
  : { postMessage: (m) => window.parent.postMessage(m, '*'), setState: () => undefined, getState: () => undefined };

const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
const lang = document.body.getAttribute('data-lang') ?? document.documentElement.lang ?? 'en';

let ui: Promise<typeof import('./ui.js')> | null = null;
const loadUi = (): Promise<typeof import('./ui.js')> => (ui ??= import('./ui.js'));

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const m = ev.data as HostMessage;
  if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
  void loadUi().then((u) => u.handleHostMessage(root, m, api, lang));
});

// Warm the UI chunk, and KaTeX's fonts through it (this classic script has no static imports; the
// head's katex.min.css is applied before it runs), while the host prepares the payload.
void loadUi().then((u) => {
  u.preloadMathFonts();
  u.restore(root, api, lang);
});
api.postMessage({ type: 'ready' });
