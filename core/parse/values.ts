/**
 * The growing buffer a tensor's numbers go into while its text is read: a Float64Array that grows by
 * half again when full (not doubling, to keep peak memory near the final size), trimmed at the end.
 */
export class Values {
  private buf: Float64Array;
  length = 0;

  constructor(capacity = 64) {
    this.buf = new Float64Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }

  private grow(): void {
    const next = new Float64Array(Math.max(64, Math.ceil(this.buf.length * 1.5)));
    next.set(this.buf);
    this.buf = next;
  }

  /** The values read, in a buffer of exactly their length. */
  finish(): Float64Array {
    const n = this.length;
    // A view keeps the spare capacity alive; copy unless the spare is small.
    return n >= this.buf.length * 0.9 ? this.buf.subarray(0, n) : this.buf.slice(0, n);
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
