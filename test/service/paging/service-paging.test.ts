/**
 * End to end, on each Prometheus line: a real Prometheus holding recorded counts with a known incident, the
 * real service (engine, SQLite store, scheduler hook) with paging enabled, and the local fake PagerDuty
 * Events v2. The service pages when the budget burns, keeps the page through a PagerDuty outage, and
 * resolves after recovery.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from '../../support/fake-pagerduty-events.js';
import { prometheusLines } from '../../support/stack-tools.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { backfill } from '../support/backfill.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { startHarness, type Harness } from '../support/service-harness.js';
import { burnHistory, SLOT_SECONDS, type BurnHistory } from './burn-history.js';
import { availability, catalog } from './paging-fixtures.js';
import { ROUTING_KEY, writeRoutingKey } from './sender-harness.js';

// A past hour boundary, two days ago: the incident is 10:00–10:40 relative to it.
const end = Math.floor(Date.now() / 3_600_000) * 3600 - 2 * 86_400;
const incident = { from: end - 3 * 3600, to: end - 3 * 3600 + 40 * 60, badShare: 0.3 };
const at = (minutesFromIncident: number) => new Date((incident.from + minutesFromIncident * 60) * 1000);
const windows = [...new Set(['5m', ...availability.alertWindows.flatMap((w) => [w.longWindow, w.shortWindow])])];

const history: BurnHistory = burnHistory(availability.id, windows, end, incident);

describe.each(prometheusLines())('the service pages on-call through PagerDuty Events v2, reading Prometheus $name', (line) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let prometheus: PrometheusServer;
  let fake: FakePagerDutyEvents;
  let h: Harness;

  async function evaluateAt(date: Date) {
    h.now.value = date;
    return h.service.evaluator.evaluate();
  }

  async function metrics(): Promise<string> {
    return (await h.service.app.inject({ url: '/metrics' })).body;
  }

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-paging-e2e-');
    fake = await startFakePagerDutyEvents();
    await backfill(line.promtool, path.join(temp.dir, 'tsdb'), history.series);
    prometheus = await startPrometheus(path.join(temp.dir, 'tsdb'), { binary: line.prometheus });
    const keyFile = await writeRoutingKey(temp.dir);
    h = await startHarness(catalog, {
      clusters: [{ name: 'eu', url: prometheus.url, timeoutMs: 5000 }],
      paging: { enabled: true, eventsUrl: fake.url, routingKeys: { payments: keyFile }, retries: 0, minRetryDelay: '1s', pollInterval: '1s' },
    }, { now: at(-10) });
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
    await prometheus?.stop();
    await fake?.close();
    await temp?.remove();
  });

  it('stays quiet before the incident, and never pages SLOs without data', async () => {
    expect(incident.from % SLOT_SECONDS).toBe(0);
    const evaluation = await evaluateAt(at(-10));
    expect(evaluation.snapshots.find((s) => s.sloId === availability.id)?.status).toBe('ok');
    expect(evaluation.snapshots.find((s) => s.sloId === 'checkout-latency')?.status).toBe('no-data');
    expect(fake.requests).toEqual([]);
  });

  it('triggers one incident naming the SLO, budget and burn rate while the budget burns', async () => {
    await evaluateAt(at(15));
    await expect.poll(() => fake.events.length, { timeout: 15_000 }).toBe(1);
    const [event] = fake.events;
    expect(event).toMatchObject({ routing_key: ROUTING_KEY, event_action: 'trigger', dedup_key: 'burnrate/checkout-availability/{}/page', client: 'Burnrate' });
    const details = event!.payload!.custom_details!;
    expect(details).toMatchObject({ slo: 'checkout-availability', team: 'payments', service: 'checkout', burnrate_tier: 'page', objective: '99.9%', window: '30d' });
    // Burn rates and budget are the exact arithmetic of the recorded slots.
    const seconds = at(15).getTime() / 1000;
    const burn = (window: string) => {
      const t = history.truth(seconds, window === '5m' ? 300 : 3600);
      return t.bad / t.total / 0.001;
    };
    const burnRates = details.burn_rates as Record<string, number>;
    expect(burnRates['5m']).toBeCloseTo(burn('5m'), 6);
    expect(burnRates['1h']).toBeCloseTo(burn('1h'), 6);
    const month = history.truth(seconds, 30 * 86_400);
    const remaining = 1 - month.bad / (0.001 * month.total);
    expect(Math.abs((details.budget_remaining_ratio as number) - remaining)).toBeLessThan(0.01);
    expect(event!.payload!.summary).toBe(
      `checkout-availability: error budget burning ${Number(burnRates['1h']!.toPrecision(3))}x over 1h, ${Number(burnRates['5m']!.toPrecision(3))}x over 5m (pages above 14.4x over 1h and 5m); ${details.budget_remaining} of the 30d budget left`,
    );
    // Still burning: no second trigger.
    await evaluateAt(at(20));
    expect(await metrics()).toMatch(/burnrate_paging_events_sent_total\{action="trigger"\} 1\n/);
    expect(fake.events).toHaveLength(1);
  });

  it('keeps the resolve through a PagerDuty outage, visible in /metrics, and delivers it in order once PagerDuty recovers', async () => {
    fake.inject({ status: 500 }, Infinity);
    // Recovered at +40m; the 1h and 30m windows drain; clear from +105m, resolved 5 minutes later.
    await evaluateAt(at(105));
    await evaluateAt(at(110));
    await expect.poll(() => fake.requests.filter((r) => r.status === 500).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => /burnrate_paging_outbox_depth 1\n/.test(await metrics()), { timeout: 15_000 }).toBe(true);
    const evaluation = await evaluateAt(at(115));
    expect(evaluation.storeError).toBeUndefined();
    expect(fake.events.map((e) => e.event_action)).toEqual(['trigger']);

    fake.clearInjections();
    h.now.value = at(140);
    await expect.poll(() => fake.events.map((e) => e.event_action), { timeout: 15_000 }).toEqual(['trigger', 'resolve']);
    expect(fake.events[1]!.dedup_key).toBe(fake.events[0]!.dedup_key);
    await expect.poll(async () => /burnrate_paging_outbox_depth 0\n/.test(await metrics()), { timeout: 15_000 }).toBe(true);
  });
});
