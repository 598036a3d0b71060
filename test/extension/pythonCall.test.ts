/** Finding the PyTorch loss call under the cursor and reading its literal keyword arguments. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lossCallAt, pythonLiteral } from '../../extension/pythonCall.js';

const at = (src: string, marker: string) => lossCallAt(src.replace(marker, ''), src.indexOf(marker));

test('functional calls map to the loss of the same PyTorch name, with literal keyword arguments', () => {
  const c = at('loss = F.smooth_l1_loss(pred, y, be|ta=0.5, reduction="sum")', '|');
  assert.equal(c?.loss.id, 'smooth_l1_loss');
  assert.deepEqual(c?.kwargs, { beta: 0.5, reduction: 'sum' });
  const full = at('torch.nn.functional.cross_entropy(x, t, label_smoothing=0.1, ignore_index=-1)|', '|');
  assert.equal(full?.loss.id, 'cross_entropy');
  assert.deepEqual(full?.kwargs, { label_smoothing: 0.1, ignore_index: -1 });
});

test('module classes map through the function they call; expressions are skipped, not guessed', () => {
  const c = at('crit = nn.BCEWithLogits|Loss(pos_weight=torch.tensor([3.0, 1.5]), weight=w)', '|');
  assert.equal(c?.loss.id, 'binary_cross_entropy_with_logits');
  assert.deepEqual(c?.kwargs, { pos_weight: [3, 1.5] });
  assert.deepEqual(c?.skipped, ['weight']);
  const ce = at('nn.CrossEntropyLoss(|)', '|');
  assert.equal(ce?.loss.id, 'cross_entropy');
});

test('the innermost loss call around the cursor wins; no call means none', () => {
  assert.equal(at('total = F.l1_loss(a, b) + F.mse_loss(c, |d)', '|')?.loss.id, 'mse_loss');
  assert.equal(at('x = model(|inputs)', '|'), undefined);
});

test('Python literals: None/True/False, numbers, strings, lists and tuples', () => {
  assert.equal(pythonLiteral('None'), null);
  assert.equal(pythonLiteral('True'), true);
  assert.equal(pythonLiteral('-1e-7'), -1e-7);
  assert.equal(pythonLiteral("'present'"), 'present');
  assert.deepEqual(pythonLiteral('(0.25, 0.5, 0.25)'), [0.25, 0.5, 0.25]);
  assert.deepEqual(pythonLiteral('[1, 2,]'), [1, 2]);
  assert.equal(pythonLiteral('alpha * 2'), undefined);
});
