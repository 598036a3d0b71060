// Every definition in the registry is held to the same contract: metadata in both languages, a
// formula, a finite curve, a worked example consistent with the computed values, and analytic
// gradients that agree with central differences at random points.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATEGORIES, type AnyLoss, type ExtraName, type LossInputs, type Reduction } from '../../core/loss.js';
import { resolveParams } from '../../core/params.js';
import { LOSSES } from '../../core/registry.js';
import { seededRng } from '../../core/rng.js';
import type { Tensor } from '../../core/tensor.js';

const SPEC_IDS = [
  'cross_entropy', 'nll_loss', 'kl_div', 'binary_cross_entropy', 'binary_cross_entropy_with_logits',
  'multi_margin_loss', 'hinge_embedding_loss', 'soft_margin_loss', 'margin_ranking_loss',
  'triplet_margin_loss', 'cosine_embedding_loss', 'l1_loss', 'mse_loss', 'smooth_l1_loss', 'huber_loss',
  'poisson_nll_loss', 'sigmoid_focal_loss', 'softmax_focal_loss', 'balanced_bce', 'exponential_loss',
  'binary_hinge', 'log_cosh', 'l0_loss', 'hdr_relative_mse', 'soft_dice', 'soft_jaccard',
  'contrastive_loss', 'lovasz_hinge', 'lovasz_softmax', 'categorical_cross_entropy',
];

function totalOf(loss: AnyLoss, inputs: LossInputs, params: unknown, reduction: Reduction): number {
  const out = loss.compute(inputs, params, reduction);
  if (typeof out.value === 'number') return out.value;
  let s = 0;
  for (const v of out.value.data) s += v;
  return s;
}

function withData(inputs: LossInputs, which: 'input' | ExtraName, data: Float64Array): LossInputs {
  const t: Tensor = { shape: (which === 'input' ? inputs.input : inputs.extra[which]!).shape, data };
  return which === 'input' ? { ...inputs, input: t } : { ...inputs, extra: { ...inputs.extra, [which]: t } };
}

describe('catalogue', () => {
  it('has all 30 ids of the spec, once each', () => {
    const ids = LOSSES.map((l) => l.id);
    assert.deepEqual([...ids].sort(), [...SPEC_IDS].sort());
  });

  for (const loss of LOSSES) {
    describe(loss.id, () => {
      it('carries names in both languages, a category, a formula and a summary', () => {
        assert.ok(loss.names.en && loss.names['zh-cn'], 'names');
        assert.ok(/[\u4e00-\u9fff]/.test(loss.names['zh-cn']) || /^[A-Za-z0-9 ]+$/.test(loss.names['zh-cn']), 'zh-cn name');
        assert.ok(CATEGORIES.includes(loss.category));
        assert.ok(loss.summary.en.length > 20 && /[\u4e00-\u9fff]/.test(loss.summary['zh-cn']), 'summary in both languages');
        assert.ok(loss.formula.tex(null).length > 0 && loss.formula.derivativeTex(null).length > 0 && loss.formula.plain.en.length > 0);
        assert.ok(loss.pytorch !== null || loss.source, 'a PyTorch equivalent or a source');
        assert.ok(loss.reductions.includes(loss.defaultReduction));
      });

      it('draws a finite curve over its axis, for every family member', () => {
        const base = resolveParams(loss.params, {}, null, loss.id) as Record<string, unknown>;
        const values = loss.curve.family?.values ?? [undefined];
        const [a, b] = loss.curve.axis.domain;
        for (const v of values) {
          const params = v === undefined ? base : { ...base, [loss.curve.family!.param]: v };
          for (let k = 0; k <= 50; k++) {
            const z = a + ((b - a) * k) / 50;
            const p = loss.curve.at(z, params);
            assert.ok(Number.isFinite(p.loss) && Number.isFinite(p.grad), `${loss.id} curve at ${z} with ${JSON.stringify(v)}: ${p.loss}, ${p.grad}`);
          }
        }
      });

      it('curve derivative agrees with central differences', () => {
        const params = resolveParams(loss.params, {}, null, loss.id);
        const [a, b] = loss.curve.axis.domain;
        const h = 1e-6;
        for (let k = 1; k < 20; k++) {
          const z = a + ((b - a) * (k + 0.37)) / 20;
          const num = (loss.curve.at(z + h, params).loss - loss.curve.at(z - h, params).loss) / (2 * h);
          const ana = loss.curve.at(z, params).grad;
          assert.ok(Math.abs(num - ana) <= 1e-4 * (1 + Math.abs(ana)), `${loss.id} d/dz at ${z}: numeric ${num}, analytic ${ana}`);
        }
      });

      it('gradients agree with central differences at random points, under every reduction', () => {
        const rng = seededRng(1234);
        for (let trial = 0; trial < 3; trial++) {
          const { inputs, params: given } = loss.sample(rng, 24);
          const classes = loss.classes?.(inputs.input);
          const params = resolveParams(loss.params, given as Record<string, unknown> | undefined, { inputShape: inputs.input.shape, ...(classes !== undefined ? { classes } : {}) }, loss.id);
          for (const reduction of loss.reductions) {
            const out = loss.compute(inputs, params, reduction);
            const wrt: ('input' | ExtraName)[] = ['input', ...loss.extra];
            for (const which of wrt) {
              const t = which === 'input' ? inputs.input : inputs.extra[which]!;
              const g = which === 'input' ? out.grad : out.gradExtra[which]!;
              assert.ok(g, `${loss.id}: no gradient for ${which}`);
              const h = 1e-6;
              for (let i = 0; i < t.data.length; i++) {
                const up = Float64Array.from(t.data);
                const dn = Float64Array.from(t.data);
                up[i] += h;
                dn[i] -= h;
                const num = (totalOf(loss, withData(inputs, which, up), params, reduction) - totalOf(loss, withData(inputs, which, dn), params, reduction)) / (2 * h);
                const ana = g.data[i];
                assert.ok(Math.abs(num - ana) <= 1e-5 * (1 + Math.abs(ana)), `${loss.id} (${reduction}) d/d${which}[${i}]: numeric ${num}, analytic ${ana}`);
              }
            }
          }
        }
      });

      it('works an example whose steps are the computed values', () => {
        const rng = seededRng(99);
        const { inputs, params: given } = loss.sample(rng, 12);
        const classes = loss.classes?.(inputs.input);
        const params = resolveParams(loss.params, given as Record<string, unknown> | undefined, { inputShape: inputs.input.shape, ...(classes !== undefined ? { classes } : {}) }, loss.id);
        const reduction = loss.defaultReduction === 'none' ? (loss.reductions.find((r) => r !== 'none') ?? 'none') : loss.defaultReduction;
        const out = loss.compute(inputs, params, reduction);
        const w = loss.worked(inputs, params, out, reduction, 3);
        assert.ok(w.steps.length > 0 && w.steps.length <= 3, 'first steps only');
        assert.ok(w.total >= w.steps.length);
        for (const s of w.steps) assert.ok(s.tex.length > 0 && s.label.en && s.label['zh-cn']);
        if (w.reduction && typeof out.value === 'number') assert.equal(w.reduction.value, out.value);
      });
    });
  }
});
