/**
 * store.budgetTrends on SQLite and PostgreSQL: for each sample time, the whole SLO's last point with a
 * remaining ratio in (t − bucket, t], equal to what history() returns for that range; groups, no-data
 * points and points outside the bucket are not taken; unknown SLO ids read as all gaps.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { snapshot } from './snapshot-factory.js';
import { releaseTestDatabase, STORE_TARGETS, type OpenedStore } from './store-targets.js';

const T0 = Date.parse('2025-06-01T00:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
const BUCKET = 60 * MINUTE;

afterAll(releaseTestDatabase);

describe.each(STORE_TARGETS)('budget trends on $name', (target) => {
  let opened: OpenedStore | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('matches history() per bucket, for many SLOs in one call', async () => {
    opened = await target.open();
    const store = opened.store;
    await store.migrate();
    const points = [];
    for (let m = 0; m < 300; m += 7) {
      points.push(snapshot({ sloId: 'a', at: at(m), good: 1000 - (m % 13), total: 1000 }));
      points.push(snapshot({ sloId: 'a', group: { route: '/x' }, at: at(m), good: 1, total: 1000 }));
      // b: no points in its second and fifth hours, only no-data points in its fourth.
      if (m < 60 || (m >= 120 && m < 180)) points.push(snapshot({ sloId: 'b', at: at(m), good: 999 - (m % 5), total: 1000 }));
      if (m >= 180 && m < 240) points.push(snapshot({ sloId: 'b', at: at(m), good: 0, total: 0 }));
    }
    await store.saveSnapshots(points);
    const samples = [60, 120, 180, 240, 300].map(at);
    const trends = await store.budgetTrends({ sloIds: ['a', 'b', 'unknown'], at: samples, bucketMs: BUCKET });
    for (const id of ['a', 'b']) {
      const expected = [];
      for (const t of samples) {
        const range = await store.history({ sloId: id, group: {}, from: new Date(t.getTime() - BUCKET + 1), to: t });
        expected.push(range.filter((p) => p.remainingRatio !== null).at(-1)?.remainingRatio ?? null);
      }
      expect(trends.get(id)).toEqual(expected);
    }
    expect(trends.get('b')!.map((r) => r === null)).toEqual([false, true, false, true, true]);
    expect(trends.get('a')!.every((r) => r !== null && r > -100)).toBe(true); // the group's points (about −998) are not taken
    expect(trends.get('unknown')).toEqual([null, null, null, null, null]);
  });
});
