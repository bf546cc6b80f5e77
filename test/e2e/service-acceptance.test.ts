/**
 * Acceptance, on each Prometheus line: two clusters, each a real Prometheus over its own TSDB backfilled
 * (promtool) with 30 days of recorded counts of exactly known values (five-minute counts every minute, 30 days). The API's budget numbers must equal the exact sums within 0.5%;
 * with one cluster stopped its data is stale, the SLO partial, and everything keeps answering.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarPeriod } from '../../src/service/engine/calendar-period.js';
import { parseDurationMs } from '../../src/core/model/duration.js';
import { prometheusLines } from '../support/stack-tools.js';
import { makeTempDir } from '../support/temp-dir.js';
import { backfill } from '../service/support/backfill.js';
import { knownDataset, SLOT_SECONDS, type KnownDataset, type KnownSlo, type SlotCounts } from '../service/support/known-counts.js';
import { startPrometheus, type PrometheusServer } from '../service/support/prometheus-server.js';
import { startHarness, type Harness } from '../service/support/service-harness.js';
import { catalogOf } from '../service/support/test-catalog.js';

const catalog = catalogOf([
  {
    service: 'shop',
    team: 'web',
    slos: {
      availability: { objective: 98, window: '30d', sli: { kind: 'ratio', errors: 'req_total{code="500"}', total: 'req_total' } },
      latency: { objective: 97.5, window: '28d', groupBy: ['route'], sli: { kind: 'latency', histogram: 'lat_seconds', threshold: '300ms' } },
      monthly: { objective: 98, window: { calendar: 'month', timeZone: 'Europe/Berlin' }, sli: { kind: 'ratio', good: 'pv_total{ok="1"}', total: 'pv_total' } },
    },
  },
]);
const sloById = new Map(catalog.slos.map((s) => [s.id, s]));
const windowsOf = (id: string) => {
  const slo = sloById.get(id)!;
  return [...new Set(['5m', ...slo.alertWindows.flatMap((w) => [w.longWindow, w.shortWindow])])];
};
const known: KnownSlo[] = [
  { id: 'shop-availability', groups: [{}], windows: windowsOf('shop-availability') },
  { id: 'shop-latency', groups: [{ route: '/a' }, { route: '/b' }], windows: windowsOf('shop-latency') },
  { id: 'shop-monthly', groups: [{}], windows: windowsOf('shop-monthly') },
];

/** Mid-month in the past, so the calendar SLO has half a month of data whatever day the test runs. */
function evaluationEnd(): number {
  const now = new Date();
  const month = now.getUTCDate() >= 16 ? now.getUTCMonth() : now.getUTCMonth() - 1;
  return Date.UTC(now.getUTCFullYear(), month, 15, 12, 0, 0) / 1000;
}
const end = evaluationEnd();
const at = new Date((end + 30) * 1000);

const clusters: { name: string; data: KnownDataset }[] = [
  // The five-minute counts every minute, as rules evaluated each minute record them.
  { name: 'eu', data: knownDataset('eu', known, end, 30, 60) },
  { name: 'us', data: knownDataset('us', known, end, 30, 60) },
];

function windowSecondsOf(id: string): number {
  const slo = sloById.get(id)!;
  if (slo.window.kind === 'rolling') return slo.window.days * 86_400;
  return end - calendarPeriod(slo.window, at).start.getTime() / 1000;
}

function truth(id: string, group: Record<string, string>, seconds: number, which = clusters): SlotCounts {
  const sum = { good: 0, total: 0 };
  for (const c of which) {
    const t = c.data.truth(id, group, seconds);
    sum.good += t.good;
    sum.total += t.total;
  }
  return sum;
}

function expectWithin(actual: number | null, expected: number, share = 0.005): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * share + 1e-9);
}

function checkSnapshot(snapshot: Record<string, any>, id: string, group: Record<string, string>, which = clusters): void {
  const slo = sloById.get(id)!;
  const budget = 1 - slo.objectivePercent / 100;
  const t = truth(id, group, windowSecondsOf(id), which);
  expectWithin(snapshot.totalEvents, t.total);
  expectWithin(snapshot.goodEvents, t.good);
  expectWithin(snapshot.budget.consumedBadEvents, t.total - t.good);
  expectWithin(snapshot.budget.allowedBadEvents, budget * t.total);
  const remaining = 1 - (t.total - t.good) / (budget * t.total);
  expect(Math.abs(snapshot.budget.remainingRatio - remaining)).toBeLessThanOrEqual(0.005);
  for (const window of windowsOf(id)) {
    const w = truth(id, group, (parseDurationMs(window) ?? 0) / 1000, which);
    const reading = snapshot.burnRates.find((r: { window: string }) => r.window === window);
    expectWithin(reading.burnRate, (1 - w.good / w.total) / budget);
  }
}

describe.each(prometheusLines())('on Prometheus $name', (line) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const servers = new Map<string, PrometheusServer>();
  let h: Harness;

  async function api(url: string) {
    const response = await h.service.app.inject({ url });
    return { status: response.statusCode, body: response.json() as Record<string, any> };
  }

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-acceptance-');
    await Promise.all(clusters.map((c) => backfill(line.promtool, path.join(temp.dir, c.name), c.data.series)));
    for (const c of clusters) servers.set(c.name, await startPrometheus(path.join(temp.dir, c.name), { binary: line.prometheus }));
    h = await startHarness(catalog, {
      clusters: clusters.map((c) => ({ name: c.name, url: servers.get(c.name)!.url, timeoutMs: 5000 })),
      evaluation: { retries: 1 },
    }, { now: at });
    await h.service.evaluator.evaluate();
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
    await Promise.all([...servers.values()].map((server) => server.stop()));
    await temp?.remove();
  });

  describe('budgets across two clusters', () => {
    it.each(['shop-availability', 'shop-monthly'])('%s: the API numbers equal the exact sums of both clusters', async (id) => {
      const { body } = await api(`/api/v1/slos/${id}`);
      expect(body.status).toBe('ok');
      checkSnapshot(body.snapshot, id, {});
      for (const c of clusters) {
        const cluster = body.snapshot.clusters.find((x: { cluster: string }) => x.cluster === c.name);
        expect(cluster.status).toBe('ok');
        expectWithin(cluster.totalEvents, c.data.truth(id, {}, windowSecondsOf(id)).total);
      }
    });

    it('counts the calendar month to date in its time zone', async () => {
      const { body } = await api('/api/v1/slos/shop-monthly');
      const start = calendarPeriod({ unit: 'month', timeZone: 'Europe/Berlin' }, at).start;
      expect(body.snapshot.windowStart).toBe(start.toISOString());
      expect(body.snapshot.periodStart).toBe(start.toISOString());
      expect(windowSecondsOf('shop-monthly') % SLOT_SECONDS).toBe(0);
    });

    it('gives every group its own exact budget, and the whole SLO their sum', async () => {
      const { body } = await api('/api/v1/slos/shop-latency');
      expect(body.groups.map((g: { group: Record<string, string> }) => g.group)).toEqual([{ route: '/a' }, { route: '/b' }]);
      for (const g of body.groups) checkSnapshot(g, 'shop-latency', g.group);
      const a = truth('shop-latency', { route: '/a' }, windowSecondsOf('shop-latency'));
      const b = truth('shop-latency', { route: '/b' }, windowSecondsOf('shop-latency'));
      expectWithin(body.snapshot.totalEvents, a.total + b.total);
      const list = await api('/api/v1/slos');
      expect(list.body.slos.find((s: { id: string }) => s.id === 'shop-latency')).toMatchObject({ status: 'ok', groups: 2, staleClusters: [] });
    });

    it('exports /metrics that promtool accepts, with the budgets as gauges', async () => {
      const text = (await h.service.app.inject({ url: '/metrics' })).body;
      // promtool reads the exposition from stdin and lints names, types and help texts.
      const check = spawnSync(line.promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(`${check.stdout}${check.stderr}`).toBe('');
      expect(check.status).toBe(0);
      const gauge = text.split('\n').find((l) => l.startsWith('burnrate_slo_budget_remaining_ratio{slo="shop-availability",group=""}'))!;
      const { body } = await api('/api/v1/slos/shop-availability');
      expect(Number(gauge.split(' ').at(-1))).toBeCloseTo(body.snapshot.budget.remainingRatio, 9);
      expect(text).toContain('burnrate_cluster_stale{cluster="us"} 0');
    });
  });

  describe('a cluster goes away', () => {
    beforeAll(async () => {
      await servers.get('us')!.stop();
      await h.service.evaluator.evaluate();
    });

    it('marks its data stale and the SLO partial; the rest is counted from the live cluster only', async () => {
      const { status, body } = await api('/api/v1/slos/shop-availability');
      expect(status).toBe(200);
      expect(body.status).toBe('partial');
      const us = body.snapshot.clusters.find((c: { cluster: string }) => c.cluster === 'us');
      expect(us).toMatchObject({ status: 'stale', goodEvents: null, totalEvents: null });
      expect(us.error).toMatch(/^us: /);
      checkSnapshot(body.snapshot, 'shop-availability', {}, [clusters[0]!]);
      const list = await api('/api/v1/slos');
      for (const slo of list.body.slos) expect(slo).toMatchObject({ status: 'partial', staleClusters: ['us'] });
    });

    it('says so on /metrics and stays ready', async () => {
      const text = (await h.service.app.inject({ url: '/metrics' })).body;
      expect(text).toContain('burnrate_cluster_stale{cluster="us"} 1');
      expect(text).toMatch(/burnrate_collector_errors_total\{cluster="us"\} [1-9]/);
      expect(text).toContain('burnrate_slo_status{slo="shop-availability",status="partial"} 1');
      expect((await api('/readyz')).status).toBe(200);
    });
  });
});
