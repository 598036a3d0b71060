/**
 * The catalogue: the one place that lists every loss definition. Everything else (CLI, renderer,
 * extension, tests, benchmarks) finds losses here by id.
 */
import { fail } from './errors.js';
import { CATEGORIES, type AnyLoss, type Category } from './loss.js';
import binaryCrossEntropy from './losses/binary_cross_entropy.js';
import binaryMargin from './losses/binary_margin.js';
import crossEntropy from './losses/cross_entropy.js';
import dice from './losses/dice.js';
import klDiv from './losses/kl_div.js';
import lovasz from './losses/lovasz.js';
import multiMargin from './losses/multi_margin.js';
import poissonNll from './losses/poisson_nll.js';
import ranking from './losses/ranking.js';
import reconstruction from './losses/reconstruction.js';
import regression from './losses/regression.js';
import sigmoidFocal from './losses/sigmoid_focal.js';
import softmaxFocal from './losses/softmax_focal.js';
import triplet from './losses/triplet.js';

export const LOSSES: readonly AnyLoss[] = [
  ...crossEntropy,
  ...klDiv,
  ...binaryCrossEntropy,
  ...sigmoidFocal,
  ...softmaxFocal,
  ...multiMargin,
  ...binaryMargin,
  ...dice,
  ...lovasz,
  ...regression,
  ...poissonNll,
  ...reconstruction,
  ...ranking,
  ...triplet,
];

const byId = new Map<string, AnyLoss>(LOSSES.map((l) => [l.id, l]));

export function findLoss(id: string): AnyLoss | undefined {
  return byId.get(id);
}

export function getLoss(id: string): AnyLoss {
  const loss = byId.get(id);
  if (loss) return loss;
  const near = nearestIds(id);
  const quoted = near.map((n) => `"${n}"`);
  const hint = near.length ? { en: ` Did you mean ${quoted.join(' or ')}?`, zh: `你是不是要找 ${quoted.join(' 或 ')}？` } : { en: '', zh: '' };
  return fail(
    'unknown_loss',
    {
      en: `There is no loss "${id}".${hint.en} Run \`loss-lens list\` for the catalogue.`,
      'zh-cn': `没有名为 "${id}" 的损失函数。${hint.zh}运行 \`loss-lens list\` 查看损失函数目录。`,
    },
    { suggestions: near },
  );
}

export function lossesByCategory(): ReadonlyMap<Category, readonly AnyLoss[]> {
  const m = new Map<Category, AnyLoss[]>(CATEGORIES.map((c) => [c, []]));
  for (const l of LOSSES) m.get(l.category)!.push(l);
  return m;
}

/** Ids closest to a misspelt one: edit distance on the id, and ids containing what was typed. */
export function nearestIds(id: string, max = 3): string[] {
  const q = id.toLowerCase().replace(/[\s-]+/g, '_');
  const scored = LOSSES.map((l) => {
    let d = editDistance(q, l.id);
    if (q.length >= 3 && l.id.includes(q)) d = Math.min(d, 1);
    return { id: l.id, d };
  });
  const limit = Math.max(2, Math.floor(q.length / 3));
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((s) => s.id);
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
