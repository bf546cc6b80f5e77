/**
 * The status page of a service with discovered catalogs, in a real Chromium: every catalog source with its
 * state and SLO count, an SLO id two sources define refused and named with both sources, a broken source
 * (whose file name is markup) shown as text, two clusters that are one HA pair flagged; and after the teams
 * fix their catalogs, the next refresh shows the refused SLO back and the problems gone. The catalogs are
 * read from a directory by the real DiscoveredCatalogs; the app is the real buildApp.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveredCatalogs } from '../../../../src/service/catalog/discovered-catalogs.js';
import { catalogConfigSchema } from '../../../../src/service/config/catalog-config.js';
import { SpanCounter } from '../../../../src/service/otlp/span-counter.js';
import type { Evaluation } from '../../../../src/service/scheduler/evaluator.js';
import { buildApp } from '../../../../src/service/server/build-app.js';
import { createStore } from '../../../../src/service/store/create-store.js';
import type { Logger } from '../../../../src/service/telemetry/logger.js';
import { createServiceMetrics } from '../../../../src/service/telemetry/service-metrics.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { catalogOf, writeCatalog } from '../../support/test-catalog.js';
import { launchChromium, type Chromium } from './support/chromium.js';

const ratio = { kind: 'ratio', errors: 'e_total', total: 't_total' } as const;
const webShop = catalogOf([{ service: 'checkout', team: 'web-shop', slos: { availability: { objective: 99.9, sli: ratio }, latency: { objective: 99, sli: ratio } } }]);
const payments = catalogOf([{ service: 'payments', team: 'payments', slos: { authorize: { objective: 99.95, sli: ratio } } }]);
const HOSTILE_FILE = 'team-c"><img src="x" onerror="alert(1)">.json';
const HA_MESSAGE = 'clusters eu-a and eu-b look like replicas of one HA pair (external labels differ only in replica): their counts would be doubled; point Burnrate at Thanos Query or list one replica';
const NOW = new Date('2026-03-10T09:30:00Z');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let browser: Chromium;
let catalogs: DiscoveredCatalogs;
let close: () => Promise<void>;
let url: string;
const requests: string[] = [];
const problems: string[] = [];

function evaluation(): Evaluation {
  const report = (cluster: string, other: string) => ({ cluster, queries: 4, failedQueries: 0, durationMs: 20, duplicates: [{ cluster: other, message: HA_MESSAGE }] });
  return { at: NOW, catalogVersion: catalogs.current.version, durationMs: 40, snapshots: [], clusters: [report('eu-a', 'eu-b'), report('eu-b', 'eu-a'), { cluster: 'us', queries: 4, failedQueries: 0, durationMs: 20 }] };
}

async function open(pathname: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${url}${pathname}`);
  return page;
}

const sourceRows = (page: Page) =>
  page.locator('#catalog-sources tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).slice(0, 4).map((td) => td.textContent ?? '')));
const metrics = async () => (await fetch(`${url}/metrics`)).text();

beforeAll(async () => {
  temp = await makeTempDir('burnrate-status-sources-');
  const dir = path.join(temp.dir, 'catalogs');
  await mkdir(dir);
  await writeCatalog(path.join(dir, 'web-shop.json'), webShop);
  await writeCatalog(path.join(dir, 'payments.json'), payments);
  await writeCatalog(path.join(dir, 'payments-copy.json'), payments);
  await writeFile(path.join(dir, HOSTILE_FILE), '{ "broken');
  const metricsSet = createServiceMetrics();
  catalogs = new DiscoveredCatalogs({ config: catalogConfigSchema.parse({ directory: dir }), clock: () => NOW, registry: metricsSet.registry });
  await catalogs.load();
  const store = createStore({ sqlitePath: path.join(temp.dir, 'burnrate.db') });
  await store.migrate();
  let latest: Evaluation | undefined = evaluation();
  const app = await buildApp({
    catalog: () => catalogs.current,
    latest: () => latest,
    store,
    registry: metricsSet.registry,
    metrics: metricsSet,
    spans: new SpanCounter(metricsSet.registry),
    clock: () => NOW,
    maxHistoryRangeMs: 400 * 86_400_000,
    logger: pino({ level: 'silent' }) as unknown as Logger,
  });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  close = async () => {
    latest = undefined;
    await app.close();
    await store.close();
  };
  browser = await launchChromium();
  browser.context.on('request', (r) => void requests.push(r.url()));
});

afterAll(async () => {
  await browser?.close();
  await close?.();
  await temp?.remove();
});

describe('the status page with discovered catalogs', () => {
  let page: Page;

  beforeAll(async () => {
    page = await open('/status?refresh=2');
  });

  it('lists every catalog source with its kind, state and SLO count, as the API does', async () => {
    const api = (await (await fetch(`${url}/api/v1/catalog/sources`)).json()) as { discovered: boolean; sources: { name: string; state: string; sloCount: number }[] };
    expect(api.discovered).toBe(true);
    const rows = await sourceRows(page);
    expect(rows.map((r) => r[0])).toEqual(api.sources.map((s) => s.name));
    expect(Object.fromEntries(rows.map((r) => [r[0], r.slice(1)]))).toEqual({
      'payments-copy.json': ['file', 'ok', '1 (1 refused)'],
      'payments.json': ['file', 'ok', '1 (1 refused)'],
      'web-shop.json': ['file', 'ok', '2'],
      [HOSTILE_FILE]: ['file', 'broken: nothing serves', '0'],
    });
    expect(await page.locator('#catalog-sources').textContent()).toContain('4 sources · 3 ok · 1 failed · 1 refused SLO id.');
    if (process.env.BURNRATE_SCREENSHOT) await page.screenshot({ path: process.env.BURNRATE_SCREENSHOT.replace(/(\.png)?$/, '-sources.png'), fullPage: true });
  });

  it('names the refused SLO id and both sources defining it, and serves every other SLO', async () => {
    expect(await page.locator('#problems li.conflict').allTextContents()).toEqual([
      'SLO id payments-authorize refused: defined by payments-copy.json and payments.json. It is not evaluated until only one source defines it; every other SLO keeps working.',
    ]);
    expect(await page.locator('tbody.slo').evaluateAll((els) => els.map((e) => e.id))).toEqual(['slo-checkout-availability', 'slo-checkout-latency']);
  });

  it('shows a broken source and its error as text, whatever its name holds', async () => {
    const problem = page.locator('#problems li.source-problem');
    expect(await problem.getAttribute('data-source')).toBe(HOSTILE_FILE);
    expect(await problem.locator('code').textContent()).toBe(HOSTILE_FILE);
    expect(await problem.locator('.error').textContent()).toMatch(/^catalog file team-c"><img src="x" onerror="alert\(1\)">\.json: invalid JSON/);
    expect(await page.locator('#catalog-sources tr[data-source] .error').textContent()).toContain(HOSTILE_FILE);
    expect(await page.locator('img').count()).toBe(0);
  });

  it('flags two clusters that are one HA pair', async () => {
    expect(await page.locator('#problems li.cluster-warning').allTextContents()).toEqual([HA_MESSAGE]);
    expect(await page.locator('#problems li.cluster-warning').getAttribute('data-clusters')).toBe('eu-a eu-b');
  });

  it('exports the same on /metrics', async () => {
    const text = await metrics();
    expect(text).toContain('burnrate_catalog_conflicts 1');
    expect(text).toContain('burnrate_catalog_sources{state="ok"} 3');
    expect(text).toContain('burnrate_catalog_sources{state="failed"} 1');
    expect(text).toContain('burnrate_cluster_duplicate{cluster="eu-a"} 1');
    expect(text).toContain('burnrate_cluster_duplicate{cluster="us"} 0');
  });

  it('once the teams fix their catalogs, the next refresh shows the refused SLO back and the problems gone', async () => {
    const dir = path.join(temp.dir, 'catalogs');
    await rm(path.join(dir, 'payments-copy.json'));
    await rm(path.join(dir, HOSTILE_FILE));
    await catalogs.reload();
    await page.waitForSelector('#problems li.conflict', { state: 'detached', timeout: 20_000 });
    expect(await page.locator('#problems li').allTextContents()).toEqual([HA_MESSAGE]);
    expect(Object.fromEntries((await sourceRows(page)).map((r) => [r[0], r.slice(1)]))).toEqual({
      'payments.json': ['file', 'ok', '1'],
      'web-shop.json': ['file', 'ok', '2'],
    });
    expect(await page.locator('tbody.slo').evaluateAll((els) => els.map((e) => e.id))).toEqual(['slo-checkout-availability', 'slo-checkout-latency', 'slo-payments-authorize']);
    expect(await metrics()).toContain('burnrate_catalog_conflicts 0');
  });

  it('loaded nothing but its own origin and logged no errors', async () => {
    const origin = new URL(url).origin;
    expect(requests.filter((r) => new URL(r).origin !== origin)).toEqual([]);
    expect(requests.filter((r) => new URL(r).pathname === '/x')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
