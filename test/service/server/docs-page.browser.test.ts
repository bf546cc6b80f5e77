/**
 * Swagger UI at /docs in a real Chromium under the service's Content-Security-Policy: the UI renders the
 * API's operations, loads nothing from elsewhere, and the browser reports no CSP violation or error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from './status-page/support/chromium.js';
import { catalog, EVALUATED_AT } from './status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from './status-page/support/status-app.js';

let s: StatusApp;
let browser: Chromium;

beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: undefined, now: EVALUATED_AT });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('/docs', () => {
  it('renders Swagger UI under its CSP without violations', async () => {
    const problems: string[] = [];
    const requests: string[] = [];
    const page = await browser.context.newPage();
    page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && problems.push(`${m.type()}: ${m.text()}`)));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => void requests.push(r.url()));
    // Violations also reach the page as events, whether or not the console shows them.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${s.url}/docs/`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.locator('.opblock-summary-path', { hasText: '/api/v1/slos/{id}/history' }).first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThanOrEqual(9);
    // Expanding an operation renders its schemas: the UI's scripts and styles all work.
    await page.locator('.opblock-summary', { hasText: '/api/v1/gate' }).first().click();
    await page.locator('.opblock-body').first().waitFor({ timeout: 20_000 });
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(s.url))).toEqual([]);
  });
});
