/** One fleet group's raw counters as OpenMetrics: one series per status code, or split by pod and method. */
import type { GroupCounts } from '../alert-quality/counters.js';
import type { OpenMetricsWriter } from '../lib/openmetrics.js';
import type { FleetGroup, FleetOptions } from './fleet.js';
import { splitCounters, splitLabels } from './raw-split.js';

/** First minute at which the group's counters are split by pod and method (the whole history by default). */
export function splitFromMinute(options: FleetOptions): number {
  if ((options.rawSeriesPerCode ?? 1) <= 1) return options.minutes;
  return Math.max(0, options.minutes - (options.splitMinutes ?? options.minutes));
}

export async function writeGroupCounters(writer: OpenMetricsWriter, g: FleetGroup, c: GroupCounts, options: FleetOptions, start: number): Promise<void> {
  const from = splitFromMinute(options);
  const at = (m: number) => start + m * 60 + 30;
  for (const [code, perMinute, counter] of [['200', c.good, c.goodCounter], ['500', c.errors, c.errorCounter]] as const) {
    const labels = { job: g.slo, route: g.route, code };
    // Before the split: one series per route and code, as the default fleet has throughout.
    if (from > 0) await writer.series('http_requests_total', labels, Array.from(counter.subarray(0, from), (v, m): [number, number] => [at(m), v]));
    if (from >= options.minutes) continue;
    const split = splitCounters(perMinute, from, options.rawSeriesPerCode ?? 1);
    for (const [k, extra] of splitLabels(split.length).entries()) {
      await writer.series('http_requests_total', { ...labels, ...extra }, Array.from(split[k] ?? [], (v, i): [number, number] => [at(from + i), v]));
    }
  }
}
