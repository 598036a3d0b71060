// Round trips and robustness, by fast-check. A nested array printed as JSON, as a Python literal,
// as NumPy's repr and print and as PyTorch's repr parses back to its shape and to the doubles its
// printed digits denote (Number(token), which is correctly rounded), bit for bit. Random and
// mutated text never throws and never fails with anything but a parse_* error at a real offset,
// whose message says the same in English and Chinese.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseSelection } from '../../core/parse/index.js';
import { jsonText, numpyText, pythonText, torchText, type Arr } from './printers.js';
import { assertTranslated } from '../translated.js';

const RUNS = 300;

/** Shapes of rank 0..4; a zero size only last (a `[]` inside a list cannot say how wide it was). */
const shapeArb = (allowZero: boolean) =>
  fc.integer({ min: 0, max: 4 }).chain((rank) =>
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: rank, maxLength: rank }).chain((dims) =>
      allowZero && rank > 0 ? fc.boolean().map((z) => (z ? [...dims.slice(0, -1), 0] : dims)) : fc.constant(dims),
    ),
  );

const valueArb = fc.oneof(
  fc.double(),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 1, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, Infinity, -Infinity, NaN),
);

/** How the digits are printed: shortest round-trip (all of them) or fewer, as libraries round. */
const tokenArb = fc.oneof(
  fc.constant((v: number) => String(v)),
  fc.integer({ min: 1, max: 17 }).map((p) => (v: number) => (Number.isFinite(v) ? v.toPrecision(p) : String(v))),
  fc.integer({ min: 0, max: 8 }).map((p) => (v: number) => (Number.isFinite(v) ? v.toExponential(p) : String(v))),
);

const arrArb = (allowZero: boolean) =>
  shapeArb(allowZero).chain((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.array(valueArb, { minLength: n, maxLength: n }).map((data): Arr => ({ shape, data }));
  });

/** The doubles the printed tokens denote. */
function printed(a: Arr, tok: (v: number) => string): number[] {
  return a.data.map((v) => Number(tok(v)));
}

function assertRoundTrip(text: string, a: Arr, tok: (v: number) => string): void {
  const r = parseSelection(text);
  assert.ok(r.ok, r.ok ? '' : `${r.error.code} ${r.error.line}:${r.error.column} ${r.error.message.en}\n${text}`);
  assert.equal(r.tensors.length, 1, text);
  const t = r.tensors[0]!;
  assert.deepEqual([...t.shape], a.shape, text);
  const want = printed(a, tok);
  assert.equal(t.data.length, want.length);
  want.forEach((v, i) => assert.ok(Object.is(t.data[i], v) || (Number.isNaN(v) && Number.isNaN(t.data[i]!)), `[${i}] ${t.data[i]} vs ${v} in\n${text}`));
  assert.equal(t.integer, want.every((v) => Number.isInteger(v)));
}

describe('round trips', () => {
  it('JSON', () => {
    fc.assert(fc.property(arrArb(true), tokenArb, (a, tok) => assertRoundTrip(jsonText(a, tok), a, tok)), { numRuns: RUNS });
  });
  it('Python literals (lists, tuples, trailing commas, comments, line breaks, float("inf"))', () => {
    const style = fc.record({ tuples: fc.boolean(), trailing: fc.boolean(), comments: fc.boolean(), newlines: fc.boolean() });
    fc.assert(fc.property(arrArb(true), tokenArb, style, (a, tok, st) => {
      // A rank-0 "list" is a bare number: no brackets to hang a comment on.
      assertRoundTrip(pythonText(a, tok, st), a, tok);
    }), { numRuns: RUNS });
  });
  it('NumPy repr and print (padded, wrapped, blank lines between blocks)', () => {
    fc.assert(fc.property(arrArb(false), tokenArb, fc.constantFrom<'repr' | 'print'>('repr', 'print'), fc.integer({ min: 20, max: 120 }), (a, tok, mode, width) => {
      assertRoundTrip(numpyText(a, tok, mode, width), a, tok);
    }), { numRuns: RUNS });
  });
  it('PyTorch repr (dtype, device, requires_grad, grad_fn)', () => {
    const extras = fc.subarray(["device='cuda:0'", 'dtype=torch.float64', 'requires_grad=True', 'grad_fn=<MulBackward0>']);
    fc.assert(fc.property(arrArb(false), tokenArb, extras, (a, tok, ex) => assertRoundTrip(torchText(a, tok, ex), a, tok)), { numRuns: RUNS });
  });
});

describe('numbers', () => {
  it('every decimal token reads as the double Number() gives it (the fast path included)', () => {
    const token = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.tuple(fc.double({ noNaN: true, min: -1e21, max: 1e21 }), fc.integer({ min: 0, max: 20 })).map(([v, d]) => v.toFixed(d)),
      fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 25 })).map(([v, d]) => v.toExponential(d)),
      // Decimal strings of up to 25 digits with a point anywhere and an exponent near the fast path's edge.
      fc.tuple(fc.stringMatching(/^[0-9]{1,25}$/), fc.nat(25), fc.integer({ min: -30, max: 30 }), fc.boolean()).map(([digits, at, e, neg]) => {
        const i = at % (digits.length + 1);
        return `${neg ? '-' : ''}${digits.slice(0, i)}.${digits.slice(i)}e${e}`.replace(/^(-?)\.e/, '$10.e');
      }),
    );
    fc.assert(fc.property(fc.array(token, { minLength: 1, maxLength: 20 }), (toks) => {
      const r = parseSelection(`[${toks.join(', ')}]`);
      assert.ok(r.ok, r.ok ? '' : r.error.message.en);
      toks.forEach((tok, i) => assert.ok(Object.is(r.tensors[0]!.data[i], Number(tok)), `${tok}: ${r.tensors[0]!.data[i]} vs ${Number(tok)}`));
    }), { numRuns: 3000 });
  });
  it('Python digit separators read as the number without them', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[1-9][0-9]{0,3}$/), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[0-9]{1,4}$/), (groups, frac) => {
      const text = `${groups.join('_')}.${frac}`;
      const r = parseSelection(`[${text}]`);
      assert.ok(r.ok, r.ok ? '' : r.error.message.en);
      assert.ok(Object.is(r.tensors[0]!.data[0], Number(`${groups.join('')}.${frac}`)), text);
    }), { numRuns: 500 });
  });
});

function assertTyped(text: string): void {
  let r;
  try {
    r = parseSelection(text);
  } catch (e) {
    assert.fail(`threw ${String(e)} on ${JSON.stringify(text)}`);
  }
  if (r.ok) {
    for (const t of r.tensors) {
      assert.equal(t.data.length, t.shape.reduce((a, b) => a * b, 1));
      assert.ok(t.offset >= 0 && t.offset + t.length <= text.length);
    }
    return;
  }
  assert.match(r.error.code, /^parse_/, `${r.error.code}: ${r.error.message.en} on ${JSON.stringify(text)}`);
  assert.ok(r.error.offset >= 0 && r.error.offset <= text.length);
  assert.ok(r.error.line >= 1 && r.error.column >= 1);
  assert.ok(r.error.message.en.length > 10);
  assertTranslated(r.error.message, JSON.stringify(text));
}

const ALPHABET = '[](){}<>,;:.=+-_eE0123456789 \t\n#\'"xinfaTtrueFlsNdy';
const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((cs) => cs.join(''));

/** A valid text with a few characters deleted, inserted or duplicated. */
const mutatedArb = fc
  .tuple(arrArb(true), tokenArb, fc.constantFrom('json', 'python', 'numpy', 'torch', 'matlab', 'csv', 'named'))
  .map(([a, tok, kind]) => {
    switch (kind) {
      case 'json': return jsonText(a, tok);
      case 'python': return pythonText(a, tok, { tuples: true, trailing: true, comments: true, newlines: true });
      case 'numpy': return numpyText(a, tok, 'repr');
      case 'torch': return torchText(a, tok, ['requires_grad=True']);
      case 'matlab': return `[${a.data.map(tok).join(' ')}; ${a.data.map(tok).join(', ')}]`;
      case 'csv': return `a,b\n${a.data.map(tok).join(',')}\n1,2`;
      default: return `logits = ${jsonText(a, tok)}\ntarget = {"y": [1, 2]}`;
    }
  })
  .chain((text) =>
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'duplicate'), fc.constantFrom(...ALPHABET)), { minLength: 1, maxLength: 4 }).map((edits) => {
      let t = text;
      for (const [at, op, ch] of edits) {
        const i = t.length === 0 ? 0 : at % t.length;
        t = op === 'delete' ? t.slice(0, i) + t.slice(i + 1) : op === 'insert' ? t.slice(0, i) + ch + t.slice(i) : t.slice(0, i) + t.slice(i, i + 5) + t.slice(i);
      }
      return t;
    }),
  );

describe('never throws, only typed errors', () => {
  it('random text over the formats\' alphabet', () => {
    fc.assert(fc.property(textArb, assertTyped), { numRuns: 2000 });
  });
  it('any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), assertTyped), { numRuns: 1000 });
  });
  it('mutated valid text', () => {
    fc.assert(fc.property(mutatedArb, assertTyped), { numRuns: 2000 });
  });
  it('deep nesting is an error, not a stack overflow', () => {
    assertTyped('['.repeat(200000));
    const r = parseSelection('['.repeat(100000) + '1' + ']'.repeat(100000));
    assert.ok(r.ok && r.tensors[0]!.shape.length === 100000);
  });
});
