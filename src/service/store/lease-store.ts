/**
 * Leases on the store's database (SQLite or PostgreSQL): every change is a compare-and-set on the lease row,
 * so two replicas racing for an expired lease get one winner. `checkFence` runs inside a writer's
 * transaction: on PostgreSQL its update locks the row until commit, so a takeover waits for the write to
 * finish and a write after a takeover is refused.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { FencedOut, type Fence, type LeaseRecord, type LeaseStore } from '../leadership/lease-types.js';
import type { StoreDatabase } from './database.js';
import type { LeaderLeaseTable, LeadershipTables } from './leadership-tables.js';

type Db = Kysely<StoreDatabase & LeadershipTables>;

function toRecord(row: Selectable<LeaderLeaseTable>): LeaseRecord {
  return {
    lease: row.name,
    holder: row.holder,
    epoch: Number(row.epoch),
    expiresAt: new Date(Number(row.expires_at)),
    acquiredAt: new Date(Number(row.acquired_at)),
    catalogVersion: row.catalog_version,
  };
}

/** Refuses the surrounding transaction's writes unless `fence` still holds its lease now. */
export async function checkFence<DB extends LeadershipTables>(writer: Transaction<DB>, fence: Fence, now: Date): Promise<void> {
  // Any transaction whose database has the leadership tables; kysely's types are invariant in DB.
  const trx = writer as unknown as Transaction<LeadershipTables>;
  const result = await trx
    .updateTable('leader_lease')
    .set({ holder: fence.holder })
    .where('name', '=', fence.lease)
    .where('holder', '=', fence.holder)
    .where('epoch', '=', fence.epoch)
    .where('expires_at', '>', now.getTime())
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new FencedOut(fence);
}

export function createLeaseStore(base: Kysely<StoreDatabase>): LeaseStore {
  const db: Db = base.withTables<LeadershipTables>();
  const current = async (lease: string) => {
    const row = await db.selectFrom('leader_lease').selectAll().where('name', '=', lease).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  };

  return {
    current,

    async acquire({ lease, holder, now, ttlMs, catalogVersion, graceMs }) {
      const nowMs = now.getTime();
      const expiresAt = nowMs + ttlMs;
      const inserted = await db
        .insertInto('leader_lease')
        .values({ name: lease, holder, epoch: 1, expires_at: expiresAt, acquired_at: nowMs, catalog_version: catalogVersion })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return current(lease);
      const seen = await current(lease);
      if (!seen) return undefined;
      const mine = seen.holder === holder;
      if (!mine && seen.expiresAt.getTime() + graceMs > nowMs) return undefined;
      // Compare-and-set on the epoch seen: of two replicas taking over at once, one updates the row.
      const result = await db
        .updateTable('leader_lease')
        .set({
          holder,
          epoch: mine ? seen.epoch : seen.epoch + 1,
          expires_at: expiresAt,
          acquired_at: mine ? seen.acquiredAt.getTime() : nowMs,
          catalog_version: catalogVersion,
        })
        .where('name', '=', lease)
        .where('epoch', '=', seen.epoch)
        .where('holder', '=', seen.holder)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? current(lease) : undefined;
    },

    async release(fence, now) {
      await db
        .updateTable('leader_lease')
        .set({ expires_at: now.getTime() })
        .where('name', '=', fence.lease)
        .where('holder', '=', fence.holder)
        .where('epoch', '=', fence.epoch)
        .execute();
    },
  };
}
