/**
 * KaTeX's fonts, asked for early and waited for before a report says it is rendered.
 *
 * Why: KaTeX's @font-face rules say `font-display: block`, so text set in a face that is still
 * loading is invisible (for up to 3 s), and a face only starts loading when laid-out text needs it,
 * that is after the first report is drawn. In code-server's webview the fetch took long enough
 * that the end-to-end screenshot of the first report showed the formula card empty (fraction bars
 * without glyphs) while the report already said `data-state="rendered"`.
 */

/** The faces nearly every formula uses: text and digits, italic variables, big delimiters. */
const MATH_FONTS = [
  '1em KaTeX_Main',
  'italic 1em KaTeX_Math',
  'bold 1em KaTeX_Main',
  '1em KaTeX_AMS',
  '1em KaTeX_Size1',
  '1em KaTeX_Size2',
  '1em KaTeX_Size3',
  '1em KaTeX_Size4',
];

/**
 * Starts loading the faces above, so their fetch overlaps the KaTeX chunk's and the computation.
 * Needs katex.min.css applied (its @font-face rules are what `fonts.load` matches).
 */
export function preloadMathFonts(): void {
  if (document.fonts === undefined) return;
  // A face that fails to load is reported by the report itself (glyphs missing), not here.
  for (const f of MATH_FONTS) document.fonts.load(f).catch(() => undefined);
}

/** Resolves once no face that the text under `root` needs is still loading. */
export async function mathFontsSettled(root: HTMLElement): Promise<void> {
  const doc = root.ownerDocument;
  if (doc.fonts === undefined) return;
  // Layout now, so that the faces the new formulas need have started loading before we wait.
  void root.offsetHeight;
  await doc.fonts.ready;
}
