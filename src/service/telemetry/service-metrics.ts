/** The service's own health metrics on its /metrics, names from the conventions module. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CLUSTER_LABEL, SERVICE_METRICS as M } from '../../core/conventions/metrics.js';
import { StoreHealth } from '../store/store-health.js';

/** The store's health series (next to SERVICE_METRICS until the conventions module lists them). */
export const STORE_METRICS = { up: 'burnrate_store_up', errors: 'burnrate_store_errors_total' } as const;

export interface ServiceMetrics {
  registry: Registry;
  evaluationDuration: Histogram;
  evaluations: Counter<'result'>;
  lastSuccessfulEvaluation: Gauge;
  collectorErrors: Counter<typeof CLUSTER_LABEL>;
  clusterStale: Gauge<typeof CLUSTER_LABEL>;
  clusterCollectDuration: Histogram<typeof CLUSTER_LABEL>;
  catalogInfo: Gauge<'version'>;
  catalogSlos: Gauge;
  catalogReloadFailures: Counter;
  catalogLastReload: Gauge;
  otlpRequests: Counter<'result'>;
  storeUp: Gauge;
  storeErrors: Counter<'operation' | 'reason'>;
  /** Fed by the store calls (withStoreHealth); read by /readyz and the routes that need the database. */
  storeHealth: StoreHealth;
}

export function createServiceMetrics(registry = new Registry()): ServiceMetrics {
  collectDefaultMetrics({ register: registry });
  // Gauges named *_total break `promtool check metrics`; the per-type nodejs_active_* series carry the same.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
  const registers = [registry];
  const seconds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
  const storeUp = new Gauge({ name: STORE_METRICS.up, help: '1 while the last store call succeeded, 0 after one found the database unavailable.', registers });
  const storeErrors = new Counter({
    name: STORE_METRICS.errors,
    help: 'Failed store calls by operation and reason: unavailable (the database could not be reached) or error.',
    labelNames: ['operation', 'reason'],
    registers,
  });
  return {
    registry,
    evaluationDuration: new Histogram({ name: M.evaluationDuration, help: 'Duration of one evaluation: collect, compute, store.', buckets: seconds, registers }),
    evaluations: new Counter({ name: M.evaluations, help: 'Evaluations by result: ok, failed, or skipped because the previous one still ran.', labelNames: ['result'], registers }),
    lastSuccessfulEvaluation: new Gauge({ name: M.lastSuccessfulEvaluation, help: 'Unix time of the last evaluation that completed.', registers }),
    collectorErrors: new Counter({ name: M.collectorErrors, help: 'Queries to a cluster that failed after retries.', labelNames: [CLUSTER_LABEL], registers }),
    clusterStale: new Gauge({ name: M.clusterStale, help: '1 while the last collection from the cluster failed: its counts are missing, not zero.', labelNames: [CLUSTER_LABEL], registers }),
    clusterCollectDuration: new Histogram({ name: M.clusterCollectDuration, help: 'Time to collect all SLO counts from one cluster.', labelNames: [CLUSTER_LABEL], buckets: seconds, registers }),
    catalogInfo: new Gauge({ name: M.catalogInfo, help: 'The compiled catalog in use (value 1), by version.', labelNames: ['version'], registers }),
    catalogSlos: new Gauge({ name: M.catalogSlos, help: 'SLOs in the catalog in use.', registers }),
    catalogReloadFailures: new Counter({ name: M.catalogReloadFailures, help: 'Catalog reloads rejected; the previous catalog stayed in use.', registers }),
    catalogLastReload: new Gauge({ name: M.catalogLastReload, help: 'Unix time the catalog in use was loaded.', registers }),
    otlpRequests: new Counter({ name: M.otlpRequests, help: 'OTLP trace export requests received, by result.', labelNames: ['result'], registers }),
    storeUp,
    storeErrors,
    storeHealth: new StoreHealth({ metrics: { up: storeUp, errors: storeErrors } }),
  };
}
