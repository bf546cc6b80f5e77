/**
 * The order of catalog versions (migration 005): every replica announces the catalog it loads or reloads,
 * and an announcement moves that version to the end, so "newer" means "announced later". The order is the
 * store's: each announcement gets a time later than every one before it, even from a replica whose clock is
 * behind. A rollback deployed after a newer catalog is announced later, so it counts as the newest.
 */
import { type Kysely, sql } from 'kysely';
import type { EpochMs, StoreDatabase, StoreDialect } from './database.js';

export interface CatalogAnnouncementsTable {
  version: string;
  /** Increasing across announcements: the later of the announcing replica's clock and the last one + 1 ms. */
  announced_at: EpochMs;
}

export type AnnouncementTables = { catalog_announcements: CatalogAnnouncementsTable };

/** Announces `version` at `at` (or just after the latest announcement); run inside the caller's transaction. */
export async function announceCatalog(trx: Kysely<StoreDatabase>, dialect: StoreDialect, version: string, at: Date): Promise<void> {
  // PostgreSQL: two replicas announcing at once would read the same latest time; this lock (which conflicts
  // with itself, not with readers) makes the second wait for the first to commit. SQLite writes one at a time.
  if (dialect === 'postgres') await sql`lock table catalog_announcements in share row exclusive mode`.execute(trx);
  const now = sql`cast(${at.getTime()} as bigint)`;
  // One statement, so SQLite needs no read-then-write upgrade; "where true" lets SQLite parse the upsert.
  await sql`
    insert into catalog_announcements (version, announced_at)
    select cast(${version} as text), case when max(announced_at) >= ${now} then max(announced_at) + 1 else ${now} end
    from catalog_announcements where true
    on conflict (version) do update set announced_at = excluded.announced_at`.execute(trx);
}

/** Announcement times of those of `versions` that were ever announced. */
export async function catalogOrder(base: Kysely<StoreDatabase>, versions: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(versions)];
  if (unique.length === 0) return new Map();
  const rows = await base.withTables<AnnouncementTables>().selectFrom('catalog_announcements').select(['version', 'announced_at']).where('version', 'in', unique).execute();
  return new Map(rows.map((r) => [r.version, Number(r.announced_at)]));
}
