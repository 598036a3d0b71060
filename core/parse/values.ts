/**
 * The buffer a tensor's numbers go into while its text is read: a list of chunks, joined once at the
 * end, so reading n values allocates about 2n doubles in all and copies each value once.
 */
export class Values {
  /** Filled chunks, then the one being filled: growing never copies what was read. */
  private full: Float64Array[] = [];
  private fullLength = 0;
  private chunk: Float64Array;
  private used = 0;

  constructor(capacity = 64) {
    this.chunk = new Float64Array(capacity);
  }

  get length(): number {
    return this.fullLength + this.used;
  }

  push(v: number): void {
    if (this.used === this.chunk.length) this.grow();
    this.chunk[this.used++] = v;
  }

  private grow(): void {
    this.full.push(this.chunk);
    this.fullLength += this.chunk.length;
    // Chunks double up to 512 KB: small tensors stay small, large ones allocate rarely.
    this.chunk = new Float64Array(Math.min(this.chunk.length * 2, 65536));
    this.used = 0;
  }

  /** Empties a buffer used as one-value scratch. */
  clear(): void {
    this.full = [];
    this.fullLength = 0;
    this.used = 0;
  }

  last(): number {
    return this.chunk[this.used - 1]!;
  }

  /** The values read, in one buffer of exactly their length. */
  finish(): Float64Array {
    if (this.full.length === 0) return this.used === this.chunk.length ? this.chunk : this.chunk.slice(0, this.used);
    const out = new Float64Array(this.length);
    let k = 0;
    for (const c of this.full) {
      out.set(c, k);
      k += c.length;
    }
    out.set(this.chunk.subarray(0, this.used), k);
    this.full = [];
    return out;
  }
}
/** Whether every value is a finite integer, so class indices can be told from probabilities. */
export function allIntegers(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v !== Math.trunc(v) || v - v !== 0) return false;
  }
  return true;
}
