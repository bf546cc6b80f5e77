/**
 * PromQL for the good and total event counts of an SLI over one window (five minutes unless said),
 * read from the raw series. Longer windows are sums of recorded counts (core/windows/count-windows.ts),
 * except the few no recorded window divides.
 */
import { SLO_LABEL, SPAN_COUNTERS } from '../conventions/metrics.js';
import { formatDuration } from '../model/duration.js';
import type { Slo } from '../model/slo.js';
import { parseSelector, renderSelector } from '../promql/promql.js';
import { BASE_WINDOW_MS } from '../windows/alert-windows.js';
import { sumBy } from '../promql/promql-text.js';
import { unreachableSliKind } from './sli-kinds.js';
import { sliceCountQueries } from './slice-queries.js';

export type EventQueries = { kind: 'counts'; good: string; total: string } | { kind: 'errorRatio'; errorRatio: string };

function increase(groupBy: readonly string[], selector: string, range: string): string {
  return sumBy(groupBy, `increase(${selector}[${range}])`);
}

/** Missing good (or error) series mean zero such events, not "no data": fill them from total. */
function orZeroLike(expr: string, like: string): string {
  return `(${expr} or 0 * ${like})`;
}

function ratioCounts(groupBy: readonly string[], range: string, total: string, good?: string, errors?: string): EventQueries {
  const totalCount = increase(groupBy, total, range);
  if (good !== undefined) return { kind: 'counts', good: orZeroLike(increase(groupBy, good, range), totalCount), total: totalCount };
  return { kind: 'counts', good: `${totalCount} - ${orZeroLike(increase(groupBy, errors ?? '', range), totalCount)}`, total: totalCount };
}

/** Matches the `le` label whether the client wrote "1" or "1.0". */
export function leRegex(seconds: number): string {
  const text = String(seconds).replace('.', '\\.');
  return Number.isInteger(seconds) ? `${text}(\\.0+)?` : `${text}0*`;
}

/** The span counters of a traces SLI: the service exports them with the SLO id as a label. */
export function tracesSelectors(slo: Slo): { good: string; total: string } {
  const matcher = `{${SLO_LABEL}="${slo.id}"}`;
  return { good: `${SPAN_COUNTERS.good}${matcher}`, total: `${SPAN_COUNTERS.total}${matcher}` };
}

/** The `le` bucket at the threshold (good events) and the `_count` series (all events) of a histogram. */
export function latencySelectors(sli: Extract<Slo['sli'], { kind: 'latency' }>): { bucket: string; count: string } {
  const selector = parseSelector(sli.histogram);
  if (!selector) throw new Error(`invalid histogram selector ${sli.histogram}`);
  return {
    bucket: renderSelector(selector, { suffix: '_bucket', extra: [{ name: 'le', op: '=~', value: leRegex(sli.thresholdSeconds) }] }),
    count: renderSelector(selector, { suffix: '_count' }),
  };
}

/**
 * Good and total events over a window. Time-slice SLOs count judged slices instead (slice-queries.ts);
 * `sliceEventQueries` gives the events of one slice that the judgment reads.
 */
export function eventQueries(slo: Slo, windowMs: number = BASE_WINDOW_MS): EventQueries {
  if (slo.timeSlices) return { kind: 'counts', ...sliceCountQueries({ ...slo, timeSlices: slo.timeSlices }, windowMs) };
  return sliEventQueries(slo, windowMs);
}

/** The SLI's own events over a window, whatever the budgeting method; undefined for threshold SLIs. */
export function sliEventQueries(slo: Slo, windowMs: number): EventQueries {
  const { sli, groupBy } = slo;
  const range = formatDuration(windowMs);
  switch (sli.kind) {
    case 'ratio':
      return ratioCounts(groupBy, range, sli.total, sli.good, sli.errors);
    case 'traces': {
      const { good, total } = tracesSelectors(slo);
      return ratioCounts(groupBy, range, total, good);
    }
    case 'latency': {
      if (sli.native) return nativeLatencyCounts(sli.histogram, sli.thresholdSeconds, groupBy, range);
      const { bucket, count } = latencySelectors(sli);
      return { kind: 'counts', good: increase(groupBy, bucket, range), total: increase(groupBy, count, range) };
    }
    case 'boolGauge':
      return {
        kind: 'counts',
        good: sumBy(groupBy, `sum_over_time(${sli.metric}[${range}])`),
        total: sumBy(groupBy, `count_over_time(${sli.metric}[${range}])`),
      };
    case 'raw':
      return { kind: 'errorRatio', errorRatio: sli.errorRatio.replaceAll('{{window}}', range) };
    case 'threshold':
      throw new Error(`${slo.id}: a threshold SLI has no events; it judges time slices`);
    default:
      return unreachableSliKind(sli);
  }
}

/** Share of a native histogram's observations at or under the threshold (see nativeLatencyCounts for why -Inf). */
function fractionAtMost(thresholdSeconds: number, histogram: string): string {
  return `histogram_fraction(-Inf, ${thresholdSeconds}, ${histogram})`;
}

/**
 * The good events over a window written against its total as the same rule group has just recorded it
 * (`recordedTotal`, a selector whose series carry `extraLabels` besides the SLI's groups). Prometheus
 * evaluates a group's rules in order at one timestamp, so the raw total is then read once per window instead
 * of two or three times: at production cardinality the raw reads are most of a window's cost.
 * Undefined where the good events do not read the total (classic buckets, bool gauges, time slices).
 */
export function goodFromRecordedTotal(slo: Slo, windowMs: number, recordedTotal: string, extraLabels: readonly string[]): string | undefined {
  if (slo.timeSlices) return undefined;
  const { sli, groupBy } = slo;
  const range = formatDuration(windowMs);
  // `ignoring` drops the extra labels from a matched result, so the fallback side matches ignoring them too,
  // and the rule's own labels give them back: one series per group either way.
  const ignoring = `ignoring(${extraLabels.join(', ')})`;
  const orZero = (expr: string) => `${expr} or ${ignoring} 0 * ${recordedTotal}`;
  const fromGood = (good: string) => orZero(increase(groupBy, good, range));
  switch (sli.kind) {
    case 'ratio':
      if (sli.good !== undefined) return fromGood(sli.good);
      return `(${recordedTotal} - ${ignoring} ${increase(groupBy, sli.errors ?? '', range)}) or ${ignoring} ${recordedTotal}`;
    case 'traces':
      return fromGood(tracesSelectors(slo).good);
    case 'latency': {
      if (!sli.native) return undefined;
      const fraction = fractionAtMost(sli.thresholdSeconds, increase(groupBy, sli.histogram, range));
      return orZero(`(${recordedTotal} * ${ignoring} ${fraction} >= 0)`);
    }
    default:
      return undefined;
  }
}

/**
 * The latency SLI's good and total events from a native histogram: the share of observations at or under
 * the threshold (histogram_fraction) times their count, so any threshold works without an `le` bucket.
 * Observations in buckets wholly at or under the threshold count in full, those wholly above not at all;
 * only a bucket the threshold cuts is interpolated. The lower bound is -Inf, not 0: from 0 Prometheus
 * interpolates inside a zero bucket that has no positive buckets beside it and counts half of it.
 * A window without observations has a NaN fraction; it counts as zero good events, as classic buckets do.
 */
export function nativeLatencyCounts(histogram: string, thresholdSeconds: number, groupBy: readonly string[], range: string): EventQueries {
  const increased = increase(groupBy, histogram, range);
  const total = `histogram_count(${increased})`;
  const good = `(${fractionAtMost(thresholdSeconds, increased)} * ${total} >= 0)`;
  return { kind: 'counts', good: orZeroLike(good, total), total };
}
