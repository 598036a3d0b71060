// Installs code-server 4.100.3 into .code-server/ (git-ignored) once, and reuses it afterwards.
// The offline steps are those measured in shared/notes/real-vscode.md: the kerberos addon needs
// gssapi headers, the postinstalls refuse to run as root without unsafe_perm and ask before npx,
// and @vscode/ripgrep would download rg from GitHub unless its cache already holds a tarball.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const INSTALL_DIR = join(ROOT, '.code-server');
const HERE = import.meta.dirname;
const VERSION = JSON.parse(readFileSync(join(HERE, 'package.json'), 'utf8')).dependencies['code-server'];
// @vscode/ripgrep's version pinned by code-server 4.100.3, and the asset its postinstall looks for.
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function codeServerEntry() {
  return join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function installedVersion() {
  try {
    return JSON.parse(readFileSync(join(INSTALL_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status ?? r.signal}`);
}

function hasDebPackage(name) {
  return spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0;
}

function ensureAptPackages() {
  const missing = ['libkrb5-dev', 'ripgrep'].filter((p) => !hasDebPackage(p));
  if (missing.length === 0) return;
  console.log(`code-server needs ${missing.join(', ')}: installing with apt-get`);
  const asRoot = process.getuid?.() === 0;
  const apt = (...args) => (asRoot ? run('apt-get', args, { env }) : run('sudo', ['-E', 'apt-get', ...args], { env }));
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  apt('update', '-qq');
  apt('install', '-y', '-qq', ...missing);
}

/** A tarball holding Debian's rg as `rg`, where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrepCache(tmp) {
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  mkdirSync(cache, { recursive: true });
  const stage = join(tmp, 'rg-stage');
  mkdirSync(stage, { recursive: true });
  copyFileSync('/usr/bin/rg', join(stage, 'rg'));
  run('tar', ['-czf', join(cache, RIPGREP_ASSET), '-C', stage, 'rg']);
}

/** Returns the path of code-server's entry script, installing it first when needed. */
export function ensureCodeServer({ quiet = false } = {}) {
  if (installedVersion() === VERSION && existsSync(codeServerEntry())) return codeServerEntry();
  const t0 = Date.now();
  console.log(`installing code-server ${VERSION} into ${INSTALL_DIR} (once; about a minute)`);
  ensureAptPackages();
  mkdirSync(INSTALL_DIR, { recursive: true });
  copyFileSync(join(HERE, 'package.json'), join(INSTALL_DIR, 'package.json'));
  const lock = join(HERE, 'package-lock.json');
  const haveLock = existsSync(lock);
  if (haveLock) copyFileSync(lock, join(INSTALL_DIR, 'package-lock.json'));
  const tmp = mkdtempSync(join(tmpdir(), 'loss-lens-cs-install-'));
  try {
    seedRipgrepCache(tmp);
    const env = {
      ...process.env,
      TMPDIR: tmp,
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    };
    run('npm', [haveLock ? 'ci' : 'install', '--no-fund', '--no-audit', ...(quiet ? ['--loglevel=error'] : [])], { cwd: INSTALL_DIR, env });
    if (!haveLock) copyFileSync(join(INSTALL_DIR, 'package-lock.json'), lock);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (installedVersion() !== VERSION) throw new Error(`code-server ${VERSION} did not install into ${INSTALL_DIR}`);
  writeFileSync(join(INSTALL_DIR, '.installed'), `${VERSION} ${new Date().toISOString()} ${Date.now() - t0} ms\n`);
  console.log(`code-server ${VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return codeServerEntry();
}

if (process.argv[1] && dirname(process.argv[1]) === HERE && process.argv[1].endsWith('install.mjs')) {
  console.log(ensureCodeServer());
}
