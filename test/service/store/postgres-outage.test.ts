/**
 * A PostgreSQL outage as the service sees it: the real app, a real store and the local PostgreSQL behind a
 * TCP proxy that the test cuts and restores. While the database is unreachable the replica stays ready
 * and says why in /readyz, history and catalog answer 503 STORE_UNAVAILABLE with Retry-After, the budgets
 * are still served from memory, and burnrate_store_up is 0; once the proxy is back, everything recovers.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCatalog, type LoadedCatalog } from '../../../src/service/catalog/load-catalog.js';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import { SpanCounter } from '../../../src/service/otlp/span-counter.js';
import type { Evaluation } from '../../../src/service/scheduler/evaluator.js';
import { buildApp } from '../../../src/service/server/build-app.js';
import { createStore } from '../../../src/service/store/create-store.js';
import { openDatabase } from '../../../src/service/store/open-database.js';
import { classifyStoreError } from '../../../src/service/store/store-errors.js';
import { withStoreHealth } from '../../../src/service/store/tracked-store.js';
import type { SnapshotStore } from '../../../src/service/store/types.js';
import type { Logger } from '../../../src/service/telemetry/logger.js';
import { createServiceMetrics } from '../../../src/service/telemetry/service-metrics.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { okCluster, staleCluster } from '../engine/slo-fixture.js';
import { catalogOf, writeCatalog } from '../support/test-catalog.js';
import { adminQuery, postgresUrl } from './store-targets.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const compiled = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);
const name = `burnrate_outage_${randomBytes(6).toString('hex')}`;
const T0 = new Date('2026-05-01T00:00:00Z');
const minute = (m: number) => new Date(T0.getTime() + m * 60_000);
const HISTORY = `/api/v1/slos/shop-availability/history?from=${T0.toISOString()}&to=${minute(10).toISOString()}`;

let admin: string;
let proxy: TcpProxy;
let store: SnapshotStore;
let app: FastifyInstance;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let catalog: LoadedCatalog;
let latest: Evaluation | undefined;
const metrics = createServiceMetrics();
const { storeHealth } = metrics;

/** What the evaluator does each interval: compute, keep in memory, save (a failed save is still served). Returns the save's error. */
async function evaluate(at: Date, answered: boolean): Promise<unknown> {
  const slo = catalog.slos[0]!;
  const clusters = answered ? [okCluster('eu', { good: 999, total: 1000 })] : [staleCluster('eu')];
  const snapshots = [computeSnapshot(slo, { sloId: slo.id, group: {}, clusters }, at)];
  latest = { at, catalogVersion: compiled.version, durationMs: 1, snapshots, clusters: [] };
  return store.saveSnapshots(snapshots).then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function get(url: string) {
  const response = await app.inject({ url });
  const json = response.headers['content-type']?.toString().startsWith('application/json') ? (response.json() as Record<string, any>) : {};
  return { status: response.statusCode, body: json, text: response.body, headers: response.headers };
}

const storeLines = async () => (await get('/metrics')).text.split('\n').filter((l) => l.startsWith('burnrate_store_'));

beforeAll(async () => {
  admin = await postgresUrl();
  await adminQuery(admin, `create database ${name}`);
  const direct = new URL(admin);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  url.port = String(proxy.port);
  // Idle connections dying with the proxy are logged by the store, not fatal.
  store = withStoreHealth(createStore({ databaseUrl: url.toString() }, { info: () => undefined, warn: () => undefined }), storeHealth);
  await store.migrate();
  temp = await makeTempDir('burnrate-outage-');
  const catalogFile = path.join(temp.dir, 'catalog.json');
  await writeCatalog(catalogFile, compiled);
  catalog = await loadCatalog(catalogFile, T0);
  app = await buildApp({
    catalog: () => catalog,
    latest: () => latest,
    store,
    registry: metrics.registry,
    metrics,
    spans: new SpanCounter(metrics.registry),
    clock: () => minute(10),
    maxHistoryRangeMs: 400 * 86_400_000,
    logger: pino({ level: 'silent' }) as unknown as Logger,
  });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await proxy?.close();
  await temp?.remove();
  if (admin) await adminQuery(admin, `drop database if exists ${name} with (force)`);
});

describe('a connection lost in the middle of a query', () => {
  it('fails that query and nothing else: no unhandled error event takes the process down', async () => {
    const appName = `burnrate_lost_${randomBytes(4).toString('hex')}`;
    const direct = new URL(admin);
    const own = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const url = new URL(admin);
    url.pathname = `/${name}`;
    url.port = String(own.port);
    url.searchParams.set('application_name', appName);
    const { db } = openDatabase({ databaseUrl: url.toString() });
    try {
      const running = sql`select pg_sleep(30)`.execute(db).then(
        () => undefined,
        (error: unknown) => error,
      );
      await vi.waitFor(async () => {
        const active = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where application_name = ${appName} and state = 'active' and pid <> pg_backend_pid()`.execute(db);
        expect(active.rows[0]?.n).toBe(1);
      }, { timeout: 20_000 });
      await own.cut();
      // Without a listener on checked-out clients, pg emits 'error' with none attached: vitest reports it as an uncaught exception.
      expect(classifyStoreError(await running)).toEqual({ unavailable: true, reason: 'connection terminated' });
    } finally {
      await db.destroy();
      await own.close();
    }
  });
});

describe('a PostgreSQL outage', () => {
  it('before: ready, history served, the store up', async () => {
    expect(await evaluate(minute(0), true)).toBeUndefined();
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', evaluatedAt: minute(0).toISOString(), store: { ok: true, lastFailureAt: null } });
    expect((await get(HISTORY)).body.points).toHaveLength(1);
    expect(await storeLines()).toContain('burnrate_store_up 1');
  });

  it('during: still ready with the store down in the detail, 503 STORE_UNAVAILABLE where the database is needed', async () => {
    await proxy.cut();
    const saveError = await evaluate(minute(1), true);
    expect(saveError).toBeInstanceOf(Error);

    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', evaluatedAt: minute(1).toISOString(), store: { ok: false, operation: 'saveSnapshots' } });
    expect(ready.body.store.error).toMatch(/^connection (refused|reset|terminated|lost|closed)/);
    expect(Date.parse(ready.body.store.since)).not.toBeNaN();

    for (const url of [HISTORY, '/api/v1/catalog']) {
      const answer = await get(url);
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('10');
      // Refused for a new connection; an idle one the pool had not dropped yet would read "terminated".
      expect(answer.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { reason: expect.stringMatching(/^connection /), retryAfterSeconds: 10 } });
      expect(answer.body.error.message).toMatch(/^the store is unavailable: connection .*; the latest budgets are still served at \/api\/v1\/slos$/);
    }

    // The budgets are served from memory all along.
    const slo = await get('/api/v1/slos/shop-availability');
    expect(slo).toMatchObject({ status: 200, body: { evaluatedAt: minute(1).toISOString(), snapshot: { totalEvents: 1000 } } });
    const lines = await storeLines();
    expect(lines).toContain('burnrate_store_up 0');
    expect(lines).toContain('burnrate_store_errors_total{operation="saveSnapshots",reason="unavailable"} 1');
    expect(lines).toContain('burnrate_store_errors_total{operation="history",reason="unavailable"} 1');
  });

  it('after: the first successful call brings the store back up', async () => {
    await proxy.restore();
    const history = await get(HISTORY);
    expect(history.status).toBe(200);
    // The save made during the outage is lost: the history has a gap there, not a zero.
    expect(history.body.points.map((p: { at: string }) => p.at)).toEqual([minute(0).toISOString()]);
    const ready = await get('/readyz');
    expect(ready.body.store).toMatchObject({ ok: true, lastFailureAt: expect.any(String) });
    expect(ready.body.store.error).toBeUndefined();
    expect(await storeLines()).toContain('burnrate_store_up 1');
  });

  it('stores an evaluation in which no cluster answered as unknown, not as zero events', async () => {
    expect(await evaluate(minute(2), false)).toBeUndefined();
    const { body } = await get(HISTORY);
    expect(body.points.at(-1)).toEqual({
      at: minute(2).toISOString(),
      group: {},
      sli: null,
      remainingRatio: null,
      goodEvents: null,
      totalEvents: null,
      status: 'no-data',
      resolution: 'raw',
      burnRates: {},
    });
    expect((await get('/api/v1/slos/shop-availability')).body.snapshot).toMatchObject({ status: 'no-data', goodEvents: null, totalEvents: null });
  });
});
