import { describe, expect, it } from 'vitest';
import { burnRateWindows } from '../../../src/core/windows/burn-rate-windows.js';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import { loadCatalog, observe, okCluster } from './slo-fixture.js';

const NOW = new Date('2025-06-15T12:00:00Z');

describe('engine against the compiled catalog', () => {
  const catalog = loadCatalog();

  it.each(catalog.slos.map((slo) => [slo.id, slo] as const))('%s: reports a burn rate for every alert window the rules use', (_id, slo) => {
    const keys = burnRateWindows(slo).map((w) => w.window);
    for (const w of slo.alertWindows) {
      expect(keys).toContain(w.longWindow);
      expect(keys).toContain(w.shortWindow);
    }
    const alertWindows = Object.fromEntries(keys.map((k) => [k, { good: 99, total: 100 }]));
    const snap = computeSnapshot(slo, { ...observe([okCluster('a', { good: 999, total: 1000 }, alertWindows)], slo.id), group: { route: '/x' } }, NOW);
    expect(snap.sloId).toBe(slo.id);
    expect(snap.group).toEqual({ route: '/x' });
    expect(snap.objectiveRatio).toBeCloseTo(slo.objectivePercent / 100, 12);
    expect(snap.burnRates.map((r) => r.window)).toEqual(keys);
    expect(snap.burnRates.every((r) => r.burnRate !== null && r.burnRate > 0)).toBe(true);
  });
});
