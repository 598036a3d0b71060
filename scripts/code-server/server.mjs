// Runs code-server for npm start and the tests: in its own process group (killing only the main
// PID would leave the extension host running), with HOME, XDG_* and TMPDIR in a throwaway folder
// so it writes nothing into ~ or /tmp, on 127.0.0.1 with no auth, telemetry or update checks.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer } from './install.mjs';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function sandbox(base) {
  const dirs = {
    base,
    home: join(base, 'home'),
    tmp: join(base, 'tmp'),
    config: join(base, 'config'),
    data: join(base, 'data'),
    userData: join(base, 'user-data'),
    extensions: join(base, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return dirs;
}

function sandboxEnv(dirs) {
  const env = { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: join(dirs.base, 'cache') };
  // A VS Code launched from a VS Code terminal would otherwise inherit its IPC hooks.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];
  return env;
}

/**
 * Starts code-server on `folder`. Options: port (default: a free one), vsix (installed first into
 * the sandbox's extensions dir), settings (written to the user settings), log (stdio of the server,
 * default ignored), keep (leave the sandbox folder after stop), locale (the display language, e.g.
 * "zh-cn": what vscode.env.language answers in the extension host).
 */
export async function startCodeServer({ folder, port, vsix, settings = {}, log = 'ignore', keep = false, base, locale } = {}) {
  const entry = ensureCodeServer();
  const dirs = sandbox(base ?? mkdtempSync(join(tmpdir(), 'loss-lens-cs-')));
  const env = sandboxEnv(dirs);
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'notebook.output.textLineLimit': 60,
    // examples/ lives inside this repository: without this every start asks to open the parent repo.
    'git.openRepositoryInParentFolders': 'never',
    ...settings,
  }, null, 2), { flag: 'w' });
  if (locale && !locale.startsWith('en')) emptyLanguagePack(dirs, locale);
  if (vsix) {
    const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }
  const p = port ?? (await freePort());
  const args = [entry, '--bind-addr', `127.0.0.1:${p}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', ...common];
  if (locale) args.push('--locale', locale);
  if (folder) args.push(folder);
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${p}`;
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch { /* already gone */ }
    // The extension host sometimes ignores SIGTERM: make sure the whole group is gone.
    setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 1500).unref();
    if (!keep) setTimeout(() => rmSync(dirs.base, { recursive: true, force: true }), 1700).unref();
  };
  const stopAndWait = async () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    for (let i = 0; i < 30 && groupAlive(child.pid); i++) await sleep(100);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    if (!keep) rmSync(dirs.base, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited before answering on ${url}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { stop(); throw new Error(`code-server did not answer on ${url}/healthz within 30 s`); }
    await sleep(200);
  }
  return { url, port: p, pid: child.pid, dirs, stop, stopAndWait, child };
}

/**
 * VS Code answers vscode.env.language = locale only for a language it has a language pack for, and
 * none ships with code-server or can be downloaded here. Its server looks the pack up in
 * languagepacks.json of the user-data dir and takes English for every message a pack lacks, so an
 * empty pack switches the extension host (and the manifest's package.nls.<locale>.json) to `locale`
 * while VS Code's own strings stay English.
 */
function emptyLanguagePack(dirs, locale) {
  const translations = join(dirs.base, `${locale}.i18n.json`);
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(join(dirs.userData, 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: `empty-${locale}`, extensions: [{ extensionIdentifier: { id: `loss-lens-test.empty-${locale}` }, version: '0.0.0' }], translations: { vscode: translations }, label: locale },
  }));
}

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** The workbench URL that runs an extension in development mode, optionally with its test suite. */
export function devUrl({ url, port }, { folder, extensionPath, testsPath }) {
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extensionPath}`]];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${testsPath}`]);
  const q = new URLSearchParams();
  if (folder) q.set('folder', folder);
  q.set('payload', JSON.stringify(payload));
  return `${url}/?${q.toString()}`;
}
