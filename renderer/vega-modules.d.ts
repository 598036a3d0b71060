// The Vega packages the slim runtime (vega-runtime.ts) imports directly ship no type declarations;
// their types are those of the 'vega' package, which re-exports them.
declare module 'vega-dataflow' {
  export const transforms: Record<string, unknown>;
  export const changeset: typeof import('vega').changeset;
}
declare module 'vega-transforms';
declare module 'vega-view-transforms';
declare module 'vega-encode';
declare module 'vega-view' {
  export const View: typeof import('vega').View;
}
declare module 'vega-parser' {
  export const parse: typeof import('vega').parse;
}
declare module 'vega-scale' {
  export const scheme: typeof import('vega').scheme;
}
