/**
 * Migration 005 on a database at 004 with an open page in it: the page survives without a catalog version
 * (judged as before versions existed), and from then on catalog loads are announced in order, the same
 * version again moving to the end.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../../src/service/store/migrations/migrations.js';
import { openDatabase } from '../../../src/service/store/open-database.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from './store-targets.js';

const T0 = Date.parse('2025-06-01T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

afterAll(releaseTestDatabase);

describe.each(STORE_TARGETS)('migration 005_catalog_announcements on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('keeps open pages (with no catalog version) and orders announcements by arrival', async () => {
    opened = await target.open();
    const { config } = opened;
    const old = openDatabase(config);
    try {
      const migrator = new Migrator({ db: old.db, provider: migrationProvider(old.dialect), ...(config.schema ? { migrationTableSchema: config.schema } : {}) });
      expect((await migrator.migrateTo('004_unknown_counts')).error).toBeUndefined();
      await sql`insert into paging_state (dedup_key, slo_id, group_key, team, triggered_at, clear_since) values ('k', 'shop-availability', '{}', 'shop', ${at(0).getTime()}, null)`.execute(old.db);
    } finally {
      await old.db.destroy();
    }

    const { store } = opened;
    await store.migrate();
    expect(await store.paging.pagingStates()).toEqual([{ dedupKey: 'k', sloId: 'shop-availability', group: {}, team: 'shop', triggeredAt: at(0), clearSince: null }]);

    await store.recordCatalogVersion({ version: 'a', sloCount: 1, loadedAt: at(10) });
    await store.recordCatalogVersion({ version: 'b', sloCount: 2, loadedAt: at(5) }); // a clock behind
    await store.recordCatalogVersion({ version: 'c', sloCount: 2, loadedAt: at(20) });
    let order = await store.paging.catalogOrder(['a', 'b', 'c', 'd']);
    expect([...order.entries()].sort(([, x], [, y]) => x - y).map(([v]) => v)).toEqual(['a', 'b', 'c']);
    expect(order.get('c')).toBe(at(20).getTime());
    // A restart or a rollback announces a known version again: it becomes the newest.
    await store.recordCatalogVersion({ version: 'a', sloCount: 1, loadedAt: at(15) });
    order = await store.paging.catalogOrder(['a', 'b', 'c']);
    expect([...order.entries()].sort(([, x], [, y]) => x - y).map(([v]) => v)).toEqual(['b', 'c', 'a']);
  });

  it('orders announcements made at once by two replicas', async () => {
    opened = await target.open();
    await opened.store.migrate();
    const other = opened.reopen();
    const versions = Array.from({ length: 8 }, (_, i) => `v${i}`);
    // SQLite: one writer per process, so the announcements of one process follow each other; PostgreSQL: at once.
    const announce = (v: string, i: number) => (i % 2 === 0 ? opened!.store : other).recordCatalogVersion({ version: v, sloCount: 1, loadedAt: at(0) });
    if (target.name === 'postgres') await Promise.all(versions.map(announce));
    else for (const [i, v] of versions.entries()) await announce(v, i);
    const times = [...(await opened.store.paging.catalogOrder(versions)).values()];
    expect(times).toHaveLength(versions.length);
    expect(new Set(times).size).toBe(versions.length);
  });
});
