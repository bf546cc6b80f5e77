/**
 * The evaluator lease on both real databases: one holder at a time, a new epoch at every takeover, a
 * standby whose catalog is behind waits a ttl longer, and a leader's write under an epoch it no longer holds
 * is refused as a whole (nothing of the evaluation is stored).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FencedOut, type AcquireRequest } from '../../../src/service/leadership/lease-types.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from '../store/store-targets.js';
import { snapshot } from '../store/snapshot-factory.js';
import { openDatabase } from '../../../src/service/store/open-database.js';
import { checkFence } from '../../../src/service/store/lease-store.js';
import type { LeadershipTables } from '../../../src/service/store/leadership-tables.js';

const T0 = new Date('2026-03-01T10:00:00Z');
const seconds = (s: number) => new Date(T0.getTime() + s * 1000);
const TTL = 15_000;

function request(holder: string, at: Date, extra: Partial<AcquireRequest> = {}): AcquireRequest {
  return { lease: 'evaluator', holder, now: at, ttlMs: TTL, catalogVersion: 'v1', graceMs: 0, ...extra };
}

afterAll(releaseTestDatabase);

describe.each(STORE_TARGETS)('evaluator lease on $name', (target) => {
  let db: OpenedStore;
  beforeEach(async () => {
    db = await target.open();
    await db.store.migrate();
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('has one holder until the lease expires; the taker gets the next epoch', async () => {
    const { leases } = db.store;
    expect(await leases.acquire(request('a', seconds(0)))).toMatchObject({ holder: 'a', epoch: 1 });
    expect(await leases.acquire(request('b', seconds(5)))).toBeUndefined();
    // Renewal keeps the epoch and moves the expiry.
    expect(await leases.acquire(request('a', seconds(10)))).toMatchObject({ holder: 'a', epoch: 1, expiresAt: seconds(25) });
    expect(await leases.acquire(request('b', seconds(24)))).toBeUndefined();
    expect(await leases.acquire(request('b', seconds(25)))).toMatchObject({ holder: 'b', epoch: 2, acquiredAt: seconds(25) });
    expect(await leases.acquire(request('a', seconds(26)))).toBeUndefined();
  });

  it('hands over at once when released, and a replica behind the newest catalog waits one ttl more', async () => {
    const { leases } = db.store;
    const lease = await leases.acquire(request('a', seconds(0)));
    await leases.release(lease!, seconds(0));
    expect(await leases.acquire(request('b', seconds(1), { graceMs: TTL }))).toBeUndefined();
    expect(await leases.acquire(request('c', seconds(1)))).toMatchObject({ holder: 'c', epoch: 2 });
    // c stops renewing at 16s; the behind replica b takes over only after 16 + 15 s.
    expect(await leases.acquire(request('b', seconds(30), { graceMs: TTL }))).toBeUndefined();
    expect(await leases.acquire(request('b', seconds(31), { graceMs: TTL }))).toMatchObject({ holder: 'b', epoch: 3 });
  });

  it('refuses the write of a leader that lost its lease, leaving history and latest untouched', async () => {
    const { leases } = db.store;
    const first = (await leases.acquire(request('a', seconds(0))))!;
    const write = (at: Date) => ({ at, catalogVersion: 'v1', snapshots: [snapshot({ at, good: 99, total: 100 })], body: JSON.stringify({ at }) });
    await db.store.saveEvaluation(write(seconds(1)), first, seconds(1));
    const second = (await leases.acquire(request('b', seconds(20))))!;
    expect(second.epoch).toBe(2);
    // a, paused past its lease, wakes up and saves: refused, and nothing of it is kept.
    await expect(db.store.saveEvaluation(write(seconds(21)), first, seconds(21))).rejects.toBeInstanceOf(FencedOut);
    // Its clock may even say the lease is still valid: the epoch decides.
    await expect(db.store.saveEvaluation(write(seconds(21)), first, seconds(2))).rejects.toBeInstanceOf(FencedOut);
    await db.store.saveEvaluation(write(seconds(22)), second, seconds(22));
    const history = await db.store.history({ sloId: 'shop-availability', from: seconds(0), to: seconds(60) });
    expect(history.map((p) => p.at)).toEqual([seconds(1), seconds(22)]);
    expect(await db.store.latestEvaluationAt()).toEqual(seconds(22));
    expect((await db.store.latestEvaluation())?.epoch).toBe(2);
  });

  it('refuses paging decisions under a lost lease', async () => {
    const { leases } = db.store;
    const first = (await leases.acquire(request('a', seconds(0))))!;
    await leases.acquire(request('b', seconds(20)));
    const state = { dedupKey: 'burnrate/shop-availability/{}/page', sloId: 'shop-availability', group: {}, team: 'web', triggeredAt: seconds(21), clearSince: null };
    const change = { kind: 'trigger' as const, state, event: { dedupKey: state.dedupKey, action: 'trigger' as const, team: 'web', sloId: state.sloId, body: { event_action: 'trigger' as const }, decidedAt: seconds(21) } };
    await expect(db.store.paging.applyPagingChanges([change as never], { fence: first, now: seconds(21) })).rejects.toBeInstanceOf(FencedOut);
    expect(await db.store.paging.pagingStates()).toEqual([]);
    expect(await db.store.paging.outboxEntries()).toEqual([]);
  });

  it('gives an expired lease to exactly one of several replicas racing for it', async () => {
    const stores = [db.store, ...Array.from({ length: 4 }, () => db.reopen())];
    await db.store.leases.acquire(request('old', seconds(0)));
    const results = await Promise.all(stores.map((store, i) => store.leases.acquire(request(`r${i}`, seconds(30)))));
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ epoch: 2 });
    expect((await db.store.leases.current('evaluator'))?.holder).toBe(winners[0]?.holder);
  });
});

describe('a leader stalled inside a transaction on PostgreSQL', () => {
  it('loses its lock on the lease to the server, so another replica takes over', async () => {
    const postgres = STORE_TARGETS.find((t) => t.name === 'postgres')!;
    const db = await postgres.open();
    try {
      await db.store.migrate();
      const first = (await db.store.leases.acquire(request('stalled', seconds(0))))!;
      const { db: raw } = openDatabase(db.config);
      // The stalled leader: inside a transaction, holding the lease row's lock, sending nothing more.
      const stalled = raw
        .withTables<LeadershipTables>()
        .transaction()
        .execute(async (trx) => {
          await checkFence(trx, first, seconds(1));
          await new Promise((resolve) => setTimeout(resolve, 15_000));
        });
      const outcome = stalled.then(() => 'committed', () => 'ended by the server');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The standby's takeover waits for the lock, then wins once the server ends the stalled session.
      expect(await db.store.leases.acquire(request('standby', seconds(30)))).toMatchObject({ holder: 'standby', epoch: 2 });
      expect(await outcome).toBe('ended by the server');
      await raw.destroy();
    } finally {
      await db.dispose();
    }
  }, 60_000);
});
