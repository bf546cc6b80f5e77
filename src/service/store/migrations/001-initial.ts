/**
 * 001_initial — frozen: never edit a released migration, add the next one instead.
 * Plain schema builder on both engines; only the id column differs (SQLite rowid vs PostgreSQL identity).
 */
import { type Kysely, type Migration, sql } from 'kysely';

export function initialMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('budget_snapshots')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn('slo_id', 'text', (c) => c.notNull())
        .addColumn('group_key', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('period_start', 'bigint')
        .addColumn('sli', 'double precision')
        .addColumn('remaining_ratio', 'double precision')
        .addColumn('good_events', 'double precision', (c) => c.notNull())
        .addColumn('total_events', 'double precision', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ok', 'partial', 'no-data')`))
        .addColumn('resolution', 'text', (c) => c.notNull().check(sql`resolution in ('raw', 'hourly', 'daily')`))
        .execute();
      await db.schema.createIndex('budget_snapshots_series_at').on('budget_snapshots').columns(['slo_id', 'group_key', 'at']).execute();
      // Retention selects by resolution and age across all series.
      await db.schema.createIndex('budget_snapshots_resolution_at').on('budget_snapshots').columns(['resolution', 'at']).execute();

      await db.schema
        .createTable('catalog_versions')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('slo_count', 'integer', (c) => c.notNull())
        .addColumn('loaded_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_versions_loaded_at').on('catalog_versions').column('loaded_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('catalog_versions').execute();
      await db.schema.dropTable('budget_snapshots').execute();
    },
  };
}
