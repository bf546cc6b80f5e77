/** Checks shared by the SLIs that read a histogram or a latency: the histogram selector, a latency threshold. */
import { parseLatencySeconds } from '../../core/model/duration.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import { checkSelector, warnPinnedGroupBy } from './check-selector.js';
import { didYouMean, durationHint } from './hints.js';

export function checkLatencyThreshold(field: string, text: string, sink: ProblemSink): number | undefined {
  const seconds = parseLatencySeconds(text);
  if (seconds === undefined || seconds <= 0) {
    const hint = durationHint(text);
    sink.error('latency-threshold', field, `must be a latency above 0 such as "300ms" or "1.5s", got ${JSON.stringify(text)}${didYouMean(hint && `"${hint}"`)}`);
    return undefined;
  }
  return seconds;
}

/** `native`: a native histogram, read with histogram_fraction instead of an `le` bucket. */
export function checkHistogram(expr: string, groupBy: readonly string[], sink: ProblemSink, native = false): boolean {
  const selector = checkSelector('sli.histogram', expr, sink);
  if (!selector) return false;
  const metric = selector.metric ?? '';
  const suffix = /_(bucket|count|sum)$/.exec(metric);
  if (suffix) {
    const base = expr.replace(metric, metric.slice(0, -suffix[0].length));
    sink.error('histogram-base-name', 'sli.histogram', `give the histogram's base name without ${suffix[0]}: ${base}`);
    return false;
  }
  if (selector.matchers.some((m) => m.name === 'le')) {
    sink.error('histogram-le-matcher', 'sli.histogram', 'must not match on "le"; the threshold picks the bucket');
    return false;
  }
  if (/_(milliseconds|ms|millis)$/.test(metric)) {
    const reads = native ? 'passes the threshold in seconds to histogram_fraction' : 'reads the bucket le="<threshold in seconds>"';
    sink.warning('histogram-unit', 'sli.histogram', `"${metric}" seems to measure milliseconds, but Burnrate ${reads}; make sure the histogram's ${native ? 'observations' : 'buckets'} are in seconds`);
  }
  warnPinnedGroupBy('sli.histogram', expr, groupBy, sink);
  return true;
}
