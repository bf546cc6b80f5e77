/**
 * 004_unknown_counts — frozen once released: add the next migration instead of editing it.
 * budget_snapshots.good_events/total_events become nullable: NULL when no cluster answered (an outage,
 * unknown), 0 when clusters answered with no events (a quiet window). Both are NULL or neither.
 *
 * Rows written before this migration stay as they are: an outage was stored as 0/0 with status no-data,
 * exactly like a quiet window, and no column records which clusters answered, so neither can be told
 * from the other afterwards.
 */
import { type Kysely, type Migration, sql } from 'kysely';

const COUNTS_CHECK = sql`(good_events is null) = (total_events is null)`;

/** SQLite cannot drop NOT NULL: rebuild the table as 001 made it, with nullable counts, keeping every row and id. */
async function rebuildSqlite(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('budget_snapshots_004')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('slo_id', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('period_start', 'bigint')
    .addColumn('sli', 'double precision')
    .addColumn('remaining_ratio', 'double precision')
    .addColumn('good_events', 'double precision')
    .addColumn('total_events', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ok', 'partial', 'no-data')`))
    .addColumn('resolution', 'text', (c) => c.notNull().check(sql`resolution in ('raw', 'hourly', 'daily')`))
    .addCheckConstraint('budget_snapshots_counts_known', COUNTS_CHECK)
    .execute();
  const columns = sql.raw('id, slo_id, group_key, at, period_start, sli, remaining_ratio, good_events, total_events, status, resolution');
  await sql`insert into budget_snapshots_004 (${columns}) select ${columns} from budget_snapshots`.execute(db);
  await db.schema.dropTable('budget_snapshots').execute(); // drops its indexes too
  await db.schema.alterTable('budget_snapshots_004').renameTo('budget_snapshots').execute();
  await db.schema.createIndex('budget_snapshots_series_at').on('budget_snapshots').columns(['slo_id', 'group_key', 'at']).execute();
  await db.schema.createIndex('budget_snapshots_resolution_at').on('budget_snapshots').columns(['resolution', 'at']).execute();
}

export function unknownCountsMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        // One transaction (kysely's migrator) and no table rewrite. NOT VALID skips scanning the existing rows,
        // which hold the check by construction (both columns were NOT NULL); new rows are checked.
        await sql`alter table budget_snapshots alter column good_events drop not null, alter column total_events drop not null`.execute(db);
        await sql`alter table budget_snapshots add constraint budget_snapshots_counts_known check (${COUNTS_CHECK}) not valid`.execute(db);
        return;
      }
      // kysely runs SQLite migrations outside a transaction: a crash mid-rebuild must not lose the table.
      await db.transaction().execute(rebuildSqlite);
    },
    down() {
      // Unknown counts cannot become NOT NULL without inventing a value: refuse rather than store zeros.
      return Promise.reject(new Error('004_unknown_counts cannot be undone: unknown counts would have to become zero events'));
    },
  };
}
