/** The rule backfill writes what Prometheus would record: one series per label set, samples in time order. */
import { describe, expect, it } from 'vitest';
import { recordedSeries } from '../../bench/lib/backfill-rules.js';

describe('recorded series of a backfilled rule', () => {
  it('merges the two sides of `(a - b) or a`, which differ only in __name__, into one series in time order', () => {
    const result: Array<{ metric: Record<string, string>; values: [number, number][] }> = [
      { metric: { route: '/a', slo: 's' }, values: [[120, 7], [180, 8]] },
      { metric: { __name__: 'burnrate:slo_total_events', route: '/a', slo: 's' }, values: [[60, 5], [240, 9]] },
      { metric: { route: '/b', slo: 's' }, values: [[60, 1]] },
    ];
    expect(recordedSeries(result, { window: '5m' })).toEqual([
      { labels: { route: '/a', slo: 's', window: '5m' }, values: [[60, 5], [120, 7], [180, 8], [240, 9]] },
      { labels: { route: '/b', slo: 's', window: '5m' }, values: [[60, 1]] },
    ]);
  });

  it("lets the rule's labels override the query's", () => {
    expect(recordedSeries([{ metric: { window: '1d', slo: 's' }, values: [[60, 1]] }], { window: '3d' })).toEqual([{ labels: { window: '3d', slo: 's' }, values: [[60, 1]] }]);
  });
});
