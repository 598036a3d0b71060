// The alias table (docs/parsing.md) maps names to the roles a loss takes; names it does not know
// stay named tensors offered by name; unnamed tensors are left for the caller to place in order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSelection, type ParsedTensor } from '../../core/parse/index.js';
import { assignRoles, ROLE_ALIASES, roleOf, type Role } from '../../core/parse/roles.js';

function tensors(text: string): ParsedTensor[] {
  const r = parseSelection(text);
  assert.ok(r.ok, r.ok ? '' : r.error.message.en);
  return r.tensors;
}

describe('roles', () => {
  it('the issue\'s aliases map to their roles', () => {
    const issue: Record<string, Role> = {
      logits: 'input', pred: 'input', preds: 'input', y_pred: 'input', output: 'input', outputs: 'input', scores: 'input', probs: 'input', x: 'input', anchor: 'input',
      target: 'target', targets: 'target', labels: 'target', label: 'target', y: 'target', y_true: 'target', gt: 'target', mask: 'target',
      input2: 'input2', positive: 'positive', negative: 'negative',
    };
    for (const [name, role] of Object.entries(issue)) {
      assert.equal(roleOf(name), role, name);
      assert.ok(ROLE_ALIASES[role].includes(name), `${name} listed under ${role}`);
    }
  });
  it('no alias belongs to two roles', () => {
    const seen = new Map<string, Role>();
    for (const [role, names] of Object.entries(ROLE_ALIASES) as [Role, readonly string[]][]) {
      for (const n of names) {
        assert.ok(!seen.has(n), `${n} is under ${seen.get(n)} and ${role}`);
        seen.set(n, role);
      }
    }
  });
  it('matches whole names, case-insensitively, after an attribute prefix', () => {
    assert.equal(roleOf('Logits'), 'input');
    assert.equal(roleOf('self.target'), 'target');
    assert.equal(roleOf('batch.y-true'), 'target');
    assert.equal(roleOf('mask_logits'), null);
    assert.equal(roleOf('targets_onehot'), null);
    assert.equal(roleOf('weights'), null);
  });
  it('assigns named tensors, keeps unknown and duplicate names, leaves unnamed ones', () => {
    const ts = tensors('logits = [[1, 2]]\nweights = [1]\ny = [0]\nlabels = [1]\n[5, 6]');
    const { roles, unnamed, unknown } = assignRoles(ts);
    assert.equal(roles.input?.name, 'logits');
    assert.equal(roles.target?.name, 'y');
    assert.deepEqual(unknown.map((t) => t.name), ['weights', 'labels']);
    assert.deepEqual(unnamed.map((t) => [...t.shape]), [[2]]);
  });
  it('triplet names from a dict', () => {
    const { roles } = assignRoles(tensors("{'anchor': [[0, 1]], 'pos': [[0, 1]], 'neg': [[1, 0]]}"));
    assert.deepEqual([roles.input?.name, roles.positive?.name, roles.negative?.name], ['anchor', 'pos', 'neg']);
  });
  it('a CSV header with role names names its columns', () => {
    const { roles } = assignRoles(tensors('y_pred\ty_true\n0.8\t1\n0.3\t0'));
    assert.deepEqual(Array.from(roles.input!.data), [0.8, 0.3]);
    assert.deepEqual(Array.from(roles.target!.data), [1, 0]);
    assert.equal(roles.target!.integer, true);
  });
});
