/**
 * Collects event counts of every SLO from every cluster in parallel. Returns counts only: budgets are the
 * engine's job. SLIs without counts (raw error-ratio SLIs) are not collected.
 */
import type { SloObservation } from '../engine/types.js';
import type { Slo } from '../../core/model/slo.js';
import { buildObservations } from './build-observations.js';
import { collectCluster, type ClusterOutcome, type CollectOptions, type CollectTarget } from './cluster-collector.js';
import type { PrometheusClient } from './prometheus-client.js';
import { hasEventCounts } from '../../core/sli/sli-kinds.js';

export interface CollectResult {
  at: Date;
  observations: SloObservation[];
  clusters: Omit<ClusterOutcome, 'slos'>[];
}

/** The engine's exact window range: rolling days, or the calendar period so far. */
export type WindowRange = (slo: Slo, now: Date) => number;

export async function collect(
  clients: readonly PrometheusClient[],
  slos: readonly Slo[],
  windowRangeSeconds: WindowRange,
  at: Date,
  options: CollectOptions,
): Promise<CollectResult> {
  const targets: CollectTarget[] = slos.filter((slo) => hasEventCounts(slo.sli)).map((slo) => ({
    id: slo.id,
    groupBy: slo.groupBy,
    // Whole seconds: Prometheus ranges are integral here and a fraction of a second is noise.
    rangeSeconds: Math.max(1, Math.floor(windowRangeSeconds(slo, at))),
  }));
  const outcomes = await Promise.all(clients.map((client) => collectCluster(client, targets, at, options)));
  return {
    at,
    observations: buildObservations(targets, outcomes),
    clusters: outcomes.map(({ slos: _slos, ...report }) => report),
  };
}
