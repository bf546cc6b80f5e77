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

/** A raw series' counter values from some minute on, one a minute. */
export interface SeriesTail {
  labels: Record<string, string>;
  values: Float64Array;
}

/**
 * Writes the group's counters for minutes before `until` (all of `options.minutes` by default) and returns the
 * values of every series from `until` on, which live-traffic.ts serves to a live Prometheus.
 */
export async function writeGroupCounters(writer: OpenMetricsWriter, g: FleetGroup, c: GroupCounts, options: FleetOptions, start: number, until = options.minutes): Promise<SeriesTail[]> {
  const from = splitFromMinute(options);
  const at = (m: number) => start + m * 60 + 30;
  const tails: SeriesTail[] = [];
  const write = async (labels: Record<string, string>, values: Float64Array, first: number) => {
    const written = values.subarray(0, Math.max(0, until - first));
    await writer.series('http_requests_total', labels, Array.from(written, (v, i): [number, number] => [at(first + i), v]));
    if (first + values.length > until) tails.push({ labels, values: values.slice(Math.max(0, until - first)) });
  };
  for (const [code, perMinute, counter] of [['200', c.good, c.goodCounter], ['500', c.errors, c.errorCounter]] as const) {
    const labels = { job: g.slo, route: g.route, code };
    // Before the split: one series per route and code, as the default fleet has throughout.
    if (from > 0) await write(labels, counter.subarray(0, from), 0);
    if (from >= options.minutes) continue;
    const split = splitCounters(perMinute.subarray(0, options.minutes), from, options.rawSeriesPerCode ?? 1);
    for (const [k, extra] of splitLabels(split.length).entries()) await write({ ...labels, ...extra }, split[k] ?? new Float64Array(), from);
  }
  return tails;
}
