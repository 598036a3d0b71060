// The reference losses (l1/mse) through the public `evaluate`: reductions, broadcasting, errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, toAnswer } from '../../core/evaluate.js';
import { assertTranslated } from '../translated.js';

describe('evaluate', () => {
  it('computes mse_loss mean and its gradient (2d/N)', () => {
    // d = [1, -2] → mean (1 + 4)/2 = 2.5, grad 2d/2 = [1, -2]
    const r = evaluate({ loss: 'mse_loss', input: [1, 0], target: [0, 2] });
    assert.ok(r.ok);
    assert.deepEqual(toAnswer(r.value), { value: 2.5, grad: [1, -2], grad_extra: {} });
  });

  it('broadcasts the target against the input and sums the gradient back', () => {
    // input [2, 1] vs target [3]: 6 residuals x_i − y_j; l1 sum grad for x_i = Σ_j sign(x_i − y_j)
    const r = evaluate({ loss: 'l1_loss', input: [[0], [5]], target: [1, 2, 3], reduction: 'sum' });
    assert.ok(r.ok);
    const a = toAnswer(r.value);
    assert.equal(a.value, 1 + 2 + 3 + 4 + 3 + 2);
    assert.deepEqual(a.grad, [[-3], [3]]);
  });

  it('names the unknown loss and the nearest ids', () => {
    const r = evaluate({ loss: 'mse_los', input: [1], target: [1] });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unknown_loss');
    assert.match(r.error.message.en, /There is no loss "mse_los"\. Did you mean "mse_loss"/);
    assertTranslated(r.error.message);
  });

  it('refuses a reduction the loss does not have', () => {
    const r = evaluate({ loss: 'mse_loss', input: [1], target: [1], reduction: 'batchmean' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'invalid_reduction');
    assert.match(r.error.message.en, /mse_loss supports reduction "none", "mean", "sum"; got "batchmean"/);
    assertTranslated(r.error.message);
  });

  it('says which shapes do not broadcast', () => {
    const r = evaluate({ loss: 'mse_loss', input: [[1, 2, 3]], target: [1, 2] });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'shape_mismatch');
    assert.match(r.error.message.en, /target has shape \[2\], which does not broadcast with input's shape \[1, 3\]/);
    assertTranslated(r.error.message);
  });

  it('names a ragged row', () => {
    const r = evaluate({ loss: 'mse_loss', input: [[1, 2], [3]], target: [1, 2] });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'ragged_tensor');
    assert.match(r.error.message.en, /input\[1\] has length 1, but the first row at that depth has length 2/);
    assertTranslated(r.error.message);
  });

  it('refuses parameters a loss does not have', () => {
    const r = evaluate({ loss: 'mse_loss', input: [1], target: [1], params: { delta: 2 } });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unknown_param');
  });

  it('flags non-finite values instead of hiding them', () => {
    const r = evaluate({ loss: 'mse_loss', input: ['Infinity'], target: [0] });
    assert.ok(r.ok);
    assert.equal(r.value.nonFinite.value, true);
    assert.equal(toAnswer(r.value).value, 'Infinity');
  });
});
