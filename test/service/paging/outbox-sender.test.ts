/**
 * The sender against the real local fake PagerDuty Events v2 server, on both databases: retries 5xx, 429
 * (honouring Retry-After) and network errors, keeps undeliverable pages pending and visible, survives a
 * restart, never lets a resolve overtake its trigger, and keeps refused events as failed with the answer.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from '../../support/fake-pagerduty-events.js';
import { freePort } from '../../support/ports.js';
import { makeTempDir } from '../../support/temp-dir.js';
import type { PagingStore } from '../../../src/service/paging/paging-types.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from '../store/store-targets.js';
import { evaluate, makeSender, minutes, ROUTING_KEY, writeRoutingKey, type SenderHarness } from './sender-harness.js';

afterAll(releaseTestDatabase);

const actionsSent = (fake: FakePagerDutyEvents) => fake.events.map((e) => `${e.event_action} ${e.dedup_key}`);
const KEY = 'burnrate/checkout-availability/{}/page';

describe.each(STORE_TARGETS)('outbox sender on $name', (target) => {
  let fake: FakePagerDutyEvents;
  let opened: OpenedStore;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let keyFile: string;
  let now: Date;
  const clock = () => now;
  const senders: SenderHarness[] = [];
  function sender(options: { store?: PagingStore; keyFile?: string | null; url?: string; owner?: string } = {}) {
    const file = options.keyFile === null ? undefined : (options.keyFile ?? keyFile);
    const made = makeSender(options.store ?? opened.store.paging, { url: options.url ?? fake.url }, file, clock, options.owner);
    senders.push(made);
    return made;
  }

  beforeEach(async () => {
    fake = await startFakePagerDutyEvents();
    temp = await makeTempDir('burnrate-paging-');
    keyFile = await writeRoutingKey(temp.dir);
    opened = await target.open();
    await opened.store.migrate();
    now = minutes(0);
  });
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.sender.stop()));
    await opened.dispose();
    await fake.close();
    await temp.remove();
  });

  it('delivers exactly one trigger when PagerDuty answers 500 twice, then 202', async () => {
    const s = sender();
    expect((await evaluate(opened.store.paging, 'burning', now)).map((e) => e.action)).toEqual(['trigger']);
    fake.inject({ status: 500 }, 2);
    expect(await s.sender.drain()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(fake.requests.map((r) => r.status)).toEqual([500, 500, 202]);
    expect(actionsSent(fake)).toEqual([`trigger ${KEY}`]);
    expect(fake.events[0]!.routing_key).toBe(ROUTING_KEY);
    expect((await opened.store.paging.outboxEntries()).map((e) => [e.status, e.attempts])).toEqual([['sent', 3]]);
    expect(await s.metric('sendFailures', { reason: 'server_error' })).toBe(2);
    expect(await s.metric('eventsSent', { action: 'trigger' })).toBe(1);
    expect(await s.metric('outboxDepth')).toBe(0);
  });

  it('waits as long as a 429 Retry-After says, in the database', async () => {
    const s = sender();
    await evaluate(opened.store.paging, 'burning', now);
    fake.inject({ status: 429, headers: { 'retry-after': '30' } });
    expect(await s.sender.drain()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const [entry] = await opened.store.paging.outboxEntries();
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(now.getTime() + 30_000) });
    expect(await s.metric('sendFailures', { reason: 'rate_limited' })).toBe(1);
    now = new Date(now.getTime() + 29_000);
    await s.sender.drain();
    expect(fake.requests).toHaveLength(1);
    now = new Date(now.getTime() + 1000);
    expect(await s.sender.drain()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(actionsSent(fake)).toEqual([`trigger ${KEY}`]);
  });

  it('keeps a page pending and visible while PagerDuty keeps failing, and delivers it once it recovers', async () => {
    const s = sender();
    await evaluate(opened.store.paging, 'burning', now);
    fake.inject({ status: 500, body: { status: 'error', message: 'upstream down' } }, Infinity);
    expect(await s.sender.drain()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const [entry] = await opened.store.paging.outboxEntries();
    expect(entry).toMatchObject({ status: 'pending', attempts: 3 });
    expect(entry!.lastError).toContain('500 Internal Server Error: {"status":"error","message":"upstream down"}');
    expect(entry!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    now = minutes(10);
    expect(await s.metric('outboxDepth')).toBe(1);
    expect(await s.metric('oldestPendingAge')).toBe(600);
    expect(await s.metric('sendFailures', { reason: 'server_error' })).toBe(3);
    expect(s.logs.some((l) => l.level === 'warn' && l.message.includes('kept in the outbox for retry') && l.details.dedupKey === KEY)).toBe(true);
    // Later passes keep trying with growing backoff; nothing is dropped.
    now = minutes(60);
    await s.sender.drain();
    expect((await opened.store.paging.outboxEntries()).map((e) => [e.status, e.attempts])).toEqual([['pending', 6]]);
    fake.clearInjections();
    now = minutes(120);
    expect(await s.sender.drain()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(actionsSent(fake)).toEqual([`trigger ${KEY}`]);
    expect(await s.metric('outboxDepth')).toBe(0);
    expect(await s.metric('oldestPendingAge')).toBe(0);
  });

  it('delivers a pending page after a restart: a new sender on the same database', async () => {
    const first = sender();
    await evaluate(opened.store.paging, 'burning', now);
    fake.inject({ status: 503 }, Infinity);
    await first.sender.drain();
    await first.sender.stop();
    await opened.store.close();
    fake.clearInjections();

    const restarted = opened.reopen();
    await restarted.migrate();
    const second = sender({ store: restarted.paging, owner: 'restarted' });
    now = minutes(30);
    await second.sender.observe();
    expect(await second.metric('outboxDepth')).toBe(1);
    expect(await second.sender.drain()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(actionsSent(fake)).toEqual([`trigger ${KEY}`]);
    expect(fake.requests.filter((r) => r.status === 503)).toHaveLength(3);
    // The open page survived too: a healthy evaluation resolves it, a burning one does not re-trigger.
    expect(await evaluate(restarted.paging, 'burning', minutes(31))).toEqual([]);
    expect((await evaluate(restarted.paging, 'clear', minutes(32))).map((e) => e.action)).toEqual(['resolve']);
  });

  it('never lets a resolve overtake its trigger', async () => {
    const s = sender();
    await evaluate(opened.store.paging, 'burning', now);
    fake.inject({ status: 502 }, Infinity);
    await s.sender.drain();
    expect((await evaluate(opened.store.paging, 'clear', minutes(1))).map((e) => e.action)).toEqual(['resolve']);
    now = minutes(2);
    await s.sender.drain();
    // Every request so far carried the trigger; the resolve waits behind it.
    expect(fake.requests.every((r) => (JSON.parse(r.body) as { event_action: string }).event_action === 'trigger')).toBe(true);
    fake.clearInjections();
    now = minutes(60);
    expect(await s.sender.drain()).toEqual({ sent: 2, failed: 0, retrying: 0 });
    expect(actionsSent(fake)).toEqual([`trigger ${KEY}`, `resolve ${KEY}`]);
  });

  it('marks an event PagerDuty refuses (400) as failed with its answer, visibly', async () => {
    const bad = await writeRoutingKey(temp.dir, 'too-short');
    const s = sender({ keyFile: bad });
    await evaluate(opened.store.paging, 'burning', now);
    expect(await s.sender.drain()).toEqual({ sent: 0, failed: 1, retrying: 0 });
    const [entry] = await opened.store.paging.outboxEntries('failed');
    expect(entry!.attempts).toBe(1);
    expect(entry!.lastError).toContain('400 Bad Request');
    expect(entry!.lastError).toContain('routing_key must be a 32 character integration key');
    expect(fake.rejected).toHaveLength(1);
    expect(await s.metric('outboxFailed')).toBe(1);
    expect(await s.metric('sendFailures', { reason: 'rejected' })).toBe(1);
    expect(s.logs.find((l) => l.level === 'error')?.details).toMatchObject({ dedupKey: KEY, status: 400 });
  });

  it('retries network errors and a missing routing key instead of dropping the page', async () => {
    const unreachable = sender({ url: `http://127.0.0.1:${await freePort()}/v2/enqueue` });
    await evaluate(opened.store.paging, 'burning', now);
    expect(await unreachable.sender.drain()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    expect(await unreachable.metric('sendFailures', { reason: 'network' })).toBe(3);
    expect((await opened.store.paging.outboxEntries())[0]!.lastError).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/v2\/enqueue/);

    const keyless = sender({ keyFile: null });
    now = minutes(5);
    expect(await keyless.sender.drain()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    expect(await keyless.metric('sendFailures', { reason: 'no_routing_key' })).toBe(1);
    expect((await opened.store.paging.outboxEntries())[0]!.lastError).toContain('no routing key configured for team "payments"');

    now = minutes(30);
    expect(await sender().sender.drain()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(actionsSent(fake)).toEqual([`trigger ${KEY}`]);
  });

  it('delivers on its own once started and notified', async () => {
    const s = sender();
    s.sender.start();
    await evaluate(opened.store.paging, 'burning', now);
    s.sender.notify();
    await expect.poll(() => fake.events.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => s.metric('eventsSent', { action: 'trigger' }), { timeout: 10_000 }).toBe(1);
  });

  it('delivers each event once when several senders drain the same outbox', async () => {
    const stores = target.name === 'postgres' ? [opened.store.paging, opened.reopen().paging, opened.reopen().paging] : [opened.store.paging];
    const drains = stores.map((store, i) => sender({ store, owner: `replica-${i}` }));
    await evaluate(opened.store.paging, 'burning', now);
    await evaluate(opened.store.paging, 'clear', minutes(1));
    now = minutes(2);
    await Promise.all(drains.map((d) => d.sender.drain()));
    expect(actionsSent(fake)).toEqual([`trigger ${KEY}`, `resolve ${KEY}`]);
  });
});
