/**
 * What the Insert Loss Snippet quick pick lists: every snippet of snippets/python.json, described
 * by its loss id, framework, formula (the first line of its docstring) and convention (its VS Code
 * description). No `vscode` import, so node tests read the very catalogue the quick pick shows.
 *
 * It also holds a parser for VS Code's snippet syntax (tab stops, placeholders, choices, escapes),
 * so tests can fill every tab stop with its default and run exactly the text a user would get.
 */

/** One entry of a VS Code snippet file, as VS Code reads it. */
export interface SnippetFileEntry {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description?: string;
}

export type SnippetFile = Readonly<Record<string, SnippetFileEntry>>;

export type SnippetFramework = 'pytorch' | 'numpy' | 'notebook';

export interface SnippetEntry {
  /** The key in the snippet file, e.g. `soft_dice (PyTorch)`. */
  readonly name: string;
  readonly prefix: string;
  /** The loss id the snippet computes (its function is named after it), or null (loss-lens-display). */
  readonly loss: string | null;
  readonly framework: SnippetFramework;
  /** The function the snippet defines for the loss: the id, with `_np` for NumPy versions. */
  readonly functionName: string | null;
  /** The formula (first line of the docstring), e.g. `l = ln cosh(f − y), dl/df = tanh(f − y).` */
  readonly formula: string;
  /** What the numbers mean: what α weights, what mean divides by, logits or probabilities. */
  readonly convention: string;
  /** The body in snippet syntax, lines joined by newlines (what editor.insertSnippet takes). */
  readonly body: string;
}

const NAME = /^([a-z][a-z0-9_]*) \((PyTorch|NumPy)\)$/;

export function snippetBody(entry: SnippetFileEntry): string {
  return typeof entry.body === 'string' ? entry.body : entry.body.join('\n');
}

/** The first line of the docstring of `fn` (or of the first docstring): the formula the snippet computes. */
function docstringHead(text: string, fn: string | null): string {
  const at = fn === null ? 0 : text.search(new RegExp(`^def ${fn}\\(`, 'm'));
  const m = /"""(.*)/.exec(text.slice(Math.max(at, 0)));
  return m ? m[1].replace(/"""\s*$/, '').trim() : '';
}

export function catalogFrom(file: SnippetFile): SnippetEntry[] {
  return Object.entries(file).map(([name, entry]) => {
    const body = snippetBody(entry);
    const m = NAME.exec(name);
    const framework: SnippetFramework = m ? (m[2] === 'PyTorch' ? 'pytorch' : 'numpy') : 'notebook';
    const loss = m ? m[1] : null;
    const functionName = loss === null ? null : framework === 'numpy' ? `${loss}_np` : loss;
    return {
      name,
      prefix: typeof entry.prefix === 'string' ? entry.prefix : entry.prefix[0],
      loss,
      framework,
      functionName,
      formula: docstringHead(fillDefaults(parseSnippet(body)), functionName),
      convention: entry.description ?? '',
      body,
    };
  });
}

/** The snippet to preselect for a loss: its PyTorch version, else any snippet of that loss. */
export function snippetForLoss(catalog: readonly SnippetEntry[], loss: string): SnippetEntry | undefined {
  return catalog.find((e) => e.loss === loss && e.framework === 'pytorch') ?? catalog.find((e) => e.loss === loss);
}

/** The quick pick's groups, in order: PyTorch (value and gradient), NumPy (value only), notebook. */
export function pickGroups(catalog: readonly SnippetEntry[]): { framework: SnippetFramework; entries: SnippetEntry[] }[] {
  return (['pytorch', 'numpy', 'notebook'] as const)
    .map((framework) => ({ framework, entries: catalog.filter((e) => e.framework === framework) }))
    .filter((g) => g.entries.length > 0);
}

// ---- VS Code snippet syntax -------------------------------------------------------------------

export type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly placeholder: readonly SnippetNode[] }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] };

export class SnippetSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'SnippetSyntaxError';
  }
}

/**
 * Parses a snippet body as VS Code does: `\` escapes `$`, `}` and `\`; `$1`, `${1}`,
 * `${1:placeholder}` (nestable) and `${1|a,b|}` are tab stops; any other `$` is text. Variables
 * (`$TM_FILENAME`, `${name:...}`) are refused: in a Python snippet they are a forgotten escape.
 */
export function parseSnippet(body: string): SnippetNode[] {
  let i = 0;
  function parseSeq(inPlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < body.length) {
      const ch = body[i];
      if (ch === '\\') {
        const next = body[i + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          i += 2;
        } else {
          text += ch;
          i++;
        }
        continue;
      }
      if (ch === '}' && inPlaceholder) {
        flush();
        return nodes;
      }
      if (ch === '$') {
        const rest = body.slice(i + 1);
        const simple = /^\d+/.exec(rest);
        if (simple) {
          flush();
          nodes.push({ kind: 'tabstop', index: Number(simple[0]), placeholder: [] });
          i += 1 + simple[0].length;
          continue;
        }
        if (/^[A-Za-z_]/.test(rest)) throw new SnippetSyntaxError(`"$${/^\w+/.exec(rest)![0]}" is a snippet variable; write \\$ for a literal dollar sign`, i);
        if (rest.startsWith('{')) {
          const head = /^\{(\d+)([:|}])/.exec(rest);
          if (!head) throw new SnippetSyntaxError('"${" must start a tab stop such as ${1:default} or ${1|a,b|}', i);
          flush();
          const index = Number(head[1]);
          i += 1 + head[0].length;
          if (head[2] === '}') {
            nodes.push({ kind: 'tabstop', index, placeholder: [] });
          } else if (head[2] === ':') {
            const start = i;
            const placeholder = parseSeq(true);
            if (body[i] !== '}') throw new SnippetSyntaxError(`tab stop $${index} is not closed with "}"`, start);
            i++;
            nodes.push({ kind: 'tabstop', index, placeholder });
          } else {
            const options: string[] = [];
            let option = '';
            let closed = false;
            while (i < body.length) {
              const c = body[i];
              if (c === '\\' && (body[i + 1] === ',' || body[i + 1] === '|' || body[i + 1] === '\\')) {
                option += body[i + 1];
                i += 2;
              } else if (c === ',') {
                options.push(option);
                option = '';
                i++;
              } else if (c === '|' && body[i + 1] === '}') {
                options.push(option);
                i += 2;
                closed = true;
                break;
              } else {
                option += c;
                i++;
              }
            }
            if (!closed) throw new SnippetSyntaxError(`choice $${index} is not closed with "|}"`, i);
            if (options.some((o) => o === '')) throw new SnippetSyntaxError(`choice $${index} has an empty option`, i);
            nodes.push({ kind: 'choice', index, options });
          }
          continue;
        }
      }
      text += ch;
      i++;
    }
    if (inPlaceholder) throw new SnippetSyntaxError('a placeholder is not closed with "}"', i);
    flush();
    return nodes;
  }
  return parseSeq(false);
}

/** The text a user gets by accepting every default: placeholders' text, each choice's first option. */
export function fillDefaults(nodes: readonly SnippetNode[]): string {
  return nodes
    .map((n) => (n.kind === 'text' ? n.value : n.kind === 'choice' ? n.options[0] : fillDefaults(n.placeholder)))
    .join('');
}

/** Every tab stop in order of appearance (nested ones after their parent), with its default text. */
export function tabStops(nodes: readonly SnippetNode[]): { index: number; defaultText: string; choices: readonly string[] | null }[] {
  const out: { index: number; defaultText: string; choices: readonly string[] | null }[] = [];
  for (const n of nodes) {
    if (n.kind === 'choice') out.push({ index: n.index, defaultText: n.options[0], choices: n.options });
    else if (n.kind === 'tabstop') {
      out.push({ index: n.index, defaultText: fillDefaults(n.placeholder), choices: null });
      out.push(...tabStops(n.placeholder));
    }
  }
  return out;
}
