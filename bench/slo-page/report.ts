/** The SLO page bench as a Markdown table, with the targets it is held to. */
import { fixed, table } from '../lib/markdown.js';
import type { SloPageResult } from './run.js';

export const TARGETS = { serverMs: 100, firstChartMs: 1000 };

export function sloPageTable(result: SloPageResult): string {
  const rows = result.rows.map((r) => [
    `GET /slos/:id?range=${r.range}`,
    r.points,
    `${fixed(r.kib, 0)} KiB`,
    fixed(r.serverMedianMs, 1, ' ms'),
    fixed(r.serverP95Ms, 1, ' ms'),
    fixed(r.firstChartMedianMs, 0, ' ms'),
    fixed(r.firstChartP95Ms, 0, ' ms'),
  ]);
  return `${result.storedPoints} stored points over 30 days (raw a minute apart for 2 days, hourly before), SQLite; ${result.requests} sequential requests and ${result.visits} cold Chromium visits per range. Targets: server median < ${TARGETS.serverMs} ms, first chart median < ${TARGETS.firstChartMs} ms.\n\n${table(
    ['page', 'points plotted', 'HTML', 'server median', 'server p95', 'first chart drawn, median', 'first chart p95'],
    rows,
  )}\n`;
}
