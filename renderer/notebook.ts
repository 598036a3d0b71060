/**
 * The notebook renderer entry (contributes.notebookRenderer, mime application/vnd.loss-lens+json).
 * Kept tiny: the notebook activates it for every Loss Lens output, so the report module (with the
 * core) and KaTeX and Vega load lazily, on the first output actually shown.
 */
import type { ActivationFunction, OutputItem, RendererContext } from 'vscode-notebook-renderer';
import type { WebviewMessage } from './messages.js';

let styled = false;

function addStyles(): void {
  if (styled) return;
  styled = true;
  for (const href of ['./katex/katex.min.css', './webview.css']) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(href, import.meta.url).href;
    // Its @font-face rules exist once it has loaded; start the fonts then, not at the first formula.
    // Through the UI chunk (which the first output loads anyway): a static import here would give
    // this entry's build a UI chunk of its own, different from the panel's, 260 KB twice.
    if (href.includes('katex')) link.addEventListener('load', () => void import('./ui.js').then((ui) => ui.preloadMathFonts()), { once: true });
    document.head.appendChild(link);
  }
}

function locale(): string {
  return document.documentElement.lang || navigator.language || 'en';
}

export const activate: ActivationFunction = (ctx: RendererContext<unknown>) => {
  addStyles();
  const post = (m: WebviewMessage): void => {
    ctx.postMessage?.(m);
  };
  return {
    async renderOutputItem(item: OutputItem, element: HTMLElement): Promise<void> {
      const ui = await import('./ui.js');
      let payload: unknown;
      try {
        payload = item.json();
      } catch (e) {
        payload = { __unparsable: e instanceof Error ? e.message : String(e) };
      }
      ui.mount(element, payload, ui.notebookHost(locale(), ctx.postMessage ? post : null));
    },
    disposeOutputItem(): void {
      // Views hold no timers or listeners outside their element, which the notebook removes.
    },
  };
};
