/**
 * Screenshots of the SLO page for docs/status-page.md, taken from the real page: the app on a seeded
 * SQLite store (test/support/slo-page-demo.ts) in headless Chromium. Rerun after changing the page:
 *
 *   npm run screenshots
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../test/service/server/status-page/support/chromium.js';
import { DEMO_GROUPED_SLO, DEMO_SLO, startSloPageDemo } from '../test/support/slo-page-demo.js';

const OUT = path.resolve('docs/images');
const SHOTS = [
  { file: 'slo-page.png', path: `/slos/${DEMO_SLO}?range=30d`, full: true },
  { file: 'slo-page-group.png', path: `/slos/${DEMO_GROUPED_SLO}?group=${encodeURIComponent('route=/cart')}&range=7d`, full: false },
];

const demo = await startSloPageDemo();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  for (const shot of SHOTS) {
    await page.goto(`${demo.url}${shot.path}`);
    await page.waitForSelector('#plot-sli[data-drawn]');
    const file = path.join(OUT, shot.file);
    await page.screenshot({ path: file, fullPage: shot.full });
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  }
} finally {
  await browser.close();
  await demo.close();
}
