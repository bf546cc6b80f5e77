/**
 * Composition root of the service: wires config, catalog, collectors, engine, store, scheduler, metrics
 * and the HTTP API together, and takes them down in order.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { CatalogHolder } from '../catalog/catalog-holder.js';
import { DiscoveredCatalogs, type CatalogProvider } from '../catalog/discovered-catalogs.js';
import { discoversCatalogs } from '../config/catalog-config.js';
import { Collector } from '../collect/collector.js';
import { PrometheusClient } from '../collect/prometheus-client.js';
import type { ServiceConfig } from '../config/config-schema.js';
import { computeSnapshot, windowRangeSeconds } from '../engine/index.js';
import { SpanCounter } from '../otlp/span-counter.js';
import { startPaging } from '../paging/start-paging.js';
import { Evaluator } from '../scheduler/evaluator.js';
import { Scheduler, type Timers } from '../scheduler/scheduler.js';
import { createStore } from '../store/create-store.js';
import { withStoreHealth } from '../store/tracked-store.js';
import { LeaderElector } from '../leadership/leader-elector.js';
import { createLeadershipMetrics } from '../leadership/leadership-metrics.js';
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
  /** This replica's name on the evaluator lease; default `<hostname>-<pid>-<random>`. */
  replica?: string;
  /** Take part in leader election without the scheduler (tests tick `elector` and `scheduler` themselves). */
  elect?: boolean;
}

export interface RunningService {
  app: FastifyInstance;
  /** http://host:port of the API. */
  url: string;
  evaluator: Evaluator;
  scheduler: Scheduler;
  /** A CatalogHolder (one file) or DiscoveredCatalogs (a directory and/or Kubernetes ConfigMaps). */
  catalog: CatalogProvider;
  /** The evaluator lease; undefined when the scheduler is off and `elect` is not set. */
  elector: LeaderElector | undefined;
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
  const store = withStoreHealth(
    createStore({ databaseUrl: config.store.databaseUrl, sqlitePath: config.store.sqlitePath, retention: config.retention }, logger),
    metrics.storeHealth,
  );
  await store.migrate();

  const scheduled = options.schedule !== false;
  // The tasks run only after start(), by when the evaluator and elector below exist.
  const scheduler: Scheduler = new Scheduler({
    intervalMs: config.evaluation.interval,
    task: async () => {
      if (!elector || elector.isLeader) await evaluator.evaluate();
    },
    onSkipped: () => {
      metrics.evaluations.inc({ result: 'skipped' });
      logger.warn('evaluation skipped: the previous one is still running');
    },
    timers: options.timers,
  });
  const listener = catalogListener({ metrics, spans, store, logger, onChanged: () => void (scheduled && scheduler.tick()) });
  const catalog: CatalogProvider = discoversCatalogs(config.catalog)
    ? new DiscoveredCatalogs({ config: config.catalog, clock, logger, registry: metrics.registry, ...listener })
    : new CatalogHolder({ file: config.catalog.path, clock, logger, ...listener });
  await catalog.load();

  const clients = await Promise.all(config.clusters.map((cluster) => PrometheusClient.create(cluster)));
  if (clients.length === 0) logger.warn('no clusters configured: every SLO will report no data');
  const collector = new Collector(clients, windowRangeSeconds, {
    batchSize: config.evaluation.batchSize,
    concurrency: config.evaluation.concurrency,
    retries: config.evaluation.retries,
    deadlineMs: config.evaluation.deadline,
    logger,
  });
  const paging = config.paging.enabled ? await startPaging({ config: config.paging, store: store.paging, registry: metrics.registry, logger, clock }) : undefined;
  const leadershipMetrics = createLeadershipMetrics(metrics.registry);
  const elector = scheduled || options.elect
    ? new LeaderElector({
        leases: store.leases,
        holder: options.replica ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
        ttlMs: config.leadership.ttl,
        renewMs: config.leadership.renewInterval,
        catalog: async () => {
          const version = catalog.current.version;
          const [newest] = await store.catalogVersions(1);
          return { version, newest: !newest || newest.version === version };
        },
        onElected: () => {
          leadershipMetrics.leader.set(1);
          leadershipMetrics.transitions.inc({ to: 'leader' });
          void scheduler.tick();
        },
        onDemoted: () => {
          leadershipMetrics.leader.set(0);
          leadershipMetrics.transitions.inc({ to: 'standby' });
        },
        logger,
      })
    : undefined;
  const evaluator = new Evaluator({
    catalog: () => catalog.current,
    collect: (slos, at) => collector.collect(slos, at),
    computeSnapshot,
    store,
    metrics,
    gauges,
    logger,
    clock,
    ...(paging ? { afterSave: paging.afterEvaluation } : {}),
    ...(elector ? { leadership: { get fence() { return elector.fence; }, now: () => new Date(), lost: (reason: string) => elector.lost(reason) } } : {}),
  });
  // Standbys serve the leader's latest evaluation, read a few seconds after it is stored.
  const follower = new Scheduler({
    intervalMs: config.leadership.followInterval,
    task: async () => {
      if (elector && !elector.isLeader) await evaluator.follow();
    },
    onError: (error) => logger.warn({ err: error }, 'reading the leader\'s latest evaluation failed; serving the one held'),
    timers: options.timers,
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
    paging: store.paging,
    registry: metrics.registry,
    sloRegistry,
    metrics,
    spans,
    otlp: config.otlp,
    clock,
    ...(elector ? { role: () => (elector.isLeader ? 'leader' : 'standby') } : {}),
    maxHistoryRangeMs: config.api.maxHistoryRange,
    logger,
  });
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  const stopWatching = config.catalog.watch ? catalog.watch() : () => {};
  if (scheduled) {
    elector?.start();
    scheduler.start();
    follower.start();
    retention.start();
  }
  logger.info({ address, clusters: config.clusters.map((c) => c.name), catalog: catalog.current.version }, 'burnrate service started');

  const running: RunningService = {
    app,
    url: address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1'),
    evaluator,
    scheduler,
    catalog,
    elector,
    async close() {
      stopWatching();
      // Aborts queries in flight first, so stopping never waits on a hung cluster.
      await collector.stop();
      await Promise.all([scheduler.stop(), follower.stop(), retention.stop()]);
      // Hands the lease over at once: a standby leads at its next renewal instead of after the ttl.
      await elector?.stop();
      await paging?.close();
      await app.close();
      await store.close();
    },
  };
  return running;
}
