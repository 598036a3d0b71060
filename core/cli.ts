/**
 * `loss-lens`: the catalogue, formulas and evaluation from a shell.
 *   loss-lens list | explain ID | eval ID --input JSON --target JSON [...] | eval --json | parse --json
 * The --json modes are machine contracts (spec: "The eval --json contract"): they always exit 0 and
 * answer errors in place. The human modes print errors as one line and exit 1.
 */
import { readFileSync } from 'node:fs';
import { TRANSFORMS } from './activations.js';
import { toErrorInfo, type ErrorInfo } from './errors.js';
import { evaluate, toAnswer, type Evaluation } from './evaluate.js';
import { encodeNumber } from './json.js';
import { formatNumber } from './format.js';
import { pick } from './localized.js';
import { CATEGORY_NAMES, type AnyLoss } from './loss.js';
import { parseSelection } from './parse/index.js';
import { release } from './pool.js';
import { getLoss, lossesByCategory } from './registry.js';
import { numel, type Tensor } from './tensor.js';

const USAGE = `Usage:
  loss-lens list [--lang zh-cn]                 the catalogue, grouped by category
  loss-lens explain ID [--lang zh-cn]           formula, parameters and defaults, PyTorch equivalent
  loss-lens eval ID --input JSON [--target JSON] [--extra NAME=JSON ...]
                    [--param KEY=VALUE ...] [--reduction none|mean|sum|batchmean] [--bits]
  loss-lens eval --json                         requests on stdin (one object or an array), answers on stdout
  loss-lens parse --json                        selected text on stdin, tensors as JSON on stdout
`;

class UsageError extends Error {}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly stdin: () => string;
}

export function main(argv: readonly string[], io: Io): number {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`loss-lens: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    const info = toErrorInfo(e);
    io.err(`loss-lens: ${info.message.en}\n`);
    return 1;
  }
}

function run(argv: readonly string[], io: Io): number {
  const [cmd, ...rest] = argv;
  const flags = parseFlags(rest);
  const lang = flags.single('lang') ?? 'en';
  switch (cmd) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return 0;
    case 'list':
      io.out(list(lang));
      return 0;
    case 'explain': {
      const id = flags.positional[0];
      if (!id) throw new UsageError('explain needs a loss id');
      io.out(explain(getLoss(id), lang));
      return 0;
    }
    case 'eval':
      if (flags.has('json')) {
        io.out(evalJson(io.stdin()) + '\n');
        return 0;
      }
      return evalHuman(flags, io);
    case 'parse':
      if (!flags.has('json')) throw new UsageError('parse takes --json');
      io.out(parseJson(io.stdin()) + '\n');
      return 0;
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

interface Flags {
  positional: string[];
  has(name: string): boolean;
  single(name: string): string | undefined;
  all(name: string): string[];
}

const VALUE_FLAGS = new Set(['input', 'target', 'extra', 'param', 'reduction', 'lang']);

function parseFlags(args: readonly string[]): Flags {
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    let name = a.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0 && VALUE_FLAGS.has(name.slice(0, eq))) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    } else if (VALUE_FLAGS.has(name)) {
      value = args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
    } else if (!['json', 'bits'].includes(name)) {
      throw new UsageError(`unknown option --${name}`);
    }
    values.set(name, [...(values.get(name) ?? []), value ?? '']);
  }
  return {
    positional,
    has: (n) => values.has(n),
    single: (n) => values.get(n)?.at(-1),
    all: (n) => values.get(n) ?? [],
  };
}

function list(lang: string): string {
  const lines: string[] = [];
  for (const [cat, losses] of lossesByCategory()) {
    if (losses.length === 0) continue;
    lines.push(`${pick(CATEGORY_NAMES[cat], lang)}:`);
    const w = Math.max(...losses.map((l) => l.id.length));
    for (const l of losses) lines.push(`  ${l.id.padEnd(w)}  ${pick(l.names, lang)}  —  ${pick(l.formula.plain, lang)}`);
    lines.push('');
  }
  lines.push(lang.startsWith('zh') ? '激活函数（变换）:' : 'Activations (transforms):');
  for (const t of TRANSFORMS) lines.push(`  ${t.id.padEnd(11)}  ${pick(t.names, lang)}  —  ${pick(t.formula.plain, lang)}`);
  return lines.join('\n') + '\n';
}

function explain(loss: AnyLoss, lang: string): string {
  const zh = lang.startsWith('zh');
  const lines = [
    `${loss.id} — ${pick(loss.names, lang)} (${pick(CATEGORY_NAMES[loss.category], lang)})`,
    '',
    pick(loss.summary, lang),
    '',
    `${zh ? '公式' : 'Formula'}:     ${pick(loss.formula.plain, lang)}`,
    `TeX:         ${loss.formula.tex(null)}`,
    `${zh ? '导数' : 'Derivative'}:  ${loss.formula.derivativeTex(null)}`,
    `${zh ? '输入' : 'Input'}:       ${loss.input}`,
    `${zh ? '目标' : 'Target'}:      ${loss.target}`,
  ];
  if (loss.extra.length) lines.push(`${zh ? '额外张量' : 'Extra'}:       ${loss.extra.join(', ')}`);
  lines.push(`${zh ? '归约' : 'Reductions'}:  ${loss.reductions.join(', ')} (${zh ? '默认' : 'default'} ${loss.defaultReduction})`);
  const source = loss.source ? pick(loss.source, lang) : '';
  lines.push(`PyTorch:     ${loss.pytorch ?? (zh ? `无（来源：${source}）` : `none (source: ${source})`)}`);
  const params = Object.entries(loss.params as Record<string, { default: unknown; doc: { en: string; 'zh-cn': string }; allowed: { en: string; 'zh-cn': string } }>);
  lines.push('', `${zh ? '参数' : 'Parameters'}:`);
  if (params.length === 0) lines.push(zh ? '  （无）' : '  (none)');
  for (const [name, spec] of params) {
    lines.push(`  ${name} = ${JSON.stringify(spec.default)}  —  ${pick(spec.doc, lang)} (${pick(spec.allowed, lang)})`);
  }
  return lines.join('\n') + '\n';
}

function evalJson(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return JSON.stringify({ error: { code: 'invalid_request', message: `The input is not JSON: ${message}` } });
  }
  const answer = (req: unknown): unknown => {
    const r = evaluate(req);
    if (!r.ok) return { error: inEnglish(r.error) };
    // The answer is JSON, a copy of the numbers: the arrays go back to the pool for the next request.
    const a = toAnswer(r.value);
    release(r.value.output);
    return a;
  };
  return JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed));
}

/** The contract's error object: the message is a string, in English. */
function inEnglish(e: ErrorInfo): Omit<ErrorInfo, 'message'> & { message: string } {
  return { ...e, message: e.message.en };
}

function parseJson(text: string): string {
  const r = parseSelection(text);
  if (!r.ok) {
    const { code, message, line, column } = r.error;
    return JSON.stringify({ error: { code, message: message.en, line, column } });
  }
  return JSON.stringify({
    tensors: r.tensors.map((t) => ({ name: t.name, shape: t.shape, data: Array.from(t.data, encodeNumber), integer: t.integer })),
  });
}

function parseValue(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function evalHuman(flags: Flags, io: Io): number {
  const id = flags.positional[0];
  if (!id) throw new UsageError('eval needs a loss id, or --json');
  const input = flags.single('input');
  if (input === undefined) throw new UsageError('eval needs --input');
  const extra: Record<string, unknown> = {};
  for (const e of flags.all('extra')) {
    const eq = e.indexOf('=');
    if (eq < 0) throw new UsageError(`--extra takes NAME=JSON, got "${e}"`);
    extra[e.slice(0, eq)] = parseValue(e.slice(eq + 1));
  }
  const params: Record<string, unknown> = {};
  for (const p of flags.all('param')) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new UsageError(`--param takes KEY=VALUE, got "${p}"`);
    params[p.slice(0, eq)] = parseValue(p.slice(eq + 1));
  }
  const target = flags.single('target');
  const r = evaluate({
    loss: id,
    input: parseValue(input),
    target: target === undefined ? null : parseValue(target),
    extra,
    params,
    ...(flags.single('reduction') ? { reduction: flags.single('reduction') } : {}),
  });
  if (!r.ok) {
    io.err(`loss-lens: ${r.error.message.en}\n`);
    return 1;
  }
  io.out(describe(r.value, flags.has('bits')));
  release(r.value.output);
  return 0;
}

const SHOWN = 20;

/** The shortest text that reads back as the same double, so a pasted value loses nothing. */
function exact(x: number): string {
  return Number.isFinite(x) ? String(x) : formatNumber(x);
}

function describeTensor(t: Tensor, scale = 1): string {
  const n = numel(t.shape);
  const vals = Array.from(t.data.subarray(0, Math.min(n, SHOWN)), (v) => formatNumber(v * scale, 6));
  return `shape [${t.shape.join(', ')}]: ${vals.join(', ')}${n > SHOWN ? `, … (${n - SHOWN} more)` : ''}`;
}

function describe(ev: Evaluation, bits: boolean): string {
  const k = bits ? 1 / Math.LN2 : 1;
  const unit = bits ? 'bits' : 'nats';
  const out = ev.output;
  const lines = [`${ev.loss.id} (reduction: ${ev.reduction})`];
  lines.push(typeof out.value === 'number' ? `value: ${exact(out.value * k)} ${unit}` : `value: ${describeTensor(out.value, k)} ${unit}`);
  if (typeof out.value === 'number') lines.push(`per-sample: ${describeTensor(out.unreduced, k)}`);
  lines.push(`grad wrt input: ${describeTensor(out.grad, k)}`);
  for (const [name, g] of Object.entries(out.gradExtra)) if (g) lines.push(`grad wrt ${name}: ${describeTensor(g, k)}`);
  if (ev.nonFinite.value || ev.nonFinite.grad) lines.push('warning: the result contains non-finite numbers (NaN or ±∞)');
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  const code = main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    stdin: () => readFileSync(0, 'utf8'),
  });
  process.exitCode = code;
}
