/** The UI chunk both entries load: mounting a payload or the explorer, and each host's plumbing. */
import type { ErrorCode } from '../core/errors.js';
import { h } from './dom.js';
import { renderExplorer } from './explorer.js';
import { pageCopy, pageSave, type Host } from './host.js';
import { both, langOf, t, type Lang } from './i18n.js';
import type { ExplorerState, HostMessage, WebviewMessage } from './messages.js';
import { errorView, renderPayload, type Rendered } from './report.js';
import { loadKatex } from './tex.js';
import { loadVega } from './vega.js';

export { preloadMathFonts } from './fonts.js';

export function mount(root: HTMLElement, payload: unknown, host: Host): Rendered {
  if (typeof payload === 'object' && payload !== null && '__unparsable' in payload) {
    const detail = String((payload as { __unparsable: unknown }).__unparsable);
    root.replaceChildren(errorView({ code: 'invalid_request', message: both('notJson', { detail }) }, langOf(host.locale)));
    root.setAttribute('data-state', 'error');
    return { ok: false, charts: [], done: Promise.resolve() };
  }
  return renderPayload(root, payload, host);
}

export function notebookHost(locale: string, post: ((m: WebviewMessage) => void) | null): Host {
  return {
    locale,
    kind: 'notebook',
    // A notebook webview may refuse the clipboard; the extension (when messaging is on) can do it.
    copy: async (text, format) => (await pageCopy(text)) || (post ? (post({ type: 'copy', text, format }), true) : false),
    save: (format, name, data) => pageSave(format, name, data),
    insertSnippet: post ? (loss) => post({ type: 'insertSnippet', loss }) : null,
  };
}

interface Api {
  postMessage(m: WebviewMessage): void;
  setState(s: unknown): void;
  getState(): unknown;
}

function webviewHost(api: Api, locale: string): Host {
  return {
    locale,
    kind: 'webview',
    copy: (text, format) => {
      api.postMessage({ type: 'copy', text, format });
      return Promise.resolve(true);
    },
    save: (format, name, data) => {
      api.postMessage({ type: 'save', format, name, data });
      return Promise.resolve(true);
    },
    insertSnippet: (loss) => api.postMessage({ type: 'insertSnippet', loss }),
    rendered: (ms, ok) => api.postMessage({ type: 'rendered', ms, ok }),
  };
}

let locale = 'en';
let last: { kind: 'report'; payload: unknown } | { kind: 'explorer'; state: ExplorerState | null } | null = null;

function show(root: HTMLElement, api: Api): void {
  if (!last) return;
  root.removeAttribute('data-stale');
  const host = webviewHost(api, locale);
  if (last.kind === 'report') {
    const r = mount(root, last.payload, host);
    if (!r.ok) {
      const err = root.querySelector('.ll-error');
      api.postMessage({ type: 'error', error: { code: (err?.getAttribute('data-code') ?? 'invalid_request') as ErrorCode, message: err?.querySelector('.ll-error-message')?.textContent ?? '', field: err?.getAttribute('data-field') ?? undefined } });
    }
    api.setState({ kind: 'report', payload: last.payload });
  } else {
    renderExplorer(root, last.state, host, (s) => {
      last = { kind: 'explorer', state: s };
      api.setState({ kind: 'explorer', state: s });
      api.postMessage({ type: 'state', state: s });
    });
    api.setState({ kind: 'explorer', state: last.state });
  }
}

export function handleHostMessage(root: HTMLElement, m: HostMessage, api: Api, lang: string): void {
  locale = locale === 'en' && lang ? lang : locale;
  switch (m.type) {
    case 'report':
    case 'show':
      if (m.payload === null || m.payload === undefined) return;
      last = { kind: 'report', payload: m.payload };
      show(root, api);
      return;
    case 'explorer':
      last = { kind: 'explorer', state: m.state };
      show(root, api);
      return;
    case 'locale':
      locale = m.locale;
      show(root, api);
      return;
    case 'stale':
      if (last?.kind === 'report') markStale(root, m.message, langOf(locale));
      return;
    case 'done': {
      const s = root.querySelector('.ll-status');
      if (s) s.textContent = m.ok ? '✓' : `✗ ${m.detail ?? ''}`;
      return;
    }
  }
}

function markStale(root: HTMLElement, message: string, lang: Lang): void {
  root.querySelector('.ll-stale')?.remove();
  root.prepend(h('div', { class: 'll-stale', role: 'alert' },
    h('div', { class: 'll-stale-title' }, t(lang, 'staleTitle')),
    h('div', { class: 'll-stale-message' }, message)));
  root.setAttribute('data-stale', 'true');
}

/** After a reload the webview's own state redraws at once, before the host re-posts. */
export function restore(root: HTMLElement, api: Api, lang: string): void {
  locale = lang || 'en';
  // Fetch and compile KaTeX and Vega while the host computes the payload: first paint then waits
  // only for the report itself.
  void loadKatex();
  void loadVega();
  const s = api.getState() as { kind?: string; payload?: unknown; state?: ExplorerState } | undefined;
  if (last || !s) {
    // Until the host posts the payload (it is computing), say so rather than show a blank panel.
    if (!last && !root.firstChild) {
      const p = document.createElement('p');
      p.className = 'll-root ll-muted ll-loading';
      p.textContent = t(langOf(locale), 'loading');
      root.replaceChildren(p);
    }
    return;
  }
  if (s.kind === 'report' && s.payload) last = { kind: 'report', payload: s.payload };
  else if (s.kind === 'explorer') last = { kind: 'explorer', state: s.state ?? null };
  show(root, api);
}
