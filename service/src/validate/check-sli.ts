/** Value checks of an SLI, and its normalised form. */
import type { Sli } from '../model/slo.js';
import { parseLatencySeconds } from '../model/duration.js';
import { SPAN_COUNTERS } from '../conventions/metrics.js';
import type { SliInput } from '../sdk/types.js';
import type { ProblemSink } from './problem.js';
import { labelsDroppedByAggregation, parseSelector, syntaxErrorOffset } from './promql.js';

/** Bucket boundaries of the Prometheus client libraries' default histogram. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const COUNTER_SUFFIXES = ['_total', '_count', '_sum', '_bucket'];
const WINDOW_PLACEHOLDER = '{{window}}';

function checkSelector(field: string, expr: string, sink: ProblemSink, expectCounter: boolean): boolean {
  const offset = syntaxErrorOffset(expr);
  if (offset !== undefined) {
    sink.error('promql-syntax', field, `PromQL syntax error at offset ${offset} in ${JSON.stringify(expr)}`);
    return false;
  }
  const selector = parseSelector(expr);
  if (!selector) {
    sink.error('not-a-selector', field, `must be a plain vector selector such as metric_total{job="api"}, got ${JSON.stringify(expr)}`);
    return false;
  }
  if (!selector.metric) {
    sink.error('selector-without-metric', field, `must name a metric, got ${JSON.stringify(expr)}`);
    return false;
  }
  if (expectCounter && !COUNTER_SUFFIXES.some((suffix) => selector.metric?.endsWith(suffix))) {
    sink.warning('not-a-counter', field, `"${selector.metric}" does not look like a counter (expected a name ending in _total or _count); ratio SLIs count events with increase()`);
  }
  return true;
}

function checkLatencyThreshold(field: string, text: string, sink: ProblemSink): number | undefined {
  const seconds = parseLatencySeconds(text);
  if (seconds === undefined || seconds <= 0) {
    sink.error('latency-threshold', field, `must be a latency such as "300ms" or "1.5s", got ${JSON.stringify(text)}`);
    return undefined;
  }
  return seconds;
}

function checkRatio(sli: Extract<SliInput, { kind: 'ratio' }>, sink: ProblemSink): Sli | undefined {
  let ok = checkSelector('sli.total', sli.total, sink, true);
  if ((sli.good === undefined) === (sli.errors === undefined)) {
    sink.error('ratio-good-or-errors', 'sli', 'give exactly one of "good" or "errors" next to "total"');
    ok = false;
  }
  if (sli.good !== undefined) ok = checkSelector('sli.good', sli.good, sink, true) && ok;
  if (sli.errors !== undefined) ok = checkSelector('sli.errors', sli.errors, sink, true) && ok;
  if (!ok) return undefined;
  return { kind: 'ratio', total: sli.total, ...(sli.good !== undefined ? { good: sli.good } : { errors: sli.errors }) };
}

function checkLatency(sli: Extract<SliInput, { kind: 'latency' }>, sink: ProblemSink): Sli | undefined {
  let ok = checkSelector('sli.histogram', sli.histogram, sink, false);
  const metric = parseSelector(sli.histogram)?.metric ?? '';
  if (ok && /_(bucket|count|sum)$/.test(metric)) {
    sink.error('histogram-base-name', 'sli.histogram', `give the histogram's base name without _bucket/_count/_sum, got "${metric}"`);
    ok = false;
  }
  if (ok && parseSelector(sli.histogram)?.matchers.some((m) => m.name === 'le')) {
    sink.error('histogram-le-matcher', 'sli.histogram', 'must not match on "le"; the threshold picks the bucket');
    ok = false;
  }
  const seconds = checkLatencyThreshold('sli.threshold', sli.threshold, sink);
  if (seconds === undefined || !ok) return undefined;
  if (sli.buckets && !sli.buckets.includes(seconds)) {
    const nearest = [...sli.buckets].sort((a, b) => Math.abs(a - seconds) - Math.abs(b - seconds)).slice(0, 2).sort((a, b) => a - b);
    sink.error('threshold-not-a-bucket', 'sli.threshold', `${sli.threshold} (${seconds}s) is not a bucket boundary of this histogram; nearest buckets are ${nearest.map((b) => `${b}s`).join(' and ')}`);
    return undefined;
  }
  if (!sli.buckets && !DEFAULT_BUCKETS.includes(seconds)) {
    sink.warning('threshold-unverified', 'sli.threshold', `${seconds}s is not a default Prometheus bucket; list the histogram's "buckets" so validation can prove le="${seconds}" exists`);
  }
  return { kind: 'latency', histogram: sli.histogram, thresholdSeconds: seconds, ...(sli.buckets ? { buckets: [...sli.buckets] } : {}) };
}

function checkRaw(sli: Extract<SliInput, { kind: 'raw' }>, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  if (!sli.errorRatio.includes(WINDOW_PLACEHOLDER)) {
    sink.error('raw-window-placeholder', 'sli.errorRatio', `must contain ${WINDOW_PLACEHOLDER} where the range goes, e.g. rate(x[${WINDOW_PLACEHOLDER}])`);
    return undefined;
  }
  const expr = sli.errorRatio.replaceAll(WINDOW_PLACEHOLDER, '5m');
  const offset = syntaxErrorOffset(expr);
  if (offset !== undefined) {
    sink.error('promql-syntax', 'sli.errorRatio', `PromQL syntax error at offset ${offset} (with ${WINDOW_PLACEHOLDER} as 5m) in ${JSON.stringify(expr)}`);
    return undefined;
  }
  const dropped = labelsDroppedByAggregation(expr, groupBy);
  if (dropped.length > 0) {
    sink.error('groupby-dropped', 'sli.errorRatio', `aggregations drop the groupBy label${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')}; add them to "by (...)"`);
    return undefined;
  }
  return { kind: 'raw', errorRatio: sli.errorRatio };
}

function checkTraces(sli: Extract<SliInput, { kind: 'traces' }>, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  let ok = true;
  if (sli.service.trim() === '') {
    sink.error('traces-service', 'sli.service', 'must name the service.name of the spans');
    ok = false;
  }
  const unsupported = groupBy.filter((label) => label !== 'route');
  if (unsupported.length > 0) {
    sink.error('traces-groupby', 'groupBy', `trace SLIs can group by "route" only (the span counters ${SPAN_COUNTERS.total} carry slo and route), got ${unsupported.join(', ')}`);
    ok = false;
  }
  let latencyThresholdSeconds: number | undefined;
  if (sli.latencyThreshold !== undefined) {
    latencyThresholdSeconds = checkLatencyThreshold('sli.latencyThreshold', sli.latencyThreshold, sink);
    ok = ok && latencyThresholdSeconds !== undefined;
  }
  if (!ok) return undefined;
  return {
    kind: 'traces',
    spanService: sli.service,
    ...(sli.spanName !== undefined ? { spanName: sli.spanName } : {}),
    ...(sli.route !== undefined ? { route: sli.route } : {}),
    spanKind: sli.spanKind ?? 'server',
    ...(latencyThresholdSeconds !== undefined ? { latencyThresholdSeconds } : {}),
  };
}

export function checkSli(sli: SliInput, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  switch (sli.kind) {
    case 'ratio':
      return checkRatio(sli, sink);
    case 'latency':
      return checkLatency(sli, sink);
    case 'boolGauge':
      return checkSelector('sli.metric', sli.metric, sink, false) ? { kind: 'boolGauge', metric: sli.metric } : undefined;
    case 'raw':
      return checkRaw(sli, groupBy, sink);
    case 'traces':
      return checkTraces(sli, groupBy, sink);
  }
}
