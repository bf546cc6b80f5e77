/**
 * Native-histogram input series in promtool's notation (`{{schema:0 count:.. buckets:[..]}}`). Good events sit
 * in the schema-0 bucket wholly at or under the threshold, bad ones in a bucket wholly above it, so
 * histogram_fraction counts both exactly whatever the threshold: no bucket is cut and interpolated.
 */
import { roundRatio } from '../../../core/model/slo.js';
import { number, runText, share, type Timeline } from './synthetic-series.js';

/** Written into test files with such input: promtool 2.x cannot parse `{{...}}` series values. */
export const NEEDS_PROMETHEUS_3 = 'Needs promtool 3.x: the input series are native histograms, which promtool 2.x cannot read.';

export interface NativeBuckets {
  /** Schema-0 index of the good bucket (2^(i-1), 2^i]; the bad bucket is two further up. */
  offset: number;
  /** Where good and bad observations fall: the upper bounds of their buckets. */
  goodValue: number;
  badValue: number;
}

/** The largest schema-0 bucket with its upper bound 2^i at or under the threshold; 2^(i+1) is above it. */
export function nativeBuckets(thresholdSeconds: number): NativeBuckets {
  let index = Math.floor(Math.log2(thresholdSeconds));
  // log2 of a float may land a hair off an exact power of two.
  while (2 ** index > thresholdSeconds) index--;
  while (2 ** (index + 1) <= thresholdSeconds) index++;
  return { offset: index, goodValue: 2 ** index, badValue: 2 ** (index + 2) };
}

function histogramText(buckets: NativeBuckets, good: number, bad: number): string {
  const sum = good * buckets.goodValue + bad * buckets.badValue;
  return `{{schema:0 sum:${number(sum)} count:${number(good + bad)} buckets:[${number(good)} 0 ${number(bad)}] offset:${buckets.offset}}}`;
}

/** A native-histogram counter sampled every minute from empty at t=0, the way counterValues grows counters. */
export function nativeHistogramValues(timeline: Timeline, thresholdSeconds: number): string {
  const buckets = nativeBuckets(thresholdSeconds);
  const tokens = [histogramText(buckets, 0, 0)];
  let good = 0;
  let bad = 0;
  for (const segment of timeline.segments) {
    if (segment.minutes <= 0) continue;
    const [stepGood, stepBad] = [share(segment, 'good'), share(segment, 'bad')];
    tokens.push(runText(histogramText(buckets, good + stepGood, bad + stepBad), histogramText(buckets, stepGood, stepBad), segment.minutes));
    good = roundRatio(good + stepGood * segment.minutes);
    bad = roundRatio(bad + stepBad * segment.minutes);
  }
  if (timeline.thenStale) tokens.push('stale');
  return tokens.join(' ');
}
