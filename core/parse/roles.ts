/**
 * Which role a named tensor plays for a loss. The alias table is the documented contract
 * (docs/parsing.md): names are matched whole, case-insensitively, after dropping an attribute or
 * module prefix (`self.logits`, `batch.target`). Anything else stays a named tensor the user is
 * offered by name; a second tensor for a role already taken is offered the same way.
 */
import type { ParsedTensor } from './index.js';

export type Role = 'input' | 'target' | 'input2' | 'positive' | 'negative';

export const ROLE_ALIASES: Readonly<Record<Role, readonly string[]>> = {
  input: [
    'input', 'inputs', 'logits', 'logit', 'pred', 'preds', 'prediction', 'predictions', 'y_pred', 'y_hat', 'yhat',
    'output', 'outputs', 'out', 'scores', 'score', 'probs', 'prob', 'probabilities', 'x', 'x1', 'input1', 'anchor', 'anchors',
  ],
  target: ['target', 'targets', 'labels', 'label', 'y', 'y_true', 'gt', 'ground_truth', 'truth', 'mask', 'masks'],
  input2: ['input2', 'x2', 'y_pred2', 'other', 'inputs2', 'output2'],
  positive: ['positive', 'positives', 'pos'],
  negative: ['negative', 'negatives', 'neg'],
};

const BY_NAME: ReadonlyMap<string, Role> = new Map(
  (Object.entries(ROLE_ALIASES) as [Role, readonly string[]][]).flatMap(([role, names]) => names.map((n) => [n, role] as const)),
);

export function roleOf(name: string): Role | null {
  const n = name.trim().toLowerCase().replace(/-/g, '_');
  const last = n.slice(n.lastIndexOf('.') + 1);
  return BY_NAME.get(n) ?? BY_NAME.get(last) ?? null;
}

export function assignRoles(tensors: readonly ParsedTensor[]): {
  roles: Partial<Record<Role, ParsedTensor>>;
  unnamed: ParsedTensor[];
  unknown: ParsedTensor[];
} {
  const roles: Partial<Record<Role, ParsedTensor>> = {};
  const unnamed: ParsedTensor[] = [];
  const unknown: ParsedTensor[] = [];
  for (const t of tensors) {
    if (t.name === null) {
      unnamed.push(t);
      continue;
    }
    const role = roleOf(t.name);
    if (role !== null && roles[role] === undefined) roles[role] = t;
    else unknown.push(t);
  }
  return { roles, unnamed, unknown };
}
