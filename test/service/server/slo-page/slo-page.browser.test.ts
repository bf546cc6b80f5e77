/**
 * The SLO page in a real Chromium against the real app and a SQLite store holding a known history:
 * the charts are drawn and plot the history API's numbers, the text alternative shows them, the range
 * selector and the links work from the keyboard, and the page loads nothing from elsewhere, logs no
 * errors and breaks no CSP rule.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from '../status-page/support/chromium.js';
import { catalog, EVALUATED_AT, evaluationAt } from '../status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from '../status-page/support/status-app.js';
import { seedHistory } from '../../../support/slo-history.js';
import { seedPages } from '../../../support/slo-pages.js';

const HOUR = 3_600_000;
const slo = catalog.slos.find((x) => x.id === 'checkout-availability')!;
const grouped = catalog.slos.find((x) => x.id === 'storefront-pages')!;
let s: StatusApp;
let browser: Chromium;
const requests: string[] = [];
const problems: string[] = [];

interface ApiPoint {
  at: string;
  sli: number | null;
  remainingRatio: number | null;
}

async function history(from: Date, group?: string): Promise<ApiPoint[]> {
  const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(EVALUATED_AT.toISOString())}${group ? `&group=${encodeURIComponent(group)}` : ''}`;
  const body = (await (await fetch(`${s.url}/api/v1/slos/${slo.id}/history?${query}`)).json()) as { points: ApiPoint[] };
  return body.points;
}

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${s.url}${path}`);
  return page;
}

/** What uPlot holds for a chart: [x, series…], as drawn. */
const plotted = (page: Page, chart: string) =>
  page.evaluate((name) => (window as unknown as { burnrateCharts: Record<string, { data: (number | null)[][] }> }).burnrateCharts[name]!.data, chart);

beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: evaluationAt(EVALUATED_AT), now: EVALUATED_AT });
  await seedHistory(s.store, slo, { now: EVALUATED_AT, days: 8, stepMs: 10 * 60_000 });
  await seedHistory(s.store, grouped, { now: EVALUATED_AT, days: 2, stepMs: 30 * 60_000, group: { route: '/cart' } });
  await seedPages(s.store.paging, slo, [{ triggeredAt: new Date(EVALUATED_AT.getTime() - 30 * HOUR), resolvedAt: new Date(EVALUATED_AT.getTime() - 28 * HOUR) }]);
  browser = await launchChromium();
  browser.context.on('request', (r) => void requests.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('the SLO page', () => {
  let page: Page;
  let points: ApiPoint[];
  beforeAll(async () => {
    page = await open(`/slos/${slo.id}?range=7d`);
    points = await history(new Date(EVALUATED_AT.getTime() - 7 * 24 * HOUR));
  });

  it('draws both charts with the history API numbers, gaps included', async () => {
    await page.waitForSelector('#plot-budget[data-drawn] canvas');
    await page.waitForSelector('#plot-sli[data-drawn] canvas');
    const budget = await plotted(page, 'budget');
    expect(points.length).toBeGreaterThan(100);
    expect(budget[0]).toEqual(points.map((p) => Date.parse(p.at) / 1000));
    expect(budget[1]).toEqual(points.map((p) => p.remainingRatio));
    expect(budget[1]).toContain(null);
    const sli = await plotted(page, 'sli');
    expect(sli[1]).toEqual(points.map((p) => p.sli));
    expect(new Set(sli[2])).toEqual(new Set([slo.objectivePercent / 100]));
    // Series tell apart by their legend labels, not by colour alone.
    expect(await page.locator('#plot-sli .u-legend .u-label').allTextContents()).toEqual(['time (UTC)', 'SLI', 'objective']);
  });

  it('follows the width of its box when the window is resized', async () => {
    const width = () => page.locator('#plot-budget canvas').evaluate((c) => c.getBoundingClientRect().width);
    const before = await width();
    await page.setViewportSize({ width: 600, height: 1000 });
    await expect.poll(width).toBeLessThan(before);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await expect.poll(width).toBe(before);
  });

  it('shows the plotted numbers as text in a table a keyboard opens', async () => {
    const summary = page.locator('details[data-chart="budget"] summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const rows = page.locator('details[data-chart="budget"] tbody tr');
    await expect.poll(() => rows.count()).toBe(points.length);
    const last = points[points.length - 1]!;
    const cells = await rows.last().locator('th, td').allTextContents();
    expect(cells[0]).toBe(`${last.at.slice(0, 16).replace('T', ' ')} UTC`);
    expect(cells[1]).toBe(`${(last.remainingRatio! * 100).toFixed(1)}%`);
    const lowest = Math.min(...points.flatMap((p) => (p.remainingRatio === null ? [] : [p.remainingRatio])));
    expect(await page.locator('#summary-budget').textContent()).toContain(`lowest ${(lowest * 100).toFixed(1)}%`);
  });

  it('lists the timeline and links to the runbook and the history JSON', async () => {
    expect(await page.locator('#timeline tbody tr').count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Runbook' }).getAttribute('href')).toBe(slo.runbookUrl);
    const json = page.getByRole('link', { name: 'History JSON' });
    const response = await page.request.get(new URL((await json.getAttribute('href'))!, s.url).toString());
    expect(((await response.json()) as { points: ApiPoint[] }).points).toEqual(points.map((p) => expect.objectContaining(p)));
  });

  it('reaches the range selector by keyboard and changes the range with it', async () => {
    await page.goto(`${s.url}/slos/${slo.id}?range=7d`);
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'range'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('range');
    await page.selectOption('#range', '1d');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/range=1d/), page.keyboard.press('Enter')]);
    await page.waitForSelector('#plot-budget[data-drawn]');
    const day = await history(new Date(EVALUATED_AT.getTime() - 24 * HOUR));
    expect((await plotted(page, 'budget'))[1]).toEqual(day.map((p) => p.remainingRatio));
  });

  it('is linked from the status page, and links to its groups and back', async () => {
    const index = await open('/');
    await Promise.all([index.waitForURL(/\/slos\/storefront-pages$/), index.locator('#slo-storefront-pages a.slo-page').click()]);
    expect(await index.locator('h1').textContent()).toBe(grouped.name);
    await Promise.all([index.waitForURL(/group=route%3D%2Fcart/), index.getByRole('link', { name: 'route="/cart"' }).click()]);
    expect(await index.locator('h1').textContent()).toBe(`${grouped.name} · route="/cart"`);
    await index.waitForSelector('#plot-budget[data-drawn]');
    await Promise.all([index.waitForURL(/\/slos\/storefront-pages\?range=7d$/), index.locator('nav.crumbs').getByRole('link', { name: grouped.name }).click()]);
    await Promise.all([index.waitForURL(`${s.url}/`), index.locator('nav.crumbs').getByRole('link', { name: 'SLO status' }).click()]);
    await index.close();
  });

  it('loaded nothing from elsewhere and logged no errors or CSP violations', () => {
    expect(requests.filter((url) => !url.startsWith(s.url))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
