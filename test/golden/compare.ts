import assert from 'node:assert/strict';

/** |got − want| ≤ 1e-12 + 1e-9·|want| elementwise; NaN matches NaN, ±Infinity must match exactly. */
export function compareNested(got: unknown, want: unknown, path: string, rtol = 1e-9, atol = 1e-12): void {
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${path}: expected an array of ${want.length}, got ${JSON.stringify(got)}`);
    assert.equal(got.length, want.length, `${path}: length ${got.length} ≠ ${want.length}`);
    want.forEach((w, i) => compareNested(got[i], w, `${path}[${i}]`, rtol, atol));
    return;
  }
  const g = num(got);
  const w = num(want);
  assert.ok(g !== undefined, `${path}: expected a number, got ${JSON.stringify(got)}`);
  if (Number.isNaN(w!)) return assert.ok(Number.isNaN(g), `${path}: got ${g}, want NaN`);
  if (!Number.isFinite(w!)) return assert.equal(g, w, `${path}: got ${g}, want ${w}`);
  const tol = atol + rtol * Math.abs(w!);
  assert.ok(Math.abs(g! - w!) <= tol, `${path}: got ${g}, want ${w} (|diff| ${Math.abs(g! - w!)} > ${tol})`);
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return undefined;
}
