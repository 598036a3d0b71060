/** Curve data for the plots: pure numbers from the core's curve specs, no DOM (cheap: ~0.3 ms per 5 × 400 points). */
import type { AnyLoss } from '../core/loss.js';
import { findLoss } from '../core/registry.js';

export interface CurveRow {
  readonly z: number;
  readonly loss: number;
  readonly grad: number;
  readonly series: string;
}

export const CURVE_POINTS = 241;

export function sampleCurve(loss: AnyLoss, params: Record<string, unknown>, series: string, domain: readonly [number, number] = loss.curve.axis.domain, n = CURVE_POINTS): CurveRow[] {
  const [a, b] = domain;
  const rows: CurveRow[] = [];
  for (let i = 0; i < n; i++) {
    const z = a + ((b - a) * i) / (n - 1);
    let p: { loss: number; grad: number };
    try {
      p = loss.curve.at(z, params);
    } catch {
      continue;
    }
    if (Number.isFinite(p.loss) && Number.isFinite(p.grad)) rows.push({ z, loss: p.loss, grad: p.grad, series });
  }
  return rows;
}

export function familyLabel(param: string, v: number): string {
  const sym: Record<string, string> = { gamma: 'γ', beta: 'β', delta: 'δ', alpha: 'α', margin: 'm', eps: 'ε', p: 'p' };
  return `${sym[param] ?? param} = ${v}`;
}

export function familyRows(loss: AnyLoss, params: Record<string, unknown>): CurveRow[] {
  const fam = loss.curve.family;
  if (!fam) return [];
  return fam.values.flatMap((v) => sampleCurve(loss, { ...params, [fam.param]: v }, familyLabel(fam.param, v)));
}

/** The user's own points on the axis, at most `max` of them (evenly strided), with loss and gradient at each. */
export function userPoints(loss: AnyLoss, zs: Float64Array | null, params: Record<string, unknown>, max = 200): CurveRow[] {
  if (!zs) return [];
  const step = Math.max(1, Math.ceil(zs.length / max));
  const rows: CurveRow[] = [];
  for (let i = 0; i < zs.length; i += step) {
    const z = zs[i];
    if (!Number.isFinite(z)) continue;
    const p = loss.curve.at(z, params);
    if (Number.isFinite(p.loss) && Number.isFinite(p.grad)) rows.push({ z, loss: p.loss, grad: p.grad, series: 'points' });
  }
  return rows;
}

/** Robust y range: the bulk of the curves, so one asymptote (−ln p_t at 0) does not flatten the rest. */
export function yDomain(rows: readonly CurveRow[], key: 'loss' | 'grad'): [number, number] {
  const v = rows.map((r) => r[key]).filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return [0, 1];
  const lo = v[Math.floor(0.01 * (v.length - 1))];
  const hi = v[Math.ceil(0.97 * (v.length - 1))];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = 0.06 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** Sets of losses compared on one chart: regression, classification on p_t (CE, focal, balanced CE), and the margin losses. */
const COMPARE_SETS: readonly (readonly string[])[] = [
  ['l1_loss', 'mse_loss', 'smooth_l1_loss', 'huber_loss', 'log_cosh'],
  ['cross_entropy', 'softmax_focal_loss', 'balanced_bce'],
  ['binary_hinge', 'soft_margin_loss', 'exponential_loss', 'multi_margin_loss'],
];

export interface CompareCurve {
  readonly loss: AnyLoss;
  readonly label: string;
  readonly params: Record<string, unknown>;
}

function defaults(loss: AnyLoss): Record<string, unknown> {
  return Object.fromEntries(Object.entries(loss.params).map(([k, s]) => [k, (s as { default: unknown }).default]));
}

/**
 * The comparison chart for a loss: the registered members of its set sharing its axis. For
 * classification the α-balanced cross entropy (Lin et al. eq. 3) is focal loss at γ = 0, α = 0.25,
 * drawn when no loss of that name exists.
 */
export function compareCurves(loss: AnyLoss, name: (l: AnyLoss) => string): CompareCurve[] {
  const set = COMPARE_SETS.find((s) => s.includes(loss.id));
  if (!set) return [];
  const out: CompareCurve[] = [];
  for (const id of set) {
    const l = findLoss(id);
    if (!l || l.curve.axis.symbol !== loss.curve.axis.symbol) continue;
    out.push({ loss: l, label: name(l), params: defaults(l) });
  }
  const focal = findLoss('softmax_focal_loss');
  if (set === COMPARE_SETS[1] && !findLoss('balanced_bce') && focal && focal.curve.axis.symbol === loss.curve.axis.symbol && 'alpha' in focal.params) {
    out.push({ loss: focal, label: 'α-balanced CE (α = 0.25)', params: { ...defaults(focal), gamma: 0, alpha: 0.25 } });
  }
  return out.length >= 2 ? out : [];
}
