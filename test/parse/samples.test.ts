// Real printouts: every text in samples/generated.json was printed by NumPy or PyTorch
// (test/parse/generate_samples.py, run with /usr/bin/python3), beside the float64 values the
// printed digits denote, as Python computed them. Parsing must give those values bit for bit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSelection } from '../../core/parse/index.js';
import { assertTranslated } from '../translated.js';

interface Sample {
  name: string;
  text: string;
  error?: string;
  expected?: { shape: number[]; integer: boolean; data: (number | string)[] }[];
}

const file = JSON.parse(readFileSync(new URL('./samples/generated.json', import.meta.url), 'utf8')) as { numpy: string; torch: string; samples: Sample[] };

const fromJson = (v: number | string): number => (typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);

describe(`real prints (NumPy ${file.numpy}, PyTorch ${file.torch})`, () => {
  it('covers NumPy and PyTorch reprs, prints and truncated prints', () => {
    const names = file.samples.map((s) => s.name);
    for (const prefix of ['numpy_repr', 'numpy_print', 'torch_']) assert.ok(names.filter((n) => n.startsWith(prefix)).length >= 3, prefix);
    assert.ok(file.samples.filter((s) => s.error === 'parse_truncated').length >= 3);
  });
  for (const sample of file.samples) {
    it(sample.name, () => {
      const r = parseSelection(sample.text);
      if (sample.error) {
        assert.equal(r.ok, false, 'expected an error');
        if (r.ok) return;
        assert.equal(r.error.code, sample.error);
        assertTranslated(r.error.message, sample.name);
        assert.ok(r.error.offset >= 0 && r.error.offset < sample.text.length);
        // The error points at the "..." itself.
        assert.equal(sample.text.slice(r.error.offset, r.error.offset + 3), '...');
        return;
      }
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message.en} at ${r.error.line}:${r.error.column}`);
      const expected = sample.expected!;
      assert.equal(r.tensors.length, expected.length);
      r.tensors.forEach((t, i) => {
        const e = expected[i]!;
        assert.deepEqual([...t.shape], e.shape);
        assert.equal(t.integer, e.integer);
        assert.equal(t.data.length, e.data.length);
        e.data.forEach((v, k) => assert.ok(Object.is(t.data[k], fromJson(v)), `[${k}]: ${t.data[k]} vs ${v}`));
        assert.equal(t.name, null);
        assert.equal(t.offset, 0);
        assert.equal(t.length, sample.text.trimEnd().length);
      });
    });
  }
});
