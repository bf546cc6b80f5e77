/**
 * Migration 004 on a database created at 002 with rows in it: every row and id survives (SQLite rebuilds the
 * table, PostgreSQL drops NOT NULL), the indexes are back, and unknown counts can be stored afterwards.
 */
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StoreDatabase } from '../../../src/service/store/database.js';
import { migrationProvider } from '../../../src/service/store/migrations/migrations.js';
import { openDatabase } from '../../../src/service/store/open-database.js';
import { snapshotRow } from '../../../src/service/store/snapshot-rows.js';
import { snapshot } from './snapshot-factory.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from './store-targets.js';

const T0 = Date.parse('2025-06-01T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

afterAll(releaseTestDatabase);

async function indexNames(db: Kysely<StoreDatabase>, dialect: 'sqlite' | 'postgres', schema?: string): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'budget_snapshots' and sql is not null`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = ${schema} and tablename = 'budget_snapshots' and indexname <> 'budget_snapshots_pkey'`;
  return (await query.execute(db)).rows.map((r) => r.name).sort();
}

describe.each(STORE_TARGETS)('migration 004_unknown_counts on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('upgrades a database created at 002 with its rows intact, then stores unknown counts', async () => {
    opened = await target.open();
    const { config } = opened;
    const old = openDatabase(config);
    const all = (db: Kysely<StoreDatabase>) => db.selectFrom('budget_snapshots').selectAll().orderBy('id').execute();
    let before: Awaited<ReturnType<typeof all>>;
    try {
      const migrator = new Migrator({ db: old.db, provider: migrationProvider(old.dialect), ...(config.schema ? { migrationTableSchema: config.schema } : {}) });
      expect((await migrator.migrateTo('002_paging_outbox')).error).toBeUndefined();
      // What 002 stored: measured windows, a quiet one, and (indistinguishably) an outage, both as 0/0.
      const rows = [snapshot({ at: at(0), good: 990, total: 1000 }), snapshot({ at: at(1), good: 0, total: 0 }), snapshot({ at: at(2), good: 5, total: 10, stale: true })];
      // Rows as 002 knew them: burn_rates came with 006.
      const rowAt002 = (s: (typeof rows)[number]) => {
        const { burn_rates: _added006, ...row } = snapshotRow(s);
        return row;
      };
      await old.db.insertInto('budget_snapshots').values(rows.map(rowAt002)).execute();
      before = await all(old.db);
      expect(before).toHaveLength(3);
      const nullCounts = old.db.insertInto('budget_snapshots').values({ ...rowAt002(rows[0]!), good_events: null, total_events: null }).execute();
      await expect(nullCounts).rejects.toThrow(/not[ -]null/i);
    } finally {
      await old.db.destroy();
    }

    await opened.store.migrate();
    const upgraded = openDatabase(config);
    try {
      expect(await all(upgraded.db)).toEqual(before.map((row) => ({ ...row, burn_rates: null })));
      expect(await indexNames(upgraded.db, upgraded.dialect, config.schema)).toEqual(['budget_snapshots_resolution_at', 'budget_snapshots_series_at']);
      // Half-known counts make no sense: the constraint refuses them.
      const half = upgraded.db.insertInto('budget_snapshots').values({ ...snapshotRow(snapshot({ at: at(3), good: 1, total: 1 })), good_events: null }).execute();
      await expect(half).rejects.toThrow(/budget_snapshots_counts_known|CHECK constraint/i);
    } finally {
      await upgraded.db.destroy();
    }

    await opened.store.saveSnapshots([snapshot({ at: at(4), good: 0, total: 0, outage: true })]);
    const points = await opened.store.history({ sloId: 'shop-availability', from: at(0), to: at(4) });
    expect(points.map((p) => [p.at, p.goodEvents, p.totalEvents, p.status])).toEqual([
      [at(0), 990, 1000, 'ok'],
      [at(1), 0, 0, 'no-data'],
      [at(2), 5, 10, 'partial'],
      [at(4), null, null, 'no-data'],
    ]);
  });
});
