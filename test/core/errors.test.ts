// Each error code of the core is produced by some input, and its message says what to do.
// (The parser's parse_* codes are covered in test/parse.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toErrorInfo, type ErrorCode } from '../../core/errors.js';
import { evaluate } from '../../core/evaluate.js';

const CASES: { code: ErrorCode; request: unknown; message: RegExp }[] = [
  { code: 'invalid_request', request: [1, 2], message: /A request must be a JSON object/ },
  { code: 'invalid_request', request: { input: [1], target: [1] }, message: /The request has no "loss"/ },
  { code: 'unknown_loss', request: { loss: 'focal_loss', input: [1], target: [1] }, message: /There is no loss "focal_loss"\. Did you mean "(sigmoid|softmax)_focal_loss"/ },
  { code: 'missing_tensor', request: { loss: 'mse_loss', input: [1] }, message: /mse_loss needs "target"/ },
  { code: 'missing_tensor', request: { loss: 'margin_ranking_loss', input: [1], target: [1] }, message: /margin_ranking_loss needs extra\.input2/ },
  { code: 'unexpected_tensor', request: { loss: 'mse_loss', input: [1], target: [1], extra: { positive: [1] } }, message: /mse_loss has no tensor extra\.positive: it takes no extra tensors/ },
  { code: 'unexpected_tensor', request: { loss: 'triplet_margin_loss', input: [[1]], target: [1], extra: { positive: [[1]], negative: [[1]] } }, message: /triplet_margin_loss takes no target/ },
  { code: 'ragged_tensor', request: { loss: 'mse_loss', input: [[1, 2], [3]], target: [1, 2] }, message: /input\[1\] has length 1, but the first row at that depth has length 2/ },
  { code: 'invalid_number', request: { loss: 'mse_loss', input: [1, 'two'], target: [1, 2] }, message: /input\[1\] is "two", not a number/ },
  { code: 'shape_mismatch', request: { loss: 'mse_loss', input: [1, 2, 3], target: [1, 2] }, message: /target has shape \[2\], which does not broadcast with input's shape \[3\]/ },
  { code: 'class_out_of_range', request: { loss: 'cross_entropy', input: [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]], target: [0, 1, 2, 7] }, message: /target\[3\] is class 7, but C = 5/ },
  { code: 'invalid_label', request: { loss: 'binary_hinge', input: [0.5, 1], target: [1, 0] }, message: /target\[1\] is 0, but labels must be 1 or −1/ },
  { code: 'invalid_probability', request: { loss: 'binary_cross_entropy', input: [0.5, 1.5], target: [1, 0] }, message: /input\[1\] is 1\.5, but probabilities must be in \[0, 1\].*logits/ },
  { code: 'invalid_param', request: { loss: 'huber_loss', input: [1], target: [0], params: { delta: 0 } }, message: /Parameter "delta" must be a number > 0; got 0/ },
  { code: 'invalid_param', request: { loss: 'softmax_focal_loss', input: [[1, 2, 3]], target: [0], params: { alpha: [0.25, 0.75] } }, message: /Parameter "alpha" has 2 values, but C \(the number of classes\) is 3/ },
  { code: 'unknown_param', request: { loss: 'mse_loss', input: [1], target: [1], params: { beta: 1 } }, message: /mse_loss has no parameter "beta"\. Its parameters are: none/ },
  { code: 'invalid_reduction', request: { loss: 'lovasz_hinge', input: [[1, -1]], target: [[1, 0]], reduction: 'sum' }, message: /lovasz_hinge supports reduction "mean"; got "sum"/ },
];

describe('error codes', () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.message.source.slice(0, 60)}`, () => {
      const r = evaluate(c.request);
      assert.equal(r.ok, false, 'expected an error');
      if (r.ok) return;
      assert.equal(r.error.code, c.code, r.error.message);
      assert.match(r.error.message, c.message);
    });
  }

  it('invalid_rank: names the tensor, its shape and the rank expected', () => {
    const r = evaluate({ loss: 'triplet_margin_loss', input: [[[1]]], target: null, extra: { positive: [[[1]]], negative: [[[1]]] } });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'invalid_rank');
    assert.match(r.error.message, /input has shape \[1, 1, 1\] \(3 dimensions\)/);
  });

  it('too_large and internal: failures that are not the user’s still come back as values', () => {
    assert.equal(toErrorInfo(new RangeError('Array buffer allocation failed')).code, 'too_large');
    const internal = toErrorInfo(new TypeError('x is undefined'));
    assert.equal(internal.code, 'internal');
    assert.match(internal.message, /Internal error in Loss Lens \(please report it\): x is undefined/);
  });
});
