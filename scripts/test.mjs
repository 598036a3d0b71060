#!/usr/bin/env node
// Runs every test of the project with Node's test runner: `npm test` (all levels) or
// `npm test -- core golden` (some). Levels are the folders of test/. The renderer and e2e levels
// need the built extension, so the build runs first.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LEVELS = ['static', 'core', 'golden', 'parse', 'snippets', 'renderer', 'extension', 'e2e'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const levels = asked.length ? asked : LEVELS;
for (const l of levels) {
  if (!LEVELS.includes(l)) {
    console.error(`unknown test level "${l}"; levels: ${LEVELS.join(', ')}`);
    process.exit(2);
  }
}

function files(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const needsBuild = levels.some((l) => ['renderer', 'extension', 'e2e', 'snippets'].includes(l));
if (needsBuild) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const list = levels.flatMap((l) => files(join('test', l)));
if (list.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Browser and VS Code levels each start heavy processes: one file at a time keeps a 2-core CI
// machine responsive; the pure levels are fast either way.
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...list], { stdio: 'inherit' });
process.exit(r.status ?? 1);
