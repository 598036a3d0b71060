// Printers that write a nested array the way each library does (the layouts in samples/generated.json,
// printed by the real libraries), for the round-trip properties. Not a test file.
export type Nested = number | Nested[];

export interface Arr {
  shape: number[];
  data: number[];
}

export function nest(a: Arr): Nested {
  let k = 0;
  const build = (d: number): Nested => {
    if (d === a.shape.length) return a.data[k++]!;
    return Array.from({ length: a.shape[d]! }, () => build(d + 1));
  };
  return build(0);
}

/** Python/NumPy spelling of a number token already printed by JS. */
function py(tok: string): string {
  return tok === 'Infinity' ? 'inf' : tok === '-Infinity' ? '-inf' : tok === 'NaN' ? 'nan' : tok;
}

export function jsonText(a: Arr, tok: (v: number) => string): string {
  const walk = (x: Nested): string => (Array.isArray(x) ? `[${x.map(walk).join(', ')}]` : jsonTok(tok(x)));
  return walk(nest(a));
}

function jsonTok(t: string): string {
  return t === 'NaN' || t === 'Infinity' || t === '-Infinity' ? `"${t}"` : t;
}

/** A Python literal with the liberties Python allows: tuples, trailing commas, comments, line breaks. */
export function pythonText(a: Arr, tok: (v: number) => string, style: { tuples: boolean; trailing: boolean; comments: boolean; newlines: boolean }): string {
  const walk = (x: Nested, d: number): string => {
    if (!Array.isArray(x)) {
      const t = tok(x);
      return t === 'Infinity' ? "float('inf')" : t === '-Infinity' ? 'float("-inf")' : t === 'NaN' ? 'math.nan' : t;
    }
    const [o, c] = style.tuples && d % 2 === 1 ? ['(', ')'] : ['[', ']'];
    const sep = style.newlines && d === 0 ? (style.comments ? ',  # row\n ' : ',\n ') : ', ';
    let inner = x.map((e) => walk(e, d + 1)).join(sep);
    if (style.trailing && x.length > 0) inner += ',';
    else if (o === '(' && x.length === 1) inner += ',';
    return o + inner + c;
  };
  return walk(nest(a), 0);
}

function padded(a: Arr, tok: (v: number) => string): string[] {
  const toks = a.data.map((v) => py(tok(v)));
  const w = toks.reduce((m, t) => Math.max(m, t.length), 0);
  return toks.map((t) => t.padStart(w));
}

/**
 * NumPy's layout: `array([[ 0.1, -0.9],\n       [ 0.3,  0.7]])` for repr (sep ", ", prefix "array(")
 * and `[[ 0.1 -0.9]\n [ 0.3  0.7]]` for print (sep " "), blank lines between blocks of rank > 2,
 * rows wrapped at `width` characters.
 */
export function numpyText(a: Arr, tok: (v: number) => string, mode: 'repr' | 'print', width = 75): string {
  const toks = padded(a, tok);
  const sep = mode === 'repr' ? ', ' : ' ';
  const prefix = mode === 'repr' ? 'array(' : '';
  if (a.shape.length === 0) return mode === 'repr' ? `array(${toks[0]})` : toks[0]!;
  let k = 0;
  const indent = ' '.repeat(prefix.length);
  const walk = (d: number): string => {
    const n = a.shape[d]!;
    const lead = indent + ' '.repeat(d + 1);
    if (d === a.shape.length - 1) {
      let line = '[';
      let out = '';
      for (let i = 0; i < n; i++) {
        const piece = toks[k++]! + (i < n - 1 ? sep.trimEnd() : '');
        if (line.length + piece.length + lead.length > width && line !== '[') {
          out += line.trimEnd() + '\n';
          line = lead;
        }
        line += piece + (i < n - 1 ? ' ' : '');
      }
      return out + line + ']';
    }
    const rows: string[] = [];
    for (let i = 0; i < n; i++) rows.push(walk(d + 1));
    const blank = '\n'.repeat(Math.max(1, a.shape.length - d - 1));
    return '[' + rows.join(sep.trimEnd() + blank + lead) + ']';
  };
  const body = walk(0);
  if (mode === 'print') return body;
  const empty = a.data.length === 0 && a.shape.length > 1 ? `, shape=(${a.shape.join(', ')}${a.shape.length === 1 ? ',' : ''})` : '';
  return `${prefix}${body}${empty})`;
}

export function torchText(a: Arr, tok: (v: number) => string, extras: string[]): string {
  const toks = padded(a, tok);
  const tail = extras.length ? ', ' + extras.join(', ') : '';
  if (a.shape.length === 0) return `tensor(${toks[0]}${tail})`;
  if (a.data.length === 0) {
    const size = a.shape.length === 1 ? '' : `, size=(${a.shape.join(', ')})`;
    return `tensor([]${size}${tail})`;
  }
  let k = 0;
  const walk = (d: number): string => {
    const n = a.shape[d]!;
    const lead = ' '.repeat(7 + d + 1);
    if (d === a.shape.length - 1) {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(toks[k++]!);
      return '[' + parts.join(', ') + ']';
    }
    const rows: string[] = [];
    for (let i = 0; i < n; i++) rows.push(walk(d + 1));
    return '[' + rows.join(',' + '\n'.repeat(Math.max(1, a.shape.length - d - 1)) + lead) + ']';
  };
  return `tensor(${walk(0)}${tail})`;
}
