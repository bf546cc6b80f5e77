/**
 * 006_burn_rates — frozen once released: add the next migration instead of editing it.
 * budget_snapshots.burn_rates: the snapshot's burn rate per alert window as JSON ({"5m": 0.4, "1h": 1.2}), so
 * the SLO page can draw every window's burn over time; NULL for points stored before this migration.
 * Retention keeps whole rows, so the column survives downsampling.
 */
import type { Kysely, Migration } from 'kysely';

export function burnRatesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('budget_snapshots').addColumn('burn_rates', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('budget_snapshots').dropColumn('burn_rates').execute();
    },
  };
}
