/**
 * The real Fastify app (buildApp) with a real catalog, SpanCounter, metrics and SQLite store, on a free
 * 127.0.0.1 port, with an `otlp` config section of the test's choosing (parsed by the real schema), and
 * every log line kept for assertions.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { CompiledCatalog } from '../../../../src/core/catalog/compiled-catalog.js';
import { SPAN_COUNTERS } from '../../../../src/core/conventions/metrics.js';
import { loadCatalog } from '../../../../src/service/catalog/load-catalog.js';
import { configSchema } from '../../../../src/service/config/config-schema.js';
import { SpanCounter } from '../../../../src/service/otlp/span-counter.js';
import { buildApp } from '../../../../src/service/server/build-app.js';
import { createStore } from '../../../../src/service/store/create-store.js';
import type { Logger } from '../../../../src/service/telemetry/logger.js';
import { createServiceMetrics } from '../../../../src/service/telemetry/service-metrics.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { writeCatalog } from '../../support/test-catalog.js';

export interface OtlpApp {
  app: FastifyInstance;
  /** http://127.0.0.1:port */
  url: string;
  /** Parsed JSON log lines. */
  logs: { level: number; msg: string }[];
  /** /metrics lines starting with `prefix`, as "name{labels}" → value. */
  metric: (prefix: string) => Promise<Map<string, number>>;
  /** burnrate_spans_total and _good_total by slo and route. */
  spanCounts: () => Promise<Map<string, number>>;
  close: () => Promise<void>;
}

export async function startOtlpApp(compiled: CompiledCatalog, otlp: Record<string, unknown> = {}): Promise<OtlpApp> {
  const temp = await makeTempDir('burnrate-otlp-');
  const catalogFile = path.join(temp.dir, 'catalog.json');
  await writeCatalog(catalogFile, compiled);
  const now = new Date();
  const catalog = await loadCatalog(catalogFile, now);
  const store = createStore({ sqlitePath: path.join(temp.dir, 'burnrate.db') });
  await store.migrate();
  const metrics = createServiceMetrics();
  const spans = new SpanCounter(metrics.registry);
  spans.setCatalog(catalog.slos);
  const logs: OtlpApp['logs'] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  let app: FastifyInstance;
  try {
    app = await buildApp({
      catalog: () => catalog,
      latest: () => undefined,
      store,
      registry: metrics.registry,
      metrics,
      spans,
      otlp: configSchema.parse({ otlp }).otlp,
      clock: () => now,
      maxHistoryRangeMs: 400 * 86_400_000,
      logger: pino({ level: 'debug' }, sink) as unknown as Logger,
    });
  } catch (error) {
    await store.close();
    await temp.remove();
    throw error;
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const metric = async (prefix: string) => {
    const text = (await app.inject({ url: '/metrics' })).body;
    const out = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (!line.startsWith(prefix)) continue;
      const space = line.lastIndexOf(' ');
      out.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
    return out;
  };
  return {
    app,
    url,
    logs,
    metric,
    spanCounts: async () => new Map([...(await metric(SPAN_COUNTERS.total)), ...(await metric(SPAN_COUNTERS.good))]),
    close: async () => {
      await app.close();
      await store.close();
      await temp.remove();
    },
  };
}

/** The series key of a span counter. */
export const spanKey = (name: 'total' | 'good', slo: string, route: string) => `${SPAN_COUNTERS[name]}{slo="${slo}",route="${route}"}`;
