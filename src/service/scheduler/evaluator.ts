/**
 * One evaluation: collect counts from every cluster, let the engine compute budgets, save them, and keep
 * the latest in memory for the API and /metrics. Measures itself; never lets one bad run stop the next.
 * With leadership, only the leader evaluates: its write is fenced by its lease, and standby replicas
 * follow the evaluation it stored.
 */
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { CollectResult } from '../collect/collector.js';
import type { BudgetSnapshot, SloObservation } from '../engine/types.js';
import type { LoadedCatalog } from '../catalog/load-catalog.js';
import type { Slo } from '../../core/model/slo.js';
import type { SnapshotStore } from '../store/types.js';
import { FencedOut, type Fence } from '../leadership/lease-types.js';
import { decodeEvaluation, encodeEvaluation } from './evaluation-codec.js';
import { StopReason } from '../collect/abort.js';
import type { Logger } from '../telemetry/logger.js';
import type { ServiceMetrics } from '../telemetry/service-metrics.js';
import type { SloGauges } from '../telemetry/slo-gauges.js';

export interface Evaluation {
  at: Date;
  catalogVersion: string;
  durationMs: number;
  snapshots: BudgetSnapshot[];
  clusters: CollectResult['clusters'];
  /** Set when the snapshots could not be saved (they are still served). */
  storeError?: string;
}

export interface EvaluatorDeps {
  catalog: () => LoadedCatalog;
  collect: (slos: readonly Slo[], at: Date) => Promise<CollectResult>;
  computeSnapshot: (slo: Slo, observation: SloObservation, now: Date) => BudgetSnapshot;
  store: Pick<SnapshotStore, 'saveSnapshots'> & Partial<Pick<SnapshotStore, 'saveEvaluation' | 'latestEvaluation' | 'latestEvaluationAt'>>;
  /** Runs after the snapshots are saved (paging); handles its own errors, never fails the evaluation. */
  afterSave?: (run: { at: Date; snapshots: readonly BudgetSnapshot[]; catalog: LoadedCatalog; fence?: Fence }) => Promise<void>;
  /** Without it, this replica evaluates alone and saves unfenced. */
  leadership?: Leadership;
  metrics: ServiceMetrics;
  gauges: SloGauges;
  logger: Logger;
  clock: () => Date;
}

/** What the evaluator needs of the leader elector. */
export interface Leadership {
  readonly fence: Fence | undefined;
  /** The clock leases are judged by. */
  now(): Date;
  lost(reason: string): void;
}

const tracer = trace.getTracer('burnrate-service');

export class Evaluator {
  #latest: Evaluation | undefined;

  constructor(private readonly deps: EvaluatorDeps) {}

  /** The last completed evaluation, or undefined before the first one. */
  get latest(): Evaluation | undefined {
    return this.#latest;
  }

  evaluate(): Promise<Evaluation> {
    return tracer.startActiveSpan('burnrate.evaluate', async (span) => {
      const { metrics, logger } = this.deps;
      const stopTimer = metrics.evaluationDuration.startTimer();
      const started = performance.now();
      try {
        const evaluation = await this.#run();
        metrics.evaluations.inc({ result: evaluation.storeError ? 'failed' : 'ok' });
        if (!evaluation.storeError) metrics.lastSuccessfulEvaluation.set(evaluation.at.getTime() / 1000);
        span.setAttributes({ 'burnrate.slos': evaluation.snapshots.length, 'burnrate.catalog_version': evaluation.catalogVersion });
        logger.info(
          { durationMs: Math.round(performance.now() - started), snapshots: evaluation.snapshots.length, staleClusters: evaluation.clusters.filter((c) => c.error).map((c) => c.cluster) },
          'evaluation done',
        );
        return evaluation;
      } catch (error) {
        metrics.evaluations.inc({ result: 'failed' });
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        // Shutdown aborts the evaluation in flight on purpose; anything else is a failure.
        if (error instanceof StopReason && error.kind === 'stopped') logger.info('evaluation stopped: the service is shutting down');
        else logger.error({ err: error }, 'evaluation failed');
        throw error;
      } finally {
        stopTimer();
        span.end();
      }
    });
  }

  async #run(): Promise<Evaluation> {
    const { deps } = this;
    const started = performance.now();
    const catalog = deps.catalog();
    const at = deps.clock();
    const result = await deps.collect(catalog.slos, at);
    this.#recordClusters(result);
    const byId = new Map(catalog.slos.map((slo) => [slo.id, slo]));
    const snapshots: BudgetSnapshot[] = [];
    for (const observation of result.observations) {
      const slo = byId.get(observation.sloId);
      if (slo) snapshots.push(deps.computeSnapshot(slo, observation, at));
    }
    const evaluation: Evaluation = { at, catalogVersion: catalog.version, durationMs: performance.now() - started, snapshots, clusters: result.clusters };
    const fence = deps.leadership?.fence;
    if (deps.leadership && !fence) {
      // The lease ran out while this evaluation ran (a stalled process, renewals failing): another replica may
      // lead by now. Saving and paging unfenced would overwrite its decisions (a resolved page triggered again).
      deps.logger.warn({ at }, 'evaluation not saved and nothing paged: the evaluator lease expired while it ran');
      return evaluation;
    }
    let storeError: string | undefined;
    try {
      await this.#save(evaluation, fence);
    } catch (error) {
      if (error instanceof FencedOut) {
        // Another replica took over while this one evaluated: its evaluation and pages are the ones that count.
        deps.leadership?.lost(error.message);
        return evaluation;
      }
      storeError = (error as Error).message;
      deps.logger.error({ err: error }, 'saving snapshots failed; serving them from memory');
    }
    await deps.afterSave?.({ at, snapshots, catalog, ...(fence ? { fence } : {}) }).catch((error: unknown) => deps.logger.error({ err: error }, 'after-evaluation hook failed'));
    return this.#adopt({ ...evaluation, durationMs: performance.now() - started, ...(storeError ? { storeError } : {}) });
  }

  async #save(evaluation: Evaluation, fence: Fence | undefined): Promise<void> {
    const { store, leadership } = this.deps;
    if (!fence || !leadership || !store.saveEvaluation) return store.saveSnapshots(evaluation.snapshots);
    const write = { at: evaluation.at, catalogVersion: evaluation.catalogVersion, snapshots: evaluation.snapshots, body: encodeEvaluation(evaluation) };
    return store.saveEvaluation(write, fence, leadership.now());
  }

  #adopt(evaluation: Evaluation): Evaluation {
    this.deps.gauges.update(evaluation.snapshots);
    this.#latest = evaluation;
    return evaluation;
  }

  /**
   * A standby's turn: takes the leader's latest stored evaluation when it is newer than the one held.
   * Returns whether it changed.
   */
  async follow(): Promise<boolean> {
    const { store } = this.deps;
    if (!store.latestEvaluationAt || !store.latestEvaluation) return false;
    const at = await store.latestEvaluationAt();
    if (!at || (this.#latest && this.#latest.at.getTime() >= at.getTime())) return false;
    const stored = await store.latestEvaluation();
    if (!stored) return false;
    this.#adopt(decodeEvaluation(stored.body));
    return true;
  }

  #recordClusters(result: CollectResult): void {
    const { metrics, logger } = this.deps;
    for (const cluster of result.clusters) {
      metrics.clusterCollectDuration.observe({ cluster: cluster.cluster }, cluster.durationMs / 1000);
      metrics.clusterStale.set({ cluster: cluster.cluster }, cluster.error ? 1 : 0);
      if (cluster.failedQueries > 0) metrics.collectorErrors.inc({ cluster: cluster.cluster }, cluster.failedQueries);
      if (cluster.error) logger.warn({ cluster: cluster.cluster, error: cluster.error, failedQueries: cluster.failedQueries }, 'cluster stale: its counts are missing this evaluation');
    }
  }
}
