/**
 * The snippets as a user gets them (every tab stop at its default, tabs as 4 spaces, VS Code's
 * default indentation), and one call of the Python harness per batch.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogFrom, fillDefaults, parseSnippet, type SnippetEntry, type SnippetFile } from '../../extension/snippetCatalog.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SNIPPET_PATH = join(ROOT, 'snippets', 'python.json');
export const PYTHON = '/usr/bin/python3';

export function readSnippetFile(): SnippetFile {
  return JSON.parse(readFileSync(SNIPPET_PATH, 'utf8')) as SnippetFile;
}

export function readCatalog(): SnippetEntry[] {
  return catalogFrom(readSnippetFile());
}

/** What inserting the snippet and pressing Tab through every stop leaves in a 4-space Python file. */
export function insertedText(entry: SnippetEntry): string {
  return fillDefaults(parseSnippet(entry.body)).replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length));
}

export function runHarness<T>(job: unknown): T {
  const r = spawnSync(PYTHON, [join(import.meta.dirname, 'harness.py')], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.error) throw new Error(`could not run ${PYTHON}: ${r.error.message} (.ci/run installs python3-torch and python3-numpy)`);
  if (r.status !== 0) throw new Error(`the harness exited with ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
