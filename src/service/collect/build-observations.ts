/**
 * Turns what each cluster reported into the engine's observations: one per group and, for grouped SLOs,
 * one for the whole SLO (group {}) whose counts are the groups' sums. Stale clusters stay in every
 * observation as stale, so the engine reports the SLO as partial rather than healthy.
 */
import type { ClusterCounts, EventCounts, SloObservation } from '../engine/types.js';
import type { ClusterOutcome, CollectTarget, GroupCounts } from './cluster-collector.js';

function add(a: EventCounts | undefined, b: EventCounts | undefined): EventCounts | undefined {
  if (!a) return b && { ...b };
  if (!b) return a;
  return { good: a.good + b.good, total: a.total + b.total };
}

function sumGroups(groups: Iterable<GroupCounts>): GroupCounts {
  const total: GroupCounts = { group: {}, alertWindows: {} };
  for (const g of groups) {
    total.window = add(total.window, g.window);
    for (const [window, counts] of Object.entries(g.alertWindows)) total.alertWindows[window] = add(total.alertWindows[window], counts) as EventCounts;
  }
  return total;
}

/**
 * A cluster that answered with series for the SLO but none for this group saw no such events: zero.
 * A cluster with no series for the SLO at all reports no window, and the engine flags it.
 */
function clusterCounts(cluster: string, counts: GroupCounts | undefined, sloSeen: boolean): ClusterCounts {
  const window = counts?.window ?? (sloSeen ? { good: 0, total: 0 } : undefined);
  return { cluster, status: 'ok', ...(window ? { window } : {}), alertWindows: counts?.alertWindows ?? {} };
}

export function buildObservations(targets: readonly CollectTarget[], outcomes: readonly ClusterOutcome[]): SloObservation[] {
  const observations: SloObservation[] = [];
  for (const target of targets) {
    const perCluster = outcomes.map((o) => ({ cluster: o.cluster, outcome: o.slos.get(target.id) }));
    const groupLabels = new Map<string, Record<string, string>>();
    for (const { outcome } of perCluster) {
      if (outcome?.status === 'ok') for (const [key, g] of outcome.groups) groupLabels.set(key, g.group);
    }
    const observe = (group: Record<string, string>, pick: (groups: Map<string, GroupCounts>) => GroupCounts | undefined): SloObservation => ({
      sloId: target.id,
      group,
      clusters: perCluster.map(({ cluster, outcome }) =>
        outcome?.status === 'ok'
          ? clusterCounts(cluster, pick(outcome.groups), outcome.groups.size > 0)
          : { cluster, status: 'stale', error: outcome?.error ?? 'not collected', alertWindows: {} },
      ),
    });
    if (target.groupBy.length === 0) {
      observations.push(observe({}, (groups) => groups.values().next().value));
      continue;
    }
    observations.push(observe({}, (groups) => (groups.size === 0 ? undefined : sumGroups(groups.values()))));
    for (const key of [...groupLabels.keys()].sort()) {
      observations.push(observe(groupLabels.get(key) ?? {}, (groups) => groups.get(key)));
    }
  }
  return observations;
}
