/**
 * TeX through KaTeX, loaded on first use (its own chunk). Only TeX the core produced reaches here;
 * `katex.render` builds DOM nodes (no innerHTML, so no inline-style CSP violations), with trust off
 * and bounded sizes and macro expansion so even a hostile formula cannot run away.
 */
type Katex = typeof import('katex').default;

let katexPromise: Promise<Katex> | null = null;
let katexLoaded: Katex | null = null;

export function loadKatex(): Promise<Katex> {
  katexPromise ??= import('katex').then((m) => (katexLoaded = m.default));
  return katexPromise;
}

/** KaTeX if already loaded, so formulas can be typeset before the first paint instead of after. */
export function katexNow(): Katex | null {
  return katexLoaded;
}

export const KATEX_OPTIONS = { throwOnError: true, trust: false, maxSize: 10, maxExpand: 200, strict: 'ignore' as const, output: 'htmlAndMathml' as const };

/** Renders `tex` into `el`; on a parse error the TeX is shown as text with the error, flagged. */
export function renderTex(katex: Katex, el: HTMLElement, tex: string, display = false): void {
  try {
    katex.render(tex, el, { ...KATEX_OPTIONS, displayMode: display });
  } catch (e) {
    el.textContent = tex;
    el.classList.add('ll-tex-error');
    el.title = e instanceof Error ? e.message : String(e);
  }
}
