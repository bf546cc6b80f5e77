/**
 * Time-slice SLOs: the PromQL that judges one slice, and the counts of judged slices over a window.
 * The rules judge each slice once, in a group whose interval is the slice length, and record whether it had
 * data (`burnrate:slo_slice_judged`) and how good it was (`burnrate:slo_slice_good`: 1 good, 0 bad, or the
 * slice's own ratio for ratio slices). Counts of good and judged slices are sums of those samples; everything
 * after that (tiles, burn rates, budgets) is the same as for event counts.
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
 * The judgment of the slice that ends now, as two series: `judged` is 1 when the slice has data and 0 when
 * it has none (no events, no observations: NaN), `good` is 1 or 0 (the slice's ratio for ratio slices), and
 * 0 when not judged. Both are present whenever the SLI's series are, so a quiet slice is a zero, never a gap
 * that a tile read at an offset would fill with an older count. `events`: the SLI's events over the slice.
 */
export function sliceJudgmentTexts(
  slo: Pick<Slo, 'sli' | 'groupBy'> & { timeSlices: TimeSlices },
  events: { kind: 'counts'; good: string; total: string } | { kind: 'errorRatio'; errorRatio: string } | undefined,
): { good: string; judged: string } {
  const { sli, timeSlices } = slo;
  if (sli.kind === 'threshold') {
    const value = thresholdValueText(sli.measure, slo.groupBy, timeSlices.sliceSeconds * 1000);
    // A comparison with NaN is false, so a slice without a value is neither good nor judged.
    return { good: `(${value}) ${COMPARISON[sli.op]} bool ${sli.value}`, judged: `(${value}) >= bool -Inf` };
  }
  if (!events) throw new Error('a time slice of a counted SLI needs its event queries');
  const { ratio, judged } =
    events.kind === 'counts'
      ? { ratio: `(${events.good}) / ((${events.total}) > 0)`, judged: `(${events.total}) > bool 0` }
      : { ratio: `1 - ((${events.errorRatio}) >= -Inf)`, judged: `(${events.errorRatio}) >= bool -Inf` };
  const good = `(${ratio}) or (${judged})`;
  return { good: timeSlices.sliceTarget === undefined ? good : `(${good}) >= bool ${timeSlices.sliceTarget}`, judged };
}

/**
 * Good and judged slices over a window, read in the judging group. The range is half a slice short of the
 * window: samples lie exactly one slice apart there, so it holds window ÷ slice samples whether the range
 * is closed at its start (Prometheus 2) or open (Prometheus 3).
 */
export function sliceCountQueries(slo: Pick<Slo, 'id' | 'groupBy'> & { timeSlices: TimeSlices }, windowMs: number): { good: string; total: string } {
  const range = formatDuration(windowMs - (slo.timeSlices.sliceSeconds * 1000) / 2);
  const over = (metric: string) => sumBy(slo.groupBy, `sum_over_time(${metric}{${SLO_LABEL}="${slo.id}"}[${range}])`);
  return { good: over(RECORDED.sliceGood), total: over(RECORDED.sliceJudged) };
}

/** What an SLO's budget counts, for sentences: "events" or "1m slices". */
export function countedUnit(slo: Pick<Slo, 'timeSlices'>): string {
  return slo.timeSlices ? `${formatDuration(slo.timeSlices.sliceSeconds * 1000)} slices` : 'events';
}
