// Parsing 10 MB of numbers in each format: throughput (MB/s, median of repetitions) and peak memory
// as a multiple of the text's size. Targets (the parsing issue): at least 100 MB/s for JSON and
// Python lists, 50 MB/s for reprs and CSV, peak memory at most 3x the text. Speeds are medians of
// nine parses, by process CPU time (the figure the targets apply to) and by wall time.
//
// Memory: from a collected heap (--expose-gc), the rise of heapUsed + arrayBuffers over one parse,
// read at its end with the result alive and nothing collected on purpose: the result plus the
// garbage the parse left (e.g. the buffers outgrown while values were read), which bounds what it
// held at its worst moment unless V8 collected during the parse. The text itself is not counted:
// it exists before the parse, one byte per character (V8 keeps ASCII strings one-byte).
import os from 'node:os';
import { parseSelection } from '../core/parse/index.js';
import { seededRng } from '../core/rng.js';

declare const gc: (() => void) | undefined;

const TARGET_BYTES = 10 * 1024 * 1024;

function numbers(rng: () => number, n: number): string[] {
  // Six decimals: the length of typical printed logits and probabilities.
  return Array.from({ length: n }, () => (rng() * 4 - 2).toFixed(6));
}

/** Row-major rows of 100 numbers, written until the text reaches 10 MB. */
function make(format: string, rng: () => number): string {
  const rows: string[] = [];
  let size = 0;
  const cols = 100;
  while (size < TARGET_BYTES) {
    const xs = numbers(rng, cols);
    let row: string;
    switch (format) {
      case 'JSON': row = `[${xs.join(', ')}]`; break;
      case 'Python list': row = `(${xs.join(', ')},)`; break;
      case 'NumPy repr': row = `[${xs.map((x) => x.padStart(9)).join(', ')}]`; break;
      case 'NumPy print': row = `[${xs.map((x) => x.padStart(9)).join(' ')}]`; break;
      case 'torch repr': row = `[${xs.map((x) => x.padStart(9)).join(', ')}]`; break;
      case 'CSV': row = xs.join(','); break;
      case 'TSV': row = xs.join('\t'); break;
      case 'MATLAB': row = xs.join(' '); break;
      default: throw new Error(format);
    }
    rows.push(row);
    size += row.length + 9;
  }
  switch (format) {
    case 'JSON': return `[${rows.join(',\n ')}]`;
    case 'Python list': return `logits = [${rows.join(',\n    ')},]  # end`;
    case 'NumPy repr': return `array([${rows.join(',\n       ')}], dtype=float32)`;
    case 'NumPy print': return `[${rows.join('\n ')}]`;
    case 'torch repr': return `tensor([${rows.join(',\n        ')}], device='cuda:0', requires_grad=True)`;
    case 'CSV': return rows.join('\n');
    case 'TSV': return rows.join('\n');
    case 'MATLAB': return `[${rows.join(';\n ')}]`;
    default: throw new Error(format);
  }
}

const TARGETS: Record<string, number> = { JSON: 100, 'Python list': 100 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export async function run(): Promise<void> {
  const rng = seededRng(20240611).next;
  const rows: string[][] = [];
  let failed = false;
  for (const format of ['JSON', 'Python list', 'NumPy repr', 'NumPy print', 'torch repr', 'CSV', 'TSV', 'MATLAB']) {
    const text = make(format, rng);
    // V8 keeps an all-ASCII string one byte per character: that is the text's size in memory.
    const mb = text.length / (1024 * 1024);
    const check = parseSelection(text);
    if (!check.ok) throw new Error(`${format}: ${check.error.message}`);
    const values = check.tensors.reduce((n, t) => n + t.data.length, 0);
    // Steady state: V8 tiers a function up to optimised code only after several long runs.
    for (let w = 0; w < 5; w++) parseSelection(text);
    // Wall time and this process's CPU time: on a shared machine (other processes on every core)
    // wall time measures the queue for a core, CPU time the parser.
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < 9; r++) {
      if (typeof gc === 'function') gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      parseSelection(text);
      const t1 = performance.now();
      const c1 = process.cpuUsage(c0);
      wall.push(t1 - t0);
      cpu.push((c1.user + c1.system) / 1000);
    }
    const speed = mb / (median(cpu) / 1000);
    const wallSpeed = mb / (median(wall) / 1000);
    let peak = NaN;
    if (typeof gc === 'function') {
      gc();
      gc();
      const before = used();
      const keep = parseSelection(text);
      peak = (used() - before) / text.length;
      void keep;
    }
    const target = TARGETS[format] ?? 50;
    const okSpeed = speed >= target;
    const okMem = !(peak > 3);
    if (!okSpeed || !okMem) failed = true;
    rows.push([format, mb.toFixed(1), String(values), speed.toFixed(0), wallSpeed.toFixed(0), `>= ${target}`, Number.isNaN(peak) ? 'n/a (run with --expose-gc)' : `${peak.toFixed(2)}x`, okSpeed && okMem ? 'ok' : 'BELOW TARGET']);
  }
  const head = ['format', 'MB', 'values', 'MB/s (CPU)', 'MB/s (wall)', 'target', 'memory / text', ''];
  console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores: the target applies to CPU-time throughput`);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  if (failed) console.log('Some formats are below their target (see the last column).');
}
