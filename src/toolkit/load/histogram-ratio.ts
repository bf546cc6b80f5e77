/**
 * Recognises a latency SLI written as counters: the `le` bucket of a histogram over its `_count`, with the
 * same matchers. Importers use it so such SLIs become Burnrate latency SLIs (threshold and buckets checked).
 */
import type { LatencySliInput } from '../sdk/types.js';
import { parseSelector, renderSelector, type LabelMatcher, type ParsedSelector } from '../../core/promql/promql.js';
import { latencyText } from './latency-text.js';

function matchersText(selector: ParsedSelector, skip: readonly string[]): string {
  return selector.matchers
    .filter((m) => !skip.includes(m.name))
    .map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`)
    .sort()
    .join(',');
}

/** Matchers other than `le` and the metric name, in a stable order, for comparing selectors. */
export function matcherKey(selector: ParsedSelector): string {
  return matchersText(selector, ['le', '__name__']);
}

/** True when both texts select the same series (same metric, same matchers in any order). */
export function sameSeries(a: string, b: string): boolean {
  const left = parseSelector(a);
  const right = parseSelector(b);
  return !!left && !!right && left.metric === right.metric && matchersText(left, ['__name__']) === matchersText(right, ['__name__']);
}

/** The histogram selector `base{matchers}`, without braces when there are no matchers. */
export function histogramSelector(base: string, selector: ParsedSelector): string {
  const others = selector.matchers.filter((m) => m.name !== 'le' && m.name !== '__name__');
  return others.length > 0 ? renderSelector({ metric: base, matchers: others }) : base;
}

/**
 * The bucket boundary of an `le` matcher: `le="0.3"`, or the regex Burnrate's rules use so "1" and "1.0"
 * both match (`le=~"1(\\.0+)?"`, `le=~"0\\.30*"`).
 */
function leSeconds(matcher: LabelMatcher): number | undefined {
  let text = matcher.value;
  if (matcher.op === '=~') {
    const match = /^(\d+)(?:\\\.(\d+)0\*|\(\\\.0\+\)\?)$/.exec(text);
    if (!match) return undefined;
    text = match[2] === undefined ? (match[1] as string) : `${match[1]}.${match[2]}`;
  } else if (matcher.op !== '=') return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** `x_bucket{le="0.3",…}` over `x_count{…}` is a latency SLI on histogram `x{…}` with threshold 300ms. */
export function latencyFromBucketRatio(good: string, total: string): LatencySliInput | undefined {
  const bucket = parseSelector(good);
  const count = parseSelector(total);
  if (!bucket?.metric?.endsWith('_bucket') || !count) return undefined;
  const base = bucket.metric.slice(0, -'_bucket'.length);
  const le = bucket.matchers.filter((m) => m.name === 'le');
  if (count.metric !== `${base}_count` || le.length !== 1 || !le[0]) return undefined;
  const seconds = leSeconds(le[0]);
  if (seconds === undefined || seconds <= 0 || matcherKey(bucket) !== matcherKey(count)) return undefined;
  return { kind: 'latency', histogram: histogramSelector(base, bucket), threshold: latencyText(seconds) };
}
