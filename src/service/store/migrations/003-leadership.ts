/**
 * 003_leadership — frozen once released: add the next migration instead of editing it.
 * leader_lease: one row per lease (the evaluator's), held by one replica until it expires; every takeover
 * raises the epoch, and writes of a leader check their epoch in the same transaction (fencing).
 * latest_evaluation: the leader's last evaluation as JSON, so standby replicas serve the same budgets.
 */
import type { Kysely, Migration } from 'kysely';

export function leadershipMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('leader_lease')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('epoch', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('acquired_at', 'bigint', (c) => c.notNull())
        .addColumn('catalog_version', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('latest_evaluation')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('epoch', 'bigint', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('catalog_version', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('latest_evaluation').execute();
      await db.schema.dropTable('leader_lease').execute();
    },
  };
}
