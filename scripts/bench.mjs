#!/usr/bin/env node
// `npm run bench [-- NAME ...]`: runs every bench/*.bench.ts (or those named), each exporting
// `run()`, in its own Node process with --expose-gc so memory figures are measured from a clean heap.
// The extension and renderer benchmarks need the built bundles, so the build runs first.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const benches = readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, '')));
const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
let failed = 0;
for (const f of benches) {
  console.log(`\n== bench/${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--max-old-space-size=8192', '-e', `import('./bench/${f}').then((m) => (m.run ?? m.default.run)()).catch((e) => { console.error(e); process.exit(1); })`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
