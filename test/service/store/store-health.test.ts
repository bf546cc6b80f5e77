/** The store's in-memory health: what a store call's outcome does to the state and to the metrics. */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/service/store/create-store.js';
import { withStoreHealth } from '../../../src/service/store/tracked-store.js';
import { createServiceMetrics, STORE_METRICS } from '../../../src/service/telemetry/service-metrics.js';
import { StoreHealth } from '../../../src/service/store/store-health.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

async function metricLines(registry: Registry): Promise<string[]> {
  const text = await registry.metrics();
  return text.split('\n').filter((line) => line.startsWith('burnrate_store_'));
}

describe('store health', () => {
  it('goes down on an unavailable database, stays down until a call succeeds, and shows it in metrics', async () => {
    const metrics = createServiceMetrics(new Registry());
    let now = new Date('2026-05-01T00:00:00Z');
    const health = new StoreHealth({ metrics: { up: metrics.storeUp, errors: metrics.storeErrors }, clock: () => now });
    expect(health.state()).toEqual({ ok: null, since: null, lastSuccessAt: null, lastFailureAt: null });

    health.succeeded();
    const t0 = now;
    now = new Date('2026-05-01T00:01:00Z');
    health.succeeded();
    expect(health.state()).toEqual({ ok: true, since: t0, lastSuccessAt: now, lastFailureAt: null });

    const t1 = new Date('2026-05-01T00:02:00Z');
    now = t1;
    expect(health.failed('saveSnapshots', refused())).toEqual({ unavailable: true, reason: 'connection refused (ECONNREFUSED)' });
    now = new Date('2026-05-01T00:03:00Z');
    health.failed('history', refused());
    expect(health.state()).toEqual({
      ok: false,
      since: t1,
      error: 'connection refused (ECONNREFUSED)',
      operation: 'history',
      lastSuccessAt: new Date('2026-05-01T00:01:00Z'),
      lastFailureAt: now,
    });

    // A query the database answered with an error is counted, but says nothing about reachability.
    health.failed('history', new Error('syntax error'));
    expect(health.state().operation).toBe('history');
    expect(await metricLines(metrics.registry)).toEqual([
      `${STORE_METRICS.up} 0`,
      'burnrate_store_errors_total{operation="saveSnapshots",reason="unavailable"} 1',
      'burnrate_store_errors_total{operation="history",reason="unavailable"} 1',
      'burnrate_store_errors_total{operation="history",reason="error"} 1',
    ]);

    const t2 = new Date('2026-05-01T00:04:00Z');
    now = t2;
    health.succeeded();
    expect(health.state()).toEqual({ ok: true, since: t2, lastSuccessAt: t2, lastFailureAt: new Date('2026-05-01T00:03:00Z') });
    expect(await metricLines(metrics.registry)).toContain(`${STORE_METRICS.up} 1`);
  });

  it('is fed by every call of a wrapped store, nested paging calls included, and not by close', async () => {
    const metrics = createServiceMetrics(new Registry());
    const raw = createStore({ sqlitePath: ':memory:' });
    const store = withStoreHealth(raw, metrics.storeHealth);
    expect(metrics.storeHealth.state().ok).toBeNull();
    await store.migrate();
    expect(metrics.storeHealth.state().ok).toBe(true);
    expect(await store.paging.pagingStates()).toEqual([]);
    // A closed store fails with an error of its own (not a database outage): counted under its operation.
    await store.close();
    await expect(store.paging.pagingStates()).rejects.toThrow();
    expect(await metricLines(metrics.registry)).toContain('burnrate_store_errors_total{operation="paging.pagingStates",reason="error"} 1');
    expect(metrics.storeHealth.state().ok).toBe(true);
  });
});
