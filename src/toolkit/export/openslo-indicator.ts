/**
 * A Burnrate SLI as an OpenSLO v1 indicator that other OpenSLO tools can read:
 * - ratio: ratioMetric good or bad over total, the selectors as written;
 * - latency: ratioMetric good = the histogram's `le` bucket, total = its `_count` (the matcher the rules use);
 *   from a native histogram, ratioMetric raw (rawType failure): the share above the threshold over 5 minutes,
 *   which OpenSLO cannot tell from any other expression, so the caller adds the annotation;
 * - traces: ratioMetric over the span counters the Burnrate service exports for this SLO;
 * - boolGauge: thresholdMetric on the gauge with op gte, value 1 (a sample at 1 is a good event);
 * - raw: ratioMetric raw (rawType failure) with the error ratio over 5 minutes;
 * - threshold: thresholdMetric on the PromQL each slice measures (`{{window}}` as the slice), op and value
 *   on the objective; read back it is a query, so quantile and gauge measures need the annotation.
 * Where OpenSLO cannot carry the exact SLI, the caller adds the `burnrate.dev/sli` annotation.
 */
import { thresholdValueText } from '../../core/sli/slice-queries.js';
import { latencySelectors, tracesSelectors } from '../../core/sli/event-queries.js';
import type { Slo, ThresholdOp } from '../../core/model/slo.js';
import { sumBy } from '../../core/promql/promql-text.js';

export interface ExportedIndicator {
  /** The OpenSLO SLI spec: ratioMetric or thresholdMetric. */
  spec: Record<string, unknown>;
  /** op and value for the objective of a thresholdMetric. */
  objective: { op?: ThresholdOp; value?: number };
}

const RAW_EXPORT_WINDOW = '5m';

function metric(query: string) {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

/** `x{}` is valid PromQL but reads badly; selectors without matchers are written bare. */
function bare(selector: string): string {
  return selector.endsWith('{}') ? selector.slice(0, -2) : selector;
}

/** An error ratio (0..1) as OpenSLO's raw ratioMetric. */
function rawFailure(errorRatio: string): ExportedIndicator {
  return { spec: { ratioMetric: { counter: false, rawType: 'failure', raw: metric(errorRatio) } }, objective: {} };
}

export function exportIndicator(slo: Slo): ExportedIndicator {
  const { sli } = slo;
  switch (sli.kind) {
    case 'ratio': {
      const numerator = sli.good !== undefined ? { good: metric(sli.good) } : { bad: metric(sli.errors as string) };
      return { spec: { ratioMetric: { counter: true, ...numerator, total: metric(sli.total) } }, objective: {} };
    }
    case 'latency': {
      if (sli.native) return rawFailure(`histogram_fraction(${sli.thresholdSeconds}, +Inf, ${sumBy(slo.groupBy, `rate(${sli.histogram}[${RAW_EXPORT_WINDOW}])`)})`);
      const { bucket, count } = latencySelectors(sli);
      return { spec: { ratioMetric: { counter: true, good: metric(bare(bucket)), total: metric(bare(count)) } }, objective: {} };
    }
    case 'traces': {
      const { good, total } = tracesSelectors(slo);
      return { spec: { ratioMetric: { counter: true, good: metric(good), total: metric(total) } }, objective: {} };
    }
    case 'boolGauge':
      return { spec: { thresholdMetric: metric(sli.metric) }, objective: { op: 'gte', value: 1 } };
    case 'raw':
      return rawFailure(sli.errorRatio.replaceAll('{{window}}', RAW_EXPORT_WINDOW));
    case 'threshold': {
      const sliceMs = (slo.timeSlices?.sliceSeconds ?? 60) * 1000;
      return { spec: { thresholdMetric: metric(thresholdValueText(sli.measure, slo.groupBy, sliceMs)) }, objective: { op: sli.op, value: sli.value } };
    }
  }
}
