/**
 * The paging policy: from each SLO group's latest snapshot and the open pages, decide triggers and
 * resolves. Pure: no clock (time comes from the snapshots), no I/O.
 *
 * - trigger: the page condition holds (page-condition.ts) and no page is open.
 * - resolve (hysteresis): the condition has been clear, on complete data (status "ok"), in consecutive
 *   evaluations spanning at least the SLO's page hold (`alerting.page.keepFiringFor`, the generated page
 *   alert's keep_firing_for). Burning again, no data or partial data restart the wait.
 * - no data: never a trigger, never a resolve; an open page stays open.
 * - an open page whose SLO left the catalog, stopped paging or changed its groupBy is resolved, unless the
 *   page was raised (or last evaluated) under a catalog announced after the deciding one: a leader on an
 *   older catalog keeps it as it is (replicas mid-rollout, or a stale replica leading for a while).
 * - each open page records the newest catalog it was triggered or evaluated under (`catalogVersion`).
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
  /** The deciding catalog and the announcement order; without it, no version is recorded or compared. */
  catalog?: CatalogOrder;
}

/** The leader's catalog version among the announced ones (store: paging.catalogOrder). */
export interface CatalogOrder {
  version: string;
  /** Announcement order: a larger number was announced later (is newer). Unannounced versions are missing. */
  announced: ReadonlyMap<string, number>;
}

/** An open page left as it is: its SLO is missing from the deciding catalog, which is older than the page's. */
export interface KeptPage {
  state: PagingState;
  /** The page's catalog version, newer than `catalog`. */
  pageCatalog: string;
  catalog: string;
}

export interface PagingDecisions {
  changes: PagingChange[];
  kept: KeptPage[];
}

/**
 * Whether the deciding catalog is at least as new as the page's, so its lack of the page's SLO counts. A page
 * with no recorded or no announced version is judged as before versions existed; a deciding catalog that was
 * never announced (its announcement failed) is not known to be newer than an announced page's.
 */
function mayResolveGone(state: PagingState, catalog: CatalogOrder | undefined): boolean {
  if (!catalog || state.catalogVersion === undefined || state.catalogVersion === catalog.version) return true;
  const page = catalog.announced.get(state.catalogVersion);
  if (page === undefined) return true;
  const mine = catalog.announced.get(catalog.version);
  return mine !== undefined && mine >= page;
}

/** Whether the deciding catalog is newer than the one the page records (so the page should record it). */
function newerThanPage(state: PagingState, catalog: CatalogOrder): boolean {
  if (state.catalogVersion === catalog.version) return false;
  if (state.catalogVersion === undefined) return true;
  const mine = catalog.announced.get(catalog.version);
  const page = catalog.announced.get(state.catalogVersion);
  return mine !== undefined && (page === undefined || mine > page);
}

/** `change` (or none) for an open page in the deciding catalog, with the catalog recorded on the page when newer. */
function recordCatalog(change: PagingChange | undefined, previous: PagingState | undefined, catalog: CatalogOrder | undefined): PagingChange | undefined {
  if (!catalog) return change;
  if (change?.kind === 'trigger') return { ...change, state: { ...change.state, catalogVersion: catalog.version } };
  if (!previous || change?.kind === 'resolve' || !newerThanPage(previous, catalog)) return change;
  const state = change?.kind === 'hold' ? change.state : previous;
  return { kind: 'hold', previous, state: { ...state, catalogVersion: catalog.version } };
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

export function decidePaging(input: PagingInput): PagingChange[] {
  return pagingDecisions(input).changes;
}

/** The changes, and the open pages kept as they are because the deciding catalog is older than theirs. */
export function pagingDecisions({ at, slos, snapshots, states, catalog }: PagingInput): PagingDecisions {
  const open = new Map(states.map((s) => [s.dedupKey, s]));
  const paged = slos.filter((slo) => slo.alerting.page.enabled);
  const changes: PagingChange[] = [];
  for (const slo of paged) {
    for (const snapshot of pagedSnapshots(slo, snapshots)) {
      const previous = open.get(dedupKey(slo.id, snapshot.group, ALERT_TIERS.page));
      const change = recordCatalog(decideGroup(slo, snapshot, previous), previous, catalog);
      if (change) changes.push(change);
    }
  }
  const pagedById = new Map(paged.map((slo) => [slo.id, slo]));
  const kept: KeptPage[] = [];
  for (const state of states) {
    if (belongsTo(state, pagedById.get(state.sloId))) continue;
    if (mayResolveGone(state, catalog)) changes.push(resolve(state, at));
    else kept.push({ state, pageCatalog: state.catalogVersion ?? '', catalog: catalog?.version ?? '' });
  }
  return { changes, kept };
}
