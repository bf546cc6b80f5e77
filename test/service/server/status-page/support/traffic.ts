/**
 * Event counts a cluster would report for steady traffic with an optional recent incident: the last
 * `incidentMinutes` fail at `incidentRatio`, everything before at `baseRatio`. Every window (the SLO
 * window and each recorded alert window) is the same traffic seen over a different length, so the
 * engine's budget and burn rates agree with each other as they would in production.
 */
import { burnRateWindows, windowBounds, type ClusterCounts, type EventCounts } from '../../../../../src/service/engine/index.js';
import type { Slo } from '../../../../../src/core/model/slo.js';

export interface Traffic {
  perMinute: number;
  baseRatio: number;
  incidentRatio?: number;
  incidentMinutes?: number;
}

export function countsOver(minutes: number, t: Traffic): EventCounts {
  const incident = Math.min(minutes, t.incidentMinutes ?? 0);
  const total = Math.round(t.perMinute * minutes);
  const bad = Math.round(t.perMinute * (incident * (t.incidentRatio ?? 0) + (minutes - incident) * t.baseRatio));
  return { good: total - bad, total };
}

export function okCluster(cluster: string, slo: Slo, now: Date, traffic: Traffic): ClusterCounts {
  const windowMinutes = windowBounds(slo.window, now).seconds / 60;
  return {
    cluster,
    status: 'ok',
    window: countsOver(windowMinutes, traffic),
    alertWindows: Object.fromEntries(burnRateWindows(slo).map((w) => [w.window, countsOver(w.ms / 60_000, traffic)])),
  };
}

export function staleCluster(cluster: string, error: string): ClusterCounts {
  return { cluster, status: 'stale', error, alertWindows: {} };
}

/** What the collector does for grouped SLOs: the whole SLO's counts are the groups' sums, per cluster. */
export function sumClusters(perGroup: readonly ClusterCounts[][]): ClusterCounts[] {
  const add = (a: EventCounts | undefined, b: EventCounts | undefined) => (a && b ? { good: a.good + b.good, total: a.total + b.total } : (a ?? b));
  return perGroup[0]!.map((first, i) =>
    perGroup.slice(1).reduce<ClusterCounts>((sum, clusters) => {
      const c = clusters[i]!;
      const alertWindows: Record<string, EventCounts> = { ...sum.alertWindows };
      for (const [w, counts] of Object.entries(c.alertWindows)) alertWindows[w] = add(alertWindows[w], counts)!;
      const window = add(sum.window, c.window);
      return { ...sum, ...(window ? { window } : {}), alertWindows };
    }, first),
  );
}
