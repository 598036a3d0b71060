/**
 * Vega, loaded on first use (its own chunk). Without 'unsafe-eval' Vega's expression compiler throws,
 * so specs are parsed with `ast: true` and views evaluate them with vega-interpreter.
 */
import type { VegaSpec } from './specs.js';

type VegaModule = typeof import('./vega-runtime.js');
export type VegaView = import('vega').View;

let vegaPromise: Promise<{ vega: VegaModule; interpreter: unknown }> | null = null;

export function loadVega(): Promise<{ vega: VegaModule; interpreter: unknown }> {
  vegaPromise ??= Promise.all([import('./vega-runtime.js'), import('vega-interpreter')]).then(([vega, interp]) => ({ vega, interpreter: interp.expressionInterpreter }));
  return vegaPromise;
}

/** Parses and draws a spec into `el`; resolves when the first frame is drawn. */
export async function drawSpec(spec: VegaSpec, el: HTMLElement, renderer: 'svg' | 'canvas' = 'svg'): Promise<VegaView> {
  const { vega, interpreter } = await loadVega();
  const runtime = vega.parse(spec as never, undefined, { ast: true });
  const view = new vega.View(runtime, { expr: interpreter as never, renderer, container: el, hover: false });
  await view.runAsync();
  return view;
}
