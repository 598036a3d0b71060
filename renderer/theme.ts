/**
 * Chart colours and fonts from VS Code's theme variables (--vscode-*, --vscode-charts-*), read at
 * draw time, so a chart follows light, dark and high-contrast themes; fallbacks for pages without them.
 */
export interface ChartTheme {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly background: string;
  readonly font: string;
  readonly fontSize: number;
  /** Series colours, most distinct first. */
  readonly palette: readonly string[];
  readonly accent: string;
  readonly points: string;
  readonly highContrast: boolean;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function readTheme(el: Element = document.body): ChartTheme {
  const s = getComputedStyle(el);
  const body = document.body;
  const hc = body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
  const dark = body.classList.contains('vscode-dark') || (body.classList.contains('vscode-high-contrast') && !body.classList.contains('vscode-high-contrast-light'));
  const fg = cssVar(s, '--vscode-charts-foreground', cssVar(s, '--vscode-foreground', dark ? '#cccccc' : '#333333'));
  const palette = [
    cssVar(s, '--vscode-charts-blue', '#3794ff'),
    cssVar(s, '--vscode-charts-orange', '#d18616'),
    cssVar(s, '--vscode-charts-green', '#388a34'),
    cssVar(s, '--vscode-charts-purple', '#652d90'),
    cssVar(s, '--vscode-charts-red', '#e51400'),
    cssVar(s, '--vscode-charts-yellow', '#bf8803'),
  ];
  return {
    foreground: fg,
    muted: cssVar(s, '--vscode-descriptionForeground', fg),
    grid: cssVar(s, '--vscode-charts-lines', hc ? fg : 'rgba(128,128,128,0.35)'),
    background: cssVar(s, '--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    font: cssVar(s, '--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: parseFloat(cssVar(s, '--vscode-font-size', '13')) || 13,
    palette,
    accent: cssVar(s, '--vscode-charts-red', '#e51400'),
    points: cssVar(s, '--vscode-charts-yellow', '#bf8803'),
    highContrast: hc,
  };
}

/** Vega config for the theme (merged into each spec: a spec's own config overrides parse's). */
export function vegaConfig(th: ChartTheme): Record<string, unknown> {
  const axis = {
    domainColor: th.grid,
    gridColor: th.grid,
    gridOpacity: th.highContrast ? 0.6 : 1,
    tickColor: th.grid,
    labelColor: th.foreground,
    titleColor: th.foreground,
    labelFont: th.font,
    titleFont: th.font,
    labelFontSize: th.fontSize - 2,
    titleFontSize: th.fontSize - 1,
    titleFontWeight: 'normal',
  };
  return {
    background: 'transparent',
    axis,
    legend: { labelColor: th.foreground, titleColor: th.foreground, labelFont: th.font, titleFont: th.font, labelFontSize: th.fontSize - 2, titleFontSize: th.fontSize - 1 },
    title: { color: th.foreground, font: th.font, fontSize: th.fontSize, fontWeight: 600 },
    text: { fill: th.foreground, font: th.font },
  };
}
