/**
 * The status page in a real Chromium against the real app on 127.0.0.1: what an operator sees, the
 * filter box, the empty state giving way to budgets on auto-refresh, and that the page loads nothing
 * from anywhere else and logs no errors.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from './support/chromium.js';
import { catalog, EVALUATED_AT, evaluationAt, HOSTILE_ROUTE } from './support/status-fixture.js';
import { startStatusApp, type StatusApp } from './support/status-app.js';

let s: StatusApp;
let browser: Chromium;
const requests: string[] = [];
const problems: string[] = [];
const ids = catalog.slos.map((slo) => slo.id);

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${s.url}${path}`);
  return page;
}

const row = (page: Page, id: string) => page.locator(`tbody#slo-${id}`);
const cell = (page: Page, id: string, selector: string) => row(page, id).locator(`tr.slo-row ${selector}`);
const visibleIds = (page: Page) => page.locator('tbody.slo:not([hidden])').evaluateAll((els) => els.map((e) => e.id.replace(/^slo-/, '')));

beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: undefined, now: EVALUATED_AT });
  browser = await launchChromium();
  browser.context.on('request', (r) => void requests.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('before the first evaluation', () => {
  it('says it is waiting, shows every SLO as pending, and swaps in budgets on refresh without losing the filter', async () => {
    const page = await open('/status?refresh=2');
    await expect(page.getByRole('heading', { name: 'Waiting for the first evaluation' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('tbody.slo').count()).toBe(ids.length);
    const budgets = await page.locator('tr.slo-row td.budget').allTextContents();
    expect(budgets.every((t) => !t.includes('%'))).toBe(true);
    expect(await cell(page, 'checkout-availability', '.chip').textContent()).toBe('pending');

    await page.locator('#filter').fill('web-shop');
    await row(page, 'storefront-pages').locator('summary').click();
    expect(await row(page, 'storefront-pages').locator('details').textContent()).toContain('no groups reported yet');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    s.state.latest = evaluationAt(EVALUATED_AT);
    s.state.now = new Date(EVALUATED_AT.getTime() + 35_000);
    await page.waitForSelector('time#evaluated', { timeout: 20_000 });

    expect(await page.getByText('Waiting for the first evaluation').count()).toBe(0);
    expect(await cell(page, 'checkout-availability', '.budget-text').textContent()).toMatch(/% left$/);
    expect(await page.locator('#filter').inputValue()).toBe('web-shop');
    expect(await visibleIds(page)).toEqual(['checkout-availability', 'checkout-latency', 'storefront-pages']);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    // The group list the operator opened stays open, now with the groups.
    expect(await row(page, 'storefront-pages').locator('tr.group').count()).toBe(3);
    expect(await row(page, 'storefront-pages').locator('tr.group').first().isVisible()).toBe(true);
    await page.close();
  });
});

describe('after an evaluation', () => {
  let page: Page;
  let api: { catalogVersion: string; evaluatedAt: string; slos: any[] };

  beforeAll(async () => {
    api = (await (await fetch(`${s.url}/api/v1/slos`)).json()) as typeof api;
    page = await open('/');
  });

  it('heads the page with the catalog version and the time of the last evaluation', async () => {
    expect(await page.locator('header').textContent()).toContain(`catalog ${catalog.version}`);
    expect(await page.locator('time#evaluated').getAttribute('datetime')).toBe(api.evaluatedAt);
    expect(await page.locator('time#evaluated').textContent()).toBe('2026-03-10 09:30:00 UTC');
    expect(await page.locator('header').textContent()).toContain('(35 s ago)');
  });

  it('shows every SLO with the budget the API reports, as text and as a bar of the right colour', async () => {
    expect(await page.locator('tbody.slo').evaluateAll((els) => els.map((e) => e.id))).toHaveLength(ids.length);
    for (const slo of api.slos.filter((x) => x.budget?.remainingRatio !== null && x.budget !== null)) {
      const remaining: number = slo.budget.remainingRatio;
      const text = await cell(page, slo.id, '.budget-text').textContent();
      expect(text).toBe(remaining <= 0 ? `spent (\u2212${(-remaining * 100).toFixed(1)}%)` : `${(remaining * 100).toFixed(1)}% left`);
      const width = await cell(page, slo.id, '.bar .fill').evaluate((e) => (e as HTMLElement).style.width);
      expect(Number.parseFloat(width)).toBeCloseTo(Math.max(0, remaining) * 100, 0);
    }
    const bar = (id: string) => cell(page, id, '.bar').getAttribute('class');
    expect(await bar('checkout-availability')).toBe('bar bar-green');
    expect(await bar('checkout-latency')).toBe('bar bar-yellow');
    expect(await bar('payments-authorize')).toBe('bar bar-red');
    expect(await bar('inventory-sync')).toBe('bar bar-none');
    expect(await cell(page, 'payments-authorize', '.exhaustion').textContent()).toBe('spent');
  });

  it('shows no data as "no data", never as 100%', async () => {
    const text = (await row(page, 'inventory-sync').textContent()) ?? '';
    expect(text).not.toContain('100');
    expect(await cell(page, 'inventory-sync', 'td.sli').textContent()).toBe('no data');
    expect(await cell(page, 'inventory-sync', '.budget-text').textContent()).toBe('no data');
    expect(await cell(page, 'inventory-sync', '.chip').textContent()).toBe('no data');
  });

  it('names the stale cluster of a partial SLO', async () => {
    expect(await cell(page, 'search-query', '.chip').textContent()).toBe('partial');
    expect(await cell(page, 'search-query', '.stale').textContent()).toBe('stale: eu-west-1');
    expect(await cell(page, 'search-query', '.stale li').getAttribute('title')).toBe('query timed out after 10s');
  });

  it('shows burn rates per alert window beside their thresholds, and marks the pairs over them', async () => {
    const slo = (await (await fetch(`${s.url}/api/v1/slos/checkout-latency`)).json()) as any;
    const rate = (w: string) => slo.snapshot.burnRates.find((r: any) => r.window === w).burnRate as number;
    const rows = cell(page, 'checkout-latency', 'table.pairs tr');
    expect(await rows.count()).toBe(slo.alertWindows.length);
    for (const [i, w] of slo.alertWindows.entries()) {
      const tr = rows.nth(i);
      expect(await tr.locator('th').textContent()).toBe(`${w.tier} ${w.speed}`);
      expect(await tr.locator('td.factor').textContent()).toBe(`> ${w.factor}×`);
      const [long, short] = ((await tr.locator('td.rate').textContent()) ?? '').split(' / ').map((t) => Number.parseFloat(t));
      expect(long).toBeCloseTo(rate(w.longWindow), 1);
      expect(short).toBeCloseTo(rate(w.shortWindow), 1);
      expect((await tr.getAttribute('class')) === 'over').toBe(rate(w.longWindow) > w.factor && rate(w.shortWindow) > w.factor);
    }
    expect(await cell(page, 'checkout-latency', '.exhaustion').textContent()).toMatch(/^in \d+h( \d+m)?$/);
  });

  it('lists the groups of a groupBy SLO, worst first, with hostile label values as plain text', async () => {
    const groups = row(page, 'storefront-pages').locator('tr.group');
    expect(await groups.first().isVisible()).toBe(false);
    await row(page, 'storefront-pages').locator('summary').click();
    expect(await row(page, 'storefront-pages').locator('summary').textContent()).toBe('3 groups by route');
    const labels = await groups.locator('td.labels').allTextContents();
    expect(labels).toHaveLength(3);
    expect(labels[0]).toBe('route="/cart"');
    expect(labels).toContain(`route=${JSON.stringify(HOSTILE_ROUTE)}`);
    expect(await groups.first().locator('.bar').getAttribute('class')).toBe('bar bar-orange');
    expect(await row(page, 'storefront-pages').locator('img').count()).toBe(0);
  });

  it('shows the deploy gate of each service', async () => {
    expect(await page.locator('#gates a').allTextContents()).toEqual([
      'billing: unknown',
      'checkout: open',
      'inventory: unknown',
      'payments: frozen',
      'search: unknown',
      'storefront: open',
    ]);
  });

  it('filters rows by service or team as you type, and keeps the filter in the URL', async () => {
    await page.locator('#filter').pressSequentially('payments');
    expect(await visibleIds(page)).toEqual(['billing-legacy', 'payments-authorize']);
    expect(await row(page, 'inventory-sync').isVisible()).toBe(false);
    expect(await row(page, 'payments-authorize').isVisible()).toBe(true);
    expect(await page.locator('#shown').textContent()).toBe(`showing 2 of ${ids.length}`);
    expect(new URL(page.url()).searchParams.get('q')).toBe('payments');
    await page.locator('#filter').fill('checkout');
    expect(await visibleIds(page)).toEqual(['checkout-availability', 'checkout-latency']);
    await page.locator('#filter').fill('');
    expect(await visibleIds(page)).toHaveLength(ids.length);
    expect(new URL(page.url()).searchParams.has('q')).toBe(false);
  });

  it('renders the filter on the server too, so it works without the script', async () => {
    const other = await open('/?q=logistics');
    expect(await other.locator('tbody.slo[hidden]').count()).toBe(ids.length - 1);
    expect(await visibleIds(other)).toEqual(['inventory-sync']);
    if (process.env.BURNRATE_SCREENSHOT) {
      await page.screenshot({ path: process.env.BURNRATE_SCREENSHOT, fullPage: true });
    }
    await other.close();
  });

  it('loaded nothing but its own origin and logged no errors', async () => {
    const origin = new URL(s.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
