/** What the HTTP layer needs from the rest of the service; the composition root supplies it. */
import type { Registry } from 'prom-client';
import type { LoadedCatalog } from '../catalog/load-catalog.js';
import type { OtlpConfig } from '../config/otlp-config.js';
import type { SpanCounter } from '../otlp/span-counter.js';
import type { PagingStore } from '../paging/paging-types.js';
import type { Evaluation } from '../scheduler/evaluator.js';
import type { SnapshotStore } from '../store/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { ServiceMetrics } from '../telemetry/service-metrics.js';

export interface AppDeps {
  catalog: () => LoadedCatalog;
  latest: () => Evaluation | undefined;
  store: Pick<SnapshotStore, 'history' | 'budgetTrends' | 'catalogVersions' | 'ping'>;
  /** The paging state and outbox, for the SLO pages' timeline; without it the timeline is empty. */
  paging?: Pick<PagingStore, 'outboxEntries' | 'pagingStates'>;
  /** The service's own metrics and span counters, rendered on every scrape. */
  registry: Registry;
  /** Per-SLO gauges: they change only with an evaluation, so their text is cached per evaluation. */
  sloRegistry?: Registry;
  metrics: ServiceMetrics;
  spans: SpanCounter;
  /** Limits and token of the OTLP receiver; the `otlp` config section's defaults when absent. */
  otlp?: OtlpConfig;
  clock: () => Date;
  /** Whether this replica evaluates and pages ("leader") or serves what the leader stored ("standby"). */
  role?: () => 'leader' | 'standby';
  maxHistoryRangeMs: number;
  logger: Logger;
}
