/**
 * Which selected tensor plays which role for a loss: tensors the data names (assignments, object
 * keys) go to their roles; the rest fill the roles still open in order (input, target, then the
 * extra tensors), so several selections read as input, target, ...
 */
import type { AnyLoss } from '../core/loss.js';
import { assignRoles } from '../core/parse/roles.js';
import { rolesOf, type Role } from './describe.js';
import type { LocatedTensor } from './selection.js';

export interface RoleMapping {
  readonly assigned: Partial<Record<Role, LocatedTensor>>;
  readonly missing: Role[];
  /** Tensors no role took. */
  readonly unused: LocatedTensor[];
}

export function mapRoles(loss: AnyLoss, located: readonly LocatedTensor[]): RoleMapping {
  const byTensor = new Map(located.map((l) => [l.tensor, l]));
  const { roles, unnamed, unknown } = assignRoles(located.map((l) => l.tensor));
  const needed = rolesOf(loss);
  const assigned: Partial<Record<Role, LocatedTensor>> = {};
  const taken = new Set<LocatedTensor>();
  for (const role of needed) {
    const t = (roles as Partial<Record<Role, (typeof located)[number]['tensor']>>)[role];
    const l = t ? byTensor.get(t) : undefined;
    if (l) {
      assigned[role] = l;
      taken.add(l);
    }
  }
  // Unnamed tensors, then tensors with names no role claims, in the order they were selected.
  const order = new Map(located.map((l, i) => [l, i]));
  const pool = [...unnamed, ...unknown]
    .map((t) => byTensor.get(t))
    .filter((l): l is LocatedTensor => l !== undefined && !taken.has(l))
    .sort((a, b) => order.get(a)! - order.get(b)!);
  const missing: Role[] = [];
  for (const role of needed) {
    if (assigned[role]) continue;
    const next = pool.shift();
    if (next) {
      assigned[role] = next;
      taken.add(next);
    } else missing.push(role);
  }
  return { assigned, missing, unused: located.filter((l) => !taken.has(l)) };
}
