#!/usr/bin/env node
// `npm start`: builds, installs code-server into .code-server/ if it is not there yet, installs the
// freshly packaged extension into a throwaway profile, opens examples/ and prints the URL.
// Ctrl+C stops everything it started (code-server runs in its own process group).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startCodeServer } from './code-server/server.mjs';
import { packageExtension } from './package.mjs';

const ROOT = join(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? process.argv[2] ?? 8080);

const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: ROOT });
if (b.status !== 0) process.exit(b.status ?? 1);
const vsix = packageExtension({ quiet: true });
console.log(`packaged ${vsix}`);
const server = await startCodeServer({ folder: join(ROOT, 'examples'), port, vsix });
const url = `${server.url}/?folder=${encodeURIComponent(join(ROOT, 'examples'))}`;
console.log(`\nLoss Lens in code-server: ${url}\n(Ctrl+C stops it)`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server');
  await server.stopAndWait();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  if (!stopping) {
    console.error(`code-server exited (${code})`);
    process.exit(1);
  }
});
