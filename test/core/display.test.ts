/**
 * The payload's `display.notation` (core/payload.ts): the three notations are accepted and reach
 * the report, anything else is refused naming the field in both languages, and the text/plain
 * stand-in writes the value in the asked notation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NOTATIONS } from '../../core/format.js';
import { computeReport, plainText, type PayloadError, type Report } from '../../core/payload.js';
import { assertTranslated } from '../translated.js';

function report(raw: Record<string, unknown>): Report {
  const r = computeReport(raw);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

/** l1_loss of one element against 0 is |x|: the reduced value is x itself. */
const valueOf = (x: number, display: Record<string, unknown> = {}): Record<string, unknown> => ({ loss: 'l1_loss', input: [x], target: [0], display });

describe('display.notation in a payload', () => {
  test('auto, fixed and scientific are accepted and carried to the report; absent means auto', () => {
    for (const n of NOTATIONS) {
      const rep = report(valueOf(1, { notation: n }));
      assert.equal(rep.display.notation, n);
      assert.equal(rep.display.digits, 4, 'digits keep their default beside a notation');
    }
    assert.equal(report(valueOf(1)).display.notation, 'auto');
    assert.equal(report(valueOf(1, { digits: 6 })).display.notation, 'auto');
  });

  test('any other value is refused with field display.notation, in English and Chinese', () => {
    for (const bad of ['engineering', 'Scientific', '', 3, null, true, ['fixed']]) {
      const r = computeReport(valueOf(1, { notation: bad }));
      assert.equal(r.ok, false, JSON.stringify(bad));
      const e = (r as unknown as { error: PayloadError }).error;
      assert.equal(e.code, 'invalid_request');
      assert.equal(e.field, 'display.notation');
      assert.equal(e.expected.en, '"auto", "fixed" or "scientific"');
      assert.match(e.message.en, /^"display\.notation" must be "auto", "fixed" or "scientific"; got /);
      assertTranslated(e.message, `message for ${JSON.stringify(bad)}`);
      assertTranslated(e.expected, `expected for ${JSON.stringify(bad)}`);
    }
  });
});

describe('the text/plain stand-in follows the notation', () => {
  /** The number the text line shows for the (single) loss: what follows "(mean) = ". */
  const shown = (raw: Record<string, unknown>): string => {
    const m = /\(mean\) = (\S+)$/.exec(plainText(report(raw)));
    assert.ok(m, plainText(report(raw)));
    return m[1];
  };
  // [x, auto, fixed, scientific] at 4 digits; the rounding is derived in test/core/format.test.ts.
  const cases: [number, string, string, string][] = [
    [1234.5, '1235', '1235', '1.235e+3'], // a tie at the 4th digit, away from zero
    [123456.7, '1.235e+5', '123500', '1.235e+5'], // six integer digits do not fit in 4
    [1.23456e-5, '1.235e-5', '0.00001235', '1.235e-5'], // below auto's 1e-4
    [2, '2', '2', '2e+0'],
  ];
  for (const [x, auto, fixed, sci] of cases) {
    test(`l1_loss = ${x}: ${auto} | ${fixed} | ${sci}`, () => {
      assert.equal(shown(valueOf(x, { notation: 'auto' })), auto);
      assert.equal(shown(valueOf(x, { notation: 'fixed' })), fixed);
      assert.equal(shown(valueOf(x, { notation: 'scientific' })), sci);
    });
  }

  test('bits are converted before formatting; an infinite value is spelled ∞ in every notation', () => {
    const article = { loss: 'categorical_cross_entropy', input: [[0.1, 0.2, 0.7], [0.3, 0.4, 0.3], [0.1, 0.2, 0.7]], target: [[0, 0, 1], [0, 1, 0], [1, 0, 0]] };
    // (−ln 0.7 − ln 0.4 − ln 0.1)/3 / ln 2 = 1.71946… bits → 1.719e+0 at 4 digits.
    assert.match(plainText(report({ ...article, display: { units: 'bits', notation: 'scientific' } })), /= 1\.719e\+0 bits$/);
    for (const n of NOTATIONS) {
      // 1e200² overflows float64: MSE is +∞ (PyTorch gives inf too).
      assert.match(plainText(report({ loss: 'mse_loss', input: [1e200], target: [0], display: { notation: n } })), /= ∞$/);
    }
  });
});
