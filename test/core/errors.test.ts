// Each error code of the core is produced by some input, its message says what to do, and it says
// the same in Simplified Chinese (test/translated.ts: every number, shape, index, quoted token and id
// of the English text is in the Chinese one). Every message site of core/ and core/losses/ is
// reached here or in the family tests (which also check the translation).
// (The parser's parse_* codes are covered in test/parse.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LossLensError, toErrorInfo, type ErrorCode, type ErrorInfo } from '../../core/errors.js';
import { evaluate } from '../../core/evaluate.js';
import type { LossInputs, LossOutput } from '../../core/loss.js';
import { computeReport, type PayloadError } from '../../core/payload.js';
import { resolveParams, vectorParam } from '../../core/params.js';
import { getLoss, LOSSES } from '../../core/registry.js';
import { tensor, type Tensor } from '../../core/tensor.js';
import { assertTranslated } from '../translated.js';

const t = (shape: number[], data: number[]): Tensor => ({ shape, data: Float64Array.from(data) });

function refusal(request: unknown): ErrorInfo {
  const r = evaluate(request);
  assert.equal(r.ok, false, `expected an error for ${JSON.stringify(request)}`);
  return (r as { error: ErrorInfo }).error;
}

/** The error `f` throws (kernels called directly, as the explorer and the tests do). */
function thrown(f: () => unknown): ErrorInfo {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof LossLensError, `expected a LossLensError, got ${String(e)}`);
    return e.info;
  }
  return assert.fail('expected an error');
}

function check(e: ErrorInfo, code: ErrorCode, message: RegExp, what: string): void {
  assert.equal(e.code, code, `${what}: ${e.message.en}`);
  assert.match(e.message.en, message, what);
  assertTranslated(e.message, what);
}

const CASES: { code: ErrorCode; request: unknown; message: RegExp }[] = [
  // core/evaluate.ts
  { code: 'invalid_request', request: [1, 2], message: /^A request must be a JSON object with "loss", "input" and "target"; got an array\.$/ },
  { code: 'invalid_request', request: 3, message: /got number\.$/ },
  { code: 'invalid_request', request: null, message: /got object\.$/ },
  { code: 'invalid_request', request: 'mse_loss', message: /got string\.$/ },
  { code: 'invalid_request', request: { input: [1], target: [1] }, message: /^The request has no "loss": give a loss id such as "cross_entropy" \(see `loss-lens list`\)\.$/ },
  { code: 'missing_tensor', request: { loss: 'cross_entropy', target: [0] }, message: /^cross_entropy needs "input" \(logits\)\.$/ },
  { code: 'missing_tensor', request: { loss: 'mse_loss', input: null, target: [0] }, message: /^mse_loss needs "input" \(raw\)\.$/ },
  { code: 'missing_tensor', request: { loss: 'mse_loss', input: [1] }, message: /^mse_loss needs "target" \(values\)\.$/ },
  { code: 'missing_tensor', request: { loss: 'cross_entropy', input: [[1, 2]] }, message: /^cross_entropy needs "target" \(class indices or probabilities\)\.$/ },
  { code: 'missing_tensor', request: { loss: 'margin_ranking_loss', input: [1], target: [1] }, message: /^margin_ranking_loss needs extra\.input2, with the shape of input \[1\]\.$/ },
  { code: 'unexpected_tensor', request: { loss: 'mse_loss', input: [1], target: [1], extra: { positive: [1] } }, message: /^mse_loss has no tensor extra\.positive: it takes no extra tensors\.$/ },
  { code: 'unexpected_tensor', request: { loss: 'margin_ranking_loss', input: [1], target: [1], extra: { input2: [1], weights: [1] } }, message: /^margin_ranking_loss has no tensor extra\.weights: it takes extra\.input2\.$/ },
  { code: 'unexpected_tensor', request: { loss: 'triplet_margin_loss', input: [[1]], target: [1], extra: { positive: [[1]], negative: [[1]] } }, message: /^triplet_margin_loss takes no target \(its tensors are input, extra\.positive, extra\.negative\); set "target" to null\.$/ },
  { code: 'unexpected_tensor', request: { loss: 'triplet_margin_loss', input: [[1]], target: null, extra: { positive: [[1]], negative: [[1]], input2: [[1]] } }, message: /it takes extra\.positive and extra\.negative\.$/ },
  { code: 'invalid_request', request: { loss: 'mse_loss', input: [1], target: [1], extra: [1] }, message: /^"extra" must be an object such as \{"input2": \[\.\.\.\]\}\.$/ },
  { code: 'invalid_request', request: { loss: 'mse_loss', input: [1], target: [1], params: 2 }, message: /^"params" must be an object such as \{"gamma": 2\}\.$/ },
  { code: 'invalid_request', request: { loss: 'mse_loss', input: [1], target: [1], grad: 'yes' }, message: /^"grad" must be true or false\.$/ },
  // core/registry.ts
  { code: 'unknown_loss', request: { loss: 'focal_loss', input: [1], target: [1] }, message: /^There is no loss "focal_loss"\. Did you mean "(sigmoid|softmax)_focal_loss" or "(sigmoid|softmax)_focal_loss"\? Run `loss-lens list` for the catalogue\.$/ },
  { code: 'unknown_loss', request: { loss: 'qqqqqqqqqqqqqqqqqqqq', input: [1], target: [1] }, message: /^There is no loss "qqqqqqqqqqqqqqqqqqqq"\. Run `loss-lens list` for the catalogue\.$/ },
  // core/tensor.ts
  { code: 'ragged_tensor', request: { loss: 'mse_loss', input: [[1, 2], [3]], target: [1, 2] }, message: /^input\[1\] has length 1, but the first row at that depth has length 2: rows must all have the same length\.$/ },
  { code: 'ragged_tensor', request: { loss: 'mse_loss', input: [[1, 2], 3], target: [1, 2] }, message: /^input\[1\] is a number, but a list of length 2 was expected there \(shape \[2, 2\]\)\.$/ },
  { code: 'ragged_tensor', request: { loss: 'mse_loss', input: [1], target: [[1, 2], [3, [4]]] }, message: /^target\[1\]\[1\] is a list, but the other elements at that depth are numbers \(expected shape \[2, 2\]\)\.$/ },
  { code: 'invalid_number', request: { loss: 'mse_loss', input: [1, 'two'], target: [1, 2] }, message: /^input\[1\] is "two", not a number\.$/ },
  { code: 'invalid_number', request: { loss: 'margin_ranking_loss', input: [1], target: [1], extra: { input2: [{ x: 1 }] } }, message: /^extra\.input2\[0\] is \{"x":1\}, not a number\.$/ },
  // core/elementwise.ts
  { code: 'shape_mismatch', request: { loss: 'mse_loss', input: [1, 2, 3], target: [1, 2] }, message: /^target has shape \[2\], which does not broadcast with input's shape \[3\]: give it the input's shape\.$/ },
  // core/reduction.ts
  { code: 'invalid_reduction', request: { loss: 'lovasz_hinge', input: [[1, -1]], target: [[1, 0]], reduction: 'sum' }, message: /^lovasz_hinge supports reduction "mean"; got "sum"\.$/ },
  { code: 'invalid_reduction', request: { loss: 'mse_loss', input: [1], target: [1], reduction: 2 }, message: /^mse_loss supports reduction "none", "mean", "sum"; got 2\.$/ },
  // core/params.ts
  { code: 'invalid_param', request: { loss: 'huber_loss', input: [1], target: [0], params: { delta: 0 } }, message: /^Parameter "delta" must be a number > 0; got 0\.$/ },
  { code: 'invalid_param', request: { loss: 'huber_loss', input: [1], target: [0], params: { delta: [1, 2, 3, 4, 5, 6, 7, 8, 9] } }, message: /^Parameter "delta" must be a number > 0; got a list of 9 values\.$/ },
  { code: 'invalid_param', request: { loss: 'softmax_focal_loss', input: [[1, 2, 3]], target: [0], params: { alpha: [0.25, 0.75] } }, message: /^Parameter "alpha" has 2 values, but C \(the number of classes\) is 3: give one value per class\.$/ },
  { code: 'invalid_param', request: { loss: 'binary_cross_entropy', input: [[0.5, 0.5, 0.5]], target: [[1, 0, 1]], params: { weight: [1, 2] } }, message: /^Parameter "weight" has shape \[2\], which does not broadcast to the input's shape \[1, 3\]\.$/ },
  { code: 'unknown_param', request: { loss: 'mse_loss', input: [1], target: [1], params: { beta: 1 } }, message: /^mse_loss has no parameter "beta"\. Its parameters are: none\.$/ },
  { code: 'unknown_param', request: { loss: 'huber_loss', input: [1], target: [1], params: { beta: 1 } }, message: /^huber_loss has no parameter "beta"\. Its parameters are: "delta"\.$/ },
  { code: 'unknown_param', request: { loss: 'softmax_focal_loss', input: [[1, 2]], target: [1], params: { weigth: [1, 2] } }, message: /^softmax_focal_loss has no parameter "weigth"\. Its parameters are: "alpha", "gamma", "ignore_index"\.$/ },
  // core/check.ts
  { code: 'class_out_of_range', request: { loss: 'cross_entropy', input: [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]], target: [0, 1, 2, 7] }, message: /^target\[3\] is class 7, but C = 5: class indices must be in 0\.\.4 \(or ignore_index = -100\)\.$/ },
  { code: 'class_out_of_range', request: { loss: 'multi_margin_loss', input: [[0, 0]], target: [-1] }, message: /^target\[0\] is class -1, but C = 2: class indices must be in 0\.\.1\.$/ },
  { code: 'invalid_label', request: { loss: 'nll_loss', input: [[-1, -2]], target: [0.5] }, message: /^target\[0\] is 0\.5, but class indices must be integers in 0\.\.1\.$/ },
  { code: 'invalid_label', request: { loss: 'binary_cross_entropy', input: [0.5, 0.5], target: [1, 2] }, message: /^target\[1\] is 2, but targets must be in \[0, 1\] \(0\/1 labels or probabilities\)\.$/ },
  { code: 'invalid_label', request: { loss: 'binary_hinge', input: [[0.5, 1], [1, 2]], target: [1, 0] }, message: /^target\[1\] is 0, but labels must be 1 or −1\.$/ },
  { code: 'invalid_label', request: { loss: 'hinge_embedding_loss', input: [[0.5, 1], [1, 2]], target: [1, 0] }, message: /^target\[1\] is 0, but labels must be 1 or −1\.$/ },
  { code: 'invalid_probability', request: { loss: 'binary_cross_entropy', input: [0.5, 1.5], target: [1, 0] }, message: /^input\[1\] is 1\.5, but probabilities must be in \[0, 1\] \(did you pass logits\? use binary_cross_entropy_with_logits\)\.$/ },
  { code: 'shape_mismatch', request: { loss: 'binary_cross_entropy_with_logits', input: [[0.5, 1]], target: [[1], [0]] }, message: /^target has shape \[2, 1\], but it must have the shape of input, \[1, 2\]\.$/ },
  { code: 'shape_mismatch', request: { loss: 'margin_ranking_loss', input: [1, 2], target: [1, -1], extra: { input2: [1] } }, message: /^extra\.input2 has shape \[1\], but it must have the shape of input, \[2\]\.$/ },
  { code: 'shape_mismatch', request: { loss: 'triplet_margin_loss', input: [[1, 0]], target: null, extra: { positive: [[0, 1, 0]], negative: [[0, 0]] } }, message: /^extra\.positive has shape \[1, 3\], but it must have the shape of input \(the anchor\), \[1, 2\]\.$/ },
  { code: 'invalid_rank', request: { loss: 'triplet_margin_loss', input: [[[1]]], target: null, extra: { positive: [[[1]]], negative: [[[1]]] } }, message: /^input has shape \[1, 1, 1\] \(3 dimensions\), but triplet_margin_loss takes the anchors as input \[N, D\] \(N embeddings of size D\) or one anchor \[D\]\.$/ },
  { code: 'invalid_rank', request: { loss: 'contrastive_loss', input: 1, target: 1, extra: { input2: 1 } }, message: /^input has shape \[\] \(0 dimensions\), but contrastive_loss takes input \[N, D\] \(N pairs of D-dimensional embeddings\) or one pair \[D\]\.$/ },
  { code: 'shape_mismatch', request: { loss: 'contrastive_loss', input: [[1, 0]], target: [1, 0], extra: { input2: [[0, 1]] } }, message: /^target has shape \[2\], but with input of shape \[1, 2\] \(one label per pair\) it must be \[1\]\.$/ },
  // core/losses/cross_entropy.ts
  { code: 'invalid_rank', request: { loss: 'cross_entropy', input: 1, target: 0 }, message: /^input has shape \[\] \(0 dimensions\), but logits for cross_entropy must be \[N, C, d1\.\.dk\] \(or \[C\] for one un-batched sample\)\.$/ },
  { code: 'invalid_rank', request: { loss: 'nll_loss', input: 1, target: 0 }, message: /but log-probabilities for nll_loss must be/ },
  { code: 'invalid_rank', request: { loss: 'categorical_cross_entropy', input: 1, target: 0 }, message: /but probabilities for categorical_cross_entropy must be/ },
  { code: 'invalid_rank', request: { loss: 'softmax_focal_loss', input: 1, target: 0 }, message: /but logits for softmax_focal_loss must be/ },
  { code: 'invalid_rank', request: { loss: 'cross_entropy', input: [], target: 0 }, message: /^input has shape \[0\]: there must be at least one class\.$/ },
  { code: 'shape_mismatch', request: { loss: 'nll_loss', input: [[], []], target: [0, 0] }, message: /^input has shape \[2, 0\]: the class dimension \(dim 1\) must not be empty\.$/ },
  { code: 'shape_mismatch', request: { loss: 'cross_entropy', input: [[1, 2, 3], [1, 2, 3]], target: [0, 1, 2] }, message: /^target has shape \[3\], but class indices for input \[2, 3\] must have the input's shape without the class dimension \(C = 3\), \[2\], or the input's own shape \[2, 3\] for class probabilities\.$/ },
  { code: 'shape_mismatch', request: { loss: 'nll_loss', input: [-1, -2, -0.5], target: [1] }, message: /^target has shape \[1\], but for an un-batched input \[3\] the class index is a single number \(shape \[\]\)\.$/ },
  { code: 'invalid_probability', request: { loss: 'categorical_cross_entropy', input: [[0.5, 2]], target: [0] }, message: /^input\[0, 1\] is 2, but categorical_cross_entropy takes probabilities in \[0, 1\] \(already soft-maxed\)\. For logits use cross_entropy\.$/ },
  { code: 'invalid_probability', request: { loss: 'categorical_cross_entropy', input: [[0.5, 0.5]], target: [[1.5, -0.5]] }, message: /^target\[0, 0\] is 1\.5, but a target with the input's shape holds probabilities \(or one-hot rows\) in \[0, 1\]\.$/ },
  // core/losses/softmax_focal.ts, kl_div.ts, poisson_nll.ts
  { code: 'invalid_param', request: { loss: 'softmax_focal_loss', input: [[1, 2, 3]], target: [0], params: { alpha: [0.5, 'x', 1] } }, message: /^Parameter "alpha"\[1\] is "x", but per-class α values must be numbers ≥ 0\.$/ },
  { code: 'invalid_probability', request: { loss: 'kl_div', input: [[-1, -0.5]], target: [[1.2, -0.2]] }, message: /^target\[0, 1\] is -0\.2, but kl_div targets are probabilities ≥ 0 \(set log_target = true if the target holds log-probabilities\)\.$/ },
  { code: 'shape_mismatch', request: { loss: 'kl_div', input: [[-1, -0.5]], target: [[0.5, 0.25, 0.25]] }, message: /^target has shape \[1, 3\], but it must have the shape of input, \[1, 2\]\.$/ },
  { code: 'invalid_label', request: { loss: 'poisson_nll_loss', input: [0.5, 1], target: [1, -2] }, message: /^target\[1\] is -2, but poisson_nll_loss targets are counts ≥ 0\.$/ },
  { code: 'invalid_number', request: { loss: 'poisson_nll_loss', input: [0.5, -1], target: [1, 2], params: { log_input: false } }, message: /^input\[1\] is -1, but with log_input = false the input is a rate λ ≥ 0 \(set log_input = true if it holds log-rates ln λ\)\.$/ },
  // core/losses/binary_margin.ts, ranking.ts (labels checked inside the kernels)
  { code: 'invalid_label', request: { loss: 'exponential_loss', input: [0.5, 1], target: [2, 1] }, message: /^target\[0\] is 2, but labels must be 1 or −1\.$/ },
  { code: 'invalid_label', request: { loss: 'hinge_embedding_loss', input: [0.5, 1], target: [1, 0] }, message: /^target\[1\] is 0, but labels must be 1 or −1\.$/ },
  { code: 'invalid_label', request: { loss: 'margin_ranking_loss', input: [0.5, 1], target: [1, 3], extra: { input2: [0, 0] } }, message: /^target\[1\] is 3, but labels must be 1 or −1\.$/ },
  { code: 'shape_mismatch', request: { loss: 'margin_ranking_loss', input: [0.5, 1], target: [1], extra: { input2: [0, 0] } }, message: /^target has shape \[1\], but it must have the shape of input, \[2\]\.$/ },
  { code: 'invalid_label', request: { loss: 'cosine_embedding_loss', input: [1, 0], target: 2, extra: { input2: [0, 1] } }, message: /^target is 2, but cosine_embedding_loss labels must be 1 \(similar\) or −1 \(dissimilar\)\.$/ },
  { code: 'invalid_label', request: { loss: 'contrastive_loss', input: [[1, 0]], target: [-1], extra: { input2: [[0, 1]] } }, message: /^target\[0\] is -1, but contrastive_loss labels must be 1 \(similar pair\) or 0 \(dissimilar pair\); for ±1 labels use \(y \+ 1\) \/ 2\.$/ },
  // core/losses/multi_margin.ts
  { code: 'invalid_rank', request: { loss: 'multi_margin_loss', input: [[[1, 2]]], target: [[0]] }, message: /^input has shape \[1, 1, 2\] \(3 dimensions\), but multi_margin_loss takes scores \[N, C\] \(or \[C\] for one un-batched sample\)\.$/ },
  { code: 'invalid_rank', request: { loss: 'multi_margin_loss', input: [], target: 0 }, message: /^input has shape \[0\]: there must be at least one class\.$/ },
  { code: 'shape_mismatch', request: { loss: 'multi_margin_loss', input: [1, 2, 3], target: [0, 1] }, message: /^target has shape \[2\], but for an un-batched input \[3\] the class index is a single number \(shape \[\] or \[1\]\)\.$/ },
  { code: 'shape_mismatch', request: { loss: 'multi_margin_loss', input: [[], []], target: [0, 0] }, message: /^input has shape \[2, 0\]: the class dimension \(dim 1\) must not be empty\.$/ },
  { code: 'shape_mismatch', request: { loss: 'multi_margin_loss', input: [[1, 2, 3], [1, 2, 3]], target: [0, 1, 2] }, message: /^target has shape \[3\], but class indices for input \[2, 3\] must have shape \[2\] \(one class per row\)\.$/ },
  // core/losses/dice.ts
  { code: 'invalid_rank', request: { loss: 'soft_dice', input: 0.5, target: 1, params: { mode: 'binary' } }, message: /^input is a scalar, but soft_dice in binary mode expects input \[N, \.\.\.\] and a 0\/1 target of the same shape\.$/ },
  { code: 'invalid_rank', request: { loss: 'soft_jaccard', input: [0.1, 0.2], target: [0, 1], params: { mode: 'multiclass' } }, message: /^input has shape \[2\] \(1 dimensions\), but soft_jaccard in multiclass mode expects input \[N, C, \.\.\.\] and a target \[N, \.\.\.\] of class indices \(the input's shape without dim 1\); for a single mask use mode "binary"\.$/ },
  { code: 'shape_mismatch', request: { loss: 'soft_dice', input: [[[0.1, 0.2]], [[0.3, 0.4]]], target: [[[0, 1]], [[1, 0]]], params: { mode: 'multiclass' } }, message: /^target has shape \[2, 1, 2\], but soft_dice in multiclass mode expects .*: here \[2, 2\]\. A target with the input's shape is a mask: use mode "multilabel" \(or "binary"\)\.$/ },
  { code: 'shape_mismatch', request: { loss: 'soft_dice', input: [[[0.1, 0.2]], [[0.3, 0.4]]], target: [0, 1], params: { mode: 'multiclass' } }, message: /^target has shape \[2\], but soft_dice in multiclass mode expects .*: here \[2, 2\]\.$/ },
  { code: 'shape_mismatch', request: { loss: 'soft_dice', input: [[0.1, 0.2]], target: [0, 1], params: { mode: 'multilabel' } }, message: /^target has shape \[2\], but soft_dice in multilabel mode expects input \[N, C, \.\.\.\] and a 0\/1 target of the same shape: here \[1, 2\]\. For class-index targets use mode "multiclass"\.$/ },
  { code: 'invalid_label', request: { loss: 'soft_dice', input: [[0.1, 0.2]], target: [[0, 0.5]], params: { mode: 'multilabel', ignore_index: 255 } }, message: /^target\[0, 1\] is 0\.5, but in multilabel mode the target holds 0\/1 labels \(or ignore_index = 255\)\. For class indices use mode "multiclass"\.$/ },
  { code: 'invalid_probability', request: { loss: 'soft_dice', input: [1.5], target: [1], params: { mode: 'binary', from_logits: false } }, message: /^input\[0\] is 1\.5, but with from_logits = false the input must hold probabilities in \[0, 1\] \(pass logits with from_logits = true\)\.$/ },
  // core/losses/lovasz.ts
  { code: 'invalid_rank', request: { loss: 'lovasz_hinge', input: 0.5, target: 1 }, message: /^input is a scalar, but lovasz_hinge expects logits \[B, \.\.\.\] \(one row per image\) and 0\/1 labels of the same shape\.$/ },
  { code: 'shape_mismatch', request: { loss: 'lovasz_hinge', input: [[0.1, 0.2]], target: [0, 1] }, message: /^target has shape \[2\], but lovasz_hinge expects logits \[B, \.\.\.\] and 0\/1 labels of the same shape: here \[1, 2\]\.$/ },
  { code: 'invalid_label', request: { loss: 'lovasz_hinge', input: [[0.1, 0.2]], target: [[0, 2]], params: { ignore_index: 255 } }, message: /^target\[0, 1\] is 2, but lovasz_hinge takes 0\/1 labels \(or ignore_index = 255\)\.$/ },
  { code: 'invalid_rank', request: { loss: 'lovasz_softmax', input: [0.2, 0.8], target: [1], params: { from_logits: true } }, message: /^input has shape \[2\] \(1 dimensions\), but lovasz_softmax expects logits \[B, C, H, W\] \(class dimension 1, any number of spatial dimensions\) and class indices \[B, H, W\]\.$/ },
  { code: 'shape_mismatch', request: { loss: 'lovasz_softmax', input: [[[[0.4, 0.5]], [[0.6, 0.5]]]], target: [[[[0, 1]]]] }, message: /^target has shape \[1, 1, 1, 2\], but lovasz_softmax expects probabilities \[B, C, H, W\] .*: the input's shape without dim 1, here \[1, 1, 2\]\.$/ },
  { code: 'invalid_param', request: { loss: 'lovasz_softmax', input: [[[[0.4, 0.5]], [[0.6, 0.5]]]], target: [[[0, 1]]], params: { classes: [0, 3] } }, message: /^Parameter "classes" lists class 3 \(entry 1\), but C = 2: class ids must be in 0\.\.1\.$/ },
  { code: 'invalid_probability', request: { loss: 'lovasz_softmax', input: [[[[1.2, 0.1]], [[0.3, 0.2]]]], target: [[[0, 1]]] }, message: /^input\[0, 0, 0, 0\] is 1\.2, but with from_logits = false the input must hold probabilities in \[0, 1\] \(pass logits with from_logits = true\)\.$/ },
];

describe('error codes, in English and Chinese', () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.message.source.slice(0, 70)}`, () => check(refusal(c.request), c.code, c.message, c.message.source));
  }

  it('every parameter of every loss refuses a value of the wrong kind, saying what it allows', () => {
    let n = 0;
    for (const loss of LOSSES) {
      for (const name of Object.keys(loss.params)) {
        const e = thrown(() => resolveParams(loss.params, { [name]: 'abc' }, null, loss.id));
        check(e, 'invalid_param', new RegExp(`^Parameter "${name}" must be .+; got "abc"\\.$`), `${loss.id}.${name}`);
        n++;
      }
    }
    assert.ok(n >= 40, `only ${n} parameters`);
  });

  it('every loss called without its target or extra tensors names the missing one and what it holds', () => {
    const x = t([2, 2], [0.5, 0.5, 0.5, 0.5]);
    for (const loss of LOSSES) {
      const params = resolveParams(loss.params, {}, null, loss.id);
      const full: LossInputs = { input: x, target: loss.target === 'none' ? null : t([2], [1, 0]), extra: Object.fromEntries(loss.extra.map((k) => [k, x])) };
      if (loss.target !== 'none') {
        const e = thrown(() => loss.compute({ ...full, target: null }, params, loss.defaultReduction));
        check(e, 'missing_tensor', new RegExp(`^${loss.id} needs target: .+\\.$`), `${loss.id} without target`);
        assert.equal(e.tensor, 'target');
      }
      for (const k of loss.extra) {
        const extra = { ...full.extra };
        delete extra[k];
        const e = thrown(() => loss.compute({ ...full, extra }, params, loss.defaultReduction));
        check(e, 'missing_tensor', new RegExp(`^${loss.id} needs extra\\.${k}: .+\\.$`), `${loss.id} without extra.${k}`);
      }
    }
    // The curve's points ask for the same tensors with their own words.
    for (const id of ['cosine_embedding_loss', 'contrastive_loss']) {
      const loss = getLoss(id);
      const e = thrown(() => loss.curve.points!({ input: x, target: null, extra: { input2: x } }, resolveParams(loss.params, {}, null, id)));
      check(e, 'missing_tensor', new RegExp(`^${id} needs target: one label per pair: 1 or (−1|0)\\.$`), `${id} points without target`);
    }
    // Dice's mask modes ask for a mask, its multiclass mode (the default) for class indices.
    const dice = getLoss('soft_dice');
    const e = thrown(() => dice.compute({ input: x, target: null, extra: {} }, resolveParams(dice.params, { mode: 'binary' }, null, dice.id), 'mean'));
    check(e, 'missing_tensor', /^soft_dice needs target: 0\/1 labels with the input's shape\.$/, 'soft_dice binary without target');
  });

  it('kernels called directly re-check what the request check would have refused', () => {
    const x = t([2, 3], [1, 2, 3, 0, 1, -1]);
    const y = t([2], [0, 1]);
    const ce = getLoss('cross_entropy');
    check(thrown(() => ce.compute({ input: x, target: y, extra: {} }, resolveParams(ce.params, { weight: [1, 2] }, null, ce.id), 'mean')), 'invalid_param', /^Parameter "weight" has 2 values, but C \(the number of classes\) is 3: give one value per class\.$/, 'weight length, direct');
    const focal = getLoss('sigmoid_focal_loss');
    const b = t([2], [1, 0]);
    check(thrown(() => focal.compute({ input: b, target: b, extra: {} }, { alpha: 0.25, gamma: -1 }, 'mean')), 'invalid_param', /^Parameter "gamma" must be a number ≥ 0; got -1\.$/, 'gamma, direct');
    check(thrown(() => focal.compute({ input: b, target: b, extra: {} }, { alpha: 2, gamma: 2 }, 'mean')), 'invalid_param', /^Parameter "alpha" must be a number in \[0, 1\], or −1 for no weighting; got 2\.$/, 'alpha, direct');
    const bce = getLoss('binary_cross_entropy_with_logits');
    check(thrown(() => bce.compute({ input: x, target: t([2, 3], [1, 0, 1, 0, 1, 0]), extra: {} }, { weight: t([2], [1, 2]), pos_weight: null }, 'mean')), 'invalid_param', /^Parameter "weight" has shape \[2\], which does not broadcast to the input's shape \[2, 3\]\.$/, 'weight shape, direct');
    const lovasz = getLoss('lovasz_softmax');
    const p = t([1, 2, 1, 2], [0.4, 0.5, 0.6, 0.5]);
    const yy = t([1, 1, 2], [0, 1]);
    check(thrown(() => lovasz.compute({ input: p, target: yy, extra: {} }, { classes: 'some', per_image: false, ignore_index: null, from_logits: false }, 'mean')), 'invalid_param', /^Parameter "classes" must be "present", "all" or a list of class ids; got "some"\.$/, 'classes, direct');
  });

  it('a per-entry vector parameter says how long it must be', () => {
    const spec = vectorParam({ length: 'last-dim', doc: { en: 'per entry', 'zh-cn': '每个位置' } });
    check(thrown(() => spec.check([1, 2], 'scale', { inputShape: [4, 3] })), 'invalid_param', /^Parameter "scale" has 2 values, but the input's last dimension is 3: give one value per entry of the last dimension\.$/, 'last-dim vector');
    check(thrown(() => spec.check('one, two', 'scale', null)), 'invalid_param', /^Parameter "scale" must be null or a list of numbers of length the input's last dimension; got "one, two"\.$/, 'last-dim vector, words');
  });

  it('too_large and internal: failures that are not the user’s still come back as values', () => {
    const big = toErrorInfo(new RangeError('Array buffer allocation failed'));
    check(big, 'too_large', /^The tensors are too large to hold in memory\.$/, 'too_large');
    const internal = toErrorInfo(new TypeError('x is undefined'));
    check(internal, 'internal', /^Internal error in Loss Lens \(please report it\): x is undefined$/, 'internal');
    // A tensor whose data does not fill its shape is a bug of ours, reported as one.
    check(thrown(() => tensor([2, 3], [1, 2])), 'internal', /^tensor data has 2 values for shape \[2, 3\]$/, 'tensor data length');
    // A Dice output without its intermediates (a kernel bug) is reported, not drawn.
    const dice = getLoss('soft_dice');
    const params = resolveParams(dice.params, { mode: 'binary' }, null, dice.id);
    const inputs: LossInputs = { input: t([1, 2], [0.2, 0.7]), target: t([1, 2], [0, 1]), extra: {} };
    const out: LossOutput = { ...dice.compute(inputs, params, 'mean'), intermediates: [] };
    check(thrown(() => dice.worked(inputs, params, out, 'mean', 3)), 'internal', /^soft Dice output lacks intermediate I$/, 'dice intermediates');
  });
});

describe('payload refusals, in English and Chinese', () => {
  const ok = { loss: 'mse_loss', input: [1], target: [1] };
  const cases: [string, unknown, ErrorCode, string, RegExp][] = [
    ['not an object', [1], 'invalid_request', '(payload)', /^"\(payload\)" must be a JSON object with "loss" and "input" \(mime application\/vnd\.loss-lens\+json\); got a list of 1\.$/],
    ['version', { ...ok, version: 3 }, 'invalid_request', 'version', /^"version" must be 1 \(the only payload version this Loss Lens reads\); got number 3\.$/],
    ['kind', { ...ok, kind: 'reply' }, 'invalid_request', 'kind', /^"kind" must be "request" or "report"; got the text "reply"\.$/],
    ['unknown field', { ...ok, parms: {} }, 'invalid_request', 'parms', /^"parms" must be absent: the payload's fields are version, kind, loss, .*; got an object\.$/],
    ['no loss', { input: [1] }, 'invalid_request', 'loss', /^"loss" must be a loss id such as "cross_entropy", or a list of ids to compare; got nothing\.$/],
    ['empty loss list', { ...ok, loss: [] }, 'invalid_request', 'loss', /^"loss" must be a loss id or a non-empty list of ids; got a list of 0\.$/],
    ['loss not text', { ...ok, loss: ['mse_loss', 5] }, 'invalid_request', 'loss[1]', /^"loss\[1\]" must be a loss id such as "cross_entropy"; got number 5\.$/],
    ['unknown loss', { ...ok, loss: 'huber_los' }, 'unknown_loss', 'loss', /^"loss" names no loss: there is no loss "huber_los" \(did you mean "huber_loss"\?\)\.$/],
    ['unknown loss, nothing near', { ...ok, loss: 'qqqqqqqqqqqqqqqqqqqq' }, 'unknown_loss', 'loss', /^"loss" names no loss: there is no loss "qqqqqqqqqqqqqqqqqqqq"\.$/],
    ['no input', { loss: 'mse_loss' }, 'missing_tensor', 'input', /^"input" must be the input tensor as a number or nested lists of numbers; got nothing\.$/],
    ['title', { ...ok, title: true }, 'invalid_request', 'title', /^"title" must be text; got boolean true\.$/],
    ['locale', { ...ok, locale: 7 }, 'invalid_request', 'locale', /^"locale" must be a language tag such as "en" or "zh-cn"; got number 7\.$/],
    ['reduction', { ...ok, reduction: 1 }, 'invalid_request', 'reduction', /^"reduction" must be "none", "mean", "sum" or "batchmean"; got number 1\.$/],
    ['params', { ...ok, params: [1] }, 'invalid_request', 'params', /^"params" must be an object such as \{"gamma": 2\}; got a list of 1\.$/],
    ['extra', { ...ok, extra: 'x'.repeat(50) }, 'invalid_request', 'extra', /^"extra" must be an object such as \{"input2": \[\.\.\.\]\}; got the text "x{40}…"\.$/],
    ['display', { ...ok, display: 4 }, 'invalid_request', 'display', /^"display" must be an object such as \{"units": "bits", "digits": 4, "samples": 3\}; got number 4\.$/],
    ['display.units', { ...ok, display: { units: 'hartleys' } }, 'invalid_request', 'display.units', /^"display\.units" must be "nats" or "bits"; got the text "hartleys"\.$/],
    ['display.samples', { ...ok, display: { samples: 0 } }, 'invalid_request', 'display.samples', /^"display\.samples" must be an integer from 1 to 50; got number 0\.$/],
    ['display.notation', { ...ok, display: { notation: 'engineering' } }, 'invalid_request', 'display.notation', /^"display\.notation" must be "auto", "fixed" or "scientific"; got the text "engineering"\.$/],
    ['report without result', { ...ok, kind: 'report' }, 'invalid_request', 'result', /^"result" must be the computed answer \{"value": \.\.\., "grad": \.\.\.\} \(or send kind "request" and let the renderer compute\); got nothing\.$/],
    ['result not an object', { ...ok, kind: 'report', result: 1 }, 'invalid_request', 'result', /^"result" must be an object with "value" \(and "grad"\); got number 1\.$/],
    ['result without value', { ...ok, kind: 'report', result: {} }, 'invalid_request', 'result.value', /^"result\.value" must be a number, "NaN", "Infinity", "-Infinity" or a nested list of them; got nothing\.$/],
    ['result grad not numbers', { ...ok, kind: 'report', result: { value: 1, grad: [null] } }, 'invalid_request', 'result.grad', /^"result\.grad" must be numbers \(or "NaN", "Infinity", "-Infinity"\), possibly nested in lists; got a list of 1\.$/],
    ['result grad_extra', { ...ok, kind: 'report', result: { value: 1, grad_extra: 2 } }, 'invalid_request', 'result.grad_extra', /^"result\.grad_extra" must be an object such as \{"input2": \[\.\.\.\]\}; got number 2\.$/],
    ['results empty', { ...ok, kind: 'report', results: [] }, 'invalid_request', 'results', /^"results" must be a non-empty list with one entry per compared loss; got a list of 0\.$/],
    ['results entry', { ...ok, kind: 'report', results: [null] }, 'invalid_request', 'results[0]', /^"results\[0\]" must be an object with "loss", the tensors and "result"; got null\.$/],
    ['compared params', { ...ok, loss: ['l1_loss', 'huber_loss'], params: { gamma: 2 } }, 'unknown_param', 'params.gamma', /^"params\.gamma" must be a parameter of one of l1_loss, huber_loss; got number 2\.$/],
    ['a compared loss refuses', { ...ok, loss: ['l1_loss', 'huber_loss'], target: [1, 2, 3], input: [1, 2] }, 'shape_mismatch', 'target', /^l1_loss: target has shape \[3\], which does not broadcast with input's shape \[2\]: give it the input's shape\.$/],
  ];
  for (const [name, raw, code, field, message] of cases) {
    it(name, () => {
      const r = computeReport(raw);
      assert.equal(r.ok, false);
      const e = (r as unknown as { error: PayloadError }).error;
      check(e, code, message, name);
      assert.equal(e.field, field);
      assertTranslated(e.expected, `expected of ${name}`);
    });
  }
});
