#!/usr/bin/env node
// Packages the built extension into dist/loss-lens.vsix with @vscode/vsce (works offline). The
// bundles are self-contained, so no dependencies go into the package (.vscodeignore keeps it small).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const VSIX = join(import.meta.dirname, '..', 'dist', 'loss-lens.vsix');

export function packageExtension({ quiet = false } = {}) {
  const vsce = join(import.meta.dirname, '..', 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', VSIX],
    { cwd: join(import.meta.dirname, '..'), stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  return VSIX;
}

if (process.argv[1] === import.meta.filename) {
  const b = spawnSync(process.execPath, [join(import.meta.dirname, 'build.mjs')], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
  console.log(packageExtension());
}
