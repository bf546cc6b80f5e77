import { describe, expect, it } from 'vitest';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import type { EventCounts } from '../../../src/service/engine/types.js';
import { windowRangeSeconds } from '../../../src/service/engine/window-bounds.js';
import { makeSlo, observe, okCluster } from './slo-fixture.js';

const MINUTE_MS = 60_000;
const slo = makeSlo(99.9, { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' });

/** One event every minute at :30; March (Berlin) has a bad hour, April is clean. */
function eventLog(from: number, to: number): { at: number; good: boolean }[] {
  const events = [];
  const badFrom = Date.parse('2025-03-20T10:00:00Z');
  for (let at = from + 30_000; at < to; at += MINUTE_MS) events.push({ at, good: !(at >= badFrom && at < badFrom + 60 * MINUTE_MS) });
  return events;
}
const log = eventLog(Date.parse('2025-02-20T00:00:00Z'), Date.parse('2025-04-10T00:00:00Z'));

/** What a collector returns: events in (now − range, now], the range taken from the engine. */
function collect(now: Date): EventCounts {
  const from = now.getTime() - windowRangeSeconds(slo, now) * 1000;
  const inRange = log.filter((e) => e.at > from && e.at <= now.getTime());
  return { good: inRange.filter((e) => e.good).length, total: inRange.length };
}

const snapshotAt = (iso: string) => computeSnapshot(slo, observe([okCluster('eu', collect(new Date(iso)))]), new Date(iso));

describe('calendar-month budget', () => {
  it('is overspent at 23:59:59 on the last day and resets at 00:00:00 on the 1st (Berlin time)', () => {
    const lastSecond = snapshotAt('2025-03-31T21:59:59Z'); // 23:59:59 CEST
    expect(lastSecond.windowStart.toISOString()).toBe('2025-02-28T23:00:00.000Z'); // 1 March 00:00 CET
    expect(lastSecond.totalEvents).toBe(31 * 24 * 60 - 60); // the DST night has 23 hours
    expect(lastSecond.budget.remainingRatio).toBeLessThan(0);
    expect(lastSecond.secondsToExhaustion).toBe(0);

    const firstSecond = snapshotAt('2025-03-31T22:00:00Z'); // 1 April 00:00:00 CEST
    expect(firstSecond.windowStart.toISOString()).toBe('2025-03-31T22:00:00.000Z');
    expect(firstSecond.windowSeconds).toBe(0);
    expect(firstSecond.status).toBe('no-data'); // nothing counted yet: no data, not 100%
    expect(firstSecond.budget.remainingRatio).toBeNull();

    const tenMinutesIn = snapshotAt('2025-03-31T22:10:00Z');
    expect(tenMinutesIn.totalEvents).toBe(10);
    expect(tenMinutesIn.windowSeconds).toBe(600);
    expect(tenMinutesIn.budget.remainingRatio).toBe(1);
  });

  it('spends the March budget as the bad hour happens', () => {
    const before = snapshotAt('2025-03-20T09:59:00Z');
    const after = snapshotAt('2025-03-20T11:30:00Z');
    expect(before.budget.remainingRatio).toBe(1);
    expect(after.budget.consumedBadEvents).toBe(60);
    expect(after.budget.remainingRatio!).toBeLessThan(before.budget.remainingRatio!);
  });
});
