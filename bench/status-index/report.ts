/** The status-index benchmark as a markdown table. */
import { fixed, table } from '../lib/markdown.js';
import type { StatusIndexResult } from './run.js';

export function statusIndexTable(r: StatusIndexResult): string {
  const caption =
    `GET / for ${r.slos} SLOs × ${r.groups} groups with 7 days of history (${r.historyRows} rows, SQLite), median of ${r.runs} requests over 127.0.0.1. ` +
    'No peer: no other SLO tool serves a comparable status page, so there is no peer column. ' +
    `Targets (issue #14): under 200 ms, under 300 KB on the wire. Load average ${r.loadAverage.toFixed(1)} at the end.`;
  const rows = r.encodings.map((e) => [`GET / (${e.encoding})`, fixed(e.medianMs, 1, ' ms'), `${(e.bytes / 1000).toFixed(0)} KB`]);
  rows.push(['GET / (gzip), first request at once after a new evaluation', fixed(r.freshEvaluationMs, 1, ' ms'), '–']);
  rows.push(['GET / (gzip), first request 2.5 s after a new evaluation (pre-rendered)', fixed(r.warmedEvaluationMs, 1, ' ms'), '–']);
  rows.push(['trend query alone (once per 6 h step, cached)', fixed(r.trendQueryMs, 1, ' ms'), '–']);
  return `${caption}\n\n${table(['request', 'median server time', 'on the wire'], rows)}\n`;
}
