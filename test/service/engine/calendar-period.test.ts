import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarPeriod } from '../../../src/service/engine/calendar-period.js';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import { windowRangeSeconds } from '../../../src/service/engine/window-bounds.js';
import { makeSlo, observe, okCluster } from './slo-fixture.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham'];
const HOUR_MS = 3_600_000;
const instants = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });

/** Local wall-clock fields of an instant, via Intl (an oracle independent of luxon). */
function local(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { year: +get('year'), month: +get('month'), day: +get('day'), time: `${get('hour')}:${get('minute')}:${get('second')}`, weekday: get('weekday') };
}

describe('calendar periods', () => {
  it('months contain now and run from local midnight on the 1st to the next 1st', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (now, timeZone) => {
        const { start, end } = calendarPeriod({ unit: 'month', timeZone }, now);
        expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(end.getTime()).toBeGreaterThan(now.getTime());
        const [s, e, n] = [local(start, timeZone), local(end, timeZone), local(now, timeZone)];
        expect(s).toMatchObject({ day: 1, time: '00:00:00', month: n.month, year: n.year });
        expect(e).toMatchObject({ day: 1, time: '00:00:00', month: (n.month % 12) + 1 });
        // Nothing in between is already the next month's midnight.
        expect(local(new Date(end.getTime() - 1000), timeZone).month).toBe(n.month);
      }),
    );
  });

  it('weeks contain now and run Monday 00:00 to Monday 00:00 local time', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (now, timeZone) => {
        const { start, end } = calendarPeriod({ unit: 'week', timeZone }, now);
        expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(end.getTime()).toBeGreaterThan(now.getTime());
        expect(local(start, timeZone)).toMatchObject({ weekday: 'Mon', time: '00:00:00' });
        expect(local(end, timeZone)).toMatchObject({ weekday: 'Mon', time: '00:00:00' });
        // A week is 168 hours, give or take the one DST shift it may contain (Chatham shifts by 1h too).
        expect(Math.abs(end.getTime() - start.getTime() - 168 * HOUR_MS)).toBeLessThanOrEqual(HOUR_MS);
      }),
    );
  });

  it.each([
    ['Europe/Berlin', '2025-03-15T12:00:00Z', 31 * 24 - 1, '2025-02-28T23:00:00.000Z'],
    ['Europe/Berlin', '2025-10-15T12:00:00Z', 31 * 24 + 1, '2025-09-30T22:00:00.000Z'],
    ['America/New_York', '2025-03-15T12:00:00Z', 31 * 24 - 1, '2025-03-01T05:00:00.000Z'],
    ['America/New_York', '2025-11-15T12:00:00Z', 30 * 24 + 1, '2025-11-01T04:00:00.000Z'],
    ['Australia/Sydney', '2025-04-15T12:00:00Z', 30 * 24 + 1, '2025-03-31T13:00:00.000Z'],
    ['Australia/Sydney', '2025-10-15T12:00:00Z', 31 * 24 - 1, '2025-09-30T14:00:00.000Z'],
  ])('%s month of %s lasts %d hours across its DST change and starts at %s', (timeZone, now, hours, startIso) => {
    const { start, end } = calendarPeriod({ unit: 'month', timeZone }, new Date(now));
    expect(start.toISOString()).toBe(startIso);
    expect((end.getTime() - start.getTime()) / HOUR_MS).toBe(hours);
  });

  it('queries a range that starts exactly at the period start and never reaches back before it', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), fc.constantFrom('month' as const, 'week' as const), (now, timeZone, unit) => {
        const slo = makeSlo(99.9, { kind: 'calendar', unit, timeZone });
        const range = windowRangeSeconds(slo, now);
        const { start } = calendarPeriod({ unit, timeZone }, now);
        const elapsedSeconds = (now.getTime() - start.getTime()) / 1000;
        expect(Number.isInteger(range)).toBe(true);
        expect(range).toBe(Math.max(1, Math.floor(elapsedSeconds)));
        const snap = computeSnapshot(slo, observe([okCluster('a', { good: 1, total: 1 })]), now);
        expect(snap.windowStart.getTime()).toBe(start.getTime());
        expect(snap.periodStart?.getTime()).toBe(start.getTime());
        expect(snap.windowSeconds).toBe(elapsedSeconds);
      }),
    );
  });

  it('queries days x 86400 seconds for rolling windows', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 400 }), (now, days) => {
        const slo = makeSlo(99, { kind: 'rolling', days });
        expect(windowRangeSeconds(slo, now)).toBe(days * 86_400);
        expect(computeSnapshot(slo, observe([]), now).periodStart).toBeUndefined();
      }),
    );
  });
});
