/**
 * The budget gate: may a service deploy? Frozen when any of its SLOs has spent its error budget (or is at
 * or below `minRemaining`); unknown when an SLO has no complete data, because missing data must never
 * open the gate. Reads the latest snapshots only; computes nothing the engine already did.
 */
import type { CatalogSlo } from '../../catalog/load-catalog.js';
import type { Evaluation } from '../../scheduler/evaluator.js';
import { type SloStatus, snapshotLookup, type SnapshotLookup } from '../slo-views.js';
import { isSpent } from './budget-colour.js';
import { percentText, shareText } from './format.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';

export type GateDecision = 'open' | 'frozen' | 'unknown';

export interface GateReason {
  sloId: string;
  name: string;
  service: string;
  /** "ignored": raw SLIs have no event counts, so the service keeps no budget to judge. */
  decision: GateDecision | 'ignored';
  status: SloStatus;
  remainingRatio: number | null;
  policy: string;
  message: string;
  staleClusters: string[];
}

export interface GateResult {
  decision: GateDecision;
  minRemaining: number;
  summary: string;
  reasons: GateReason[];
}

export function gatePolicy(minRemaining: number): string {
  return `frozen when the remaining error budget is at or below ${shareText(minRemaining)}; unknown when data is missing or partial`;
}

function judge(slo: CatalogSlo, evaluation: Evaluation | undefined, lookup: SnapshotLookup, minRemaining: number): Omit<GateReason, 'sloId' | 'name' | 'service' | 'policy'> {
  const none = { remainingRatio: null, staleClusters: [] };
  if (!hasEventCounts(slo.sli)) return { ...none, decision: 'ignored', status: 'unsupported', message: 'raw SLI: the service keeps no budget for it' };
  const whole = lookup(slo.id).whole;
  if (!whole) {
    const message = evaluation ? 'not evaluated yet (new in the catalog)' : 'no evaluation has completed yet';
    return { ...none, decision: 'unknown', status: 'pending', message };
  }
  const staleClusters = whole.clusters.filter((c) => c.status === 'stale').map((c) => c.cluster);
  const remaining = whole.budget.remainingRatio;
  const stale = staleClusters.length > 0 ? `; stale: ${staleClusters.join(', ')}` : '';
  const base = { status: whole.status, remainingRatio: remaining, staleClusters };
  if (whole.totalEvents === null) return { ...base, decision: 'unknown', message: `unknown: no cluster answered${stale}` };
  if (whole.status === 'no-data' || remaining === null) return { ...base, decision: 'unknown', message: `no data: no events in the window${stale}` };
  const left = `${percentText(remaining)} of the budget left`;
  const partial = whole.status === 'partial' ? ` in the clusters that answered${stale}` : '';
  if (isSpent(remaining, minRemaining)) {
    const what = remaining < 0 ? `budget spent: overspent by ${percentText(-remaining)}` : remaining === 0 ? 'budget spent: nothing left' : `budget low: ${left}`;
    return { ...base, decision: 'frozen', message: `${what}${partial}, at or below ${shareText(minRemaining)}` };
  }
  if (whole.status === 'partial') return { ...base, decision: 'unknown', message: `partial data: ${left}${partial}` };
  return { ...base, decision: 'open', message: `${left}, above ${shareText(minRemaining)}` };
}

function summaryOf(decision: GateDecision, reasons: readonly GateReason[], minRemaining: number): string {
  const ids = (d: GateReason['decision']) => reasons.filter((r) => r.decision === d).map((r) => r.sloId);
  if (decision === 'frozen') return `frozen: ${ids('frozen').join(', ')} at or below ${shareText(minRemaining)} of the error budget left`;
  if (decision === 'unknown') {
    const unknown = ids('unknown');
    return unknown.length > 0 ? `unknown: no complete data for ${unknown.join(', ')}` : 'unknown: no SLO with an error budget to judge';
  }
  return `open: every SLO has more than ${shareText(minRemaining)} of its error budget left`;
}

export function gateDecision(
  slos: readonly CatalogSlo[],
  evaluation: Evaluation | undefined,
  minRemaining: number,
  lookup: SnapshotLookup = snapshotLookup(evaluation),
): GateResult {
  const policy = gatePolicy(minRemaining);
  const reasons: GateReason[] = slos.map((slo) => ({ sloId: slo.id, name: slo.name, service: slo.service, policy, ...judge(slo, evaluation, lookup, minRemaining) }));
  const has = (d: GateReason['decision']) => reasons.some((r) => r.decision === d);
  const decision: GateDecision = has('frozen') ? 'frozen' : has('unknown') || !has('open') ? 'unknown' : 'open';
  return { decision, minRemaining, summary: summaryOf(decision, reasons, minRemaining), reasons };
}
