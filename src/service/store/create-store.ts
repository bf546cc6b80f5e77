/** The history store on kysely: SQLite embedded by default, PostgreSQL when a postgres:// URL is given. */
import { Migrator, sql } from 'kysely';
import type { BudgetSnapshot } from '../engine/types.js';
import { migrationProvider } from './migrations/migrations.js';
import { openDatabase, type DatabaseConfig } from './open-database.js';
import { appendSnapshots, latestEvaluation, latestEvaluationAt, saveFencedEvaluation } from './evaluation-rows.js';
import { announceCatalog } from './catalog-announcements.js';
import { createLeaseStore } from './lease-store.js';
import { createPagingStore } from './outbox-store.js';
import { applyRetentionPolicy, retentionPolicy, type RetentionPolicy } from './retention.js';
import { historyPoint } from './snapshot-rows.js';
import { readTrends } from './trend-rows.js';
import type { CatalogVersionRecord, SnapshotStore } from './types.js';
import { groupStoreKey } from '../engine/group-labels.js';

export interface StoreConfig extends DatabaseConfig {
  retention?: Partial<RetentionPolicy>;
}

/** The part of a pino logger the store uses. */
export interface StoreLogger {
  info(details: object, message: string): void;
  warn?(details: object, message: string): void;
}

export function createStore(config: StoreConfig = {}, logger?: StoreLogger): SnapshotStore {
  const policy = retentionPolicy(config.retention);
  const { db, dialect } = openDatabase(config, (error) => logger?.warn?.({ err: error }, 'store: idle database connection failed'));
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    // Pin the bookkeeping table to our schema: kysely otherwise finds another schema's table and skips creating ours.
    ...(dialect === 'postgres' ? { migrationTableSchema: config.schema ?? 'public' } : {}),
  });

  return {
    async migrate() {
      const { error, results = [] } = await migrator.migrateToLatest();
      if (error) throw new Error(`store: migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
      if (applied.length > 0) logger?.info({ dialect, applied }, 'store migrated');
    },

    saveSnapshots: (snapshots: readonly BudgetSnapshot[]) => appendSnapshots(db, snapshots),

    saveEvaluation: (write, fence, now) => saveFencedEvaluation(db, write, fence, now),

    latestEvaluationAt: () => latestEvaluationAt(db),

    latestEvaluation: () => latestEvaluation(db),

    async history({ sloId, group, from, to }) {
      let query = db
        .selectFrom('budget_snapshots')
        .select(['group_key', 'at', 'sli', 'remaining_ratio', 'good_events', 'total_events', 'status', 'resolution', 'burn_rates'])
        .where('slo_id', '=', sloId)
        .where('at', '>=', from.getTime())
        .where('at', '<=', to.getTime());
      if (group) query = query.where('group_key', '=', groupStoreKey(group));
      const rows = await query.orderBy('at').orderBy('group_key').orderBy('id').execute();
      return rows.map(historyPoint);
    },

    budgetTrends: (query) => readTrends(db, query),

    async recordCatalogVersion(record: CatalogVersionRecord) {
      await db.transaction().execute(async (trx) => {
        // Every load and reload is announced, a restart's too: the order paging judges "newer" by.
        await announceCatalog(trx, dialect, record.version, record.loadedAt);
        const latest = await trx.selectFrom('catalog_versions').select('version').orderBy('loaded_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
        // Restarts reload the same catalog; only a change (or a rollback) is a new version.
        if (latest?.version === record.version) return;
        await trx.insertInto('catalog_versions').values({ version: record.version, slo_count: record.sloCount, loaded_at: record.loadedAt.getTime() }).execute();
      });
    },

    async catalogVersions(limit: number) {
      const rows = await db
        .selectFrom('catalog_versions')
        .select(['version', 'slo_count', 'loaded_at'])
        .orderBy('loaded_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map((r) => ({ version: r.version, sloCount: Number(r.slo_count), loadedAt: new Date(Number(r.loaded_at)) }));
    },

    async applyRetention(now: Date) {
      const result = await applyRetentionPolicy(db, policy, now);
      if (result.downsampled + result.deleted > 0) logger?.info({ ...result }, 'store retention applied');
      return result;
    },

    async ping() {
      await sql`select 1`.execute(db);
    },

    async close() {
      await db.destroy();
    },

    paging: createPagingStore(db),

    leases: createLeaseStore(db),
  };
}
