/**
 * Collectors against a real Prometheus (each line) holding backfilled count series of known values: batched
 * queries return exactly the known counts, through a path prefix and an auth gateway; a dead cluster is stale.
 */
import http from 'node:http';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../../src/service/collect/collector.js';
import { PrometheusClient } from '../../../src/service/collect/prometheus-client.js';
import type { ClusterConfig } from '../../../src/service/config/config-schema.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { freePort } from '../../support/ports.js';
import { prometheusLines } from '../../support/stack-tools.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { backfill } from '../support/backfill.js';
import { knownDataset, SLOT_SECONDS, type KnownDataset } from '../support/known-counts.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { catalogOf } from '../support/test-catalog.js';

const catalog = catalogOf([
  {
    service: 'shop',
    team: 'web',
    slos: {
      availability: { objective: 99.9, window: '7d', sli: { kind: 'ratio', errors: 'req_total{code="500"}', total: 'req_total' } },
      latency: { objective: 99, window: '1d', groupBy: ['route'], sli: { kind: 'latency', histogram: 'lat_seconds', threshold: '300ms' } },
    },
  },
]);
const slos = catalog.slos as unknown as Slo[];
const windowsOf = (id: string) => {
  const slo = catalog.slos.find((s) => s.id === id)!;
  return [...new Set(['5m', ...slo.alertWindows.flatMap((w) => [w.longWindow, w.shortWindow])])];
};
const known = [
  { id: 'shop-availability', groups: [{}], windows: windowsOf('shop-availability') },
  { id: 'shop-latency', groups: [{ route: '/a' }, { route: '/b' }], windows: windowsOf('shop-latency') },
];
const rangeOf = (slo: Slo) => (slo.window.kind === 'rolling' ? slo.window.days * 86_400 : 0);
const end = Math.floor(Date.now() / 1000 / SLOT_SECONDS) * SLOT_SECONDS;
// Half a slot after the last sample: every range then holds exactly its own slots.
const at = new Date((end + 30) * 1000);
// A deadline far beyond what these queries take: the bounded path is the one every test goes through.
const options = { batchSize: 100, concurrency: 4, retries: 1, minBackoffMs: 10, deadlineMs: 45_000 };

describe.each(prometheusLines())('collect from Prometheus $name', (line) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let prometheus: PrometheusServer;
  let gateway: http.Server;
  let gatewayUrl: string;
  let data: KnownDataset;
  const clients: PrometheusClient[] = [];

  async function client(config: Partial<ClusterConfig> & { name: string; url: string }): Promise<PrometheusClient> {
    const c = await PrometheusClient.create({ headers: {}, timeoutMs: 5000, ...config });
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    temp = await makeTempDir();
    data = knownDataset('eu', known, end, 7);
    const dataDir = path.join(temp.dir, 'eu');
    await backfill(line.promtool, dataDir, data.series);
    prometheus = await startPrometheus(dataDir, { binary: line.prometheus, routePrefix: '/prometheus' });
    // A gateway in front, like Mimir's: it rejects requests without the tenant header and token.
    const port = await freePort();
    gateway = http.createServer((req, res) => {
      if (req.headers['x-scope-orgid'] !== 'tenant-a' || req.headers.authorization !== 'Bearer s3cret') {
        res.writeHead(401).end('no tenant');
        return;
      }
      const upstream = http.request(`${prometheus.url.replace('/prometheus', '')}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => gateway.listen(port, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${port}/prometheus`;
    await writeFile(path.join(temp.dir, 'token'), 's3cret\n');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    gateway?.close();
    await prometheus?.stop();
    await temp?.remove();
  });

  it('returns the exact known counts for every SLO, group, alert window and the whole window', async () => {
    const eu = await client({ name: 'eu', url: prometheus.url });
    const result = await collect([eu], slos, rangeOf, at, options);
    expect(result.clusters).toEqual([expect.objectContaining({ cluster: 'eu', failedQueries: 0 })]);
    for (const slo of known) {
      const days = slos.find((s) => s.id === slo.id)!.window;
      const seconds = days.kind === 'rolling' ? days.days * 86_400 : 0;
      for (const group of slo.groups) {
        const obs = result.observations.find((o) => o.sloId === slo.id && JSON.stringify(o.group) === JSON.stringify(group));
        const counts = obs!.clusters[0]!;
        expect(counts.status).toBe('ok');
        const truth = data.truth(slo.id, group, seconds);
        expect(counts.window!.total).toBeCloseTo(truth.total, 6);
        expect(counts.window!.good).toBeCloseTo(truth.good, 6);
        for (const window of slo.windows) {
          const expected = data.truth(slo.id, group, parseWindow(window));
          expect(counts.alertWindows[window]).toEqual(expected);
        }
      }
    }
  });

  it('adds a whole-SLO observation to grouped SLOs whose counts are the sums of the groups', async () => {
    const eu = await client({ name: 'eu', url: prometheus.url });
    const result = await collect([eu], slos, rangeOf, at, options);
    const whole = result.observations.find((o) => o.sloId === 'shop-latency' && Object.keys(o.group).length === 0)!;
    const a = data.truth('shop-latency', { route: '/a' }, 86_400);
    const b = data.truth('shop-latency', { route: '/b' }, 86_400);
    expect(whole.clusters[0]!.window!.total).toBeCloseTo(a.total + b.total, 6);
    for (const window of windowsOf('shop-latency')) {
      const seconds = parseWindow(window);
      const sum = data.truth('shop-latency', { route: '/a' }, seconds).good + data.truth('shop-latency', { route: '/b' }, seconds).good;
      expect(whole.clusters[0]!.alertWindows[window]!.good).toBe(sum);
    }
    expect(result.observations.filter((o) => o.sloId === 'shop-latency')).toHaveLength(3);
  });

  it('gives the same counts whatever the batch size', async () => {
    const eu = await client({ name: 'eu', url: prometheus.url });
    // SLOs of one period share their queries (their windows are composed alike); a twin makes a batch of two.
    const withTwin = [...slos, { ...slos[0]!, id: 'shop-availability-twin' }];
    const big = await collect([eu], withTwin, rangeOf, at, options);
    const small = await collect([eu], withTwin, rangeOf, at, { ...options, batchSize: 1, concurrency: 1 });
    expect(small.clusters[0]!.queries).toBeGreaterThan(big.clusters[0]!.queries);
    expect(small.observations).toEqual(big.observations);
  });

  it('sends the bearer token and tenant header a gateway requires', async () => {
    const denied = await client({ name: 'gw-denied', url: gatewayUrl });
    const allowed = await client({
      name: 'gw',
      url: gatewayUrl,
      bearerTokenFile: path.join(temp.dir, 'token'),
      headers: { 'X-Scope-OrgID': 'tenant-a' },
    });
    const result = await collect([allowed, denied], slos, rangeOf, at, options);
    const obs = result.observations.find((o) => o.sloId === 'shop-availability')!;
    expect(obs.clusters.map((c) => [c.cluster, c.status])).toEqual([
      ['gw', 'ok'],
      ['gw-denied', 'stale'],
    ]);
    expect(obs.clusters[1]!.error).toContain('401');
    expect(obs.clusters[0]!.window!.total).toBeCloseTo(data.truth('shop-availability', {}, 7 * 86_400).total, 6);
  });

  it('marks an unreachable cluster stale with its error and no counts, never zero', async () => {
    const eu = await client({ name: 'eu', url: prometheus.url });
    const dead = await client({ name: 'dead', url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 1000 });
    const result = await collect([eu, dead], slos, rangeOf, at, options);
    const report = result.clusters.find((c) => c.cluster === 'dead')!;
    expect(report.failedQueries).toBe(report.queries);
    expect(report.error).toMatch(/dead: /);
    for (const obs of result.observations) {
      const stale = obs.clusters.find((c) => c.cluster === 'dead')!;
      expect(stale).toEqual({ cluster: 'dead', status: 'stale', error: report.error, alertWindows: {} });
      expect(obs.clusters.find((c) => c.cluster === 'eu')!.status).toBe('ok');
    }
  });

  it('makes a cluster whose real answer is over its maxResponseBytes stale, naming the cap', async () => {
    const eu = await client({ name: 'eu', url: prometheus.url });
    const capped = await client({ name: 'capped', url: prometheus.url, maxResponseBytes: 512 });
    const result = await collect([eu, capped], slos, rangeOf, at, options);
    expect(result.clusters.map((c) => [c.cluster, c.error])).toEqual([
      ['eu', undefined],
      ['capped', 'capped: response larger than the 512 bytes cap (maxResponseBytes): stopped reading it'],
    ]);
  });
});

function parseWindow(text: string): number {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text)!;
  return Number(match[1] ?? 0) * 86_400 + Number(match[2] ?? 0) * 3600 + Number(match[3] ?? 0) * 60;
}
