/**
 * The index's filters in Chromium, by keyboard only: Tab to the controls, pick a team and a sort by
 * typing, tick a status with Space, submit with Enter; the rows match /api/v1/slos. The trend has an
 * accessible name, and no page logs a console error or a CSP violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, type Chromium } from './support/chromium.js';
import { catalog, EVALUATED_AT, evaluationAt } from './support/status-fixture.js';
import { startStatusApp, type StatusApp } from './support/status-app.js';

interface ApiSlo {
  id: string;
  team: string;
  budget: { remainingRatio: number | null } | null;
}

let s: StatusApp;
let browser: Chromium;
let api: ApiSlo[];
const problems: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`)));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Recorded in the page itself too: a violation must not go unnoticed if the console wording changes.
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(`${s.url}${path}`);
  return page;
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable by Tab`);
}

const visibleIds = (page: Page) => page.locator('tbody.slo:not([hidden])').evaluateAll((els) => els.map((e) => e.id.replace(/^slo-/, '')));

beforeAll(async () => {
  const evaluation = evaluationAt(EVALUATED_AT);
  s = await startStatusApp(catalog, { latest: evaluation, now: new Date(EVALUATED_AT.getTime() + 30_000) });
  // A day of stored history, so the trend is drawn.
  for (let h = 24; h >= 6; h -= 6) await s.store.saveSnapshots(evaluationAt(new Date(EVALUATED_AT.getTime() - h * 3_600_000)).snapshots);
  api = (await s.app.inject({ url: '/api/v1/slos' })).json<{ slos: ApiSlo[] }>().slos;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

it('team and sort by keyboard: typing selects, Enter on Apply submits, the rows are the team\'s, least budget first', async () => {
  const page = await open('/');
  await tabTo(page, '#team');
  await page.keyboard.type('payments');
  await tabTo(page, '#sort');
  await page.keyboard.type('least');
  await tabTo(page, 'button[type=submit]');
  await Promise.all([page.waitForURL(/team=payments/), page.keyboard.press('Enter')]);
  const url = new URL(page.url());
  expect(url.searchParams.get('team')).toBe('payments');
  expect(url.searchParams.get('sort')).toBe('budget');
  const team = api.filter((x) => x.team === 'payments');
  const ratio = (x: ApiSlo) => x.budget?.remainingRatio ?? Infinity;
  expect(await visibleIds(page)).toEqual([...team].sort((a, b) => ratio(a) - ratio(b)).map((x) => x.id));
  expect(await page.locator('#shown').textContent()).toBe(`showing ${team.length} of ${api.length}`);
  // The controls show the state the page was rendered with, so the next change starts from it.
  expect(await page.locator('#team').inputValue()).toBe('payments');
  await page.close();
});

it('a status by keyboard: Space ticks the checkbox, the form submits, only spent SLOs remain', async () => {
  const page = await open('/');
  await tabTo(page, 'input[name=status][value=spent]');
  await page.keyboard.press('Space');
  expect(await page.locator('input[name=status][value=spent]').isChecked()).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, 'button[type=submit]');
  await Promise.all([page.waitForURL(/status=spent/), page.keyboard.press('Enter')]);
  const spent = api.filter((x) => x.budget?.remainingRatio !== null && x.budget !== null && x.budget.remainingRatio! <= 0).map((x) => x.id);
  expect(spent.length).toBeGreaterThan(0);
  expect((await visibleIds(page)).sort()).toEqual(spent.sort());
  await page.close();
});

it('the trend is an image with the numbers as its name', async () => {
  const page = await open('/?service=checkout');
  const trend = page.locator('tbody#slo-checkout-availability').getByRole('img', { name: /^budget left over 7 days: .*% first, lowest .*%, .*% now$/ });
  expect(await trend.count()).toBe(1);
  await page.close();
});

it('no page logged a console error or a CSP violation', () => {
  expect(problems).toEqual([]);
});
