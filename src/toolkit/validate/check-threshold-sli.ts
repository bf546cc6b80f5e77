/** Threshold SLIs: a histogram quantile, a gauge or a PromQL query, judged once per time slice against a value. */
import type { Sli, ThresholdMeasure } from '../../core/model/slo.js';
import { parseLatencySeconds } from '../../core/model/duration.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import { labelsLost } from '../../core/promql/promql-labels.js';
import { findPromqlError } from '../../core/promql/promql-syntax.js';
import { SLICE_PLACEHOLDER } from '../../core/sli/slice-queries.js';
import type { ThresholdSliInput } from '../sdk/types.js';
import { checkHistogram } from './check-histogram.js';
import { checkSelector, reportPromqlError, warnPinnedGroupBy } from './check-selector.js';

/** Same length as the placeholder, so positions in the parsed text are positions in the author's text. */
const SAME_LENGTH_RANGE = '000000001m';

function checkQuery(query: string, groupBy: readonly string[], sink: ProblemSink): boolean {
  const expr = query.replaceAll(SLICE_PLACEHOLDER, SAME_LENGTH_RANGE);
  const error = findPromqlError(expr);
  if (error) {
    reportPromqlError(sink, 'sli.query', { ...error, excerpt: error.excerpt.map((line, i) => (i === 0 ? line.replaceAll(SAME_LENGTH_RANGE, SLICE_PLACEHOLDER) : line)) });
    return false;
  }
  const lost = labelsLost(expr, groupBy);
  if (lost.length > 0) {
    sink.error('groupby-dropped', 'sli.query', `drops the groupBy label${lost.length > 1 ? 's' : ''} ${lost.map((l) => `"${l}"`).join(', ')}; keep them, e.g. max by (${groupBy.join(', ')}) (...)`);
    return false;
  }
  warnPinnedGroupBy('sli.query', query, groupBy, sink);
  return true;
}

function checkMeasure(sli: ThresholdSliInput, groupBy: readonly string[], sink: ProblemSink): ThresholdMeasure | undefined {
  const given = (['histogram', 'gauge', 'query'] as const).filter((key) => sli[key] !== undefined);
  if (given.length !== 1) {
    const what = given.length === 0 ? 'none was given' : `got ${given.join(' and ')}`;
    sink.error('threshold-measure', 'sli', `give exactly one of "histogram" (with "quantile"), "gauge" or "query" to say what each slice measures; ${what}`);
    return undefined;
  }
  if (sli.quantile !== undefined && sli.histogram === undefined) {
    sink.error('threshold-quantile', 'sli.quantile', 'a quantile needs "histogram"');
    return undefined;
  }
  if (sli.native !== undefined && sli.histogram === undefined) {
    sink.error('threshold-native', 'sli.native', '"native" describes a histogram; give "histogram" or leave it out');
    return undefined;
  }
  if (sli.histogram !== undefined) {
    const histogramOk = checkHistogram(sli.histogram, groupBy, sink);
    const quantile = sli.quantile;
    if (quantile === undefined || !(quantile > 0 && quantile < 1)) {
      sink.error('threshold-quantile', 'sli.quantile', `must be a quantile above 0 and below 1 such as 0.99, got ${quantile === undefined ? 'nothing' : quantile}`);
      return undefined;
    }
    return histogramOk ? { of: 'quantile', histogram: sli.histogram, quantile, ...(sli.native ? { native: true } : {}) } : undefined;
  }
  if (sli.gauge !== undefined) {
    if (!checkSelector('sli.gauge', sli.gauge, sink)) return undefined;
    warnPinnedGroupBy('sli.gauge', sli.gauge, groupBy, sink);
    return { of: 'gauge', metric: sli.gauge };
  }
  const query = sli.query ?? '';
  return checkQuery(query, groupBy, sink) ? { of: 'query', query } : undefined;
}

function checkValue(sli: ThresholdSliInput, sink: ProblemSink): number | undefined {
  if (typeof sli.value === 'number') {
    if (Number.isFinite(sli.value)) return sli.value;
  } else if (sli.histogram !== undefined) {
    const seconds = parseLatencySeconds(sli.value);
    if (seconds !== undefined) return seconds;
  }
  const expected = sli.histogram !== undefined ? 'a number or a latency such as "300ms"' : 'a number';
  sink.error('threshold-value', 'sli.value', `must be ${expected}, got ${JSON.stringify(sli.value)}`);
  return undefined;
}

export function checkThresholdSli(sli: ThresholdSliInput, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  const measure = checkMeasure(sli, groupBy, sink);
  const value = checkValue(sli, sink);
  if (!measure || value === undefined) return undefined;
  return { kind: 'threshold', measure, op: sli.op, value };
}
