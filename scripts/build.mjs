#!/usr/bin/env node
// Builds every bundle into dist/. Each part of the product has its own build module in
// scripts/build/ (cli, extension, renderer, ...), exporting `build()`; this runs them all.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = join(import.meta.dirname, 'build');
const parts = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
const only = process.argv.slice(2);
for (const p of parts) {
  const name = p.replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  const t0 = Date.now();
  const mod = await import(pathToFileURL(join(dir, p)).href);
  await mod.build();
  console.log(`built ${name} in ${Date.now() - t0} ms`);
}
