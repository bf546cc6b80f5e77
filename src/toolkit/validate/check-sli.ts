/** Value checks of an SLI, and its normalised form. */
import type { Sli } from '../../core/model/slo.js';
import { SPAN_COUNTERS } from '../../core/conventions/metrics.js';
import type { SliInput } from '../sdk/types.js';
import { checkRawSli } from './check-raw-sli.js';
import { checkThresholdSli } from './check-threshold-sli.js';
import { checkHistogram, checkLatencyThreshold } from './check-histogram.js';
import { checkSelector, warnNotCounter, warnPinnedGroupBy } from './check-selector.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import { renderSelector, type ParsedSelector } from '../../core/promql/promql.js';
import { unreachableSliKind } from '../../core/sli/sli-kinds.js';

/** Bucket boundaries of the Prometheus client libraries' default histogram. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];


/** Same series, whatever the spacing or matcher order. */
function sameSelector(a: ParsedSelector, b: ParsedSelector): boolean {
  const key = (s: ParsedSelector) => renderSelector({ ...s, matchers: [...s.matchers].sort((x, y) => `${x.name}${x.op}${x.value}`.localeCompare(`${y.name}${y.op}${y.value}`)) });
  return key(a) === key(b);
}

function checkRatio(sli: Extract<SliInput, { kind: 'ratio' }>, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  let ok = true;
  if (sli.good !== undefined && sli.errors !== undefined) {
    sink.error('ratio-good-or-errors', 'sli', 'give "good" or "errors" next to "total", not both');
    ok = false;
  } else if (sli.good === undefined && sli.errors === undefined) {
    sink.error('ratio-good-or-errors', 'sli', 'give "good" (a selector of good events) or "errors" (of bad events) next to "total"');
    ok = false;
  }
  const selectors = new Map<string, ParsedSelector>();
  for (const [key, expr] of [['total', sli.total], ['good', sli.good], ['errors', sli.errors]] as const) {
    if (expr === undefined) continue;
    const selector = checkSelector(`sli.${key}`, expr, sink);
    if (!selector) {
      ok = false;
      continue;
    }
    selectors.set(key, selector);
    warnNotCounter(`sli.${key}`, selector.metric ?? '', sink);
    warnPinnedGroupBy(`sli.${key}`, expr, groupBy, sink);
  }
  const total = selectors.get('total');
  for (const key of ['good', 'errors'] as const) {
    const part = selectors.get(key);
    if (total && part && sameSelector(total, part)) {
      sink.error('ratio-same-selector', `sli.${key}`, `selects the same series as sli.total, so the SLI would always be ${key === 'good' ? '100%' : '0%'}; add the matcher that tells ${key === 'good' ? 'good' : 'bad'} events apart, e.g. code=~"5.."`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return { kind: 'ratio', total: sli.total, ...(sli.good !== undefined ? { good: sli.good } : { errors: sli.errors }) };
}

function checkBuckets(buckets: readonly number[], sink: ProblemSink): boolean {
  const bad = buckets.findIndex((b, i) => !Number.isFinite(b) || b <= 0 || (i > 0 && b <= (buckets[i - 1] ?? 0)));
  if (bad === -1) return true;
  sink.error('histogram-buckets', `sli.buckets[${bad}]`, `bucket boundaries must be positive seconds in ascending order without repeats, got ${buckets[bad]} after ${bad > 0 ? buckets[bad - 1] : 'nothing'}`);
  return false;
}


function checkLatency(sli: Extract<SliInput, { kind: 'latency' }>, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  const histogramOk = checkHistogram(sli.histogram, groupBy, sink, sli.native);
  const seconds = checkLatencyThreshold('sli.threshold', sli.threshold, sink);
  if (sli.native) {
    if (sli.buckets) sink.error('native-histogram-buckets', 'sli.buckets', 'a native histogram has no fixed buckets: any threshold works, so leave "buckets" out');
    if (seconds === undefined || !histogramOk || sli.buckets) return undefined;
    return { kind: 'latency', histogram: sli.histogram, thresholdSeconds: seconds, native: true };
  }
  const bucketsOk = sli.buckets ? checkBuckets(sli.buckets, sink) : true;
  if (seconds === undefined || !histogramOk || !bucketsOk) return undefined;
  const isBucket = (list: readonly number[]) => list.some((b) => Math.abs(b - seconds) < 1e-9);
  if (sli.buckets && !isBucket(sli.buckets)) {
    const nearest = [...sli.buckets].sort((a, b) => Math.abs(a - seconds) - Math.abs(b - seconds)).slice(0, 2).sort((a, b) => a - b);
    sink.error('threshold-not-a-bucket', 'sli.threshold', `${sli.threshold}${sli.threshold === `${seconds}s` ? '' : ` (${seconds}s)`} is not a bucket boundary of this histogram, so no le="${seconds}" series exists; nearest buckets are ${nearest.map((b) => `${b}s`).join(' and ')}`);
    return undefined;
  }
  if (!sli.buckets && !isBucket(DEFAULT_BUCKETS)) {
    sink.warning('threshold-unverified', 'sli.threshold', `${seconds}s is not a default Prometheus bucket; list the histogram's "buckets" so validation can prove le="${seconds}" exists`);
  }
  return { kind: 'latency', histogram: sli.histogram, thresholdSeconds: seconds, ...(sli.buckets ? { buckets: [...sli.buckets] } : {}) };
}

function checkBoolGauge(sli: Extract<SliInput, { kind: 'boolGauge' }>, groupBy: readonly string[], sink: ProblemSink): Sli | undefined {
  const selector = checkSelector('sli.metric', sli.metric, sink);
  if (!selector) return undefined;
  if (/_(total|count|bucket|sum)$/.test(selector.metric ?? '')) {
    sink.warning('not-a-gauge', 'sli.metric', `"${selector.metric}" looks like a counter; boolGauge SLIs read a 0/1 gauge such as probe_success or up`);
  }
  warnPinnedGroupBy('sli.metric', sli.metric, groupBy, sink);
  return { kind: 'boolGauge', metric: sli.metric };
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
      return checkRatio(sli, groupBy, sink);
    case 'latency':
      return checkLatency(sli, groupBy, sink);
    case 'boolGauge':
      return checkBoolGauge(sli, groupBy, sink);
    case 'raw':
      return checkRawSli(sli, groupBy, sink);
    case 'traces':
      return checkTraces(sli, groupBy, sink);
    case 'threshold':
      return checkThresholdSli(sli, groupBy, sink);
    default:
      return unreachableSliKind(sli);
  }
}
