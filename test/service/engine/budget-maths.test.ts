import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import { errorBudgetRatio } from '../../../src/core/model/slo.js';
import { makeSlo, observe, okCluster } from './slo-fixture.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const objectives = fc.constantFrom(90, 95, 99, 99.5, 99.9, 99.95, 99.99);
const counts = fc.record({ good: fc.double({ min: 0, max: 1e9, noNaN: true }), total: fc.double({ min: 0, max: 1e9, noNaN: true }) });

/** Constant traffic of `perSecond` events with `errorShare` of them bad, over `seconds`. */
function steady(perSecond: number, errorShare: number, seconds: number) {
  const total = perSecond * seconds;
  return { good: total * (1 - errorShare), total };
}

describe('budget maths', () => {
  it('keeps the SLI in [0, 1], and null without events, whatever counts arrive', () => {
    fc.assert(
      fc.property(objectives, counts, (objective, c) => {
        const snap = computeSnapshot(makeSlo(objective), observe([okCluster('a', c, { '5m': c })]), NOW);
        if (c.total === 0) {
          expect(snap.sli).toBeNull();
          expect(snap.status).toBe('no-data');
        } else {
          expect(snap.sli).not.toBeNull();
          expect(snap.sli!).toBeGreaterThanOrEqual(0);
          expect(snap.sli!).toBeLessThanOrEqual(1);
          expect(snap.burnRates.find((r) => r.window === '5m')!.burnRate!).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('leaves the whole budget at zero errors and none when consumed equals allowed', () => {
    fc.assert(
      fc.property(objectives, fc.integer({ min: 1, max: 1e9 }), (objective, total) => {
        const slo = makeSlo(objective);
        const untouched = computeSnapshot(slo, observe([okCluster('a', { good: total, total })]), NOW);
        expect(untouched.budget.remainingRatio).toBe(1);
        expect(untouched.budget.consumedBadEvents).toBe(0);
        const allowed = errorBudgetRatio(slo) * total;
        const spent = computeSnapshot(slo, observe([okCluster('a', { good: total - allowed, total })]), NOW);
        expect(spent.budget.remainingRatio).toBeCloseTo(0, 9);
        expect(spent.secondsToExhaustion).toBe(0);
      }),
    );
  });

  it('never gives back budget when errors grow', () => {
    fc.assert(
      fc.property(objectives, fc.integer({ min: 1, max: 1e7 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (objective, total, a, b) => {
        const [fewer, more] = [Math.min(a, b), Math.max(a, b)].map((share) => Math.round(share * total));
        const slo = makeSlo(objective);
        const remaining = (bad: number) => computeSnapshot(slo, observe([okCluster('a', { good: total - bad, total })]), NOW).budget.remainingRatio!;
        expect(remaining(more!)).toBeLessThanOrEqual(remaining(fewer!));
      }),
    );
  });

  it('burn rate 1 spends exactly the whole budget over the window', () => {
    fc.assert(
      fc.property(objectives, fc.integer({ min: 1, max: 90 }), fc.double({ min: 0.01, max: 1e4, noNaN: true }), (objective, days, perSecond) => {
        const slo = makeSlo(objective, { kind: 'rolling', days });
        const share = errorBudgetRatio(slo);
        const windowSeconds = days * 86_400;
        const snap = computeSnapshot(slo, observe([okCluster('a', steady(perSecond, share, windowSeconds), { '5m': steady(perSecond, share, 300) })]), NOW);
        expect(snap.burnRates.find((r) => r.window === '5m')!.burnRate).toBeCloseTo(1, 9);
        expect(snap.budget.remainingRatio).toBeCloseTo(0, 9);
        // From a fresh budget, burning at 1 lasts the whole window.
        const fresh = computeSnapshot(slo, observe([okCluster('a', steady(perSecond, 0, windowSeconds), { '5m': steady(perSecond, share, 300) })]), NOW);
        expect(fresh.secondsToExhaustion! / windowSeconds).toBeCloseTo(1, 9);
      }),
    );
  });

  it('a 100% outage at 99.9% burns at 1000x and empties a fresh 30d budget in 43.2 minutes', () => {
    const slo = makeSlo(99.9, { kind: 'rolling', days: 30 });
    const windowSeconds = 30 * 86_400;
    const snap = computeSnapshot(slo, observe([okCluster('a', steady(50, 0, windowSeconds), { '5m': steady(50, 1, 300), '1h': steady(50, 1 / 12, 3600) })]), NOW);
    const burn = Object.fromEntries(snap.burnRates.map((r) => [r.window, r.burnRate]));
    expect(burn['5m']).toBe(1000); // exactly, without float noise
    expect(burn['1h']).toBeCloseTo(1000 / 12, 9);
    const expectedMinutes = (1 - 0.999) * 30 * 24 * 60;
    expect(snap.budget.remainingMinutesOfOutage).toBeCloseTo(expectedMinutes, 9);
    expect(snap.secondsToExhaustion! / 60).toBeCloseTo(expectedMinutes, 9);
    expect(snap.windowStart.getTime()).toBe(NOW.getTime() - windowSeconds * 1000);
  });

  it('reports a window without events as null burn, never as zero', () => {
    const snap = computeSnapshot(makeSlo(99.9), observe([okCluster('a', { good: 90, total: 100 }, { '5m': { good: 0, total: 0 } })]), NOW);
    const fiveMinutes = snap.burnRates.find((r) => r.window === '5m')!;
    expect(fiveMinutes).toEqual({ window: '5m', errorRatio: null, burnRate: null, totalEvents: 0 });
    expect(snap.burnRates.find((r) => r.window === '1h')!.burnRate).toBeNull();
    expect(snap.secondsToExhaustion).toBe(0); // 10% errors at 99.9%: already overspent
    expect(snap.budget.remainingRatio).toBeLessThan(0);
  });
});
