/**
 * Paging state and the outbox on both real databases: decisions are compare-and-set (two replicas enqueue
 * a page once), events of a dedup key are claimed oldest first and by one sender at a time, and nothing
 * is lost across a restart.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dedupKey } from '../../../src/service/paging/dedup-key.js';
import { resolveBody } from '../../../src/service/paging/event-payload.js';
import type { PageEvent, PagingChange, PagingState, PagingStore } from '../../../src/service/paging/paging-types.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from '../store/store-targets.js';
import { minutes } from './paging-fixtures.js';

afterAll(releaseTestDatabase);

function state(sloId: string, group: Record<string, string> = {}, triggeredAt = minutes(0)): PagingState {
  return { dedupKey: dedupKey(sloId, group), sloId, group, team: 'payments', triggeredAt, clearSince: null };
}

function event(s: PagingState, action: 'trigger' | 'resolve', at: Date): PageEvent {
  const body = action === 'resolve' ? resolveBody(s.dedupKey) : { event_action: 'trigger' as const, dedup_key: s.dedupKey, payload: { summary: `${s.sloId} burns`, source: 'burnrate', severity: 'critical' as const } };
  return { dedupKey: s.dedupKey, action, team: s.team, sloId: s.sloId, body, decidedAt: at };
}

const trigger = (s: PagingState): PagingChange => ({ kind: 'trigger', state: s, event: event(s, 'trigger', s.triggeredAt) });
const resolve = (s: PagingState, at: Date): PagingChange => ({ kind: 'resolve', previous: s, event: event(s, 'resolve', at) });

async function claimAll(store: PagingStore, now: Date, owner = 'a') {
  return store.claimDueEvents({ now, claimUntil: new Date(now.getTime() + 3_600_000), owner, limit: 100 });
}

describe.each(STORE_TARGETS)('paging outbox on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });
  async function open() {
    opened = await target.open();
    await opened.store.migrate();
    return opened.store.paging;
  }

  it('records a trigger with its event once, even when a second replica decides the same page', async () => {
    const paging = await open();
    const s = { ...state('checkout-latency', { route: '/cart', method: 'GET' }), clearSince: null };
    expect(await paging.applyPagingChanges([trigger(s)])).toHaveLength(1);
    expect(await paging.applyPagingChanges([trigger({ ...s, triggeredAt: minutes(1) })])).toEqual([]);
    expect(await paging.pagingStates()).toEqual([s]);
    const entries = await paging.outboxEntries();
    expect(entries).toEqual([
      expect.objectContaining({ dedupKey: s.dedupKey, action: 'trigger', status: 'pending', attempts: 0, decidedAt: minutes(0), nextAttemptAt: minutes(0), body: event(s, 'trigger', minutes(0)).body }),
    ]);
  });

  it('applies a resolve or hold only to the page it was decided for', async () => {
    const paging = await open();
    const s = state('checkout-availability');
    await paging.applyPagingChanges([trigger(s)]);
    // A decision based on an older page (another replica resolved and re-triggered meanwhile) is dropped.
    expect(await paging.applyPagingChanges([resolve({ ...s, triggeredAt: minutes(-30) }, minutes(5))])).toEqual([]);
    expect(await paging.applyPagingChanges([{ kind: 'hold', previous: s, state: { ...s, clearSince: minutes(3) } }])).toEqual([]);
    expect((await paging.pagingStates())[0]!.clearSince).toEqual(minutes(3));
    expect((await paging.applyPagingChanges([resolve(s, minutes(8))])).map((e) => e.action)).toEqual(['resolve']);
    expect(await paging.pagingStates()).toEqual([]);
    expect((await paging.outboxEntries()).map((e) => e.action)).toEqual(['trigger', 'resolve']);
  });

  it('hands out only the oldest pending event of each dedup key, and only when due', async () => {
    const paging = await open();
    const a = state('a');
    const b = state('b', {}, minutes(1));
    await paging.applyPagingChanges([trigger(a), trigger(b)]);
    await paging.applyPagingChanges([resolve(a, minutes(2))]);
    const first = await claimAll(paging, minutes(3));
    expect(first.map((e) => [e.sloId, e.action])).toEqual([
      ['a', 'trigger'],
      ['b', 'trigger'],
    ]);
    // Claimed: nobody else gets them, and a's resolve waits behind a's trigger.
    expect(await claimAll(paging, minutes(3), 'other')).toEqual([]);
    await paging.markRetry(first[0]!.id, { attempts: 3, nextAttemptAt: minutes(10), error: '500 Internal Server Error' });
    expect(await claimAll(paging, minutes(9), 'other')).toEqual([]);
    const retried = await claimAll(paging, minutes(10), 'other');
    expect(retried.map((e) => [e.sloId, e.action, e.attempts, e.lastError])).toEqual([['a', 'trigger', 3, '500 Internal Server Error']]);
    await paging.markSent(retried[0]!.id, { attempts: 4, at: minutes(10) });
    expect((await claimAll(paging, minutes(10), 'other')).map((e) => [e.sloId, e.action])).toEqual([['a', 'resolve']]);
  });

  it('lets an expired claim go to another sender, and never a live one', async () => {
    const paging = await open();
    await paging.applyPagingChanges([trigger(state('a'))]);
    const [entry] = await paging.claimDueEvents({ now: minutes(0), claimUntil: minutes(2), owner: 'crashed', limit: 1 });
    expect(entry).toBeDefined();
    expect(await paging.claimDueEvents({ now: minutes(1), claimUntil: minutes(5), owner: 'b', limit: 1 })).toEqual([]);
    expect(await paging.claimDueEvents({ now: minutes(2), claimUntil: minutes(5), owner: 'b', limit: 1 })).toHaveLength(1);
  });

  it('moves a live claim forward for its owner only; a claim taken over cannot be extended', async () => {
    const paging = await open();
    await paging.applyPagingChanges([trigger(state('a'))]);
    const [entry] = await paging.claimDueEvents({ now: minutes(0), claimUntil: minutes(1), owner: 'a', limit: 1 });
    expect(await paging.extendClaim(entry!.id, 'a', minutes(2))).toBe(true);
    expect(await paging.claimDueEvents({ now: minutes(1.5), claimUntil: minutes(5), owner: 'b', limit: 1 })).toEqual([]);
    expect(await paging.extendClaim(entry!.id, 'b', minutes(9))).toBe(false);
    // a stalls past its claim; b takes the event over, and a can no longer extend it.
    expect(await paging.claimDueEvents({ now: minutes(2), claimUntil: minutes(5), owner: 'b', limit: 1 })).toHaveLength(1);
    expect(await paging.extendClaim(entry!.id, 'a', minutes(9))).toBe(false);
  });

  it('keeps refused events as failed with the answer, counts them, and prunes only old sent events', async () => {
    const paging = await open();
    const [x, y, z] = [state('x'), state('y'), state('z')];
    await paging.applyPagingChanges([trigger(x), trigger(y), trigger(z)]);
    const [ex, ey] = await claimAll(paging, minutes(0));
    await paging.markFailed(ex!.id, { attempts: 1, at: minutes(1), error: '400 Bad Request: {"errors":["payload.summary must be a non-empty string"]}' });
    await paging.markSent(ey!.id, { attempts: 1, at: minutes(1) });
    expect(await paging.outboxStats()).toEqual({ pending: 1, failed: 1, oldestPendingAt: minutes(0), nextAttemptAt: minutes(0) });
    expect((await paging.outboxEntries('failed')).map((e) => [e.sloId, e.lastError, e.finishedAt])).toEqual([
      ['x', '400 Bad Request: {"errors":["payload.summary must be a non-empty string"]}', minutes(1)],
    ]);
    expect(await paging.pruneSent(minutes(1))).toBe(0);
    expect(await paging.pruneSent(minutes(2))).toBe(1);
    expect((await paging.outboxEntries()).map((e) => [e.sloId, e.status])).toEqual([
      ['x', 'failed'],
      ['z', 'pending'],
    ]);
  });

  it('keeps pending events and open pages across a restart', async () => {
    const paging = await open();
    const s = state('checkout-availability');
    await paging.applyPagingChanges([trigger(s)]);
    await claimAll(paging, minutes(0));
    await opened!.store.close();
    const restarted = opened!.reopen();
    await restarted.migrate();
    expect(await restarted.paging.pagingStates()).toEqual([s]);
    expect((await restarted.paging.outboxStats()).pending).toBe(1);
    // The old claim expires; the restarted sender takes the event.
    expect(await claimAll(restarted.paging, minutes(30), 'restarted')).toEqual([]);
    expect(await claimAll(restarted.paging, minutes(61), 'restarted')).toHaveLength(1);
  });

  it('enqueues a page once and hands each event to one sender when replicas race', async () => {
    const paging = await open();
    const replicas = target.name === 'postgres' ? [paging, opened!.reopen().paging, opened!.reopen().paging] : [paging, paging, paging];
    const states = Array.from({ length: 10 }, (_, i) => state(`slo-${i}`));
    const enqueued = await Promise.all(replicas.map((r) => r.applyPagingChanges(states.map(trigger))));
    expect(enqueued.flat()).toHaveLength(10);
    expect(await paging.outboxEntries()).toHaveLength(10);
    const claimed = await Promise.all(replicas.map((r, i) => claimAll(r, minutes(1), `replica-${i}`)));
    expect(claimed.flat().map((e) => e.sloId).sort()).toEqual(states.map((s) => s.sloId).sort());
  });
});
