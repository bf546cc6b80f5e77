/**
 * Collects event counts of every SLO from every cluster in parallel. Returns counts only: budgets are the
 * engine's job. SLIs without counts (raw error-ratio SLIs) are not collected. One evaluation's queries share
 * one signal, aborted at the evaluation deadline (those clusters are stale) or on shutdown.
 */
import type { SloObservation } from '../engine/types.js';
import type { Slo } from '../../core/model/slo.js';
import { formatDuration } from '../../core/model/duration.js';
import { linkAbort, StopReason, stopReasonOf } from './abort.js';
import { buildObservations } from './build-observations.js';
import { collectEndpoint, type ClusterOutcome, type CollectOptions, type CollectTarget } from './cluster-collector.js';
import type { PrometheusClient } from './prometheus-client.js';
import { hasEventCounts } from '../../core/sli/sli-kinds.js';
import { detectReplicaFindings, type ReplicaFinding } from './ha-replicas.js';
import { composedAlertWindows } from '../../core/windows/count-windows.js';

/** Another configured cluster this one looks like (its HA replica, or the same Prometheus), and why. */
export interface ClusterDuplicate {
  cluster: string;
  message: string;
}

/** What an evaluation keeps of a cluster's collection; `duplicates` set when the cluster is listed twice. */
export type ClusterReport = Omit<ClusterOutcome, 'slos'> & { duplicates?: ClusterDuplicate[] };

/** The duplicates of each flagged cluster, by name. */
export function duplicatesByCluster(findings: readonly ReplicaFinding[]): Map<string, ClusterDuplicate[]> {
  const byCluster = new Map<string, ClusterDuplicate[]>();
  const add = (cluster: string, other: string, message: string) => byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), { cluster: other, message }]);
  for (const { clusters: [a, b], message } of findings) {
    add(a, b, message);
    add(b, a, message);
  }
  return byCluster;
}

export interface CollectResult {
  at: Date;
  observations: SloObservation[];
  clusters: ClusterReport[];
  /** Configuration problems seen while collecting, e.g. two clusters that are replicas of one HA pair. */
  warnings?: string[];
}

export interface EvaluationOptions extends CollectOptions {
  /** Every query of the evaluation ends by then; clusters still busy are stale. */
  deadlineMs?: number;
}

/** The engine's exact window range: rolling days, or the calendar period so far. */
export type WindowRange = (slo: Slo, now: Date) => number;

/** Rejects with the shutdown reason when `options.signal` aborted it: a half-collected run must not be saved. */
export async function collect(
  clients: readonly PrometheusClient[],
  slos: readonly Slo[],
  windowRangeSeconds: WindowRange,
  at: Date,
  options: EvaluationOptions,
): Promise<CollectResult> {
  const targets: CollectTarget[] = slos.filter((slo) => hasEventCounts(slo.sli)).map((slo) => ({
    id: slo.id,
    groupBy: slo.groupBy,
    // Whole seconds: Prometheus ranges are integral here and a fraction of a second is noise.
    rangeSeconds: Math.max(1, Math.floor(windowRangeSeconds(slo, at))),
    composed: composedAlertWindows(slo),
  }));
  const { deadlineMs } = options;
  const evaluation = linkAbort(
    [options.signal],
    deadlineMs === undefined ? undefined : { ms: deadlineMs, reason: () => new StopReason('deadline', `evaluation deadline of ${formatDuration(deadlineMs)} passed`) },
  );
  let outcomes: ClusterOutcome[];
  try {
    // An endpoint with `clusterLabel` (Thanos Query over many clusters) reports one outcome per cluster.
    outcomes = (await Promise.all(clients.map((client) => collectEndpoint(client, targets, at, { ...options, signal: evaluation.signal })))).flat();
  } finally {
    evaluation.dispose();
  }
  const stopped = stopReasonOf(options.signal);
  if (stopped) throw stopped;
  return {
    at,
    observations: buildObservations(targets, outcomes),
    clusters: outcomes.map(({ slos: _slos, ...report }) => report),
  };
}

/** The service's collectors: one evaluation at a time through `collect`, and `stop()` for shutdown. */
export class Collector {
  readonly #stop = new AbortController();
  #replicaCheck: Promise<ReplicaFinding[]> | undefined;

  constructor(
    private readonly clients: readonly PrometheusClient[],
    private readonly windowRangeSeconds: WindowRange,
    private readonly options: EvaluationOptions,
  ) {}

  async collect(slos: readonly Slo[], at: Date): Promise<CollectResult> {
    const findings = this.replicaFindings();
    const result = await collect(this.clients, slos, this.windowRangeSeconds, at, { ...this.options, signal: this.#stop.signal });
    const found = await findings;
    if (found.length === 0) return result;
    // On each flagged cluster's report too: the evaluation keeps those (and standbys read them), so /readyz,
    // the status page and /metrics show the doubled counts for as long as the configuration has them.
    const duplicates = duplicatesByCluster(found);
    const clusters = result.clusters.map((c) => {
      const of = duplicates.get(c.cluster);
      return of ? { ...c, duplicates: of } : c;
    });
    return { ...result, clusters, warnings: found.map((f) => f.message) };
  }

  /**
   * Clusters listed twice (both replicas of an HA pair, or one Prometheus under two names), whose counts would
   * be doubled: checked once, alongside the first evaluation, and logged as warnings (see ha-replicas.ts).
   */
  replicaFindings(): Promise<ReplicaFinding[]> {
    this.#replicaCheck ??= detectReplicaFindings(this.clients).then((findings) => {
      for (const finding of findings) this.options.logger?.warn?.({ check: 'ha-replicas', clusters: finding.clusters }, finding.message);
      return findings;
    });
    return this.#replicaCheck;
  }

  /** Ends every query in flight at once (the running collect rejects) and closes the clients; waits for no cluster. */
  async stop(): Promise<void> {
    if (!this.#stop.signal.aborted) this.#stop.abort(new StopReason('stopped', 'collection stopped: the service is shutting down'));
    await Promise.all(this.clients.map((client) => client.close()));
  }
}
