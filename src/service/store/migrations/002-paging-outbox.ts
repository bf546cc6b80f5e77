/**
 * 002_paging_outbox — frozen: never edit a released migration, add the next one instead.
 * paging_state: open pages (one row per dedup key). paging_outbox: every decided PagerDuty event, written
 * before it is sent and kept, with its delivery state, until it is sent (then pruned) or refused.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export function pagingOutboxMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('paging_state')
        .addColumn('dedup_key', 'text', (c) => c.primaryKey())
        .addColumn('slo_id', 'text', (c) => c.notNull())
        .addColumn('group_key', 'text', (c) => c.notNull())
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('triggered_at', 'bigint', (c) => c.notNull())
        .addColumn('clear_since', 'bigint')
        .execute();

      await db.schema
        .createTable('paging_outbox')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn('dedup_key', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('trigger', 'resolve')`))
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('slo_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('finished_at', 'bigint')
        .execute();
      // The sender looks up the oldest pending event per dedup key.
      await db.schema.createIndex('paging_outbox_status_key_id').on('paging_outbox').columns(['status', 'dedup_key', 'id']).execute();
      await db.schema.createIndex('paging_outbox_status_finished').on('paging_outbox').columns(['status', 'finished_at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('paging_outbox').execute();
      await db.schema.dropTable('paging_state').execute();
    },
  };
}
