/**
 * The engine's budget of a time-slice SLO equals an exact oracle on generated slices. The oracle works from
 * each slice's requests and errors: a slice with requests is judged, good when its success share reaches
 * the slice target (or worth its share, for ratio slices); the budget allows (1 − objective) of the judged
 * slices to be bad, and each remaining bad slice is one slice length of full outage. The engine gets what
 * the rules record: good and judged slice counts per cluster.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { makeSlo, observe, okCluster } from './slo-fixture.js';

interface Slice {
  requests: number;
  errors: number;
  cluster: 0 | 1;
}

const slice = fc
  .record({ requests: fc.integer({ min: 0, max: 40 }), errorShare: fc.double({ min: 0, max: 1, noNaN: true }), cluster: fc.constantFrom(0 as const, 1 as const) })
  .map(({ requests, errorShare, cluster }): Slice => ({ requests, errors: Math.round(requests * errorShare), cluster }));

function oracle(slices: readonly Slice[], objectivePercent: number, sliceSeconds: number, target: number | undefined) {
  const judged = slices.filter((s) => s.requests > 0);
  const worth = (s: Slice) => {
    const success = (s.requests - s.errors) / s.requests;
    return target === undefined ? success : success >= target ? 1 : 0;
  };
  const good = judged.reduce((sum, s) => sum + worth(s), 0);
  const allowedBad = (judged.length * (100 - objectivePercent)) / 100;
  const bad = judged.length - good;
  return {
    judged: judged.length,
    good,
    remaining: judged.length === 0 ? null : 1 - bad / allowedBad,
    minutesLeft: judged.length === 0 ? null : ((allowedBad - bad) * sliceSeconds) / 60,
  };
}

/** What the rules record per cluster: the sum of the slices' worth and the count of judged slices. */
function recordedCounts(slices: readonly Slice[], cluster: 0 | 1, target: number | undefined) {
  let good = 0;
  let total = 0;
  for (const s of slices) {
    if (s.cluster !== cluster || s.requests === 0) continue;
    total++;
    const success = (s.requests - s.errors) / s.requests;
    good += target === undefined ? success : success >= target ? 1 : 0;
  }
  return { good, total };
}

describe('time-slice budgets', () => {
  it('equal the exact oracle: remaining share, good and judged slices, minutes of outage left', () => {
    fc.assert(
      fc.property(
        fc.array(slice, { minLength: 1, maxLength: 400 }),
        fc.constantFrom(90, 95, 99, 99.5),
        fc.constantFrom(60, 300, 30),
        fc.constantFrom(undefined, 0.9, 0.95, 1),
        (slices, objective, sliceSeconds, target) => {
          const slo: Slo = { ...makeSlo(objective), timeSlices: { sliceSeconds, ...(target !== undefined ? { sliceTarget: target } : {}) } };
          const clusters = ([0, 1] as const).map((c) => okCluster(`c${c}`, recordedCounts(slices, c, target)));
          const snapshot = computeSnapshot(slo, observe(clusters), new Date('2026-12-06T12:00:00Z'));
          const expected = oracle(slices, objective, sliceSeconds, target);
          expect(snapshot.totalEvents).toBe(expected.judged);
          expect(snapshot.goodEvents).toBeCloseTo(expected.good, 9);
          if (expected.remaining === null) {
            expect(snapshot.budget.remainingRatio).toBeNull();
            return;
          }
          expect(snapshot.budget.remainingRatio).toBeCloseTo(expected.remaining, 8);
          if (snapshot.budget.remainingRatio !== 0) expect(snapshot.budget.remainingMinutesOfOutage).toBeCloseTo(expected.minutesLeft ?? NaN, 6);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('count a remaining bad slice as one slice of outage, however quiet the window was', () => {
    const slo: Slo = { ...makeSlo(99), timeSlices: { sliceSeconds: 60, sliceTarget: 0.95 } };
    // 1,000 judged minutes out of the window's 43,200, 4 of them bad: 10 bad minutes allowed, 6 left.
    const snapshot = computeSnapshot(slo, observe([okCluster('c0', { good: 996, total: 1000 })]), new Date('2026-12-06T12:00:00Z'));
    expect(snapshot.budget.remainingRatio).toBe(0.6);
    expect(snapshot.budget.remainingMinutesOfOutage).toBe(6);
    // The same counts as events spread over the whole window: 6 bad events at 1000/43200 per minute.
    const events = computeSnapshot(makeSlo(99), observe([okCluster('c0', { good: 996, total: 1000 })]), new Date('2026-12-06T12:00:00Z'));
    expect(events.budget.remainingMinutesOfOutage).toBeCloseTo(259.2, 6);
  });
});
