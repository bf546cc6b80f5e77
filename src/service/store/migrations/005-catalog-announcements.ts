/**
 * 005_catalog_announcements — frozen once released: add the next migration instead of editing it.
 * catalog_announcements: one row per catalog version a replica announced on loading or reloading it; an
 * announcement of a known version moves it to the end. announced_at orders them (later is newer): the store
 * keeps it increasing, so it is the order in which the store saw the announcements, whatever the replicas'
 * clocks say.
 * paging_state.catalog_version: the catalog under which the page was triggered, or a newer one under which a
 * leader since evaluated it; NULL for pages opened before this migration.
 */
import type { Kysely, Migration } from 'kysely';

export function catalogAnnouncementsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('catalog_announcements')
        .addColumn('version', 'text', (c) => c.primaryKey())
        .addColumn('announced_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('paging_state').addColumn('catalog_version', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('paging_state').dropColumn('catalog_version').execute();
      await db.schema.dropTable('catalog_announcements').execute();
    },
  };
}
