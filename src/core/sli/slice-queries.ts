/**
 * Time-slice SLOs: the PromQL that judges one slice, and the counts of judged slices over a window.
 * The rules judge each slice once, in a group whose interval is the slice length, and record the judgment
 * (1 good, 0 bad, or the slice's own ratio for ratio slices) as `burnrate:slo_slice_good`. A slice without
 * data writes no sample, so it is not judged. Counts of good and judged slices are sums and counts of those
 * samples; everything after that (tiles, burn rates, budgets) is the same as for event counts.
 */
import { RECORDED, SLO_LABEL } from '../conventions/metrics.js';
import { formatDuration } from '../model/duration.js';
import type { Slo, ThresholdMeasure, ThresholdOp, TimeSlices } from '../model/slo.js';
import { parseSelector, renderSelector } from '../promql/promql.js';
import { sumBy } from '../promql/promql-text.js';

export const SLICE_PLACEHOLDER = '{{window}}';

const COMPARISON: Record<ThresholdOp, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

export function comparisonText(op: ThresholdOp): string {
  return COMPARISON[op];
}

/** The slice judgments of one SLO. */
export function sliceSeries(sloId: string): string {
  return `${RECORDED.sliceGood}{${SLO_LABEL}="${sloId}"}`;
}

/** PromQL of the value a threshold SLI measures over one slice, per group. */
export function thresholdValueText(measure: ThresholdMeasure, groupBy: readonly string[], sliceMs: number): string {
  const range = formatDuration(sliceMs);
  switch (measure.of) {
    case 'quantile': {
      if (measure.native) return `histogram_quantile(${measure.quantile}, ${sumBy(groupBy, `rate(${measure.histogram}[${range}])`)})`;
      const selector = parseSelector(measure.histogram);
      if (!selector) throw new Error(`invalid histogram selector ${measure.histogram}`);
      const buckets = renderSelector(selector, { suffix: '_bucket' });
      return `histogram_quantile(${measure.quantile}, ${sumBy(['le', ...groupBy], `rate(${buckets}[${range}])`)})`;
    }
    case 'gauge':
      return groupBy.length > 0 ? `avg by (${groupBy.join(', ')}) (avg_over_time(${measure.metric}[${range}]))` : `avg(avg_over_time(${measure.metric}[${range}]))`;
    case 'query':
      return measure.query.replaceAll(SLICE_PLACEHOLDER, range);
  }
}

/**
 * The judgment of the slice that ends now. `counts`: the SLI's good and total events over the slice;
 * `errorRatio`: a raw SLI's error ratio over the slice. NaN (no events, no observations) is filtered out
 * by `>= -Inf` and `> 0`, so a slice without data records nothing instead of a bad judgment.
 */
export function sliceJudgmentText(
  slo: Pick<Slo, 'sli' | 'groupBy'> & { timeSlices: TimeSlices },
  events: { kind: 'counts'; good: string; total: string } | { kind: 'errorRatio'; errorRatio: string } | undefined,
): string {
  const { sli, timeSlices } = slo;
  if (sli.kind === 'threshold') {
    const value = thresholdValueText(sli.measure, slo.groupBy, timeSlices.sliceSeconds * 1000);
    return `(${value}) >= -Inf ${COMPARISON[sli.op]} bool ${sli.value}`;
  }
  if (!events) throw new Error('a time slice of a counted SLI needs its event queries');
  const ratio = events.kind === 'counts' ? `(${events.good}) / ((${events.total}) > 0)` : `(1 - ((${events.errorRatio}) >= -Inf))`;
  return timeSlices.sliceTarget === undefined ? ratio : `${ratio} >= bool ${timeSlices.sliceTarget}`;
}

/**
 * Good and judged slices over a window, read in the judging group. The range is half a slice short of the
 * window: samples lie exactly one slice apart there, so it holds window ÷ slice samples whether the range
 * is closed at its start (Prometheus 2) or open (Prometheus 3).
 */
export function sliceCountQueries(slo: Pick<Slo, 'id' | 'groupBy'> & { timeSlices: TimeSlices }, windowMs: number): { good: string; total: string } {
  const range = formatDuration(windowMs - (slo.timeSlices.sliceSeconds * 1000) / 2);
  const judged = `${sliceSeries(slo.id)}[${range}]`;
  return { good: sumBy(slo.groupBy, `sum_over_time(${judged})`), total: sumBy(slo.groupBy, `count_over_time(${judged})`) };
}

/** What an SLO's budget counts, for sentences: "events" or "1m slices". */
export function countedUnit(slo: Pick<Slo, 'timeSlices'>): string {
  return slo.timeSlices ? `${formatDuration(slo.timeSlices.sliceSeconds * 1000)} slices` : 'events';
}
