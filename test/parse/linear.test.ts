// Linear work, by operation count (never by the clock): the scanner counts every character its
// loops examine (Scanner.steps). Doubling the input doubles the count, no more,
// for every format and for inputs built to provoke re-scanning (deep nesting, failed headers,
// MATLAB hand-over, long identifiers, many tiny statements); and on any text the count stays
// within a fixed multiple of its length.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseWith } from '../../core/parse/index.js';
import { Scanner } from '../../core/parse/scanner.js';

function steps(text: string): number {
  const s = new Scanner(text);
  parseWith(s);
  return s.steps;
}

const FORMATS: Record<string, (n: number) => string> = {
  json: (n) => `[${Array.from({ length: n }, (_, i) => `[${i}.25, -${i}e-3]`).join(', ')}]`,
  python: (n) => `x = [${Array.from({ length: n }, (_, i) => `(${i}_0, float('inf'), True,)`).join(',\n  ')},]  # end`,
  numpyRepr: (n) => `array([${Array.from({ length: n }, (_, i) => `[ ${i}.5, -1.0e-03]`).join(',\n       ')}], dtype=float32)`,
  numpyPrint: (n) => `[${Array.from({ length: n }, (_, i) => `[ ${i}.5 -1.0e-03]`).join('\n ')}]`,
  torch: (n) => `tensor([${Array.from({ length: n }, (_, i) => `[${i}.5000, 0.2500]`).join(',\n        ')}], device='cuda:0', grad_fn=<AddBackward0>)`,
  tf: (n) => `<tf.Tensor: shape=(${n}, 2), dtype=float32, numpy=\narray([${Array.from({ length: n }, (_, i) => `[${i}., 2.]`).join(',\n       ')}], dtype=float32)>`,
  csv: (n) => `logits,target\n${Array.from({ length: n }, (_, i) => `${i}.5,${i % 3}`).join('\n')}`,
  matlab: (n) => `[${Array.from({ length: n }, (_, i) => `${i} 2`).join('; ')}]`,
  named: (n) => Array.from({ length: n }, (_, i) => `v${i} = {'a': [${i}], "b": ${i}}`).join('\n'),
  deepNesting: (n) => '['.repeat(n) + '1' + ']'.repeat(n),
  unclosedNesting: (n) => '['.repeat(n),
  longIdentifierHeader: (n) => 'a'.repeat(n) + ' b c\nnot numbers',
  manyHeaderLikeLines: (n) => Array.from({ length: n }, () => 'alpha beta gamma').join('\n'),
  matlabHandOver: (n) => `[${Array.from({ length: n }, (_, i) => `${i}`).join(' ')}; ${Array.from({ length: n }, (_, i) => `${i}`).join(' ')}]`,
  manySigns: (n) => '[' + '-'.repeat(n) + ']',
  manyDots: (n) => '[1' + '.'.repeat(n) + ']',
  longRaggedRow: (n) => `[[${'1, '.repeat(n)}1], [1]]`,
  manyStatements: (n) => 'x = 1;'.repeat(n),
  methodChains: (n) => `x = torch.tensor([1.0])${'.float()'.repeat(n)}`,
};

describe('linear work', () => {
  for (const [name, make] of Object.entries(FORMATS)) {
    it(`${name}: about twice the text, proportionally the steps`, () => {
      const a = make(2000);
      const b = make(4000);
      const sa = steps(a);
      const sb = steps(b);
      assert.ok(sa > 0);
      // The texts grow a little faster than n (longer indices), so compare work per character: a
      // quadratic pass would double it from n to 2n.
      assert.ok(b.length >= 1.9 * a.length);
      assert.ok(sb / b.length <= 1.05 * (sa / a.length), `${name}: ${sa} steps for ${a.length} chars, ${sb} for ${b.length}`);
      assert.ok(sb <= 8 * b.length + 64, `${name}: ${sb} steps for ${b.length} chars`);
    });
  }
  it('any text: steps within 8 per character', () => {
    const alphabet = '[](){}<>,;:.=+-_e0123456789 \n#\'"xinfaTrueabc';
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 400 }).map((c) => c.join('')), (t) => {
      const n = steps(t);
      assert.ok(n <= 8 * t.length + 64, `${n} steps for ${JSON.stringify(t)}`);
    }), { numRuns: 2000 });
  });
});
