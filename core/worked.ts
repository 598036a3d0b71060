/** Building blocks for worked examples: per-sample steps and the reduction with its numbers. */
import { texNumber } from './format.js';
import type { Localized } from './localized.js';
import type { LossOutput, Reduction, WorkedExample, WorkedStep } from './loss.js';

export function sampleLabel(i: number): Localized {
  return { en: `sample ${i + 1}`, 'zh-cn': `样本 ${i + 1}` };
}

export function classLabel(k: number): Localized {
  return { en: `class ${k}`, 'zh-cn': `类别 ${k}` };
}

export function groupLabel(g: number): Localized {
  return { en: `group ${g + 1}`, 'zh-cn': `分组 ${g + 1}` };
}

/** How many terms a reduction writes out before eliding with \cdots. */
const SHOWN_TERMS = 4;

/**
 * The reduction with its numbers: `\frac{0.357 + 0.916 + 2.303}{3}` for mean, the plain sum for sum;
 * null for none. `denominator` and its TeX default to the number of terms.
 */
export function reductionStep(output: LossOutput, reduction: Reduction, denominatorTex?: string): WorkedExample['reduction'] {
  if (reduction === 'none' || typeof output.value !== 'number') return null;
  const d = output.unreduced.data;
  const terms: string[] = [];
  for (let i = 0; i < Math.min(d.length, SHOWN_TERMS); i++) terms.push(texNumber(d[i], 4, i > 0));
  if (d.length > SHOWN_TERMS) terms.push('\\cdots', texNumber(d[d.length - 1], 4, true));
  const sum = terms.join(' + ') || '0';
  const tex = reduction === 'sum' ? sum : `\\frac{${sum}}{${denominatorTex ?? String(d.length)}}`;
  return { tex, value: output.value };
}

/** Steps for the first `count` elements of the unreduced loss, each from `stepTex(i)`. */
export function elementSteps(output: LossOutput, count: number, stepTex: (i: number) => string, label: (i: number) => Localized = sampleLabel): WorkedStep[] {
  const n = Math.min(count, output.unreduced.data.length);
  const steps: WorkedStep[] = [];
  for (let i = 0; i < n; i++) steps.push({ label: label(i), tex: stepTex(i), value: output.unreduced.data[i] });
  return steps;
}

export function workedElementwise(output: LossOutput, reduction: Reduction, count: number, stepTex: (i: number) => string, denominatorTex?: string): WorkedExample {
  return {
    steps: elementSteps(output, count, stepTex),
    total: output.unreduced.data.length,
    reduction: reductionStep(output, reduction, denominatorTex),
  };
}
