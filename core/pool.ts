/**
 * Large Float64Arrays recycled between evaluations, given back explicitly with `release(output)`.
 *
 * Why: at 10^6 elements an evaluation's own arrays (the 8 MB gradient, the per-element losses for
 * reduction 'none', some kernels' scratch) cost more than its arithmetic when they are fresh. A
 * fresh array is fresh pages: writing 10^6 doubles into `new Float64Array(1e6)` measured 1.7–6 ms
 * on the project's machine, into a reused one 0.7 ms; and glibc hands blocks this large back to
 * the kernel when they are freed, so a loop of evaluations pays the page faults every time.
 * PyTorch does not: a tensor freed by its refcount goes back to malloc's warm heap and the next
 * iteration's gradient lands in the same pages. JavaScript has no refcount to tell us when a
 * result is dead, so the caller says so, as tfjs's dispose(): `release(loss.compute(...))`.
 *
 * Measured with the core bench at 10^6 (noisy 2-core machine, three runs): nll_loss 1.0–2.0 ms
 * released against 5.3–6.6 ms with every result left to the GC, MSE 2.1–2.7 against 2.6–7.7,
 * margin ranking 4.6–7.5 against 11–14.
 *
 * Safety: `release` only takes back arrays this pool handed out (a WeakSet of their buffers), never
 * a caller's input or a module constant, and it detaches the caller's views first, so a use after
 * release reads an empty array (undefined, NaN) instead of the numbers of a later evaluation. The
 * detach is a structuredClone transfer, which moves the backing store without copying it (RSS and
 * arrayBuffers unchanged for 80 MB; Node 20 has no ArrayBuffer.prototype.transfer): about 55 µs for
 * 8 MB, a whole release 80–100 µs, and writing 10^6 doubles into the recycled array then takes as
 * long as into an array that was never released (1.2–1.8 ms against 1.7–2.2 ms fresh, same loop).
 * Small arrays are not pooled: below THRESHOLD a fresh allocation costs nothing worth the
 * bookkeeping.
 */
import type { LossOutput } from './loss.js';
import type { Tensor } from './tensor.js';

/** Arrays shorter than this are plain `new Float64Array(n)`: 16K doubles = 128 KB. */
export const THRESHOLD = 16384;
/** At most this many idle buffers and bytes are kept; beyond, the oldest are dropped for the GC. */
export const MAX_BUFFERS = 8;
export const MAX_BYTES = 128 * 1024 * 1024;

/** Idle buffers, oldest first (taking searches from the newest: its pages are the warmest). */
const idle: Float64Array<ArrayBuffer>[] = [];
let idleBytes = 0;
/** Buffers handed out and not yet given back: the only ones `release` may take. */
const out = new WeakSet<ArrayBufferLike>();

/** A Float64Array of length n, contents unspecified: for kernels that write every element. */
export function takeArray(n: number): Float64Array<ArrayBuffer> {
  if (n < THRESHOLD) return new Float64Array(n);
  for (let i = idle.length - 1; i >= 0; i--) {
    const a = idle[i]!;
    if (a.length === n) {
      idle.splice(i, 1);
      idleBytes -= a.byteLength;
      out.add(a.buffer);
      return a;
    }
  }
  const a = new Float64Array(n);
  out.add(a.buffer);
  return a;
}

/** A Float64Array of length n, all zeros: for kernels that scatter or accumulate into it. */
export function takeZeroed(n: number): Float64Array<ArrayBuffer> {
  const a = takeArray(n);
  // A fresh array is already zero; a recycled one holds the last evaluation's numbers.
  if (n >= THRESHOLD) a.fill(0);
  return a;
}

function keep(a: Float64Array<ArrayBuffer>): void {
  if (a.byteLength > MAX_BYTES) return;
  idle.push(a);
  idleBytes += a.byteLength;
  while (idle.length > MAX_BUFFERS || idleBytes > MAX_BYTES) idleBytes -= idle.shift()!.byteLength;
}

/**
 * Gives back scratch that a compute() took and no longer references (nothing returned, no closure,
 * no lazy getter holds it). No detach: there is no other view to protect.
 */
export function giveBack(a: Float64Array): void {
  if (!out.has(a.buffer) || a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) return;
  out.delete(a.buffer);
  keep(a as Float64Array<ArrayBuffer>);
}

/** The tensors of an output that it owns outright: never a lazy getter's (reading one would compute it). */
function ownedTensors(output: LossOutput): Tensor[] {
  const ts: Tensor[] = [];
  const plain = (key: keyof LossOutput): unknown => {
    const d = Object.getOwnPropertyDescriptor(output, key);
    return d !== undefined && 'value' in d ? d.value : undefined;
  };
  const grad = plain('grad');
  if (isTensor(grad)) ts.push(grad);
  const extra = plain('gradExtra');
  if (extra !== null && typeof extra === 'object') {
    for (const key of Object.keys(extra)) {
      const d = Object.getOwnPropertyDescriptor(extra, key);
      if (d !== undefined && 'value' in d && isTensor(d.value)) ts.push(d.value);
    }
  }
  const value = plain('value');
  if (isTensor(value)) ts.push(value);
  const unreduced = plain('unreduced');
  if (isTensor(unreduced)) ts.push(unreduced);
  return ts;
}

function isTensor(v: unknown): v is Tensor {
  return v !== null && typeof v === 'object' && (v as Tensor).data instanceof Float64Array;
}

/**
 * Gives an evaluation's arrays back to the pool: the caller is done with `output` (its gradients,
 * and its value and unreduced loss where they are plain properties: the 'none' loss array, the
 * per-row losses some losses keep under mean and sum; a lazy getter is never read, as that would
 * compute what nobody asked for). Arrays the pool did not hand out are left alone. A
 * pooled buffer is taken back when the output's views on it cover it whole (one gradient, or the
 * gradients of input and its extra tensors laid end to end in one allocation); its views here and
 * anywhere else are detached and read as empty from now on. Releasing twice does nothing.
 */
export function release(output: LossOutput): void {
  const views = new Map<ArrayBufferLike, Float64Array[]>();
  for (const t of ownedTensors(output)) {
    const buf = t.data.buffer;
    if (!out.has(buf)) continue;
    const list = views.get(buf);
    if (list === undefined) views.set(buf, [t.data]);
    else list.push(t.data);
  }
  for (const [buf, list] of views) {
    if (!covers(list, buf.byteLength)) continue;
    out.delete(buf);
    const fresh = structuredClone(buf as ArrayBuffer, { transfer: [buf as ArrayBuffer] });
    keep(new Float64Array(fresh));
  }
}

/** Whether the views' byte ranges together cover [0, byteLength). */
function covers(list: Float64Array[], byteLength: number): boolean {
  const ranges = list.map((a) => [a.byteOffset, a.byteOffset + a.byteLength] as const).sort((p, q) => p[0] - q[0]);
  let reach = 0;
  for (const [from, to] of ranges) {
    if (from > reach) return false;
    if (to > reach) reach = to;
  }
  return reach === byteLength;
}

/** Drops every idle buffer (a cold start for the memory benchmark and tests). */
export function drainPool(): void {
  idle.length = 0;
  idleBytes = 0;
}

/** Idle buffers and their bytes, for tests of the caps. */
export function poolStats(): { buffers: number; bytes: number } {
  return { buffers: idle.length, bytes: idleBytes };
}
