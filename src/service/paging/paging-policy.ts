/**
 * The paging policy: from each SLO group's latest snapshot and the open pages, decide triggers and
 * resolves. Pure: no clock (time comes from the snapshots), no I/O.
 *
 * - trigger: the page condition holds (page-condition.ts) and no page is open.
 * - resolve (hysteresis): the condition has been clear, on complete data (status "ok"), in consecutive
 *   evaluations spanning at least the SLO's page hold (`alerting.page.keepFiringFor`, the generated page
 *   alert's keep_firing_for). Burning again, no data or partial data restart the wait.
 * - no data: never a trigger, never a resolve; an open page stays open.
 * - an open page whose SLO left the catalog, stopped paging or changed its groupBy is resolved.
 * Grouped SLOs page per group, like the rules; their whole-SLO snapshot ({}) is not paged.
 */
import { ALERT_TIERS } from '../../core/conventions/metrics.js';
import { pageHoldSeconds } from '../../core/model/alerting-defaults.js';
import type { BudgetSnapshot } from '../engine/types.js';
import { dedupKey } from './dedup-key.js';
import { resolveBody, triggerBody } from './event-payload.js';
import { pageCondition, type PagingSlo } from './page-condition.js';
import type { PageEvent, PagingChange, PagingState } from './paging-types.js';

export interface PagingInput {
  /** The evaluation instant: the time of the snapshots, and of resolves of pages whose SLO is gone. */
  at: Date;
  slos: readonly PagingSlo[];
  snapshots: readonly BudgetSnapshot[];
  /** Open pages, as stored. */
  states: readonly PagingState[];
}

function event(state: Pick<PagingState, 'dedupKey' | 'team' | 'sloId'>, body: PageEvent['body'], decidedAt: Date): PageEvent {
  return { dedupKey: state.dedupKey, action: body.event_action, team: state.team, sloId: state.sloId, body, decidedAt };
}

function resolve(previous: PagingState, at: Date): PagingChange {
  return { kind: 'resolve', previous, event: event(previous, resolveBody(previous.dedupKey), at) };
}

function hold(previous: PagingState, clearSince: Date | null): PagingChange {
  return { kind: 'hold', previous, state: { ...previous, clearSince } };
}

/** The decision for one SLO group, or undefined when nothing changes. */
export function decideGroup(slo: PagingSlo, snapshot: BudgetSnapshot, previous: PagingState | undefined): PagingChange | undefined {
  const condition = pageCondition(slo, snapshot);
  const at = snapshot.at;
  if (condition.state === 'burning') {
    if (previous) return previous.clearSince === null ? undefined : hold(previous, null);
    const key = dedupKey(slo.id, snapshot.group, ALERT_TIERS.page);
    const state: PagingState = { dedupKey: key, sloId: slo.id, group: { ...snapshot.group }, team: slo.team, triggeredAt: at, clearSince: null };
    return { kind: 'trigger', state, event: event(state, triggerBody(slo, snapshot, condition, key), at) };
  }
  if (!previous) return undefined;
  if (condition.state === 'clear' && snapshot.status === 'ok') {
    const since = previous.clearSince ?? at;
    if (at.getTime() - since.getTime() >= pageHoldSeconds(slo) * 1000) return resolve(previous, at);
    return previous.clearSince === null ? hold(previous, at) : undefined;
  }
  // No data, or a healthy reading with clusters missing: not proof of recovery.
  return previous.clearSince === null ? undefined : hold(previous, null);
}

function pagedSnapshots(slo: PagingSlo, snapshots: readonly BudgetSnapshot[]): BudgetSnapshot[] {
  const grouped = slo.groupBy.length > 0;
  return snapshots.filter((s) => s.sloId === slo.id && (Object.keys(s.group).length > 0) === grouped);
}

/** False when the page's SLO is gone, no longer pages, or is now grouped by other labels: nothing would resolve it. */
function belongsTo(state: PagingState, slo: PagingSlo | undefined): boolean {
  if (!slo) return false;
  const labels = Object.keys(state.group).sort();
  const groupBy = [...slo.groupBy].sort();
  return labels.length === groupBy.length && labels.every((label, i) => label === groupBy[i]);
}

export function decidePaging({ at, slos, snapshots, states }: PagingInput): PagingChange[] {
  const open = new Map(states.map((s) => [s.dedupKey, s]));
  const paged = slos.filter((slo) => slo.alerting.page.enabled);
  const changes: PagingChange[] = [];
  for (const slo of paged) {
    for (const snapshot of pagedSnapshots(slo, snapshots)) {
      const change = decideGroup(slo, snapshot, open.get(dedupKey(slo.id, snapshot.group, ALERT_TIERS.page)));
      if (change) changes.push(change);
    }
  }
  const pagedById = new Map(paged.map((slo) => [slo.id, slo]));
  for (const state of states) if (!belongsTo(state, pagedById.get(state.sloId))) changes.push(resolve(state, at));
  return changes;
}
