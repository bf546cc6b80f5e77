import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../src/service/store/types.js';
import { snapshot } from './snapshot-factory.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from './store-targets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2025-06-01T00:00:00Z');
const RETENTION = { raw: 1 * DAY, hourly: 3 * DAY, daily: 5 * DAY };
const SERIES = [{ sloId: 'shop-availability', group: { route: '/cart' } }, { sloId: 'shop-availability', group: { route: '/pay' } }];

/** One snapshot every 10 minutes for 7 days; goodEvents numbers the point so we can see which one survived. */
const POINTS = Array.from({ length: 7 * 144 }, (_, i) => ({ at: T0 + i * 10 * MINUTE, n: i }));

/** What retention must leave, derived from the documented rule: keep the last point of each bucket. */
function expectedAfter(nowMs: number) {
  const rawCutoff = Math.floor((nowMs - RETENTION.raw) / HOUR) * HOUR;
  const hourlyCutoff = Math.floor((nowMs - RETENTION.hourly) / DAY) * DAY;
  const lastOf = (bucket: number) => (p: { at: number }, i: number, all: { at: number }[]) =>
    Math.floor(p.at / bucket) !== Math.floor((all[i + 1]?.at ?? Infinity) / bucket);
  const raw = POINTS.filter((p) => p.at >= rawCutoff).map((p) => ({ ...p, resolution: 'raw' }));
  const hourlyAll = POINTS.filter((p) => p.at < rawCutoff).filter(lastOf(HOUR));
  const hourly = hourlyAll.filter((p) => p.at >= hourlyCutoff).map((p) => ({ ...p, resolution: 'hourly' }));
  const dailyAll = hourlyAll.filter((p) => p.at < hourlyCutoff).filter(lastOf(DAY));
  const daily = dailyAll.filter((p) => p.at >= nowMs - RETENTION.daily).map((p) => ({ ...p, resolution: 'daily' }));
  const downsampled = POINTS.length - raw.length - dailyAll.length - hourly.length;
  return { points: [...daily, ...hourly, ...raw], downsampled, deleted: dailyAll.length - daily.length };
}

const view = (points: HistoryPoint[]) => points.map((p) => ({ at: p.at.getTime(), n: p.goodEvents, resolution: p.resolution }));

afterAll(releaseTestDatabase);

describe.each(STORE_TARGETS)('retention on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('keeps raw points, then the last point per hour, then per day, then deletes, with an injected clock', async () => {
    opened = await target.open({ retention: RETENTION });
    const { store } = opened;
    await store.migrate();
    await store.saveSnapshots(SERIES.flatMap((s) => POINTS.map((p) => snapshot({ ...s, at: new Date(p.at), good: p.n, total: 2000 }))));

    for (const nowMs of [T0 + 7 * DAY + 17 * MINUTE, T0 + 7 * DAY + 5 * HOUR, T0 + 8 * DAY + 30 * MINUTE]) {
      const before = await store.history({ sloId: 'shop-availability', group: SERIES[0]!.group, from: new Date(0), to: new Date(T0 + 30 * DAY) });
      const expected = expectedAfter(nowMs);
      const result = await store.applyRetention(new Date(nowMs));
      const after = await store.history({ sloId: 'shop-availability', group: SERIES[0]!.group, from: new Date(0), to: new Date(T0 + 30 * DAY) });
      expect(view(after)).toEqual(expected.points.map(({ at, n, resolution }) => ({ at, n, resolution })));
      // Both series were trimmed alike; counts cover both.
      const beforeCount = before.length;
      expect(result.downsampled + result.deleted).toBe(2 * (beforeCount - after.length));
      expect(await store.history({ sloId: 'shop-availability', group: SERIES[1]!.group, from: new Date(0), to: new Date(T0 + 30 * DAY) })).toHaveLength(after.length);
      // Running again at the same instant has nothing left to do.
      expect(await store.applyRetention(new Date(nowMs))).toEqual({ downsampled: 0, deleted: 0 });
    }
  });

  it('reports the counts of the first pass exactly', async () => {
    opened = await target.open({ retention: RETENTION });
    await opened.store.migrate();
    await opened.store.saveSnapshots(POINTS.map((p) => snapshot({ ...SERIES[0]!, at: new Date(p.at), good: p.n, total: 2000 })));
    const nowMs = T0 + 7 * DAY + 17 * MINUTE;
    const { downsampled, deleted } = expectedAfter(nowMs);
    expect(await opened.store.applyRetention(new Date(nowMs))).toEqual({ downsampled, deleted });
    expect(deleted).toBeGreaterThan(0);
  });

  it('keeps the last point of a calendar period when the reset falls inside a downsampled day', async () => {
    opened = await target.open({ retention: { raw: DAY, hourly: DAY, daily: 400 * DAY } });
    await opened.store.migrate();
    const start = Date.parse('2025-03-31T12:00:00Z');
    const times = Array.from({ length: 144 }, (_, i) => start + i * 10 * MINUTE);
    const calendar = { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' } as const;
    await opened.store.saveSnapshots([
      ...times.map((t, i) => snapshot({ sloId: 'monthly', at: new Date(t), good: i, total: 1000, window: calendar })),
      ...times.map((t, i) => snapshot({ sloId: 'rolling', at: new Date(t), good: i, total: 1000 })),
    ]);
    await opened.store.applyRetention(new Date('2025-04-10T00:00:00Z'));
    const kept = async (sloId: string) =>
      (await opened!.store.history({ sloId, from: new Date(start), to: new Date(start + DAY) })).map((p) => [p.at.toISOString(), p.resolution]);
    // Berlin's April starts at 2025-03-31T22:00Z: March's final level (21:50Z) survives next to April's.
    expect(await kept('monthly')).toEqual([
      ['2025-03-31T21:50:00.000Z', 'daily'],
      ['2025-03-31T23:50:00.000Z', 'daily'],
      ['2025-04-01T11:50:00.000Z', 'daily'],
    ]);
    expect(await kept('rolling')).toEqual([
      ['2025-03-31T23:50:00.000Z', 'daily'],
      ['2025-04-01T11:50:00.000Z', 'daily'],
    ]);
  });
});

describe.each(STORE_TARGETS)('retention of unknown counts on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('keeps the last point with known counts of a bucket, and an unknown one only when the bucket has no other', async () => {
    opened = await target.open({ retention: { raw: HOUR, hourly: DAY, daily: 400 * DAY } });
    const { store } = opened;
    await store.migrate();
    // Minutes after T0. Known points carry their minute as goodEvents; the others are outages (no cluster answered).
    const known = [0, 10, 20, 30, 140];
    const unknown = [40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 150, 180, 190, 1440, 1500];
    await store.saveSnapshots([
      ...known.map((m) => snapshot({ at: new Date(T0 + m * MINUTE), good: m, total: 2000 })),
      ...unknown.map((m) => snapshot({ at: new Date(T0 + m * MINUTE), good: 0, total: 0, outage: true })),
    ]);
    const kept = async (toMinutes: number) =>
      (await store.history({ sloId: 'shop-availability', from: new Date(T0), to: new Date(T0 + toMinutes * MINUTE) })).map((p) => [
        (p.at.getTime() - T0) / MINUTE,
        p.goodEvents,
        p.totalEvents === null ? 'unknown' : 'known',
        p.resolution,
      ]);

    await store.applyRetention(new Date(T0 + 6 * HOUR));
    // Hour 0 ends in an outage, hour 1 is all outage, hour 2 has one known point among outages, hour 3 is all outage.
    expect(await kept(24 * 60 - 1)).toEqual([
      [30, 30, 'known', 'hourly'],
      [110, null, 'unknown', 'hourly'],
      [140, 140, 'known', 'hourly'],
      [190, null, 'unknown', 'hourly'],
    ]);

    await store.applyRetention(new Date(T0 + 3 * DAY));
    // Day 0 keeps its last measured level; day 1 had nothing but outages and stays unknown.
    expect(await kept(3 * 24 * 60)).toEqual([
      [140, 140, 'known', 'daily'],
      [1500, null, 'unknown', 'daily'],
    ]);
  });
});
