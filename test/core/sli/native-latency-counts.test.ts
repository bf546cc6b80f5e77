/**
 * The native-histogram latency counts on a real Prometheus 3.x: promtool evaluates the recording-rule PromQL
 * over native-histogram input and the good and total counts must be the observations at or under the
 * threshold and all of them, for thresholds on, between and far from bucket boundaries. The Sloth export's
 * error and total rates are checked the same way: the observations above the threshold, and all, per second.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { nativeLatencyCounts } from '../../../src/core/sli/event-queries.js';
import { sumBy } from '../../../src/core/promql/promql-text.js';
import { nativeLatencyEvents } from '../../../src/toolkit/export/sloth-sli.js';
import { stackTool } from '../../support/stack-tools.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { promtoolAsync } from '../../toolkit/generate/prometheus/rule-files.js';

/** Observations per minute in schema-0 buckets, by bucket index i: the bucket (2^(i-1), 2^i]. */
type PerMinute = Record<number, number>;

interface Case {
  name: string;
  threshold: number;
  buckets: PerMinute;
  /** Observations per minute in the zero bucket (under a millisecond). */
  zero?: number;
}

const CASES: Case[] = [
  { name: 'between boundaries: 0.3s, good in (0.125, 0.25], bad in (0.5, 1]', threshold: 0.3, buckets: { [-2]: 990, 0: 10 } },
  { name: 'on a boundary: 0.25s, (0.125, 0.25] is good, (0.25, 0.5] bad', threshold: 0.25, buckets: { [-2]: 97, [-1]: 3 } },
  { name: 'sub-millisecond: 0.0007s', threshold: 0.0007, buckets: { [-11]: 40, [-9]: 60 } },
  { name: 'many buckets on both sides of 3s', threshold: 3, buckets: { [-3]: 5, 0: 7, 1: 11, 3: 13, 5: 17 } },
  { name: 'zero-bucket observations only (no positive buckets): all good', threshold: 0.1, buckets: {}, zero: 8 },
  { name: 'everything above the threshold', threshold: 0.05, buckets: { 2: 30 } },
];

/** One minute's observations as promtool's native-histogram notation (a contiguous span from the lowest index). */
function histogram(c: Case, minutes: number): string {
  const indexes = Object.keys(c.buckets).map(Number);
  const zero = (c.zero ?? 0) * minutes;
  if (indexes.length === 0) return `{{schema:0 count:${zero} z_bucket:${zero} z_bucket_w:0.001}}`;
  const low = Math.min(...indexes);
  const counts = Array.from({ length: Math.max(...indexes) - low + 1 }, (_, i) => (c.buckets[low + i] ?? 0) * minutes);
  const count = counts.reduce((a, b) => a + b, 0) + zero;
  return `{{schema:0 count:${count} z_bucket:${zero} buckets:[${counts.join(' ')}] offset:${low}}}`;
}

function perMinute(c: Case, good: (upper: number) => boolean): number {
  const buckets = Object.entries(c.buckets).filter(([i]) => good(2 ** Number(i)));
  return buckets.reduce((sum, [, n]) => sum + n, c.zero ?? 0);
}

const series = (i: number) => `request_duration_seconds{case="${i}"}`;

describe('native-histogram latency counts on Prometheus 3.x', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let output = '';
  let code = -1;

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-native-');
    const rules = CASES.flatMap((c, i) => {
      const q = nativeLatencyCounts(series(i), c.threshold, ['case'], '5m');
      if (q.kind !== 'counts') throw new Error('native latency must give counts');
      const sloth = nativeLatencyEvents(sumBy(['case'], `rate(${series(i)}[5m])`), c.threshold).events;
      return [
        { record: `good_${i}`, expr: q.good },
        { record: `total_${i}`, expr: q.total },
        { record: `sloth_errors_${i}`, expr: sloth.error_query },
        { record: `sloth_total_${i}`, expr: sloth.total_query },
      ];
    });
    // One sample a minute growing by a minute's observations; at 10m a 5m increase holds exactly five minutes.
    const input = CASES.map((c, i) => ({ series: series(i), values: `${histogram(c, 0)}+${histogram(c, 1)}x10 ${histogram(c, 10)}x5` }));
    const checks = CASES.flatMap((c, i) => {
      const good = perMinute(c, (upper) => upper <= c.threshold);
      const total = perMinute(c, () => true);
      return [
        { expr: `good_${i}`, eval_time: '10m', exp_samples: [{ labels: `good_${i}{case="${i}"}`, value: 5 * good }] },
        { expr: `total_${i}`, eval_time: '10m', exp_samples: [{ labels: `total_${i}{case="${i}"}`, value: 5 * total }] },
        // A 5m rate of five minutes' observations is the per-minute count over 60 seconds; rounded, since
        // the error share (1 - the good share) carries float noise in the 15th digit.
        { expr: `round(sloth_errors_${i} * 60)`, eval_time: '10m', exp_samples: [{ labels: `{case="${i}"}`, value: total - good }] },
        { expr: `round(sloth_total_${i} * 60)`, eval_time: '10m', exp_samples: [{ labels: `{case="${i}"}`, value: total }] },
        // No observations in the last five minutes: zero good of zero, not NaN.
        { expr: `good_${i}`, eval_time: '16m', exp_samples: [{ labels: `good_${i}{case="${i}"}`, value: 0 }] },
        { expr: `total_${i}`, eval_time: '16m', exp_samples: [{ labels: `total_${i}{case="${i}"}`, value: 0 }] },
      ];
    });
    await writeFile(path.join(temp.dir, 'rules.yaml'), stringify({ groups: [{ name: 'native', rules }] }));
    const test = { rule_files: ['rules.yaml'], evaluation_interval: '1m', tests: [{ interval: '1m', input_series: input, promql_expr_test: checks }] };
    await writeFile(path.join(temp.dir, 'native.test.yaml'), stringify(test));
    ({ code, output } = await promtoolAsync(stackTool('prometheus', 'promtool'), ['test', 'rules', 'native.test.yaml'], temp.dir));
  });
  afterAll(() => temp.remove());

  it('counts good and total observations exactly for every threshold, and zero good in an empty window', () => {
    expect(code, output).toBe(0);
  });

  it('the cases put observations on both sides of each threshold (else they would prove nothing)', () => {
    for (const c of CASES.filter((c) => c.zero === undefined && !c.name.startsWith('everything'))) {
      expect(perMinute(c, (upper) => upper <= c.threshold), c.name).toBeGreaterThan(0);
      expect(perMinute(c, (upper) => upper > c.threshold), c.name).toBeGreaterThan(0);
    }
  });
});
