/**
 * A burning SLO for the paging scenarios: a real Prometheus (3.x) whose recording rules write constant
 * recorded counts for checkout-availability (10% of events bad in every window: 100× the 99.9% budget),
 * so the service reads a burn at wall-clock time; the catalogs with and without that SLO; the local fake
 * PagerDuty Events v2 behind a small proxy that tells the replicas apart and can hold one answer back.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { RECORDED } from '../../src/core/conventions/metrics.js';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from '../../test/support/fake-pagerduty-events.js';
import { catalogOf, writeCatalog } from '../../test/service/support/test-catalog.js';
import { startPrometheus, type PrometheusServer } from '../lib/prometheus-server.js';

export const BURNING_SLO = 'checkout-availability';
const ROUTING_KEY = 'R0UT1NGKEY0PAYMENTS0000000000001';

const search = {
  service: 'search',
  team: 'payments',
  slos: { availability: { objective: 99.5, window: '7d' as const, sli: { kind: 'ratio' as const, errors: 'q_total{code="500"}', total: 'q_total' }, alerting: { page: false as const } } },
};
const checkout = {
  service: 'checkout',
  team: 'payments',
  slos: { availability: { objective: 99.9, sli: { kind: 'ratio' as const, errors: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' } } },
};

/** The catalog with the burning SLO, and one without it (a replica whose catalog is behind). */
export const withBurningSlo = catalogOf([checkout, search]);
export const withoutBurningSlo = catalogOf([search]);

export async function writeCatalogs(dir: string): Promise<{ full: string; stale: string }> {
  const full = path.join(dir, 'catalog-full.json');
  const stale = path.join(dir, 'catalog-stale.json');
  await writeCatalog(full, withBurningSlo);
  await writeCatalog(stale, withoutBurningSlo);
  return { full, stale };
}

/** A real Prometheus recording, every second, 9,000 good of 10,000 events in each window of the burning SLO. */
export async function startBurningPrometheus(dir: string): Promise<PrometheusServer> {
  const slo = withBurningSlo.slos.find((s) => s.id === BURNING_SLO);
  if (!slo) throw new Error(`${BURNING_SLO} missing from the catalog`);
  const windows = [...new Set(['5m', ...slo.alertWindows.flatMap((w) => [w.longWindow, w.shortWindow])])];
  const rules = windows.flatMap((window) => [
    `      - record: ${RECORDED.goodEvents}\n        expr: vector(9000)\n        labels: { slo: ${BURNING_SLO}, window: ${window} }`,
    `      - record: ${RECORDED.totalEvents}\n        expr: vector(10000)\n        labels: { slo: ${BURNING_SLO}, window: ${window} }`,
  ]);
  await mkdir(path.join(dir, 'tsdb'), { recursive: true });
  const ruleFile = path.join(dir, 'burning.rules.yml');
  await writeFile(ruleFile, `groups:\n  - name: burning\n    interval: 1s\n    rules:\n${rules.join('\n')}\n`);
  return startPrometheus(path.join(dir, 'tsdb'), { ruleFiles: [ruleFile], evaluationInterval: '1s' });
}

export interface Delivery {
  /** The replica whose sender made the request (from its eventsUrl path). */
  replica: string;
  dedupKey: string;
  action: string;
  /** performance.now() when it reached the proxy. */
  at: number;
}

export interface PagerDuty {
  fake: FakePagerDutyEvents;
  /** The eventsUrl for one replica's config. */
  eventsUrl: (replica: string) => string;
  deliveries: Delivery[];
  /** Called when the first request arrives (already passed to the fake); its answer is then withheld for `holdMs`. */
  onFirst?: (delivery: Delivery) => void;
  close: () => Promise<void>;
}

/**
 * The fake PagerDuty behind a proxy at /<replica>/v2/enqueue: every request goes on to the fake (which
 * enforces the Events v2 contract and records accepted events), and the first answer can be held back, as
 * if PagerDuty accepted the event and the sender crashed before hearing so.
 */
export async function startPagerDuty(options: { holdFirstMs?: number } = {}): Promise<PagerDuty> {
  const fake = await startFakePagerDutyEvents();
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const replica = /^\/([^/]+)\/v2\/enqueue$/.exec(req.url ?? '')?.[1] ?? '?';
      try {
        const answer = await fetch(fake.url, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body });
        const text = await answer.text();
        let parsed: { dedup_key?: string; event_action?: string } = {};
        try {
          parsed = JSON.parse(body.toString()) as typeof parsed;
        } catch {
          // the fake rejected it
        }
        const delivery = { replica, dedupKey: parsed.dedup_key ?? '?', action: parsed.event_action ?? '?', at: performance.now() };
        deliveries.push(delivery);
        if (deliveries.length === 1 && options.holdFirstMs) {
          pagerDuty.onFirst?.(delivery);
          await new Promise<void>((resolve) => {
            setTimeout(resolve, options.holdFirstMs).unref();
            res.once('close', () => resolve());
          });
        }
        if (!res.destroyed) res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
      } catch {
        if (!res.destroyed) res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const pagerDuty: PagerDuty = {
    fake,
    eventsUrl: (replica) => `http://127.0.0.1:${port}/${replica}/v2/enqueue`,
    deliveries,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
  return pagerDuty;
}

/** Writes the routing key file; returns the `paging` config section for one replica. */
export async function pagingSection(dir: string, pagerDuty: PagerDuty, replica: string): Promise<Record<string, unknown>> {
  const keyFile = path.join(dir, 'payments.key');
  await writeFile(keyFile, `${ROUTING_KEY}\n`);
  return { enabled: true, eventsUrl: pagerDuty.eventsUrl(replica), routingKeys: { payments: keyFile } };
}

/** Trigger and resolve events PagerDuty accepted, per dedup key. */
export function eventsPerKey(fake: FakePagerDutyEvents): Map<string, { trigger: number; resolve: number }> {
  const counts = new Map<string, { trigger: number; resolve: number }>();
  for (const event of fake.events) {
    const entry = counts.get(event.dedup_key) ?? { trigger: 0, resolve: 0 };
    if (event.event_action === 'trigger') entry.trigger++;
    if (event.event_action === 'resolve') entry.resolve++;
    counts.set(event.dedup_key, entry);
  }
  return counts;
}

/** A paging replica's config: the burning cluster, one shared database, evaluations every 5 s. */
export async function pagingReplicaConfig(o: {
  name: string;
  dir: string;
  catalog: string;
  prometheusUrl: string;
  databaseUrl: string;
  pagerDuty: PagerDuty;
  leadership?: Record<string, string>;
}): Promise<Record<string, unknown>> {
  return {
    catalog: { path: o.catalog, watch: false },
    clusters: [{ name: 'eu', url: o.prometheusUrl }],
    evaluation: { interval: '5s' },
    ...(o.leadership ? { leadership: o.leadership } : {}),
    store: { databaseUrl: o.databaseUrl },
    paging: await pagingSection(o.dir, o.pagerDuty, o.name),
    log: { level: 'info' },
  };
}
