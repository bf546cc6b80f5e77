/**
 * The real Fastify app (buildApp) on a free 127.0.0.1 port, with a real SQLite store and metrics, a
 * catalog loaded from a file by the real loader, and a latest evaluation the test sets.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadCatalog } from '../../../../../src/service/catalog/load-catalog.js';
import type { CompiledCatalog } from '../../../../../src/core/catalog/compiled-catalog.js';
import { SpanCounter } from '../../../../../src/service/otlp/span-counter.js';
import type { Evaluation } from '../../../../../src/service/scheduler/evaluator.js';
import { buildApp } from '../../../../../src/service/server/build-app.js';
import { createStore } from '../../../../../src/service/store/create-store.js';
import type { SnapshotStore } from '../../../../../src/service/store/types.js';
import type { Logger } from '../../../../../src/service/telemetry/logger.js';
import { createServiceMetrics } from '../../../../../src/service/telemetry/service-metrics.js';
import { makeTempDir } from '../../../../support/temp-dir.js';
import { writeCatalog } from '../../../support/test-catalog.js';

export interface StatusApp {
  app: FastifyInstance;
  url: string;
  /** What `deps.latest()` returns: undefined before the first evaluation. */
  state: { latest: Evaluation | undefined; now: Date };
  /** The app's store, for tests that write history. */
  store: SnapshotStore;
  close: () => Promise<void>;
}

export async function startStatusApp(compiled: CompiledCatalog, state: StatusApp['state']): Promise<StatusApp> {
  const temp = await makeTempDir('burnrate-status-');
  const catalogFile = path.join(temp.dir, 'catalog.json');
  await writeCatalog(catalogFile, compiled);
  const catalog = await loadCatalog(catalogFile, state.now);
  const store = createStore({ sqlitePath: path.join(temp.dir, 'burnrate.db') });
  await store.migrate();
  const metrics = createServiceMetrics();
  const app = await buildApp({
    catalog: () => catalog,
    latest: () => state.latest,
    store,
    registry: metrics.registry,
    metrics,
    spans: new SpanCounter(metrics.registry),
    clock: () => state.now,
    maxHistoryRangeMs: 400 * 86_400_000,
    logger: pino({ level: 'silent' }) as unknown as Logger,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url: address,
    state,
    store,
    close: async () => {
      await app.close();
      await store.close();
      await temp.remove();
    },
  };
}
