// The renderer's bundles in dist/renderer/:
//   notebook.js  ESM entry of the notebook renderer (activate), tiny: the UI, the core, KaTeX and Vega
//                are chunks loaded by import() on the first output shown;
//   webview.js   classic-script entry of the webview panel (loaded with a nonce; no static imports, so
//                it runs as a classic script; its import() chunks inherit the nonce);
//   chunks/      the lazy chunks (ui + core, katex, vega + vega-interpreter);
//   webview.css  the UI's styles (both hosts); katex/ KaTeX's CSS and its woff2 fonts as files (a
//                webview's font-src blocks data: fonts); icon.svg for the panel.
// Vega specs are written as Vega (renderer/specs.ts): nothing compiles Vega-Lite at run time and
// vega-lite is not bundled.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = 'dist/renderer';

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  splitting: true,
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
};

function copyKatex(out) {
  const src = 'node_modules/katex/dist';
  mkdirSync(join(out, 'katex', 'fonts'), { recursive: true });
  // Only woff2 ships (every engine VS Code runs on reads it); the CSS is cut to match.
  const css = readFileSync(join(src, 'katex.min.css'), 'utf8').replace(/,url\(fonts\/[^)]+\.(woff|ttf)\) format\("(woff|truetype)"\)/g, '');
  if (/\.(woff|ttf)\)/.test(css)) throw new Error('renderer build: katex.min.css still references woff/ttf fonts');
  writeFileSync(join(out, 'katex', 'katex.min.css'), css);
  for (const f of readdirSync(join(src, 'fonts'))) if (f.endsWith('.woff2')) copyFileSync(join(src, 'fonts', f), join(out, 'katex', 'fonts', f));
}

function checkClassic(file) {
  const code = readFileSync(file, 'utf8');
  if (/(^|[;}\s])(import\s*[{*\w]|export\s*[{*\w])/.test(code.replace(/import\(/g, ''))) {
    throw new Error(`renderer build: ${file} has a static import/export and cannot run as the panel's classic script`);
  }
}

/**
 * KaTeX gives the SVG of tall stacked delimiters (a `cases` brace around a \dfrac) a style attribute
 * duplicating its width attribute; under the panel's CSP (no inline styles) that is a style-src-attr
 * violation. The width attribute alone sizes the SVG the same, so the duplicate is dropped. The
 * build fails if KaTeX changes and the patch no longer applies.
 */
const katexCspPatch = {
  name: 'katex-csp',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/]katex[\\/]dist[\\/]katex\.mjs$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const needle = /\n\s*"style": "width:" \+ makeEm\(width\),/g;
      const n = (src.match(needle) ?? []).length;
      if (n !== 2) throw new Error(`renderer build: the KaTeX CSP patch expected 2 delimiter style attributes, found ${n}`);
      return { contents: src.replace(needle, ''), loader: 'js' };
    });
  },
};

export async function build() {
  // Built beside the output and swapped in at the end: other builds and test runs share dist/, and
  // a page loading while dist/renderer is half-written would miss its files.
  const tmp = `dist/.renderer-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // Two passes: the notebook entry is an ES module; the webview entry must stay a classic script,
  // which a shared chunk with static imports would break.
  const nb = await esbuild.build({ ...common, plugins: [katexCspPatch], entryPoints: { notebook: 'renderer/notebook.ts' }, outdir: tmp });
  const wv = await esbuild.build({ ...common, plugins: [katexCspPatch], entryPoints: { webview: 'renderer/webview.ts' }, outdir: tmp });
  checkClassic(join(tmp, 'webview.js'));
  copyFileSync('renderer/styles.css', join(tmp, 'webview.css'));
  copyFileSync('renderer/icon.svg', join(tmp, 'icon.svg'));
  copyKatex(tmp);
  const rel = (m) => ({ ...m, outputs: Object.fromEntries(Object.entries(m.outputs).map(([k, v]) => [k.replace(tmp, OUT), v])) });
  writeFileSync('dist/renderer-meta.json', JSON.stringify({ notebook: rel(nb.metafile), webview: rel(wv.metafile) }));
  rmSync(OUT, { recursive: true, force: true });
  renameSync(tmp, OUT);
  return sizes();
}

/** Sizes of what ships, raw and gzip, by role: entries, the lazy chunks (by what they hold), assets. */
export function sizes() {
  const rows = [];
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css)$/.test(f)) {
        const buf = readFileSync(p);
        rows.push({ file: p.slice(OUT.length + 1), bytes: buf.length, gzip: gzipSync(buf).length });
      }
    }
  };
  walk(OUT);
  const meta = JSON.parse(readFileSync('dist/renderer-meta.json', 'utf8'));
  const holds = {};
  for (const m of [meta.notebook, meta.webview]) {
    for (const [out, info] of Object.entries(m.outputs)) {
      const ins = Object.keys(info.inputs);
      const tag = ins.some((i) => i.includes('node_modules/katex')) ? 'katex'
        : ins.some((i) => i.includes('node_modules/vega')) ? 'vega'
        : ins.some((i) => i.includes('renderer/ui.ts') || i.includes('core/registry.ts')) ? 'ui+core' : 'other';
      holds[out.slice(OUT.length + 1)] = tag;
    }
  }
  for (const r of rows) r.holds = r.file === 'notebook.js' || r.file === 'webview.js' ? 'entry' : holds[r.file] ?? 'asset';
  return rows;
}
