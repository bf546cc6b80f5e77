/**
 * Every cluster through an existing distributed query layer: real Thanos Query over real Prometheus 3.x
 * servers through real Thanos sidecars. Cluster "eu" is an HA pair (two replicas holding the same counts,
 * external labels cluster="eu", replica="a"|"b"), cluster "us" one Prometheus. The real service, pointed at
 * Thanos Query with `clusterLabel: cluster`, gets the exact budgets per cluster and for the whole SLO (the HA
 * pair counted once); with the "us" sidecar down it marks "us" stale and the SLO partial, never zero; and two
 * `clusters` entries that are the two eu replicas are flagged as an HA pair listed twice (a log line, /readyz,
 * `burnrate_cluster_duplicate` and the status page).
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { cp } from 'node:fs/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackTool } from '../support/stack-tools.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startQuery, startSidecar, type ThanosComponent } from '../support/thanos.js';
import { backfill } from '../service/support/backfill.js';
import { knownDataset, SLOT_SECONDS, type KnownDataset } from '../service/support/known-counts.js';
import { startPrometheus, type PrometheusServer } from '../service/support/prometheus-server.js';
import { startHarness, type Harness } from '../service/support/service-harness.js';
import { catalogOf } from '../service/support/test-catalog.js';

const catalog = catalogOf([
  {
    service: 'shop',
    team: 'web',
    slos: { availability: { objective: 99.9, window: '7d', sli: { kind: 'ratio', errors: 'req_total{code="500"}', total: 'req_total' } } },
  },
]);
const SLO = 'shop-availability';
const slo = catalog.slos.find((s) => s.id === SLO)!;
const windows = [...new Set(['5m', ...slo.alertWindows.flatMap((w) => [w.longWindow, w.shortWindow])])];
const WEEK = 7 * 86_400;
const end = Math.floor(Date.now() / 1000 / SLOT_SECONDS) * SLOT_SECONDS;
// Half a slot after the last sample: every range then holds exactly its own slots.
const at = new Date((end + 30) * 1000);

/** Prometheus with external labels and the block durations a sidecar expects, over a backfilled TSDB. */
function prometheusConfig(labels: Record<string, string>): string {
  return `global:\n  evaluation_interval: 1m\n  external_labels:\n${Object.entries(labels).map(([k, v]) => `    ${k}: ${v}\n`).join('')}`;
}

describe('many clusters behind Thanos Query', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const prometheus: Record<string, PrometheusServer> = {};
  const sidecars: Record<string, ThanosComponent> = {};
  let query: ThanosComponent;
  let eu: KnownDataset;
  let us: KnownDataset;
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-thanos-');
    const known = [{ id: SLO, groups: [{}], windows }];
    eu = knownDataset('eu', known, end, 8);
    us = knownDataset('us', known, end, 8);
    const promtool = stackTool('prometheus', 'promtool');
    await backfill(promtool, path.join(temp.dir, 'eu-a'), eu.series);
    // The HA pair: both replicas hold the same counts, as two Prometheus servers scraping the same targets would.
    await cp(path.join(temp.dir, 'eu-a'), path.join(temp.dir, 'eu-b'), { recursive: true });
    await backfill(promtool, path.join(temp.dir, 'us'), us.series);
    const labels: Record<string, Record<string, string>> = { 'eu-a': { cluster: 'eu', replica: 'a' }, 'eu-b': { cluster: 'eu', replica: 'b' }, us: { cluster: 'us' } };
    for (const [name, external] of Object.entries(labels)) {
      const dir = path.join(temp.dir, name);
      prometheus[name] = await startPrometheus(dir, {
        binary: stackTool('prometheus', 'prometheus'),
        config: prometheusConfig(external),
        extraArgs: ['--storage.tsdb.min-block-duration=2h', '--storage.tsdb.max-block-duration=2h'],
      });
      sidecars[name] = await startSidecar(prometheus[name].url, dir);
    }
    query = await startQuery(Object.values(sidecars).map((s) => s.grpc), { replicaLabel: 'replica' });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(harnesses.map((h) => h.stop()));
    await query?.stop();
    await Promise.all(Object.values(sidecars).map((s) => s.stop()));
    await Promise.all(Object.values(prometheus).map((p) => p.stop()));
    await temp?.remove();
  });

  async function service(clusters: Record<string, unknown>[], logger = pino({ level: 'silent' })): Promise<Harness> {
    const h = await startHarness(catalog, { clusters, evaluation: { retries: 0 } }, { now: at, logger });
    harnesses.push(h);
    return h;
  }

  async function snapshotOf(h: Harness) {
    const evaluation = await h.service.evaluator.evaluate();
    return evaluation.snapshots.find((s) => s.sloId === SLO && Object.keys(s.group).length === 0)!;
  }

  const thanosCluster = () => ({ name: 'thanos', url: query.url, timeoutMs: 10_000, clusterLabel: 'cluster', expectedClusters: ['eu', 'us'] });

  it('answers with one series per cluster: the HA pair deduplicated, the replica label removed', async () => {
    const response = await fetch(`${query.url}/api/v1/query?query=${encodeURIComponent('count by (cluster, replica) (burnrate:slo_total_events)')}&time=${at.getTime() / 1000}`);
    const body = (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    const series = body.data.result.map((r) => [r.metric, Number(r.value[1])]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(series).toEqual([
      [{ cluster: 'eu' }, windows.length],
      [{ cluster: 'us' }, windows.length],
    ]);
  });

  it('gets the exact budget per cluster and for the whole SLO, the HA pair counted once', async () => {
    const h = await service([thanosCluster()]);
    const snapshot = await snapshotOf(h);
    const euWeek = eu.truth(SLO, {}, WEEK);
    const usWeek = us.truth(SLO, {}, WEEK);
    expect(snapshot.status).toBe('ok');
    const clusters = Object.fromEntries(snapshot.clusters.map((c) => [c.cluster, c]));
    expect(Object.keys(clusters).sort()).toEqual(['eu', 'us']);
    expect(clusters.eu!.status).toBe('ok');
    expect(clusters.eu!.totalEvents).toBeCloseTo(euWeek.total, 6);
    expect(clusters.eu!.goodEvents).toBeCloseTo(euWeek.good, 6);
    expect(clusters.us!.totalEvents).toBeCloseTo(usWeek.total, 6);
    expect(clusters.us!.goodEvents).toBeCloseTo(usWeek.good, 6);
    const total = euWeek.total + usWeek.total;
    const bad = total - (euWeek.good + usWeek.good);
    expect(snapshot.totalEvents).toBeCloseTo(total, 6);
    expect(snapshot.goodEvents).toBeCloseTo(euWeek.good + usWeek.good, 6);
    expect(snapshot.budget.remainingRatio!).toBeCloseTo(1 - bad / (0.001 * total), 9);
    // The API shows the same per-cluster counts.
    const api = (await h.service.app.inject({ url: `/api/v1/slos/${SLO}` })).json() as { clusters?: { cluster: string; totalEvents: number }[] };
    expect(JSON.stringify(api)).toContain('"cluster":"eu"');
  });

  it('flags both eu replicas listed as two clusters, with the reason, instead of silently doubling', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    const h = await service(
      [
        { name: 'eu-a', url: prometheus['eu-a']!.url },
        { name: 'eu-b', url: prometheus['eu-b']!.url },
        { name: 'us', url: prometheus.us!.url },
      ],
      logger,
    );
    await snapshotOf(h);
    const warnings = lines.map((l) => (JSON.parse(l) as { msg: string }).msg).filter((m) => m.includes('HA pair'));
    expect(warnings).toEqual([
      'clusters eu-a and eu-b look like replicas of one HA pair (external labels differ only in replica): their counts would be doubled; point Burnrate at Thanos Query or list one replica',
    ]);
  });

  it('shows the HA pair listed twice to an operator: /readyz, burnrate_cluster_duplicate and the status page', async () => {
    const h = await service([
      { name: 'eu-a', url: prometheus['eu-a']!.url },
      { name: 'eu-b', url: prometheus['eu-b']!.url },
      { name: 'us', url: prometheus.us!.url },
    ]);
    await snapshotOf(h);
    const message =
      'clusters eu-a and eu-b look like replicas of one HA pair (external labels differ only in replica): their counts would be doubled; point Burnrate at Thanos Query or list one replica';
    const ready = await h.service.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect((ready.json() as { clusterWarnings: unknown }).clusterWarnings).toEqual([{ clusters: ['eu-a', 'eu-b'], message }]);
    const metrics = (await h.service.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('burnrate_cluster_duplicate{cluster="eu-a"} 1');
    expect(metrics).toContain('burnrate_cluster_duplicate{cluster="eu-b"} 1');
    expect(metrics).toContain('burnrate_cluster_duplicate{cluster="us"} 0');
    expect((await h.service.app.inject({ url: '/status' })).body).toContain(`<li class="cluster-warning" data-clusters="eu-a eu-b">${message}</li>`);
    // Through Thanos Query, the pair is one cluster: nothing is flagged.
    const thanos = await service([thanosCluster()]);
    await snapshotOf(thanos);
    expect(((await thanos.service.app.inject({ url: '/readyz' })).json() as { clusterWarnings: unknown }).clusterWarnings).toEqual([]);
    expect((await thanos.service.app.inject({ url: '/metrics' })).body).toMatch(/burnrate_cluster_duplicate\{cluster="eu"\} 0\n/);
  });

  it('marks a cluster whose sidecar is down stale and the SLO partial, never zero', async () => {
    await sidecars.us!.stop();
    const h = await service([thanosCluster()]);
    const snapshot = await snapshotOf(h);
    const euWeek = eu.truth(SLO, {}, WEEK);
    expect(snapshot.status).toBe('partial');
    const clusters = Object.fromEntries(snapshot.clusters.map((c) => [c.cluster, c]));
    expect(clusters.eu).toMatchObject({ status: 'ok' });
    expect(clusters.eu!.totalEvents).toBeCloseTo(euWeek.total, 6);
    expect(clusters.us).toMatchObject({ status: 'stale', goodEvents: null, totalEvents: null });
    expect(clusters.us!.error).toMatch(/^us: partial response from thanos: /);
    expect(snapshot.totalEvents).toBeCloseTo(euWeek.total, 6);
  });
});
