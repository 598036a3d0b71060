/**
 * Writes snippets/python.json, the one file VS Code and the Insert Loss Snippet command read, from
 * the readable Python sources in test/snippets/src/ (one snippet per file, in VS Code snippet
 * syntax: `${1:0.25}` tab stops, `${3|mean,sum,none|}` choices). Run after editing a source:
 *
 *   node --import tsx test/snippets/gen_snippets.ts
 *
 * validity.test.ts checks that the committed JSON is exactly what this produces, so the two cannot
 * drift. Each source starts with `# name:`, `# prefix:` and `# description:` header lines; the
 * description is the snippet's convention (what α weights, what mean divides by, logits or
 * probabilities), and the first line of the function's docstring is its formula.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOSSES } from '../../core/registry.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const SOURCES = join(ROOT, 'test', 'snippets', 'src');
export const SNIPPET_FILE = join(ROOT, 'snippets', 'python.json');

export interface GeneratedSnippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: string[];
}

const HEADER = /^# (name|prefix|description): (.+)$/;

export function buildSnippets(): Record<string, GeneratedSnippet> {
  const out: Record<string, GeneratedSnippet> = {};
  for (const file of readdirSync(SOURCES).filter((f) => f.endsWith('.py')).sort()) {
    const lines = readFileSync(join(SOURCES, file), 'utf8').split('\n');
    const header: Record<string, string> = {};
    let i = 0;
    for (; i < lines.length; i++) {
      const m = HEADER.exec(lines[i]);
      if (!m) break;
      header[m[1]] = m[2];
    }
    for (const key of ['name', 'prefix', 'description']) if (!header[key]) throw new Error(`${file}: missing "# ${key}:" header line`);
    if (header.name in out) throw new Error(`${file}: snippet name "${header.name}" used twice`);
    const body = lines.slice(i);
    while (body.length && body[body.length - 1].trim() === '') body.pop();
    out[header.name] = {
      prefix: header.prefix,
      description: header.description,
      // A leading tab per level lets VS Code re-indent with the user's own indentation setting.
      body: body.map((l) => l.replace(/^((?: {4})+)/, (s) => '\t'.repeat(s.length / 4)).replace('@LOSS_IDS@', LOSSES.map((x) => x.id).join(','))),
    };
  }
  return out;
}

export function renderSnippetFile(): string {
  return `${JSON.stringify(buildSnippets(), null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(SNIPPET_FILE, renderSnippetFile());
  console.log(`wrote ${SNIPPET_FILE}`);
}
