/**
 * Merging clusters (or sources) sums good and total events; it never averages ratios, which would
 * weight a quiet cluster like a busy one. Stale clusters contribute nothing and are reported as absent.
 */
import type { BudgetSnapshot, ClusterCounts, EventCounts } from './types.js';

export interface MergedCounts {
  /** Sum over clusters with usable window counts; null when there are none. */
  window: EventCounts | null;
  /** Per alert-window key, the sum over clusters that reported that window. */
  alertWindows: Record<string, EventCounts>;
  /** True when at least one cluster is stale or reported no usable window counts. */
  degraded: boolean;
  clusters: BudgetSnapshot['clusters'];
}

/** Counts a collector may legitimately return: finite and non-negative (increase() can yield fractions). */
export function isUsableCounts(counts: EventCounts | undefined): counts is EventCounts {
  return counts !== undefined && [counts.good, counts.total].every((n) => Number.isFinite(n) && n >= 0);
}

export function sumCounts(counts: readonly EventCounts[]): EventCounts {
  return counts.reduce((sum, c) => ({ good: sum.good + c.good, total: sum.total + c.total }), { good: 0, total: 0 });
}

/** Good can exceed total slightly through Prometheus extrapolation; cap it so ratios stay in [0, 1]. */
export function capGood(counts: EventCounts): EventCounts {
  return { good: Math.min(counts.good, counts.total), total: counts.total };
}

export function mergeClusters(clusters: readonly ClusterCounts[]): MergedCounts {
  const usable: EventCounts[] = [];
  const perWindow = new Map<string, EventCounts[]>();
  const summary: BudgetSnapshot['clusters'] = [];
  for (const cluster of clusters) {
    const window = cluster.status === 'ok' && isUsableCounts(cluster.window) ? cluster.window : undefined;
    if (window === undefined) {
      const error = cluster.error ?? (cluster.status === 'ok' ? 'no usable window counts' : undefined);
      summary.push({ cluster: cluster.cluster, status: 'stale', goodEvents: null, totalEvents: null, ...(error ? { error } : {}) });
      continue;
    }
    usable.push(window);
    summary.push({ cluster: cluster.cluster, status: 'ok', goodEvents: window.good, totalEvents: window.total });
    for (const [key, counts] of Object.entries(cluster.alertWindows)) {
      if (isUsableCounts(counts)) perWindow.set(key, [...(perWindow.get(key) ?? []), counts]);
    }
  }
  const alertWindows: Record<string, EventCounts> = {};
  for (const [key, list] of perWindow) alertWindows[key] = capGood(sumCounts(list));
  return {
    window: usable.length > 0 ? capGood(sumCounts(usable)) : null,
    alertWindows,
    degraded: usable.length < clusters.length,
    clusters: summary,
  };
}
