// The extension's bundles: dist/extension.js for the Node extension host (desktop and code-server),
// dist/web/extension.js for the web worker host of web VS Code, and the extension-host test suite
// dist/test/suite/index.js (run through extensionTestsPath). The core is bundled in; `vscode` is
// provided by the host, and mocha stays a runtime require of the suite (it is never shipped).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

export async function build() {
  // Until the parser and the snippets command land (other work in progress), the extension cannot
  // bundle; the other parts of the build must not fail because of it.
  const pending = ['core/parse/index.ts', 'core/parse/roles.ts'].filter((f) => !existsSync(f));
  if (pending.length) {
    console.warn(`extension: not bundled yet, waiting for ${pending.join(', ')}`);
    return;
  }
  const common = {
    bundle: true,
    sourcemap: true,
    minify: true,
    keepNames: true,
    logLevel: 'warning',
    external: ['vscode'],
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  // Node: activation code and the commands in two files, so activating parses only the first.
  const commandsApart = {
    name: 'commands-apart',
    setup(b) {
      b.onResolve({ filter: /^\.\/commands\.js$/ }, (args) => (args.importer.endsWith('extension.ts') ? { path: './commands.js', external: true } : undefined));
    },
  };
  const builds = [
    esbuild.build({ ...common, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [commandsApart] }),
    esbuild.build({ ...common, entryPoints: ['extension/commands.ts'], outfile: 'dist/commands.js', platform: 'node', format: 'cjs', target: 'node20' }),
    esbuild.build({
      ...common,
      entryPoints: ['extension/extension.ts'],
      outfile: 'dist/web/extension.js',
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      mainFields: ['browser', 'module', 'main'],
    }),
  ];
  if (existsSync('test/extension/suite/index.ts')) {
    builds.push(esbuild.build({
      ...common,
      minify: false,
      entryPoints: { index: 'test/extension/suite/index.ts', all: 'test/extension/suite/all.ts' },
      outdir: 'dist/test/suite',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    }));
    builds.push(esbuild.build({
      ...common,
      minify: false,
      entryPoints: ['test/extension/benchHost.ts'],
      outfile: 'dist/test/bench/index.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    }));
  }
  await Promise.all(builds);
}
