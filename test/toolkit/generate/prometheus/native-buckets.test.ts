/** Where synthetic native-histogram observations go: good wholly at or under the threshold, bad wholly above. */
import { describe, expect, it } from 'vitest';
import { nativeBuckets, nativeHistogramValues } from '../../../../src/toolkit/generate/prometheus/native-histogram-series.js';

const THRESHOLDS = [0.0007, 0.001, 0.005, 0.1, 0.125, 0.25, 0.3, 0.5, 1, 1.2, 2, 3, 7.5, 60];

describe('native-histogram buckets of the synthetic series', () => {
  it.each(THRESHOLDS)('threshold %ss: the good bucket ends at or under it, the bad bucket starts above it', (t) => {
    const { offset, goodValue, badValue } = nativeBuckets(t);
    // Schema 0: bucket i is (2^(i-1), 2^i]; good is bucket `offset`, bad is bucket `offset + 2`.
    expect(2 ** offset).toBe(goodValue);
    expect(goodValue).toBeLessThanOrEqual(t);
    expect(2 ** (offset + 1)).toBeGreaterThan(t);
    expect(badValue).toBe(2 ** (offset + 2));
  });

  it('grows good and bad counts minute by minute, as the counters of classic series do', () => {
    const values = nativeHistogramValues({ segments: [{ minutes: 2, eventsPerMinute: 100, errorRatio: 0.1 }, { minutes: 3, eventsPerMinute: 10, errorRatio: 1 }], thenStale: true }, 0.3);
    expect(values).toBe(
      [
        '{{schema:0 sum:0 count:0 buckets:[0 0 0] offset:-2}}',
        '{{schema:0 sum:32.5 count:100 buckets:[90 0 10] offset:-2}}+{{schema:0 sum:32.5 count:100 buckets:[90 0 10] offset:-2}}x1',
        '{{schema:0 sum:75 count:210 buckets:[180 0 30] offset:-2}}+{{schema:0 sum:10 count:10 buckets:[0 0 10] offset:-2}}x2',
        'stale',
      ].join(' '),
    );
  });
});
