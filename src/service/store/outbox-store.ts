/**
 * Paging state and the PagerDuty outbox on the store's database (SQLite or PostgreSQL). Decisions are
 * compare-and-set, so two replicas deciding the same page enqueue it once; claims are leases, so two
 * senders never deliver the same event at once and a crashed sender's claim expires.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { OutboxEntry, OutboxStatus, PageEvent, PagingChange, PagingState, PagingStore } from '../paging/paging-types.js';
import type { StoreDatabase } from './database.js';
import type { PagingOutboxTable, PagingStateTable, PagingTables } from './outbox-tables.js';
import { groupStoreKey, parseGroupStoreKey } from '../engine/group-labels.js';
import { catalogOrder } from './catalog-announcements.js';
import { checkFence } from './lease-store.js';
import type { LeadershipTables } from './leadership-tables.js';

type Db = Kysely<StoreDatabase & PagingTables>;

function stateRow(state: PagingState): Insertable<PagingStateTable> {
  return {
    dedup_key: state.dedupKey,
    slo_id: state.sloId,
    group_key: groupStoreKey(state.group),
    team: state.team,
    triggered_at: state.triggeredAt.getTime(),
    clear_since: state.clearSince ? state.clearSince.getTime() : null,
    catalog_version: state.catalogVersion ?? null,
  };
}

function toState(row: Selectable<PagingStateTable>): PagingState {
  return {
    dedupKey: row.dedup_key,
    sloId: row.slo_id,
    group: parseGroupStoreKey(row.group_key),
    team: row.team,
    triggeredAt: new Date(Number(row.triggered_at)),
    clearSince: row.clear_since === null ? null : new Date(Number(row.clear_since)),
    ...(row.catalog_version === null ? {} : { catalogVersion: row.catalog_version }),
  };
}

const date = (value: number | string | null) => (value === null ? null : new Date(Number(value)));

function toEntry(row: Selectable<PagingOutboxTable>): OutboxEntry {
  return {
    id: Number(row.id),
    dedupKey: row.dedup_key,
    action: row.action,
    team: row.team,
    sloId: row.slo_id,
    body: JSON.parse(row.body) as OutboxEntry['body'],
    decidedAt: new Date(Number(row.decided_at)),
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    lastError: row.last_error,
    finishedAt: date(row.finished_at),
  };
}

async function applyChange(trx: Db, change: PagingChange): Promise<boolean> {
  if (change.kind === 'trigger') {
    const result = await trx.insertInto('paging_state').values(stateRow(change.state)).onConflict((oc) => oc.column('dedup_key').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const previous = change.previous;
  if (change.kind === 'resolve') {
    const result = await trx
      .deleteFrom('paging_state')
      .where('dedup_key', '=', previous.dedupKey)
      .where('triggered_at', '=', previous.triggeredAt.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
  const result = await trx
    .updateTable('paging_state')
    .set({ clear_since: change.state.clearSince ? change.state.clearSince.getTime() : null, catalog_version: change.state.catalogVersion ?? null })
    .where('dedup_key', '=', previous.dedupKey)
    .where('triggered_at', '=', previous.triggeredAt.getTime())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function enqueue(trx: Db, event: PageEvent): Promise<void> {
  const at = event.decidedAt.getTime();
  await trx
    .insertInto('paging_outbox')
    .values({
      dedup_key: event.dedupKey,
      action: event.action,
      team: event.team,
      slo_id: event.sloId,
      body: JSON.stringify(event.body),
      decided_at: at,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      claimed_by: null,
      claimed_until: null,
      last_error: null,
      finished_at: null,
    })
    .execute();
}

export function createPagingStore(base: Kysely<StoreDatabase>): PagingStore {
  const db: Db = base.withTables<PagingTables>();
  const finish = (id: number, values: Updateable<PagingOutboxTable>) =>
    db
      .updateTable('paging_outbox')
      .set({ ...values, claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();

  return {
    async pagingStates() {
      const rows = await db.selectFrom('paging_state').selectAll().orderBy('dedup_key').execute();
      return rows.map(toState);
    },

    async applyPagingChanges(changes, fenced) {
      if (changes.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        if (fenced) await checkFence(trx.withTables<LeadershipTables>(), fenced.fence, fenced.now);
        const enqueued: PageEvent[] = [];
        for (const change of changes) {
          if (!(await applyChange(trx, change)) || change.kind === 'hold') continue;
          await enqueue(trx, change.event);
          enqueued.push(change.event);
        }
        return enqueued;
      });
    },

    async claimDueEvents({ now, claimUntil, owner, limit, exclude = [] }) {
      const nowMs = now.getTime();
      return db.transaction().execute(async (trx) => {
        let query = trx.selectFrom('paging_outbox as o').selectAll().where('o.status', '=', 'pending');
        if (exclude.length > 0) query = query.where('o.id', 'not in', [...exclude]);
        const heads = await query
          .where('o.next_attempt_at', '<=', nowMs)
          .where((eb) => eb.or([eb('o.claimed_until', 'is', null), eb('o.claimed_until', '<=', nowMs)]))
          .where('o.id', '=', (eb) =>
            eb.selectFrom('paging_outbox as p').select((p) => p.fn.min('p.id').as('first')).whereRef('p.dedup_key', '=', 'o.dedup_key').where('p.status', '=', 'pending'),
          )
          .orderBy('o.id')
          .limit(Math.max(1, Math.floor(limit)))
          .execute();
        const claimed: OutboxEntry[] = [];
        for (const row of heads) {
          // Re-checked under the row lock: another sender may have claimed it since the select.
          const result = await trx
            .updateTable('paging_outbox')
            .set({ claimed_by: owner, claimed_until: claimUntil.getTime() })
            .where('id', '=', row.id)
            .where('status', '=', 'pending')
            .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', nowMs)]))
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 1) claimed.push(toEntry(row));
        }
        return claimed;
      });
    },

    async extendClaim(id, owner, claimUntil) {
      const result = await db
        .updateTable('paging_outbox')
        .set({ claimed_until: claimUntil.getTime() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('claimed_by', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markSent(id, { attempts, at }) {
      await finish(id, { status: 'sent', attempts, finished_at: at.getTime(), last_error: null });
    },

    async markRetry(id, { attempts, nextAttemptAt, error }) {
      await finish(id, { attempts, next_attempt_at: nextAttemptAt.getTime(), last_error: error });
    },

    async markFailed(id, { attempts, at, error }) {
      await finish(id, { status: 'failed', attempts, finished_at: at.getTime(), last_error: error });
    },

    async outboxStats() {
      const rows = await db
        .selectFrom('paging_outbox')
        .select((eb) => ['status', eb.fn.countAll().as('count'), eb.fn.min('decided_at').as('oldest'), eb.fn.min('next_attempt_at').as('next')])
        .where('status', 'in', ['pending', 'failed'])
        .groupBy('status')
        .execute();
      const pending = rows.find((r) => r.status === 'pending');
      const failed = rows.find((r) => r.status === 'failed');
      return {
        pending: Number(pending?.count ?? 0),
        failed: Number(failed?.count ?? 0),
        oldestPendingAt: date(pending?.oldest ?? null),
        nextAttemptAt: date(pending?.next ?? null),
      };
    },

    async outboxEntries(status?: OutboxStatus) {
      let query = db.selectFrom('paging_outbox').selectAll();
      if (status) query = query.where('status', '=', status);
      const rows = await query.orderBy('id').execute();
      return rows.map(toEntry);
    },

    catalogOrder: (versions) => catalogOrder(base, versions),

    async pruneSent(before) {
      const result = await db.deleteFrom('paging_outbox').where('status', '=', 'sent').where('finished_at', '<', before.getTime()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
