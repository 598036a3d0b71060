/**
 * Headless Chromium (Debian's, through playwright-core) on pages that host the built renderer the
 * way the panel does: a CSP meta tag (default-src 'none', scripts by nonce, styles/fonts/images from
 * the page's own origin only, no 'unsafe-eval'), VS Code's theme variables, and an
 * `acquireVsCodeApi` stand-in that records what the webview posts. CSP violations are recorded
 * from securitypolicyviolation events.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'renderer');
const THEMES = join(import.meta.dirname, 'themes');

export type Theme = 'light' | 'dark' | 'hc';
const BODY_CLASS: Record<Theme, string> = { light: 'vscode-light', dark: 'vscode-dark', hc: 'vscode-high-contrast' };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8',
};

export const NONCE = 'bG9zcy1sZW5zLXRlc3Q';

export function cspFor(origin: string): string {
  return ["default-src 'none'", `script-src 'nonce-${NONCE}'`, `style-src ${origin}`, `font-src ${origin}`, `img-src ${origin} data:`].join('; ');
}

function page(origin: string, theme: Theme, lang: string, kind: 'webview' | 'notebook'): string {
  const recorder = `window.__violations=[];document.addEventListener('securitypolicyviolation',function(e){window.__violations.push({directive:e.violatedDirective,blocked:e.blockedURI,sample:e.sample,source:e.sourceFile+':'+e.lineNumber})});window.__posted=[];window.acquireVsCodeApi=function(){return{postMessage:function(m){window.__posted.push(m)},setState:function(s){window.__state=s},getState:function(){return window.__state}}};`;
  const entry = kind === 'webview'
    ? `<script nonce="${NONCE}" src="/r/webview.js"></script>`
    : `<script type="module" nonce="${NONCE}">import { activate } from '/r/notebook.js'; window.__renderer = activate({ postMessage: (m) => window.__posted.push(m) }); window.__notebookReady = true;</script>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${cspFor(origin)}">
<script nonce="${NONCE}">${recorder}</script>
<link rel="stylesheet" href="/themes/${theme}.css">
${kind === 'webview' ? '<link rel="stylesheet" href="/r/katex/katex.min.css"><link rel="stylesheet" href="/r/webview.css">' : ''}
</head>
<body class="${BODY_CLASS[theme]}" data-kind="report" data-lang="${lang}">
<div id="root"></div>
${entry}
</body>
</html>`;
}

export interface Harness {
  readonly origin: string;
  readonly browser: Browser;
  /** fontDelayMs: every .woff2 answered that late (a slow webview resource server, as code-server's can be). */
  open(o?: { theme?: Theme; lang?: string; kind?: 'webview' | 'notebook'; width?: number; fontDelayMs?: number }): Promise<Page>;
  close(): Promise<void>;
  /** Every file the pages requested (for bundle-loading checks). */
  readonly requested: string[];
}

export async function startHarness(): Promise<Harness> {
  statSync(join(DIST, 'webview.js')); // built first: node scripts/build.mjs renderer
  const requested: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requested.push(url.pathname);
    if (url.pathname === '/page') {
      const theme = (url.searchParams.get('theme') ?? 'light') as Theme;
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(page(origin, theme, url.searchParams.get('lang') ?? 'en', (url.searchParams.get('kind') ?? 'webview') as 'webview' | 'notebook'));
      return;
    }
    const base = url.pathname.startsWith('/r/') ? DIST : url.pathname.startsWith('/themes/') ? THEMES : null;
    const rel = normalize(url.pathname.replace(/^\/(r|themes)\//, ''));
    if (!base || rel.startsWith('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(base, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir with launch()).

  });
  const contexts: BrowserContext[] = [];
  return {
    origin,
    browser,
    requested,
    async open(o = {}) {
      const ctx = await browser.newContext({ viewport: { width: o.width ?? 1100, height: 900 }, deviceScaleFactor: 1 });
      contexts.push(ctx);
      const p = await ctx.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      (p as Page & { errors: string[] }).errors = errors;
      const delay = o.fontDelayMs;
      if (delay !== undefined) {
        await p.route('**/*.woff2', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, delay));
          await route.continue();
        });
      }
      await p.goto(`${origin}/page?theme=${o.theme ?? 'light'}&lang=${o.lang ?? 'en'}&kind=${o.kind ?? 'webview'}`);
      if ((o.kind ?? 'webview') === 'notebook') await p.waitForFunction(() => (window as unknown as { __notebookReady?: boolean }).__notebookReady === true);
      else await p.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      return p;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function pageErrors(p: Page): string[] {
  return (p as Page & { errors: string[] }).errors;
}

/** Posts a payload as the extension does and waits until the report has rendered (or refused it). */
export async function show(p: Page, payload: unknown): Promise<string> {
  await p.evaluate((pl) => {
    document.getElementById('root')!.removeAttribute('data-state');
    window.postMessage({ type: 'report', payload: pl }, '*');
  }, payload);
  await p.waitForFunction(() => {
    const s = document.getElementById('root')?.getAttribute('data-state');
    return s === 'rendered' || s === 'error';
  }, undefined, { timeout: 20_000 });
  return (await p.getAttribute('#root', 'data-state')) ?? '';
}

/** Renders through the notebook renderer entry (activate → renderOutputItem). */
export async function showInNotebook(p: Page, payload: unknown): Promise<string> {
  // A source string, not a closure: the test runner's transpiler would wrap closures in helpers
  // (__name) that do not exist in the page.
  await p.evaluate(`(async () => {
    const pl = ${JSON.stringify(payload)};
    const el = document.getElementById('root');
    el.removeAttribute('data-state');
    await window.__renderer.renderOutputItem({ id: '1', mime: 'application/vnd.loss-lens+json', metadata: {}, json: () => pl, text: () => JSON.stringify(pl), blob: () => new Blob([]), data: () => new Uint8Array() }, el);
  })()`);
  await p.waitForFunction(() => {
    const s = document.getElementById('root')?.getAttribute('data-state');
    return s === 'rendered' || s === 'error';
  }, undefined, { timeout: 20_000 });
  return (await p.getAttribute('#root', 'data-state')) ?? '';
}

export async function violations(p: Page): Promise<{ directive: string; blocked: string; sample: string; source: string }[]> {
  return p.evaluate(() => (window as unknown as { __violations: never[] }).__violations);
}

export async function posted(p: Page): Promise<Record<string, unknown>[]> {
  return p.evaluate(() => (window as unknown as { __posted: Record<string, unknown>[] }).__posted);
}

export const ARTIFACTS = join(ROOT, 'artifacts', 'renderer');
