// The `loss-lens` command line: one Node bundle with a shebang (package.json "bin").
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

export async function build() {
  await esbuild.build({
    entryPoints: ['core/cli.ts'],
    outfile: 'dist/cli.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  chmodSync('dist/cli.js', 0o755);
}
