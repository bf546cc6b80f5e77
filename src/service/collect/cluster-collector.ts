/**
 * Reads the recorded counts of many SLOs from one cluster with a handful of batched queries.
 * The first query that fails for good stops the rest, and so does the evaluation's signal (deadline,
 * shutdown): the cluster is then stale, never zero.
 */
import type { EventCounts } from '../engine/types.js';
import type { GroupLabels } from '../engine/group-labels.js';
import { SLO_LABEL, WINDOW_LABEL } from '../../core/conventions/metrics.js';
import { alertWindowsQuery, chunk, wholeWindowQuery, type CountMetric } from './collect-queries.js';
import type { ComposedWindow } from '../../core/windows/count-windows.js';
import { linkAbort, StopReason, stopReasonOf } from './abort.js';
import { mapLimit } from './map-limit.js';
import type { PrometheusClient, VectorSample } from './prometheus-client.js';
import { groupOfSeries } from '../engine/group-labels.js';
import { clusterOfSeries, clustersNamedIn, clustersOfStoresIn, splitOf } from './cluster-split.js';
import { sanitizeUpstream } from './sanitize-upstream.js';

export interface CollectTarget {
  id: string;
  groupBy: readonly string[];
  /** Seconds of the whole SLO window at this evaluation (the engine's `windowRangeSeconds`). */
  rangeSeconds: number;
  /** Alert windows the rules do not record, summed from their tiles in the query. */
  composed?: readonly ComposedWindow[];
}

export interface GroupCounts {
  group: GroupLabels;
  window?: EventCounts;
  alertWindows: Record<string, EventCounts>;
}

export type SloOutcome = { status: 'ok'; groups: Map<string, GroupCounts> } | { status: 'stale'; error: string };

export interface ClusterOutcome {
  cluster: string;
  slos: Map<string, SloOutcome>;
  queries: number;
  failedQueries: number;
  durationMs: number;
  /** Set when any query failed: the reason the cluster (or some of its SLOs) is stale. */
  error?: string;
}

export interface CollectOptions {
  batchSize: number;
  concurrency: number;
  retries: number;
  minBackoffMs?: number;
  /** Shared by every query of the evaluation: aborts at its deadline or on shutdown. */
  signal?: AbortSignal;
  /** LOG_LEVEL=debug: one line per query batch. */
  logger?: { debug(details: object, message: string): void; warn?(details: object, message: string): void };
}

interface Job {
  kind: 'alert' | 'window';
  metric: CountMetric;
  ids: string[];
  rangeSeconds?: number;
  composed?: readonly ComposedWindow[];
}

type Partial = { good?: number; total?: number };

function plan(targets: readonly CollectTarget[], batchSize: number): Job[] {
  const jobs: Job[] = [];
  // SLOs whose windows are composed alike (same period) share alert queries.
  const byComposition = new Map<string, { composed: readonly ComposedWindow[]; ids: string[] }>();
  for (const t of targets) {
    const composed = t.composed ?? [];
    const key = JSON.stringify(composed);
    const entry = byComposition.get(key) ?? { composed, ids: [] };
    entry.ids.push(t.id);
    byComposition.set(key, entry);
  }
  for (const { composed, ids } of byComposition.values()) {
    for (const batch of chunk(ids, batchSize)) {
      for (const metric of ['good', 'total'] as const) jobs.push({ kind: 'alert', metric, ids: batch, composed });
    }
  }
  // One whole-window query per distinct range (30d, 28d, this month so far, …) and batch.
  const byRange = new Map<number, string[]>();
  for (const t of targets) byRange.set(t.rangeSeconds, [...(byRange.get(t.rangeSeconds) ?? []), t.id]);
  for (const [rangeSeconds, rangeIds] of byRange) {
    for (const batch of chunk(rangeIds, batchSize)) {
      for (const metric of ['good', 'total'] as const) jobs.push({ kind: 'window', metric, ids: batch, rangeSeconds });
    }
  }
  return jobs;
}

function toCounts(partial: Partial | undefined): EventCounts | undefined {
  return partial?.good !== undefined && partial.total !== undefined ? { good: partial.good, total: partial.total } : undefined;
}

class Accumulator {
  readonly #groups = new Map<string, Map<string, { group: GroupLabels; window: Partial; alert: Map<string, Partial> }>>();
  constructor(private readonly groupByOf: Map<string, readonly string[]>) {}

  add(job: Job, samples: readonly VectorSample[]): void {
    for (const { labels, value } of samples) {
      const sloId = labels[SLO_LABEL];
      const groupBy = sloId === undefined ? undefined : this.groupByOf.get(sloId);
      if (sloId === undefined || groupBy === undefined) continue;
      const { key, group } = groupOfSeries(groupBy, labels);
      const groups = this.#groups.get(sloId) ?? new Map();
      this.#groups.set(sloId, groups);
      const entry = groups.get(key) ?? { group, window: {}, alert: new Map<string, Partial>() };
      groups.set(key, entry);
      let target: Partial;
      if (job.kind === 'window') target = entry.window;
      else {
        const window = labels[WINDOW_LABEL];
        if (window === undefined) continue;
        target = entry.alert.get(window) ?? {};
        entry.alert.set(window, target);
      }
      // Series that differ only in labels outside groupBy (e.g. Thanos external labels) add up.
      target[job.metric] = (target[job.metric] ?? 0) + value;
    }
  }

  groups(sloId: string): Map<string, GroupCounts> {
    const out = new Map<string, GroupCounts>();
    for (const [key, entry] of this.#groups.get(sloId) ?? []) {
      const alertWindows: Record<string, EventCounts> = {};
      for (const [window, partial] of entry.alert) {
        const counts = toCounts(partial);
        if (counts) alertWindows[window] = counts;
      }
      out.set(key, { group: entry.group, window: toCounts(entry.window), alertWindows });
    }
    return out;
  }
}

/** Key of the partial-response warnings that name no cluster: they concern every cluster of the endpoint. */
const EVERY_CLUSTER = Symbol('every cluster');

/** One cluster's outcome; an endpoint split by `clusterLabel` gives several (see collectEndpoint). */
export async function collectCluster(
  client: PrometheusClient,
  targets: readonly CollectTarget[],
  at: Date,
  options: CollectOptions,
): Promise<ClusterOutcome> {
  const [outcome] = await collectEndpoint(client, targets, at, options);
  return outcome as ClusterOutcome;
}

/**
 * Every cluster behind one query endpoint: the endpoint itself, or with `clusterLabel` one outcome per value
 * of that label (expected ones always). A query that fails makes all of them stale for its SLOs; an answer
 * with warnings (Thanos partial response) makes the clusters it names stale, or all of them when it names none.
 */
export async function collectEndpoint(
  client: PrometheusClient,
  targets: readonly CollectTarget[],
  at: Date,
  options: CollectOptions,
): Promise<ClusterOutcome[]> {
  const started = performance.now();
  const name = client.cluster.name;
  const split = splitOf(client.cluster);
  const groupByOf = new Map(targets.map((t) => [t.id, t.groupBy]));
  const accumulators = new Map<string, Accumulator>();
  const accumulator = (cluster: string): Accumulator => {
    const existing = accumulators.get(cluster);
    if (existing) return existing;
    const created = new Accumulator(groupByOf);
    accumulators.set(cluster, created);
    return created;
  };
  for (const expected of split?.expected ?? [name]) accumulator(expected);
  // Aborted by the first failure here, or by the evaluation's signal.
  const cluster = linkAbort([options.signal]);
  const failedIds = new Set<string>();
  /** Per cluster: SLO ids whose answer was partial, and the first warning. */
  const partial = new Map<string | typeof EVERY_CLUSTER, { ids: Set<string>; warning: string }>();
  let firstError: string | undefined;
  let failedQueries = 0;
  const jobs = plan(targets, options.batchSize);
  /** Clusters with at least one series in some answer. */
  const seen = new Set<string>();
  const fail = (job: Job, message: string): void => {
    failedQueries++;
    for (const id of job.ids) failedIds.add(id);
    if (firstError !== undefined) return;
    firstError = message;
    cluster.abort(new StopReason('abandoned', 'abandoned after an earlier query of this evaluation failed'));
  };
  // Thanos names a failing store by address: its store list says which cluster that is (asked once, on need).
  let stores: Promise<unknown> | undefined;
  const storeList = (): Promise<unknown> => (stores ??= client.getData('/api/v1/stores').catch(() => undefined));
  const warn = async (job: Job, warnings: readonly string[]): Promise<void> => {
    for (const warning of warnings) {
      let named = clustersNamedIn(warning, split, new Set([...accumulators.keys(), ...(split?.expected ?? [])]));
      if (split && named.length === 0) named = clustersOfStoresIn(warning, split, await storeList());
      // A warning that names no cluster concerns all of them, also those not seen yet.
      const affectedKeys: (string | typeof EVERY_CLUSTER)[] = named.length > 0 ? named : [EVERY_CLUSTER];
      for (const affected of affectedKeys) {
        const entry = partial.get(affected) ?? { ids: new Set<string>(), warning: sanitizeUpstream(warning) };
        partial.set(affected, entry);
        for (const id of job.ids) entry.ids.add(id);
        if (typeof affected === 'string') accumulator(affected);
      }
    }
  };
  try {
    await mapLimit(jobs, options.concurrency, async (job) => {
      if (cluster.signal.aborted) return fail(job, `${name}: ${(cluster.signal.reason as Error).message}`);
      const expr = job.kind === 'alert' ? alertWindowsQuery(job.metric, job.ids, job.composed) : wholeWindowQuery(job.metric, job.ids, job.rangeSeconds ?? 0);
      try {
        const started = performance.now();
        const { samples, warnings } = await client.queryAnswer(expr, at, { retries: options.retries, signal: cluster.signal, minBackoffMs: options.minBackoffMs });
        const byCluster = new Map<string, VectorSample[]>();
        for (const sample of samples) {
          const owner = clusterOfSeries(name, split, sample.labels);
          byCluster.set(owner, [...(byCluster.get(owner) ?? []), sample]);
        }
        for (const [owner, owned] of byCluster) {
          seen.add(owner);
          accumulator(owner).add(job, owned);
        }
        await warn(job, warnings);
        options.logger?.debug({ cluster: name, kind: job.kind, metric: job.metric, slos: job.ids.length, series: samples.length, warnings: warnings.length, durationMs: Math.round(performance.now() - started) }, 'query batch done');
      } catch (error) {
        fail(job, error instanceof Error ? error.message : `${name}: ${String(error)}`);
      }
    });
  } finally {
    cluster.dispose();
  }
  const evaluationStop = stopReasonOf(options.signal);
  if (evaluationStop?.kind === 'deadline' && firstError?.startsWith(`${name}: ${evaluationStop.message}`)) {
    firstError = `${name}: ${evaluationStop.message} before the cluster answered (${failedQueries} of ${jobs.length} queries unanswered)`;
  }
  // Nothing answered and nothing expected: the endpoint still reports, as itself.
  if (accumulators.size === 0) accumulator(name);
  const durationMs = performance.now() - started;
  return [...accumulators].map(([clusterName, acc]) => {
    const slos = new Map<string, SloOutcome>();
    const own = partial.get(clusterName);
    const all = partial.get(EVERY_CLUSTER);
    const warnedIds = new Set([...(own?.ids ?? []), ...(all?.ids ?? [])]);
    const partialError = own ?? all ? `${clusterName}: partial response from ${name}: ${(own ?? all)?.warning}` : undefined;
    // An expected cluster absent from every answer: its store is down, or Thanos dropped it from its set.
    const missing = split?.expected.includes(clusterName) && !seen.has(clusterName) && jobs.length > 0 ? `${clusterName}: no series in any answer of ${name} (expected ${split.label}="${clusterName}"): its Prometheus or Thanos store is not answering` : undefined;
    for (const t of targets) {
      if (failedIds.has(t.id)) slos.set(t.id, { status: 'stale', error: firstError ?? `${name}: query failed` });
      else if (warnedIds.has(t.id)) slos.set(t.id, { status: 'stale', error: partialError ?? `${clusterName}: partial response` });
      else if (missing) slos.set(t.id, { status: 'stale', error: missing });
      else slos.set(t.id, { status: 'ok', groups: acc.groups(t.id) });
    }
    const error = firstError ?? partialError ?? missing;
    return { cluster: clusterName, slos, queries: jobs.length, failedQueries, durationMs, ...(error === undefined ? {} : { error }) };
  });
}
