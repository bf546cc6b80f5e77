/**
 * An OpenSLO thresholdMetric. Under time slices it is a Burnrate threshold SLI (openslo-threshold-slices.ts).
 * Counting occurrences, it is a latency SLI: a Prometheus histogram in seconds, good when an observation is
 * at or under the objective's value (op: lte); a quantile or other operators need time slices.
 */
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseSelector } from '../../../core/promql/promql.js';
import { readCounterQuery, SLOTH_WINDOW } from '../counter-query.js';
import { histogramSelector } from '../histogram-ratio.js';
import { latencyText } from '../latency-text.js';
import { prometheusQuery, type DataSourceTypes } from './metric-source.js';
import type { ConvertedIndicator } from './openslo-converted.js';
import type { MetricSpec, Objective } from './openslo-schema.js';
import { slicedThresholdToSli } from './openslo-threshold-slices.js';
import type { SliceBudget } from './openslo-time-slices.js';

const THRESHOLD_SHAPE = 'a Prometheus histogram in seconds, e.g. http_request_duration_seconds_bucket{job="api"}, with op: lte and value in seconds';

export function thresholdToSli(
  metric: MetricSpec,
  objectives: readonly Objective[],
  path: string,
  sources: DataSourceTypes,
  sink: ProblemSink,
  sloSink: ProblemSink,
  slices: SliceBudget | undefined,
): ConvertedIndicator | undefined {
  const at = `${path}.thresholdMetric`;
  if (objectives.length !== 1) {
    sloSink.error('threshold-objectives', 'spec.objectives', `a thresholdMetric SLO has exactly one objective, got ${objectives.length}`);
    return undefined;
  }
  const objective = objectives[0] as Objective;
  const query = prometheusQuery(metric, at, sources, sink);
  if (query === undefined) return undefined;
  const queryField = `${at}.metricSource.spec.query`;
  if (slices) return slicedThresholdToSli(query, queryField, objective, slices.sliceMs, sink, sloSink);
  if (query.includes('histogram_quantile')) {
    sink.error('threshold-quantile', queryField, `a quantile compared per evaluation needs time slices: set budgetingMethod: Timeslices with timeSliceWindow on the objective; or, counting occurrences, name ${THRESHOLD_SHAPE}`);
    return undefined;
  }
  const read = readCounterQuery(query.replace(SLOTH_WINDOW, '5m'));
  const selector = read.ok ? parseSelector(read.query.selector) : undefined;
  const base = selector?.metric?.replace(/_bucket$/, '');
  if (!read.ok || !selector || !base?.endsWith('_seconds') || selector.matchers.some((m) => m.name === 'le')) {
    sink.error('threshold-unsupported', queryField, `thresholdMetric is supported for ${THRESHOLD_SHAPE}; got ${JSON.stringify(query)}`);
    return undefined;
  }
  if (objective.op !== 'lte') {
    const why = objective.op === 'lt' ? 'Prometheus buckets count observations at or below le, so use lte' : 'good requests are the fast ones: use lte';
    sloSink.error('threshold-op', 'spec.objectives[0].op', `must be "lte" for a latency threshold (${why}), got ${JSON.stringify(objective.op)}`);
    return undefined;
  }
  if (objective.value === undefined || !(objective.value > 0)) {
    sloSink.error('threshold-value', 'spec.objectives[0].value', `must be the latency threshold in seconds, got ${JSON.stringify(objective.value)}`);
    return undefined;
  }
  const histogram = histogramSelector(base, selector);
  const fields = { 'sli.histogram': { path: queryField }, groupBy: { path: queryField }, 'sli.threshold': { path: 'spec.objectives[0].value', onSlo: true } };
  return { sli: { kind: 'latency', histogram, threshold: latencyText(objective.value) }, groupBy: read.query.groupBy, fields };
}
