/**
 * Composition root of the service: wires config, catalog, collectors, engine, store, scheduler, metrics
 * and the HTTP API together, and takes them down in order.
 */
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { CatalogHolder } from '../catalog/catalog-holder.js';
import { collect } from '../collect/collector.js';
import { PrometheusClient } from '../collect/prometheus-client.js';
import type { ServiceConfig } from '../config/config-schema.js';
import { computeSnapshot, windowRangeSeconds } from '../engine/index.js';
import { SpanCounter } from '../otlp/span-counter.js';
import { startPaging } from '../paging/start-paging.js';
import { Evaluator } from '../scheduler/evaluator.js';
import { Scheduler, type Timers } from '../scheduler/scheduler.js';
import { createStore } from '../store/create-store.js';
import { createLogger, type Logger } from '../telemetry/logger.js';
import { createServiceMetrics } from '../telemetry/service-metrics.js';
import { SloGauges } from '../telemetry/slo-gauges.js';
import { buildApp } from './build-app.js';
import { catalogListener } from './catalog-listener.js';

const RETENTION_INTERVAL_MS = 3_600_000;

export interface ServiceOptions {
  config: ServiceConfig;
  clock?: () => Date;
  logger?: Logger;
  timers?: Timers;
  /** Start evaluating on a timer (default); tests may drive `evaluator.evaluate()` themselves. */
  schedule?: boolean;
}

export interface RunningService {
  app: FastifyInstance;
  /** http://host:port of the API. */
  url: string;
  evaluator: Evaluator;
  scheduler: Scheduler;
  catalog: CatalogHolder;
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger(config.log.level);
  const metrics = createServiceMetrics();
  const sloRegistry = new Registry();
  const gauges = new SloGauges(sloRegistry, config.metrics.maxGroupsPerSlo);
  const spans = new SpanCounter(metrics.registry);
  const store = createStore({ databaseUrl: config.store.databaseUrl, sqlitePath: config.store.sqlitePath, retention: config.retention }, logger);
  await store.migrate();

  const scheduled = options.schedule !== false;
  // The task runs only after start(), by when the evaluator below exists.
  const scheduler: Scheduler = new Scheduler({
    intervalMs: config.evaluation.interval,
    task: async () => void (await evaluator.evaluate()),
    onSkipped: () => {
      metrics.evaluations.inc({ result: 'skipped' });
      logger.warn('evaluation skipped: the previous one is still running');
    },
    timers: options.timers,
  });
  const catalog = new CatalogHolder({
    file: config.catalog.path,
    clock,
    ...catalogListener({ metrics, spans, store, logger, onChanged: () => void (scheduled && scheduler.tick()) }),
  });
  await catalog.load();

  const clients = await Promise.all(config.clusters.map((cluster) => PrometheusClient.create(cluster)));
  if (clients.length === 0) logger.warn('no clusters configured: every SLO will report no data');
  const collectOptions = { batchSize: config.evaluation.batchSize, concurrency: config.evaluation.concurrency, retries: config.evaluation.retries };
  const paging = config.paging.enabled ? await startPaging({ config: config.paging, store: store.paging, registry: metrics.registry, logger, clock }) : undefined;
  const evaluator = new Evaluator({
    catalog: () => catalog.current,
    collect: (slos, at) => collect(clients, slos, windowRangeSeconds, at, collectOptions),
    computeSnapshot,
    store,
    metrics,
    gauges,
    logger,
    clock,
    ...(paging ? { afterSave: paging.afterEvaluation } : {}),
  });
  const retention = new Scheduler({
    intervalMs: RETENTION_INTERVAL_MS,
    task: async () => void (await store.applyRetention(clock())),
    onError: (error) => logger.error({ err: error }, 'retention failed'),
    timers: options.timers,
  });

  const app = await buildApp({
    catalog: () => catalog.current,
    latest: () => evaluator.latest,
    store,
    registry: metrics.registry,
    sloRegistry,
    metrics,
    spans,
    clock,
    maxHistoryRangeMs: config.api.maxHistoryRange,
    logger,
  });
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  const stopWatching = config.catalog.watch ? catalog.watch() : () => {};
  if (scheduled) {
    scheduler.start();
    retention.start();
  }
  logger.info({ address, clusters: config.clusters.map((c) => c.name), catalog: catalog.current.version }, 'burnrate service started');

  const running: RunningService = {
    app,
    url: address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'),
    evaluator,
    scheduler,
    catalog,
    async close() {
      stopWatching();
      await Promise.all([scheduler.stop(), retention.stop()]);
      await paging?.close();
      await app.close();
      await Promise.all(clients.map((c) => c.close()));
      await store.close();
    },
  };
  return running;
}
