/**
 * GET /slos/:id against the real app and a SQLite store seeded with a known history: status codes and
 * bodies, the page's CSP and its assets, and that the numbers it embeds for the charts are the ones the
 * history API returns for the same range.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLO_PAGE_CSP } from '../../../../src/service/server/routes/slo-page-routes.js';
import { catalog, EVALUATED_AT, evaluationAt, HOSTILE_ROUTE } from '../status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from '../status-page/support/status-app.js';
import { seedHistory } from '../../../support/slo-history.js';
import { seedPages } from '../../../support/slo-pages.js';
import { catalogOf } from '../../support/test-catalog.js';

const HOUR = 3_600_000;
const slo = catalog.slos.find((s) => s.id === 'checkout-availability')!;
const grouped = catalog.slos.find((s) => s.id === 'storefront-pages')!;
let s: StatusApp;

beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: evaluationAt(EVALUATED_AT), now: EVALUATED_AT });
  await seedHistory(s.store, slo, { now: EVALUATED_AT, days: 4, stepMs: 10 * 60_000 });
  await seedHistory(s.store, grouped, { now: EVALUATED_AT, days: 2, stepMs: 30 * 60_000, group: { route: '/cart' } });
  await seedPages(s.store.paging, slo, [
    { triggeredAt: new Date(EVALUATED_AT.getTime() - 30 * HOUR), resolvedAt: new Date(EVALUATED_AT.getTime() - 28 * HOUR) },
    { triggeredAt: new Date(EVALUATED_AT.getTime() - 2 * HOUR), tier: 'ticket' },
  ]);
});
afterAll(async () => s?.close());

const get = (url: string) => s.app.inject({ method: 'GET', url });

interface BurnChart {
  tier: string;
  windows: string[];
  rates: (number | null)[][];
  thresholds: { factor: number }[];
}

function chartData(body: string): { t: number[]; remaining: (number | null)[]; sli: (number | null)[]; resolution: string[]; burn: BurnChart[] } {
  const json = /<script type="application\/json" id="chart-data">([^<]*)<\/script>/.exec(body)?.[1];
  if (!json) throw new Error('no chart data in the page');
  return JSON.parse(json);
}

async function historyApi(id: string, from: Date, to: Date, group?: string) {
  const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}${group ? `&group=${encodeURIComponent(group)}` : ''}`;
  const response = await get(`/api/v1/slos/${id}/history?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ points: { at: string; sli: number | null; remainingRatio: number | null; resolution: string; burnRates: Record<string, number> }[] }>().points;
}

describe('GET /slos/:id', () => {
  it('renders the page under a CSP that allows only its own files, and no inline script or style', async () => {
    const response = await get('/slos/checkout-availability');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(SLO_PAGE_CSP);
    expect(SLO_PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const scripts = response.body.match(/<script[^>]*>/g) ?? [];
    expect(scripts.every((tag) => / src="\/assets\/[^"]+"/.test(tag) || tag.includes('type="application/json"'))).toBe(true);
    expect(response.body).not.toMatch(/<style|\sstyle="/);
  });

  it('embeds for its charts exactly the points the history API returns for the same range', async () => {
    for (const range of ['1d', '7d', 'window'] as const) {
      const data = chartData((await get(`/slos/checkout-availability?range=${range}`)).body);
      const days = range === '1d' ? 1 : range === '7d' ? 7 : 30;
      const points = await historyApi('checkout-availability', new Date(EVALUATED_AT.getTime() - days * 24 * HOUR), EVALUATED_AT);
      expect(points.length).toBeGreaterThan(50);
      expect(data.t).toEqual(points.map((p) => Date.parse(p.at) / 1000));
      expect(data.remaining).toEqual(points.map((p) => p.remainingRatio));
      expect(data.sli).toEqual(points.map((p) => p.sli));
      expect(data.resolution).toEqual(points.map((p) => p.resolution));
      // Each tier's burn-rate chart: every window's stored rates, and each pair's factor as its threshold.
      expect(data.burn.map((b) => [b.tier, b.windows, b.thresholds.map((t) => t.factor)])).toEqual([
        ['page', ['1h', '5m', '6h', '30m'], [14.4, 6]],
        ['ticket', ['1d', '2h', '3d', '6h'], [3, 1]],
      ]);
      for (const chart of data.burn) {
        chart.windows.forEach((window, i) => expect(chart.rates[i]).toEqual(points.map((p) => p.burnRates[window] ?? null)));
      }
      expect(data.burn[0]?.rates[0]?.some((r) => r !== null && r > 1)).toBe(true);
    }
    // The known set holds hourly points (older than the raw period) and a gap with unknown counts.
    const all = chartData((await get('/slos/checkout-availability?range=7d')).body);
    expect(new Set(all.resolution)).toEqual(new Set(['raw', 'hourly']));
    expect(all.remaining).toContain(null);
  });

  it('shows one group: its history, a way back to the whole SLO, and the group kept across range changes', async () => {
    const response = await get(`/slos/storefront-pages?group=${encodeURIComponent('route=/cart')}&range=1d`);
    expect(response.statusCode).toBe(200);
    const points = await historyApi('storefront-pages', new Date(EVALUATED_AT.getTime() - 24 * HOUR), EVALUATED_AT, 'route=/cart');
    expect(chartData(response.body).remaining).toEqual(points.map((p) => p.remainingRatio));
    expect(response.body).toContain('<input type="hidden" name="group" value="route=/cart">');
    expect(response.body).toContain('href="/slos/storefront-pages?range=1d"');
  });

  it('prints a hostile group label as text, on its page and in the group links', async () => {
    const page = await get(`/slos/storefront-pages?group=${encodeURIComponent(`route=${HOSTILE_ROUTE}`)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<img');
    expect(page.body).toContain('&lt;img src=&quot;http://203.0.113.9/x.png&quot;');
    const whole = (await get('/slos/storefront-pages')).body;
    expect(whole).not.toContain('<img');
    expect(whole).toContain(`href="/slos/storefront-pages?group=${encodeURIComponent(`route=${HOSTILE_ROUTE}`).replace(/&/g, '&amp;')}&amp;range=7d"`);
  });

  it('lists the page and ticket timeline of the range and the pages still open', async () => {
    const body = (await get('/slos/checkout-availability?range=7d')).body;
    const timeline = /<table class="data" id="timeline">.*?<\/table>/s.exec(body)?.[0] ?? '';
    expect(timeline.match(/<tr>/g)).toHaveLength(4);
    expect(timeline).toMatch(/triggered<\/td><td>ticket/);
    expect(timeline).toMatch(/resolved<\/td><td>page/);
    expect(/<ul id="open-pages">(.*?)<\/ul>/s.exec(body)?.[1]).toMatch(/ticket<\/strong> open since/);
    // The incident 30 h ago is outside the last day.
    const lastDay = (await get('/slos/checkout-availability?range=1d')).body;
    expect(/<table class="data" id="timeline">.*?<\/table>/s.exec(lastDay)?.[0].match(/<tr>/g)).toHaveLength(2);
  });

  it('answers an unknown SLO with 404 and a bad range or group with 400, in the common error body', async () => {
    const unknown = await get('/slos/checkout-availabilty');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'SLO_NOT_FOUND', details: { suggestion: 'checkout-availability' } } });
    const range = await get('/slos/checkout-availability?range=2w');
    expect(range.statusCode).toBe(400);
    expect(range.json()).toMatchObject({ error: { code: 'BAD_REQUEST', details: { parameter: 'range' } } });
    const group = await get('/slos/storefront-pages?group=region=eu');
    expect(group.statusCode).toBe(400);
    expect(group.json()).toMatchObject({ error: { code: 'BAD_REQUEST', details: { parameter: 'group' } } });
  });
});

describe('assets', () => {
  it('serves uPlot from node_modules and the page files with their types, cached for good', async () => {
    const body = (await get('/slos/checkout-availability')).body;
    const urls = [...body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(4);
    const uplotJs = readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(url.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      if (url.startsWith('/assets/uplot-') && url.endsWith('.js')) expect(response.rawPayload.equals(uplotJs)).toBe(true);
    }
    expect((await get('/assets/uplot.min.js')).statusCode).toBe(404);
  });
});

describe('a calendar SLO', () => {
  const calendar = catalogOf([
    {
      service: 'billing',
      team: 'payments',
      slos: { invoices: { objective: 99.5, window: { calendar: 'month', timeZone: 'Europe/Berlin' }, sli: { kind: 'ratio', errors: 'invoice_total{code="500"}', total: 'invoice_total' } } },
    },
  ]);
  let c: StatusApp;
  beforeAll(async () => {
    c = await startStatusApp(calendar, { latest: undefined, now: new Date('2026-03-10T09:30:00Z') });
    await seedHistory(c.store, calendar.slos[0]!, { now: c.state.now, days: 12, stepMs: 60 * 60_000 });
  });
  afterAll(async () => c?.close());

  it('shows its budget period and the reset, and its window range starts at the period start', async () => {
    const body = (await c.app.inject({ method: 'GET', url: '/slos/billing-invoices?range=window' })).body;
    // Local midnight of March 1st in Berlin is 23:00 UTC the day before; April 1st is in summer time.
    expect(/<dd id="fact-period">(.*?)<\/dd>/.exec(body)?.[1]).toContain('datetime="2026-02-28T23:00:00.000Z"');
    expect(/<dd id="fact-reset">(.*?)<\/dd>/.exec(body)?.[1]).toMatch(/datetime="2026-03-31T22:00:00.000Z".*Europe\/Berlin/);
    expect(/<span class="muted small" id="range-text">(.*?)<\/span>/.exec(body)?.[1]).toContain('datetime="2026-02-28T23:00:00.000Z"');
    const data = chartData(body);
    expect(data.t[0]).toBeGreaterThanOrEqual(Date.parse('2026-02-28T23:00:00Z') / 1000);
    expect(data.t.length).toBeGreaterThan(200);
  });

  it('has no calendar facts on a rolling SLO', async () => {
    expect((await get('/slos/checkout-availability')).body).not.toContain('fact-period');
  });
});
