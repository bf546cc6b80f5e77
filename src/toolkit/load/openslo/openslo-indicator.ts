/**
 * An OpenSLO SLI spec as a Burnrate SLI. ratioMetric good/bad/total become a ratio SLI (or a latency SLI
 * when good is a histogram bucket and total its count), ratioMetric raw a raw SLI, and thresholdMetric a
 * threshold SLI under time slices, else a latency SLI when it names a Prometheus histogram in seconds.
 * Everything else is refused, with the field.
 */
import type { SliInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseSelector } from '../../../core/promql/promql.js';
import { readCounterQuery, SLOTH_WINDOW, type CounterQuery } from '../counter-query.js';
import { latencyFromBucketRatio } from '../histogram-ratio.js';
import { prometheusQuery, type DataSourceTypes } from './metric-source.js';
import type { MetricSpec, Objective, RatioMetric, SliSpec } from './openslo-schema.js';
import type { ConvertedIndicator } from './openslo-converted.js';
import { thresholdToSli } from './openslo-threshold.js';
import type { SliceBudget } from './openslo-time-slices.js';

function counterQuery(metric: MetricSpec, path: string, sources: DataSourceTypes, sink: ProblemSink): CounterQuery | undefined {
  const query = prometheusQuery(metric, path, sources, sink);
  if (query === undefined) return undefined;
  const read = readCounterQuery(query.replace(SLOTH_WINDOW, '5m'));
  if (!read.ok) {
    sink.error('unsupported-query', `${path}.metricSource.spec.query`, `${read.reason}; got ${JSON.stringify(query)}`);
    return undefined;
  }
  return read.query;
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join(',') === [...b].sort().join(',');
}

function rawErrorRatio(query: string, rawType: 'success' | 'failure'): string {
  const series = parseSelector(query) ? `${query}[{{window}}]` : `(${query})[{{window}}:]`;
  const average = `avg_over_time(${series})`;
  return rawType === 'failure' ? average : `1 - ${average}`;
}

function ratioToSli(ratio: RatioMetric, path: string, sources: DataSourceTypes, sink: ProblemSink): ConvertedIndicator | undefined {
  const at = `${path}.ratioMetric`;
  if (ratio.raw) {
    if (ratio.good || ratio.bad || ratio.total) {
      sink.error('ratio-raw-and-counts', at, 'give either raw (with rawType) or good/bad with total, not both');
      return undefined;
    }
    if (!ratio.rawType) {
      sink.error('missing-field', `${at}.rawType`, 'is required with raw: "success" or "failure"');
      return undefined;
    }
    const query = prometheusQuery(ratio.raw, `${at}.raw`, sources, sink);
    const fields = { 'sli.errorRatio': { path: `${at}.raw.metricSource.spec.query` } };
    return query === undefined ? undefined : { sli: { kind: 'raw', errorRatio: rawErrorRatio(query, ratio.rawType) }, groupBy: [], fields };
  }
  if (ratio.counter === false) {
    sink.error('ratio-not-counter', `${at}.counter`, 'counter: false (gauges) is not supported; Burnrate counts events with increase() over counters');
    return undefined;
  }
  if (!ratio.total) {
    sink.error('missing-field', `${at}.total`, 'is required next to good or bad');
    return undefined;
  }
  if ((ratio.good === undefined) === (ratio.bad === undefined)) {
    sink.error('ratio-good-or-bad', at, 'give exactly one of good or bad next to total');
    return undefined;
  }
  const numeratorField = ratio.good ? 'good' : 'bad';
  const numerator = counterQuery((ratio.good ?? ratio.bad) as MetricSpec, `${at}.${numeratorField}`, sources, sink);
  const total = counterQuery(ratio.total, `${at}.total`, sources, sink);
  if (!numerator || !total) return undefined;
  if (!sameLabels(numerator.groupBy, total.groupBy)) {
    sink.error('groupby-mismatch', at, `${numeratorField} and total must sum by the same labels, got (${numerator.groupBy.join(', ')}) and (${total.groupBy.join(', ')})`);
    return undefined;
  }
  const groupBy = total.groupBy;
  const numeratorQuery = { path: `${at}.${numeratorField}.metricSource.spec.query` };
  const totalQuery = { path: `${at}.total.metricSource.spec.query` };
  const latency = ratio.good ? latencyFromBucketRatio(numerator.selector, total.selector) : undefined;
  if (latency) return { sli: latency, groupBy, fields: { 'sli.histogram': totalQuery, 'sli.threshold': numeratorQuery, groupBy: totalQuery } };
  const sli: SliInput = ratio.good
    ? { kind: 'ratio', good: numerator.selector, total: total.selector }
    : { kind: 'ratio', errors: numerator.selector, total: total.selector };
  return { sli, groupBy, fields: { [`sli.${ratio.good ? 'good' : 'errors'}`]: numeratorQuery, 'sli.total': totalQuery, groupBy: totalQuery } };
}

/**
 * `path` is where the SLI spec sits in its document ("spec.indicator.spec" inline, "spec" in an SLI object);
 * `sink` reports on that document, `sloSink` on the SLO's objectives; `slices` is the time-slice budget
 * (absent: Occurrences), which decides what a thresholdMetric means.
 */
export function indicatorToSli(
  spec: SliSpec,
  objectives: readonly Objective[],
  path: string,
  sources: DataSourceTypes,
  sink: ProblemSink,
  sloSink: ProblemSink = sink,
  slices?: SliceBudget,
): ConvertedIndicator | undefined {
  if ((spec.ratioMetric === undefined) === (spec.thresholdMetric === undefined)) {
    sink.error('indicator-metric', path, 'give exactly one of ratioMetric or thresholdMetric');
    return undefined;
  }
  if (spec.ratioMetric) {
    const withOp = objectives.findIndex((o) => o.op !== undefined || o.value !== undefined);
    if (withOp >= 0) sloSink.error('ratio-op-value', `spec.objectives[${withOp}]`, 'op and value apply to a thresholdMetric only; a ratioMetric objective needs target or targetPercent');
    // Read on regardless, so the metrics' own problems show at once.
    const converted = ratioToSli(spec.ratioMetric, path, sources, sink);
    return withOp >= 0 ? undefined : converted;
  }
  return thresholdToSli(spec.thresholdMetric as MetricSpec, objectives, path, sources, sink, sloSink, slices);
}
