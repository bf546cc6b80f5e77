/**
 * The calendar rules' period boundaries against the Burnrate service's (Luxon), for every IANA zone, at every DST
 * change of the horizon and around every period boundary near one: the PromQL arithmetic mirrored in JS.
 */
import { describe, expect, it } from 'vitest';
import {
  calendarTerms,
  horizonAt,
  MONDAY_SHIFT_SECONDS,
  stepFunctionText,
  stepValue,
  type CalendarTerms,
  type CalendarWindow,
} from '../../../../src/toolkit/generate/prometheus/calendar-offsets.js';
import { offsetChanges } from '../../../../src/toolkit/generate/prometheus/time-zone.js';
import { calendarPeriod } from '../../../../src/service/engine/calendar-period.js';

const HOUR = 3600;
const DAY = 86_400;
const horizon = horizonAt(new Date(Date.UTC(2026, 5, 1)));

/** What the generated PromQL computes at evaluation time t (seconds): the period start and length. */
function byRules(unit: CalendarWindow['unit'], terms: CalendarTerms, t: number) {
  const local = t + stepValue(terms.offset, t);
  const date = new Date(local * 1000);
  const elapsed = unit === 'month' ? (local % DAY) + (date.getUTCDate() - 1) * DAY : (local + MONDAY_SHIFT_SECONDS) % (7 * DAY);
  const start = t + stepValue(terms.startCorrection, t) - elapsed;
  const wholeDays = unit === 'month' ? new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate() * DAY : 7 * DAY;
  return { start, seconds: wholeDays + stepValue(terms.lengthCorrection, t) };
}

/** The service's period at t, and its exact length: the next period's start minus this one's. */
function byService(window: CalendarWindow, t: number) {
  const period = calendarPeriod(window, new Date(t * 1000));
  const next = calendarPeriod(window, period.end);
  return { start: period.start.getTime() / 1000, seconds: (next.start.getTime() - period.start.getTime()) / 1000 };
}

/** Whole minutes (the rules compute the period start at the evaluation time truncated to the minute). */
function samples(window: CalendarWindow): number[] {
  const from = horizon.fromMs / 1000;
  const to = horizon.toMs / 1000;
  const changes = offsetChanges(window.timeZone, horizon.fromMs, horizon.toMs).map((c) => c.atMs / 1000);
  const around = [-2 * DAY, -DAY, -2 * HOUR - 60, -HOUR - 60, -HOUR, -60, 0, 60, HOUR - 60, HOUR, 2 * HOUR, DAY, 2 * DAY, 8 * DAY];
  const points = new Set<number>();
  for (const c of changes) {
    for (const d of around) points.add(c + d);
    // The boundaries of the periods holding the change, from the service.
    const before = calendarPeriod(window, new Date((c - 2 * HOUR) * 1000));
    const after = calendarPeriod(window, new Date((c + 2 * HOUR) * 1000));
    for (const boundary of [before.start, before.end, after.start, after.end].map((d) => d.getTime() / 1000)) {
      for (const e of [-HOUR - 60, -HOUR, -60, 0, 60, HOUR]) points.add(boundary + e);
    }
  }
  for (let t = from; t < to; t += 29 * DAY + 7 * HOUR + 13 * 60) points.add(t);
  return [...points].map((t) => Math.floor(t / 60) * 60).filter((t) => t >= from && t < to);
}

/**
 * Zones with the kinds of rules there are: EU and US changes, southern hemisphere, changes at local midnight
 * (Santiago, Havana, Beirut, Asuncion, Gaza), half-hour and two-hour DST (Lord Howe, Troll), offsets not whole
 * hours (St John's, Chatham, Kathmandu), negative DST (Dublin, Casablanca), none (Tokyo). Every zone:
 * BURNRATE_ALL_ZONES=1 (a few minutes).
 */
const CURATED = [
  'Europe/Berlin', 'Europe/London', 'Europe/Dublin', 'America/New_York', 'America/Los_Angeles', 'America/Santiago',
  'America/Havana', 'America/Asuncion', 'America/Nuuk', 'America/Scoresbysund', 'America/St_Johns', 'America/Mexico_City',
  'Asia/Beirut', 'Asia/Gaza', 'Asia/Jerusalem', 'Asia/Kathmandu', 'Asia/Tokyo', 'Africa/Casablanca', 'Africa/Cairo',
  'Atlantic/Azores', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Pacific/Chatham', 'Antarctica/Troll',
];
const zones = process.env.BURNRATE_ALL_ZONES === '1' ? Intl.supportedValuesOf('timeZone') : CURATED;

describe('calendar period boundaries of the rules match the service in every zone across DST changes', () => {
  it('has zones to check', () => expect(zones.length).toBeGreaterThan(20));

  for (const unit of ['month', 'week'] as const) {
    it(`${unit}: period start and length`, () => {
      const mismatches: string[] = [];
      for (const timeZone of zones) {
        const window: CalendarWindow = { kind: 'calendar', unit, timeZone };
        const terms = calendarTerms(window, horizon);
        for (const t of samples(window)) {
          const rules = byRules(unit, terms, t);
          const service = byService(window, t);
          if (rules.start !== service.start || rules.seconds !== service.seconds) {
            mismatches.push(`${timeZone} at ${new Date(t * 1000).toISOString()}: rules ${new Date(rules.start * 1000).toISOString()} (${rules.seconds}s), service ${new Date(service.start * 1000).toISOString()} (${service.seconds}s)`);
          }
        }
      }
      expect(mismatches.slice(0, 20)).toEqual([]);
    }, 600_000);
  }
});

describe('the horizon', () => {
  it('runs from January 1 of the previous year to January 1 six years on, in whole UTC years', () => {
    expect(new Date(horizon.fromMs).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(new Date(horizon.toMs).toISOString()).toBe('2032-01-01T00:00:00.000Z');
  });

  it('outside it the rules use the standard offset; zones without DST get no terms', () => {
    const berlin = calendarTerms({ kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' }, horizon);
    expect(stepValue(berlin.offset, Date.UTC(2020, 6, 1) / 1000)).toBe(HOUR);
    expect(stepValue(berlin.offset, Date.UTC(2026, 6, 1) / 1000)).toBe(2 * HOUR);
    expect(stepValue(berlin.offset, Date.UTC(2040, 6, 1) / 1000)).toBe(HOUR);
    const tokyo = calendarTerms({ kind: 'calendar', unit: 'month', timeZone: 'Asia/Tokyo' }, horizon);
    expect([tokyo.offset, tokyo.startCorrection, tokyo.lengthCorrection].map(stepFunctionText)).toEqual(['32400', '0', '0']);
  });

  it('Berlin: the offset steps at each change, the start correction until the next month begins', () => {
    const berlin = calendarTerms({ kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' }, horizon);
    const spring = Date.UTC(2026, 2, 29, 1) / 1000; // 29 March 2026 01:00 UTC: CET → CEST
    const april = Date.UTC(2026, 2, 31, 22) / 1000; // 1 April 2026 00:00 CEST
    expect(stepValue(berlin.startCorrection, spring - 1)).toBe(0);
    expect(stepValue(berlin.startCorrection, spring)).toBe(HOUR);
    expect(stepValue(berlin.startCorrection, april - 1)).toBe(HOUR);
    expect(stepValue(berlin.startCorrection, april)).toBe(0);
    expect(stepValue(berlin.lengthCorrection, spring)).toBe(-HOUR); // March 2026 is 31 days less an hour
  });
});
