/**
 * A Pyrra indicator as a Burnrate SLI: `ratio` (errors over total) a ratio SLI, `latency` (the `le` bucket
 * over the histogram's `_count`) a latency SLI, `latencyNative` (a native histogram and a latency) a native
 * latency SLI, `bool_gauge` a bool gauge SLI; `grouping` becomes groupBy.
 */
import type { SliInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseSelector } from '../../../core/promql/promql.js';
import { latencyFromBucketRatio } from '../histogram-ratio.js';
import { pyrraNativeLatency } from './pyrra-native-latency.js';
import type { PyrraIndicator } from './pyrra-schema.js';

export interface ConvertedIndicator {
  sli: SliInput;
  groupBy: string[];
  /** Authoring field → its path in the object. */
  fields: Record<string, string>;
}

const AT = 'spec.indicator';

/** Pyrra reads these metrics as vector selectors, as Burnrate does. */
function selector(metric: string, field: string, sink: ProblemSink): string | undefined {
  if (parseSelector(metric.trim())) return metric.trim();
  sink.error('pyrra-selector', field, `must be a selector such as http_requests_total{job="api"} (Pyrra and Burnrate count the series it selects), got ${JSON.stringify(metric)}`);
  return undefined;
}

export function pyrraIndicator(indicator: PyrraIndicator, sink: ProblemSink): ConvertedIndicator | undefined {
  const kinds = (['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const).filter((kind) => indicator[kind] !== undefined);
  if (kinds.length !== 1) {
    sink.error('pyrra-indicator', AT, `give exactly one of ratio, latency, latencyNative or bool_gauge, got ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`);
    return undefined;
  }
  const kind = kinds[0] as (typeof kinds)[number];
  const groupBy = [...(indicator[kind]?.grouping ?? [])];
  const at = `${AT}.${kind}`;
  const fields: Record<string, string> = { sli: at, groupBy: `${at}.grouping` };
  if (indicator.latencyNative) {
    const histogram = selector(indicator.latencyNative.total.metric, `${at}.total.metric`, sink);
    const sli = histogram === undefined ? undefined : pyrraNativeLatency(histogram, indicator.latencyNative.latency, `${at}.latency`, sink);
    return sli && { sli, groupBy, fields: { ...fields, 'sli.histogram': `${at}.total.metric`, 'sli.threshold': `${at}.latency` } };
  }
  if (indicator.bool_gauge) {
    const metric = selector(indicator.bool_gauge.metric, `${at}.metric`, sink);
    return metric === undefined ? undefined : { sli: { kind: 'boolGauge', metric }, groupBy, fields: { ...fields, 'sli.metric': `${at}.metric` } };
  }
  if (indicator.ratio) {
    const errors = selector(indicator.ratio.errors.metric, `${at}.errors.metric`, sink);
    const total = selector(indicator.ratio.total.metric, `${at}.total.metric`, sink);
    if (errors === undefined || total === undefined) return undefined;
    return { sli: { kind: 'ratio', errors, total }, groupBy, fields: { ...fields, 'sli.errors': `${at}.errors.metric`, 'sli.total': `${at}.total.metric` } };
  }
  const latency = indicator.latency as NonNullable<PyrraIndicator['latency']>;
  const success = selector(latency.success.metric, `${at}.success.metric`, sink);
  const total = selector(latency.total.metric, `${at}.total.metric`, sink);
  if (success === undefined || total === undefined) return undefined;
  const sli = latencyFromBucketRatio(success, total);
  if (!sli) {
    sink.error('pyrra-latency', `${at}.success.metric`, 'must be the le bucket (x_bucket{…,le="0.3"}) of the histogram whose _count is total, with the same other matchers');
    return undefined;
  }
  return { sli, groupBy, fields: { ...fields, 'sli.histogram': `${at}.total.metric`, 'sli.threshold': `${at}.success.metric` } };
}
