/** Per-SLO gauges keep label sets bounded: the worst groups up to the cap, the rest counted as omitted. */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SERVICE_METRICS } from '../../../src/core/conventions/metrics.js';
import type { BudgetSnapshot } from '../../../src/service/engine/types.js';
import { SloGauges } from '../../../src/service/telemetry/slo-gauges.js';

function snapshot(sloId: string, group: Record<string, string>, remainingRatio: number | null): BudgetSnapshot {
  return {
    sloId,
    group,
    at: new Date(0),
    objectiveRatio: 0.99,
    windowStart: new Date(0),
    windowSeconds: 86_400,
    goodEvents: 99,
    totalEvents: 100,
    sli: 0.99,
    budget: { allowedBadEvents: 1, consumedBadEvents: 1, remainingRatio, remainingMinutesOfOutage: 0 },
    burnRates: [
      { window: '5m', errorRatio: 0.02, burnRate: 2 },
      { window: '1h', errorRatio: null, burnRate: null },
    ],
    secondsToExhaustion: remainingRatio === null ? null : 3600,
    status: 'ok',
    clusters: [],
  };
}

async function series(registry: Registry, name: string): Promise<string[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name)!;
  return (metric.values as { labels: Record<string, string> }[]).map((v) => JSON.stringify(v.labels));
}

describe('SloGauges', () => {
  it('exports the whole SLO and only the worst groups up to the cap', async () => {
    const registry = new Registry();
    const gauges = new SloGauges(registry, 2);
    gauges.update([
      snapshot('a', {}, 0.5),
      snapshot('a', { route: '/x' }, 0.9),
      snapshot('a', { route: '/y' }, -0.2),
      snapshot('a', { route: '/z' }, null),
      snapshot('a', { route: '/w' }, 0.1),
    ]);
    expect(await series(registry, SERVICE_METRICS.budgetRemaining)).toEqual([
      '{"slo":"a","group":""}',
      '{"slo":"a","group":"route=/y"}',
      '{"slo":"a","group":"route=/w"}',
    ]);
    expect((await registry.getSingleMetricAsString(SERVICE_METRICS.groupsOmitted)).split('\n').at(-1)).toBe('burnrate_slo_groups_omitted{slo="a"} 2');
    // Burn rates only for windows with a value.
    expect(await series(registry, SERVICE_METRICS.burnRate)).toHaveLength(3);
  });

  it('drops series of SLOs that are gone from the next update', async () => {
    const registry = new Registry();
    const gauges = new SloGauges(registry, 10);
    gauges.update([snapshot('a', {}, 0.5), snapshot('b', {}, 0.4)]);
    gauges.update([snapshot('b', {}, 0.3)]);
    expect(await series(registry, SERVICE_METRICS.sli)).toEqual(['{"slo":"b","group":""}']);
    expect(await series(registry, SERVICE_METRICS.status)).toEqual(['{"slo":"b","status":"ok"}']);
  });
});
