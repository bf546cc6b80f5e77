/**
 * Two real replicas on one real PostgreSQL database, reading a real Prometheus that holds a burning SLO,
 * paging the local fake PagerDuty, with catalogs that differ (a rolling deploy: the second replica's
 * catalog no longer has the burning SLO). Each replica runs its scheduler's turn in alternation, as their
 * timers would. Before leadership, each decided against its own catalog and the page flapped every
 * evaluation; now one replica decides: one trigger while it leads, one resolve when the other takes over.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from '../../support/fake-pagerduty-events.js';
import { prometheusLines } from '../../support/stack-tools.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { backfill } from '../support/backfill.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { startHarness, type Harness } from '../support/service-harness.js';
import { catalogOf } from '../support/test-catalog.js';
import { burnHistory } from '../paging/burn-history.js';
import { availability, catalog } from '../paging/paging-fixtures.js';
import { writeRoutingKey } from '../paging/sender-harness.js';
import { adminQuery, postgresUrl } from '../store/store-targets.js';

const end = Math.floor(Date.now() / 3_600_000) * 3600 - 2 * 86_400;
const incident = { from: end - 3 * 3600, to: end - 3 * 3600 + 40 * 60, badShare: 0.3 };
const at = (minutes: number) => new Date((incident.from + minutes * 60) * 1000);
const windows = [...new Set(['5m', ...availability.alertWindows.flatMap((w) => [w.longWindow, w.shortWindow])])];
const history = burnHistory(availability.id, windows, end, incident);

// The same services, minus the burning SLO: what a replica on the next catalog version serves.
const nextCatalog = catalogOf([
  { service: 'checkout', team: 'payments', slos: { latency: { objective: 99, groupBy: ['route'], sli: { kind: 'latency', histogram: 'http_request_duration_seconds{job="checkout"}', threshold: '300ms' } } } },
]);

describe('two replicas with different catalogs on one PostgreSQL', () => {
  const line = prometheusLines().find((l) => l.name === '3.x')!;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let prometheus: PrometheusServer;
  let fake: FakePagerDutyEvents;
  let database: { name: string; url: string };
  let a: Harness;
  let b: Harness;

  async function rows(sql: string): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }

  /** One scheduler turn of each replica at `minutes`: the leader evaluates, the standby follows. */
  async function turn(minutes: number): Promise<void> {
    for (const replica of [a, b]) {
      replica.now.value = at(minutes);
      await replica.service.elector!.tick();
      await replica.service.scheduler.tick();
      if (!replica.service.elector!.isLeader) await replica.service.evaluator.follow();
    }
  }

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-replicas-');
    fake = await startFakePagerDutyEvents();
    await backfill(line.promtool, path.join(temp.dir, 'tsdb'), history.series);
    prometheus = await startPrometheus(path.join(temp.dir, 'tsdb'), { binary: line.prometheus });
    const admin = await postgresUrl();
    const name = `burnrate_replicas_${randomBytes(6).toString('hex')}`;
    await adminQuery(admin, `create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    database = { name, url: url.toString() };
    const keyFile = await writeRoutingKey(temp.dir);
    const config = {
      store: { databaseUrl: database.url },
      clusters: [{ name: 'eu', url: prometheus.url, timeoutMs: 5000 }],
      paging: { enabled: true, eventsUrl: fake.url, routingKeys: { payments: keyFile }, retries: 0, minRetryDelay: '1s', pollInterval: '1s' },
      leadership: { ttl: '4s', renewInterval: '1s' },
    };
    a = await startHarness(catalog, config, { now: at(-10), elect: true, replica: 'replica-a' });
    await a.service.elector!.tick();
    b = await startHarness(nextCatalog, config, { now: at(-10), elect: true, replica: 'replica-b' });
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await prometheus?.stop();
    await fake?.close();
    if (database) await adminQuery(await postgresUrl(), `drop database ${database.name} with (force)`);
    await temp?.remove();
  });

  it('the first replica leads; the standby serves its evaluations, each stored once', async () => {
    for (const minutes of [0, 5, 10]) await turn(minutes);
    expect(a.service.elector!.isLeader).toBe(true);
    expect(b.service.elector!.isLeader).toBe(false);
    expect(b.service.evaluator.latest?.at).toEqual(at(10));
    expect(b.service.evaluator.latest?.snapshots.map((s) => s.sloId)).toContain(availability.id);
    const ready = JSON.parse((await b.service.app.inject({ url: '/readyz' })).body) as { role: string };
    expect(ready.role).toBe('standby');
    // The evaluation at election and three turns, each stored once: one row per SLO group and instant.
    const duplicates = await rows('select slo_id, group_key, at, count(*) from budget_snapshots group by 1, 2, 3 having count(*) > 1');
    expect(duplicates).toEqual([]);
    const instants = await rows('select distinct at from budget_snapshots order by at');
    expect(instants.map((r) => Number(r.at))).toEqual([at(-10), at(0), at(5), at(10)].map((d) => d.getTime()));
  }, 60_000);

  it('pages once while the burn lasts, though the standby has no such SLO', async () => {
    for (const minutes of [15, 16, 17, 18, 19, 20]) await turn(minutes);
    await expect.poll(() => fake.events.length, { timeout: 15_000 }).toBe(1);
    expect(fake.events.map((e) => e.event_action)).toEqual(['trigger']);
  }, 60_000);

  it('after the leader crashes, the other replica takes over once, resolves the page its catalog dropped, and the old one stays standby', async () => {
    // a stops renewing (a crash) and its lease runs out; b, whose catalog is the newest, takes it.
    await expect
      .poll(async () => {
        b.now.value = at(21);
        await b.service.elector!.tick();
        return b.service.elector!.isLeader;
      }, { timeout: 15_000, interval: 500 })
      .toBe(true);
    // a comes back: it finds the lease taken and stands by; the turns go on.
    for (const minutes of [21, 22, 23, 24]) await turn(minutes);
    expect(a.service.elector!.isLeader).toBe(false);
    await expect.poll(() => fake.events.length, { timeout: 15_000 }).toBe(2);
    for (const minutes of [25, 26, 27]) await turn(minutes);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(fake.events.map((e) => `${e.event_action} ${e.dedup_key}`)).toEqual([
      `trigger burnrate/${availability.id}/{}/page`,
      `resolve burnrate/${availability.id}/{}/page`,
    ]);
    const lease = await rows('select holder, epoch from leader_lease');
    expect(lease).toEqual([{ holder: 'replica-b', epoch: '2' }]);
  }, 90_000);
});
