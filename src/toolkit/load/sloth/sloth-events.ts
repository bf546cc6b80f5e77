/**
 * Sloth event queries Burnrate can count, over the same selectors and grouping (`sum by (...)` becomes
 * groupBy), each range being `{{.window}}`:
 * - `sum(rate(errors[w]))` over `sum(rate(total[w]))`: a ratio SLI with errors;
 * - `total - good` over `total`: a ratio SLI with good, or a latency SLI when good is an `le` bucket of
 *   the histogram whose `_count` is total (Sloth's usual latency SLO);
 * - `count_over_time(g[w]) - sum_over_time(g[w])` over `count_over_time(g[w])`: a bool gauge SLI;
 * - `histogram_fraction(t, +Inf, Q) * histogram_count(Q)` over `histogram_count(Q)`, Q the rate of one
 *   histogram: a native latency SLI (sloth-native-latency.ts).
 */
import type { SliInput } from '../../sdk/types.js';
import { readCounterDifference, readCounterQuery, readSampleQuery, SLOTH_WINDOW, type CounterQuery, type CounterQueryResult } from '../counter-query.js';
import { latencyFromBucketRatio, sameSeries } from '../histogram-ratio.js';
import { nativeLatencyParts, nativeLatencySli } from './sloth-native-latency.js';

/** Stands in for {{.window}} while parsing; a range nobody writes, so finding it proves the placeholder. */
const WINDOW_STAND_IN = '999999s';

export interface ReadEvents {
  sli: SliInput;
  groupBy: string[];
  /** Authoring field → the query it came from. */
  fields: Record<string, 'error' | 'total'>;
}

function windowed(read: CounterQueryResult, fn?: string): CounterQuery | undefined {
  return read.ok && read.query.range === WINDOW_STAND_IN && (fn === undefined || read.query.fn === fn) ? read.query : undefined;
}

function sameGrouping(...queries: CounterQuery[]): boolean {
  const keys = queries.map((q) => [...q.groupBy].sort().join());
  return keys.every((key) => key === keys[0]);
}

function fromDifference(error: string, total: CounterQuery): ReadEvents | undefined {
  const difference = readCounterDifference(error);
  if (!difference) return undefined;
  const minuend = windowed({ ok: true, query: difference.minuend });
  const good = windowed({ ok: true, query: difference.subtrahend });
  if (!minuend || !good || !sameGrouping(minuend, good, total) || !sameSeries(minuend.selector, total.selector)) return undefined;
  const latency = latencyFromBucketRatio(good.selector, total.selector);
  if (latency) return { sli: latency, groupBy: total.groupBy, fields: { 'sli.histogram': 'total', 'sli.threshold': 'error', groupBy: 'total' } };
  return { sli: { kind: 'ratio', good: good.selector, total: total.selector }, groupBy: total.groupBy, fields: { 'sli.good': 'error', 'sli.total': 'total', groupBy: 'total' } };
}

function fromSamples(error: string, total: string): ReadEvents | undefined {
  const count = windowed(readSampleQuery(total), 'CountOverTime');
  const difference = readCounterDifference(error, readSampleQuery);
  if (!count || !difference) return undefined;
  const all = windowed({ ok: true, query: difference.minuend }, 'CountOverTime');
  const good = windowed({ ok: true, query: difference.subtrahend }, 'SumOverTime');
  if (!all || !good || !sameGrouping(count, all, good) || ![all.selector, good.selector].every((s) => sameSeries(s, count.selector))) return undefined;
  return { sli: { kind: 'boolGauge', metric: count.selector }, groupBy: count.groupBy, fields: { 'sli.metric': 'total', groupBy: 'total' } };
}

function fromNativeHistogram(error: string, total: string): ReadEvents | undefined {
  const parts = nativeLatencyParts(error, total);
  const rates = parts && windowed(readCounterQuery(parts.rates), 'Rate');
  if (!parts || !rates) return undefined;
  return { sli: nativeLatencySli(rates.selector, parts.thresholdSeconds), groupBy: rates.groupBy, fields: { 'sli.histogram': 'total', 'sli.threshold': 'error', groupBy: 'total' } };
}

export function readEvents(errorQuery: string, totalQuery: string): ReadEvents | undefined {
  const error = errorQuery.replace(SLOTH_WINDOW, WINDOW_STAND_IN);
  const total = totalQuery.replace(SLOTH_WINDOW, WINDOW_STAND_IN);
  const errors = windowed(readCounterQuery(error));
  const all = windowed(readCounterQuery(total));
  if (errors && all && sameGrouping(errors, all)) {
    return { sli: { kind: 'ratio', errors: errors.selector, total: all.selector }, groupBy: all.groupBy, fields: { 'sli.errors': 'error', 'sli.total': 'total', groupBy: 'total' } };
  }
  return (all ? fromDifference(error, all) : undefined) ?? fromSamples(error, total) ?? fromNativeHistogram(error, total);
}
