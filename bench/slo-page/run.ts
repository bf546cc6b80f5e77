/**
 * The SLO page with 30 days of history at the stored resolution (raw points a minute apart for the raw
 * period, hourly before; test/support/slo-page-demo.ts) in SQLite: median server time of GET /slos/:id
 * per range (sequential requests over 127.0.0.1, body read), and the time from navigation start to the
 * first chart drawn in headless Chromium, each visit in a fresh browser context (nothing cached).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../test/service/server/status-page/support/chromium.js';
import { DEMO_SLO, startSloPageDemo } from '../../test/support/slo-page-demo.js';

export interface SloPageRow {
  range: string;
  points: number;
  kib: number;
  serverMedianMs: number;
  serverP95Ms: number;
  firstChartMedianMs: number;
  firstChartP95Ms: number;
}

export interface SloPageResult {
  storedPoints: number;
  requests: number;
  visits: number;
  rows: SloPageRow[];
}

const RANGES = ['30d', '7d', '1d'];

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function runSloPageBench(options: { requests: number; visits: number }, log: (line: string) => void): Promise<SloPageResult> {
  const demo = await startSloPageDemo();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const rows: SloPageRow[] = [];
    for (const range of RANGES) {
      const url = `${demo.url}/slos/${DEMO_SLO}?range=${range}`;
      const server: number[] = [];
      let body = '';
      for (let i = 0; i < options.requests + 5; i++) {
        const start = performance.now();
        const response = await fetch(url);
        body = await response.text();
        if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
        if (i >= 5) server.push(performance.now() - start); // the first five warm up the JIT and SQLite's cache
      }
      const points = (JSON.parse(/id="chart-data">([^<]*)</.exec(body)![1]!) as { t: number[] }).t.length;
      const drawn: number[] = [];
      for (let i = 0; i < options.visits; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.goto(url);
        drawn.push(await page.waitForFunction(() => (window as unknown as { burnrateFirstChartAt?: number }).burnrateFirstChartAt).then((h) => h.jsonValue() as Promise<number>));
        await context.close();
      }
      log(`slo page: range ${range}: ${points} points`);
      rows.push({
        range,
        points,
        kib: Buffer.byteLength(body) / 1024,
        serverMedianMs: quantile(server, 0.5),
        serverP95Ms: quantile(server, 0.95),
        firstChartMedianMs: quantile(drawn, 0.5),
        firstChartP95Ms: quantile(drawn, 0.95),
      });
    }
    return { storedPoints: demo.points, requests: options.requests, visits: options.visits, rows };
  } finally {
    await browser.close();
    await demo.close();
  }
}
