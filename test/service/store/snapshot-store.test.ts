import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../../src/service/store/create-store.js';
import { freePort } from '../../support/ports.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { snapshot } from './snapshot-factory.js';
import { adminQuery, postgresUrl, releaseTestDatabase, STORE_TARGETS, type OpenedStore } from './store-targets.js';

const T0 = Date.parse('2025-06-01T00:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);

afterAll(releaseTestDatabase);

describe.each(STORE_TARGETS)('snapshot store on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });
  async function open() {
    opened = await target.open();
    await opened.store.migrate();
    return opened.store;
  }

  it('migrates once: running the migrations again, or from another instance, applies nothing', async () => {
    opened = await target.open();
    const applied: unknown[] = [];
    const logger = { info: (details: object) => applied.push((details as { applied?: unknown }).applied) };
    const store = opened.reopen(logger);
    await store.migrate();
    await store.migrate();
    await opened.reopen(logger).migrate();
    expect(applied).toEqual([['001_initial', '002_paging_outbox', '003_leadership', '004_unknown_counts', '005_catalog_announcements', '006_burn_rates']]);
    await store.saveSnapshots([snapshot({ at: at(0), good: 1, total: 1 })]);
    expect(await opened.store.history({ sloId: 'shop-availability', from: at(0), to: at(0) })).toHaveLength(1);
  });

  it('round-trips snapshots per group, whatever the label order', async () => {
    const store = await open();
    const cart = { route: '/cart', method: 'GET' };
    await store.saveSnapshots([
      snapshot({ at: at(0), group: cart, good: 990, total: 1000 }),
      snapshot({ at: at(1), group: { route: '/pay' }, good: 5, total: 10, stale: true }),
      snapshot({ at: at(2), group: { method: 'GET', route: '/cart' }, good: 0, total: 0 }),
      snapshot({ at: at(3), sloId: 'other-slo', group: cart, good: 1, total: 1 }),
    ]);
    const points = await store.history({ sloId: 'shop-availability', group: { method: 'GET', route: '/cart' }, from: at(0), to: at(10) });
    expect(points).toEqual([
      { at: at(0), sli: 0.99, remainingRatio: expect.closeTo(-9, 9), goodEvents: 990, totalEvents: 1000, status: 'ok', resolution: 'raw', burnRates: {}, group: cart },
      { at: at(2), sli: null, remainingRatio: null, goodEvents: 0, totalEvents: 0, status: 'no-data', resolution: 'raw', burnRates: {}, group: cart },
    ]);
    const all = await store.history({ sloId: 'shop-availability', from: at(0), to: at(10) });
    expect(all.map((p) => [p.group, p.status])).toEqual([[cart, 'ok'], [{ route: '/pay' }, 'partial'], [cart, 'no-data']]);
  });

  it('keeps the burn rate of every alert window that had events, through downsampling', async () => {
    const store = await open();
    const alertWindows = { '5m': { good: 980, total: 1000 }, '1h': { good: 11_940, total: 12_000 }, '6h': { good: 0, total: 0 } };
    await store.saveSnapshots([snapshot({ at: at(0), good: 990, total: 1000 }), snapshot({ at: at(1), good: 990, total: 1000, alertWindows })]);
    const points = await store.history({ sloId: 'shop-availability', from: at(0), to: at(10) });
    // 2% and 0.5% errors against a 0.1% budget; the quiet 6h window has no burn rate.
    expect(points.map((p) => p.burnRates)).toEqual([{}, { '5m': 20, '1h': 5 }]);
    // Three days on, the hour keeps its last point, burn rates and all.
    await store.applyRetention(at(3 * 24 * 60));
    const kept = await store.history({ sloId: 'shop-availability', from: at(0), to: at(10) });
    expect(kept.map((p) => [p.at, p.resolution, p.burnRates])).toEqual([[at(1), 'hourly', { '5m': 20, '1h': 5 }]]);
  });

  it('stores an outage as unknown counts and a quiet window as zero events', async () => {
    const store = await open();
    await store.saveSnapshots([
      snapshot({ at: at(0), good: 0, total: 0 }),
      snapshot({ at: at(1), good: 0, total: 0, outage: true }),
      snapshot({ at: at(2), good: 5, total: 10, stale: true }),
    ]);
    expect(await store.history({ sloId: 'shop-availability', from: at(0), to: at(2) })).toEqual([
      { at: at(0), sli: null, remainingRatio: null, goodEvents: 0, totalEvents: 0, status: 'no-data', resolution: 'raw', burnRates: {}, group: {} },
      { at: at(1), sli: null, remainingRatio: null, goodEvents: null, totalEvents: null, status: 'no-data', resolution: 'raw', burnRates: {}, group: {} },
      { at: at(2), sli: 0.5, remainingRatio: expect.any(Number), goodEvents: 5, totalEvents: 10, status: 'partial', resolution: 'raw', burnRates: {}, group: {} },
    ]);
  });

  it('returns points oldest first within inclusive bounds, however they were saved', async () => {
    const store = await open();
    const minutes = [7, 3, 9, 0, 5, 1, 8, 2, 6, 4];
    for (const batch of [minutes.slice(0, 4), minutes.slice(4)]) {
      await store.saveSnapshots(batch.map((m) => snapshot({ at: at(m), good: m, total: 10 })));
    }
    const points = await store.history({ sloId: 'shop-availability', from: at(2), to: at(8) });
    expect(points.map((p) => p.at.getTime())).toEqual([2, 3, 4, 5, 6, 7, 8].map((m) => at(m).getTime()));
    expect(points.map((p) => p.goodEvents)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps every snapshot of concurrent saves', async () => {
    const store = await open();
    // PostgreSQL: two replicas write at once. SQLite is one writer per process; its store serialises.
    const writers = target.name === 'postgres' ? [store, opened!.reopen()] : [store];
    await Promise.all(writers.map((w) => w.migrate()));
    const saves = Array.from({ length: 20 }, (_, batch) =>
      writers[batch % writers.length]!.saveSnapshots(
        Array.from({ length: 60 }, (_, i) => snapshot({ at: at(batch * 60 + i), group: { shard: String(batch % 3) }, good: i, total: 60 })),
      ),
    );
    await Promise.all(saves);
    const points = await store.history({ sloId: 'shop-availability', from: at(0), to: at(1200) });
    expect(points).toHaveLength(1200);
    expect(new Set(points.map((p) => p.at.getTime())).size).toBe(1200);
  });

  it('records catalog versions newest first, skipping a reload of the same version', async () => {
    const store = await open();
    await store.recordCatalogVersion({ version: 'aaa', sloCount: 5, loadedAt: at(0) });
    await store.recordCatalogVersion({ version: 'aaa', sloCount: 5, loadedAt: at(1) }); // restart
    await store.recordCatalogVersion({ version: 'bbb', sloCount: 6, loadedAt: at(2) });
    await store.recordCatalogVersion({ version: 'aaa', sloCount: 5, loadedAt: at(3) }); // rollback
    expect(await store.catalogVersions(10)).toEqual([
      { version: 'aaa', sloCount: 5, loadedAt: at(3) },
      { version: 'bbb', sloCount: 6, loadedAt: at(2) },
      { version: 'aaa', sloCount: 5, loadedAt: at(0) },
    ]);
    expect((await store.catalogVersions(1)).map((v) => v.version)).toEqual(['aaa']);
  });

  it('answers ping while the database is reachable', async () => {
    const store = await open();
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('store configuration', () => {
  it('survives PostgreSQL dropping an idle connection, logs it, and reconnects', async () => {
    const url = await postgresUrl();
    const name = `burnrate_test_${randomBytes(6).toString('hex')}`;
    const warnings: object[] = [];
    const store = createStore({ databaseUrl: `${url}?application_name=${name}` }, { info: () => undefined, warn: (details) => warnings.push(details) });
    try {
      await store.ping(); // leaves an idle client in the pool
      await adminQuery(url, `select pg_terminate_backend(pid) from pg_stat_activity where application_name = '${name}'`);
      await vi.waitFor(() => expect(warnings).toHaveLength(1));
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('fails ping against a PostgreSQL that is not there', async () => {
    const store = createStore({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/test` });
    await expect(store.ping()).rejects.toThrow();
    await store.close();
  });

  it('refuses a database URL that is not PostgreSQL instead of silently using SQLite', () => {
    expect(() => createStore({ databaseUrl: 'mysql://localhost/db' })).toThrow(/postgres:\/\//);
  });

  it('rejects retention ages out of order', () => {
    expect(() => createStore({ sqlitePath: ':memory:', retention: { raw: 10 * 86_400_000, hourly: 86_400_000 } })).toThrow(/raw ≤ hourly/);
  });

  it('works in memory, and creates the directory of a SQLite file', async () => {
    const memory = createStore({ sqlitePath: ':memory:' });
    await memory.migrate();
    await memory.saveSnapshots([snapshot({ at: at(0), good: 1, total: 2 })]);
    expect(await memory.history({ sloId: 'shop-availability', from: at(0), to: at(0) })).toMatchObject([{ sli: 0.5 }]);
    await memory.close();
    const temp = await makeTempDir();
    try {
      const file = createStore({ sqlitePath: path.join(temp.dir, 'nested', 'dir', 'burnrate.db') });
      await file.migrate();
      await file.ping();
      await file.close();
    } finally {
      await temp.remove();
    }
  });
});
