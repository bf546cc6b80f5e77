import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import type { ClusterCounts } from '../../../src/service/engine/types.js';
import { makeSlo, observe, okCluster, staleCluster } from './slo-fixture.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const slo = makeSlo(99.9);

const clusterCounts = fc
  .record({ total: fc.integer({ min: 0, max: 1e8 }), badShare: fc.double({ min: 0, max: 1, noNaN: true }), shortTotal: fc.integer({ min: 0, max: 1e5 }) })
  .map(({ total, badShare, shortTotal }) => ({
    window: { good: Math.round(total * (1 - badShare)), total },
    short: { good: Math.round(shortTotal * (1 - badShare)), total: shortTotal },
  }));

/** Everything the budget depends on, without the per-cluster listing. */
function budgetView(snapshot: ReturnType<typeof computeSnapshot>) {
  const { clusters: _clusters, status: _status, ...rest } = snapshot;
  return rest;
}

describe('merging clusters', () => {
  it('equals computing on summed counts', () => {
    fc.assert(
      fc.property(fc.array(clusterCounts, { minLength: 1, maxLength: 6 }), (list) => {
        const clusters: ClusterCounts[] = list.map((c, i) => okCluster(`c${i}`, c.window, { '5m': c.short }));
        const sum = (pick: (c: (typeof list)[number]) => { good: number; total: number }) =>
          list.reduce((s, c) => ({ good: s.good + pick(c).good, total: s.total + pick(c).total }), { good: 0, total: 0 });
        const merged = computeSnapshot(slo, observe(clusters), NOW);
        const single = computeSnapshot(slo, observe([okCluster('all', sum((c) => c.window), { '5m': sum((c) => c.short) })]), NOW);
        expect(budgetView(merged)).toEqual(budgetView(single));
        expect(merged.clusters.map((c) => c.totalEvents)).toEqual(list.map((c) => c.window.total));
      }),
    );
  });

  it('weights by traffic: averaging the clusters\u2019 ratios would be wrong under uneven traffic', () => {
    const busy = { good: 999_900, total: 1_000_000 }; // 99.99%
    const quiet = { good: 50, total: 100 }; // 50%
    const snap = computeSnapshot(slo, observe([okCluster('busy', busy), okCluster('quiet', quiet)]), NOW);
    const summed = (busy.good + quiet.good) / (busy.total + quiet.total);
    const averagedRatios = (busy.good / busy.total + quiet.good / quiet.total) / 2;
    expect(snap.sli).toBe(summed);
    expect(snap.sli).toBeGreaterThan(0.9998);
    expect(averagedRatios).toBeLessThan(0.75); // the unweighted average would report a disaster
    expect(snap.budget.remainingRatio).toBeGreaterThan(0);
  });

  it('lists stale clusters without counts and marks the snapshot partial', () => {
    const snap = computeSnapshot(slo, observe([okCluster('eu', { good: 990, total: 1000 }), staleCluster('us')]), NOW);
    expect(snap.status).toBe('partial');
    expect(snap.totalEvents).toBe(1000);
    expect(snap.clusters).toEqual([
      { cluster: 'eu', status: 'ok', goodEvents: 990, totalEvents: 1000 },
      { cluster: 'us', status: 'stale', goodEvents: null, totalEvents: null, error: 'timeout' },
    ]);
  });

  it('treats an ok cluster without usable window counts as absent, never as zero', () => {
    const broken: ClusterCounts = { cluster: 'nan', status: 'ok', window: { good: Number.NaN, total: 5 }, alertWindows: {} };
    const snap = computeSnapshot(slo, observe([okCluster('eu', { good: 10, total: 10 }), broken]), NOW);
    expect(snap.status).toBe('partial');
    expect(snap.clusters[1]).toMatchObject({ cluster: 'nan', status: 'stale', goodEvents: null, totalEvents: null });
  });

  it('reports no-data with nulls, never 100%, when every cluster is stale or nothing happened', () => {
    for (const clusters of [[staleCluster('eu'), staleCluster('us')], [okCluster('eu', { good: 0, total: 0 })], []]) {
      const snap = computeSnapshot(slo, observe(clusters), NOW);
      expect(snap.status).toBe('no-data');
      expect(snap.sli).toBeNull();
      expect(snap.budget.remainingRatio).toBeNull();
      expect(snap.budget.remainingMinutesOfOutage).toBeNull();
      expect(snap.secondsToExhaustion).toBeNull();
      expect(snap.burnRates.every((r) => r.burnRate === null)).toBe(true);
    }
  });

  it('reports the counts as unknown when no cluster answered, and as zero when they answered with no events', () => {
    const counts = (clusters: ClusterCounts[]) => {
      const snap = computeSnapshot(slo, observe(clusters), NOW);
      return [snap.goodEvents, snap.totalEvents];
    };
    const broken: ClusterCounts = { cluster: 'nan', status: 'ok', window: { good: Number.NaN, total: 5 }, alertWindows: {} };
    expect(counts([staleCluster('eu'), staleCluster('us')])).toEqual([null, null]);
    expect(counts([broken])).toEqual([null, null]);
    expect(counts([])).toEqual([null, null]);
    expect(counts([okCluster('eu', { good: 0, total: 0 }), staleCluster('us')])).toEqual([0, 0]);
    expect(counts([okCluster('eu', { good: 0, total: 0 })])).toEqual([0, 0]);
  });

  it('caps good at total so Prometheus extrapolation cannot push the SLI above 1', () => {
    const snap = computeSnapshot(slo, observe([okCluster('a', { good: 100.4, total: 100 })]), NOW);
    expect(snap.sli).toBe(1);
    expect(snap.budget.remainingRatio).toBe(1);
  });
});
