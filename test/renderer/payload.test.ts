/** The payload schema (core/payload.ts) and the renderer's pure parts, without a browser. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeReport, plainText, toReportPayload, type PayloadError } from '../../core/payload.js';
import { findLoss } from '../../core/registry.js';
import { ALL_STRINGS } from '../../renderer/i18n.js';
import { isHostMessage, isWebviewMessage } from '../../renderer/messages.js';
import { compareCurves, familyRows, yDomain } from '../../renderer/curves.js';
import { lut, BLUE_RED, VIRIDIS } from '../../renderer/colormaps.js';
import { ARTICLE } from './payloads.js';
import { assertTranslated } from '../translated.js';

function refused(raw: unknown): PayloadError {
  const r = computeReport(raw);
  assert.equal(r.ok, false);
  return (r as unknown as { error: PayloadError }).error;
}

test('a request may omit version and kind; the article computes to (−ln 0.7 − ln 0.4 − ln 0.1)/3', () => {
  const r = computeReport(ARTICLE);
  assert.ok(r.ok);
  assert.equal(r.value.kind, 'request');
  const v = r.value.entries[0].evaluation.output.value as number;
  assert.ok(Math.abs(v - (-Math.log(0.7) - Math.log(0.4) - Math.log(0.1)) / 3) < 1e-15);
});

test('every refusal names its field and what was expected', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ version: 3, loss: 'mse_loss', input: [1] }, 'version', /1/],
    [{ kind: 'reply', loss: 'mse_loss', input: [1] }, 'kind', /request.*report/],
    [{ input: [1] }, 'loss', /loss id/],
    [{ loss: ['mse_loss', 'nope'], input: [1], target: [1] }, 'loss[1]', /loss id/],
    [{ loss: 'mse_loss' }, 'input', /tensor/],
    [{ loss: 'mse_loss', input: [1], target: [1], title: 5 }, 'title', /text/],
    [{ loss: 'mse_loss', input: [1], target: [1], display: { digits: 40 } }, 'display.digits', /1 to 17/],
    [{ loss: 'mse_loss', input: [1], target: [1], display: { units: 'hartleys' } }, 'display.units', /nats/],
    [{ loss: 'mse_loss', input: [1], target: [1], parms: {} }, 'parms', /absent/],
    [{ kind: 'report', loss: 'mse_loss', input: [1], target: [1], result: { value: 'x' } }, 'result.value', /numbers/],
    [{ loss: 'mse_loss', input: [[1, 2]], target: [[1, 2, 3]] }, 'target', /./],
    [{ loss: 'huber_loss', input: [1], target: [1], params: { delta: -1 } }, 'params.delta', /delta/],
    [{ loss: ['l1_loss', 'huber_loss'], input: [1], target: [1], params: { gamma: 2 } }, 'params.gamma', /parameter/],
  ];
  for (const [raw, field, expected] of cases) {
    const e = refused(raw);
    assert.equal(e.field, field, JSON.stringify(raw));
    assert.match(e.expected.en, expected, JSON.stringify(raw));
    assert.ok(e.message.en.length > 15);
    assertTranslated(e.message, JSON.stringify(raw));
    assertTranslated(e.expected, `expected of ${JSON.stringify(raw)}`);
  }
});

test('an unknown loss suggests the nearest ids', () => {
  const e = refused({ loss: 'huber_los', input: [1], target: [1] });
  assert.equal(e.code, 'unknown_loss');
  assert.deepEqual(e.suggestions?.[0], 'huber_loss');
});

test('compare: params go to the losses that have them', () => {
  const r = computeReport({ loss: ['l1_loss', 'huber_loss'], input: [0.5, -2, 3], target: [0, 0, 0], params: { delta: 2 } });
  assert.ok(r.ok);
  assert.equal(r.value.entries[1].evaluation.params.delta, 2);
  // Huber δ = 2: 0.5·0.25 = 0.125, 0.5·4 = 2 (|d| = 2 is not < 2: 2·(2 − 1) = 2), 2·(3 − 1) = 4; mean 6.125/3.
  assert.ok(Math.abs((r.value.entries[1].evaluation.output.value as number) - 6.125 / 3) < 1e-15);
});

test('toReportPayload round-trips: the report renders without a mismatch, and a tampered one is flagged', () => {
  const rp = toReportPayload(ARTICLE);
  assert.ok(rp.ok);
  const back = computeReport(JSON.parse(JSON.stringify(rp.value)));
  assert.ok(back.ok);
  assert.equal(back.value.kind, 'report');
  assert.equal(back.value.entries[0].mismatch, undefined);
  const tampered = { ...rp.value, result: { ...rp.value.result!, value: 1.5 } };
  const t = computeReport(tampered);
  assert.ok(t.ok);
  assert.equal(t.value.entries[0].mismatch, 'value');
});

test('the extension\'s report shape (results per compared loss) is accepted', () => {
  const a = toReportPayload({ loss: ['l1_loss', 'mse_loss'], input: [1, 2], target: [0, 0] });
  assert.ok(a.ok);
  assert.equal(a.value.results?.length, 2);
  const r = computeReport(a.value);
  assert.ok(r.ok);
  assert.deepEqual(r.value.entries.map((e) => e.loss.id), ['l1_loss', 'mse_loss']);
  assert.ok(r.value.entries.every((e) => e.mismatch === undefined));
});

test('plain text: nats only for log-likelihood losses, bits converted by 1/ln 2', () => {
  const ce = computeReport({ ...ARTICLE, display: { units: 'bits', digits: 4 } });
  assert.ok(ce.ok);
  // 1.19184 nats / ln 2 = 1.71946 bits.
  assert.match(plainText(ce.value), /= 1\.719 bits$/);
  const mse = computeReport({ loss: 'mse_loss', input: [1, 3], target: [0, 0], display: { units: 'bits' } });
  assert.ok(mse.ok);
  assert.match(plainText(mse.value), /= 5$/);
});

test('both languages have every renderer string, with the same placeholders', () => {
  for (const [key, s] of Object.entries(ALL_STRINGS)) {
    assert.ok(s.en.trim() && s['zh-cn'].trim(), key);
    const vars = (x: string) => (x.match(/\{\w+\}/g) ?? []).sort().join();
    assert.equal(vars(s.en), vars(s['zh-cn']), key);
  }
});

test('message guards accept the union and refuse the rest', () => {
  assert.ok(isHostMessage({ type: 'report', payload: {} }));
  assert.ok(isHostMessage({ type: 'explorer', state: null }));
  assert.ok(!isHostMessage({ type: 'copy', text: '' }));
  assert.ok(isWebviewMessage({ type: 'save', format: 'svg', name: 'a.svg', data: '<svg/>' }));
  assert.ok(!isWebviewMessage({ type: 'report' }));
  assert.ok(!isWebviewMessage(null));
});

test('curves: focal draws Lin et al.\'s family γ ∈ {0, 0.5, 1, 2, 5}; the y range ignores the asymptote', () => {
  const focal = findLoss('softmax_focal_loss');
  assert.ok(focal);
  const rows = familyRows(focal, { gamma: 2, alpha: null, ignore_index: -100 });
  assert.deepEqual([...new Set(rows.map((r) => r.series))], ['γ = 0', 'γ = 0.5', 'γ = 1', 'γ = 2', 'γ = 5']);
  const [, hi] = yDomain(rows, 'loss');
  const max = Math.max(...rows.map((r) => r.loss));
  assert.ok(hi < max, 'the −ln p_t asymptote near 0 does not set the range');
});

test('comparison sets: regression shows its five losses, classification CE, focal and α-balanced CE', () => {
  const reg = compareCurves(findLoss('mse_loss')!, (l) => l.id).map((c) => c.label);
  assert.deepEqual(reg, ['l1_loss', 'mse_loss', 'smooth_l1_loss', 'huber_loss', 'log_cosh'].filter((id) => findLoss(id)));
  const cls = compareCurves(findLoss('cross_entropy')!, (l) => l.id).map((c) => c.label);
  assert.ok(cls.includes('cross_entropy') && cls.includes('softmax_focal_loss'));
  assert.ok(cls.some((l) => /balanced/.test(l)));
});

test('colour maps: the ends are the stops, the middle of the diverging map is white at 0', () => {
  const v = lut(VIRIDIS);
  assert.deepEqual([...v.subarray(0, 3)], [0x44, 0x01, 0x54]);
  assert.deepEqual([...v.subarray(255 * 3, 256 * 3)], [0xfd, 0xe7, 0x25]);
  const d = lut(BLUE_RED);
  // 10 intervals over 255 steps: index 127.5 is the white stop; 127 and 128 are within a step of it.
  for (const i of [127, 128]) for (let j = 0; j < 3; j++) assert.ok(Math.abs(d[i * 3 + j] - 0xf7) <= 8);
});
