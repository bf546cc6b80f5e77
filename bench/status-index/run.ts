/**
 * The status page index at scale: the real app (buildApp, SQLite store) serving N SLOs × G groups with 7
 * days of history. Per encoding (identity, gzip, br): median time to the last byte of GET / over
 * 127.0.0.1 (server time: no network in between) and bytes on the wire; plus the trend query alone,
 * as a page pays it once per 6-hour step (the cache's cold path), and GET / right after a new evaluation.
 */
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadCatalog } from '../../src/service/catalog/load-catalog.js';
import { SpanCounter } from '../../src/service/otlp/span-counter.js';
import { buildApp } from '../../src/service/server/build-app.js';
import { TREND_STEP_MS, trendTimes } from '../../src/service/server/status-page/budget-trends.js';
import { createStore } from '../../src/service/store/create-store.js';
import type { Logger } from '../../src/service/telemetry/logger.js';
import { createServiceMetrics } from '../../src/service/telemetry/service-metrics.js';
import { makeTempDir } from '../../test/support/temp-dir.js';
import { writeCatalog } from '../../test/service/support/test-catalog.js';
import { median } from '../lib/stats.js';
import { indexCatalog, indexEvaluation, insertHistory } from './fixture.js';

export interface StatusIndexResult {
  slos: number;
  groups: number;
  historyRows: number;
  runs: number;
  trendQueryMs: number;
  /** gzip, each request after a new evaluation: the view and rows are rendered again. */
  freshEvaluationMs: number;
  /** The same, 2.5 s after the evaluation: the background warmer has rendered it. */
  warmedEvaluationMs: number;
  loadAverage: number;
  encodings: { encoding: string; medianMs: number; bytes: number }[];
}

function get(url: string, encoding: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: encoding === 'identity' ? {} : { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ ms: performance.now() - started, bytes, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function runStatusIndex(options: { slos: number; groups: number; runs: number }, log: (line: string) => void): Promise<StatusIndexResult> {
  const temp = await makeTempDir('burnrate-bench-index-');
  const at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const compiled = indexCatalog(options.slos, options.groups);
  const catalogFile = path.join(temp.dir, 'catalog.json');
  await writeCatalog(catalogFile, compiled);
  const catalog = await loadCatalog(catalogFile, at);
  const store = createStore({ sqlitePath: path.join(temp.dir, 'burnrate.db') });
  await store.migrate();
  const evaluation = indexEvaluation(compiled, options.groups, at);
  let latest = evaluation;
  const historyRows = insertHistory(path.join(temp.dir, 'burnrate.db'), evaluation);
  log(`status-index: ${compiled.slos.length} SLOs × ${options.groups} groups, ${historyRows} history rows`);
  const metrics = createServiceMetrics();
  const app = await buildApp({
    catalog: () => catalog,
    latest: () => latest,
    store,
    registry: metrics.registry,
    metrics,
    spans: new SpanCounter(metrics.registry),
    clock: () => at,
    maxHistoryRangeMs: 400 * 86_400_000,
    logger: pino({ level: 'silent' }) as unknown as Logger,
  });
  try {
    const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/`;
    const sloIds = compiled.slos.map((s) => s.id);
    const queryMs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const started = performance.now();
      await store.budgetTrends({ sloIds, at: trendTimes(at), bucketMs: TREND_STEP_MS });
      queryMs.push(performance.now() - started);
    }
    const encodings = [];
    for (const encoding of ['identity', 'gzip', 'br']) {
      const samples = [];
      await get(url, encoding); // warm-up: JIT and the trend cache
      for (let i = 0; i < options.runs; i++) samples.push(await get(url, encoding));
      if (samples.some((s) => s.status !== 200)) throw new Error(`status-index: GET / answered ${samples.map((s) => s.status).join(', ')}`);
      encodings.push({ encoding, medianMs: median(samples.map((s) => s.ms)), bytes: median(samples.map((s) => s.bytes)) });
    }
    const fresh = [];
    for (let i = 0; i < options.runs; i++) {
      latest = { ...evaluation }; // a new evaluation object: what the scheduler publishes every interval
      fresh.push((await get(url, 'gzip')).ms);
    }
    const warmed = [];
    for (let i = 0; i < Math.min(5, options.runs); i++) {
      latest = { ...evaluation };
      await new Promise((resolve) => setTimeout(resolve, 2500)); // the warmer checks every second
      warmed.push((await get(url, 'gzip')).ms);
    }
    return { ...options, slos: compiled.slos.length, historyRows, trendQueryMs: median(queryMs), freshEvaluationMs: median(fresh), warmedEvaluationMs: median(warmed), loadAverage: os.loadavg()[0] ?? 0, encodings };
  } finally {
    await app.close();
    await store.close();
    await temp.remove();
  }
}
