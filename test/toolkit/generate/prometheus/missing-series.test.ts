/**
 * Groups whose error (or good) series do not exist yet: a route that never failed has no 5xx series at all.
 * The good events are written against the recorded total, so on both Prometheus lines such a group must still
 * get its good count (all of its total, or zero good events), one series per group, no evaluation error.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAN_COUNTERS } from '../../../../src/core/conventions/metrics.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { runExprTest } from './expr-test.js';
import { FIXTURE_DIR, generateInto } from './rule-files.js';

let temp: { dir: string; remove: () => Promise<void> };
let slos: Slo[];

beforeAll(async () => {
  temp = await makeTempDir('burnrate-missing-series-');
  ({ slos } = await generateInto(temp.dir, ['grouped.slo.ts', 'traces.slo.ts'].map((f) => path.join(FIXTURE_DIR, f))));
});
afterAll(() => temp.remove());

const good = (slo: string, labels = '') => `burnrate:slo_good_events{slo="${slo}",window="5m"${labels ? `,${labels}` : ''}}`;

/** 1-minute samples for 10 minutes; every 5m count at 10m is 5 × the per-minute rate on both lines. */
const TESTS = [
  {
    service: 'catalog',
    slo: 'catalog-api-availability',
    series: [
      { series: 'http_requests_total{job="catalog",route="/api/a",method="GET",code="200"}', values: '0+100x10' },
      { series: 'http_requests_total{job="catalog",route="/api/a",method="GET",code="500"}', values: '0+5x10' },
      // Never failed: no 5xx series.
      { series: 'http_requests_total{job="catalog",route="/api/b",method="GET",code="200"}', values: '0+50x10' },
    ],
    expected: [
      { labels: good('catalog-api-availability', 'method="GET",route="/api/a"'), value: 500 },
      { labels: good('catalog-api-availability', 'method="GET",route="/api/b"'), value: 250 },
    ],
  },
  {
    service: 'gateway',
    slo: 'gateway-traced-requests',
    series: [
      { series: `${SPAN_COUNTERS.total}{slo="gateway-traced-requests",route="/a"}`, values: '0+20x10' },
      { series: `${SPAN_COUNTERS.good}{slo="gateway-traced-requests",route="/a"}`, values: '0+19x10' },
      // Never succeeded: no good-span series.
      { series: `${SPAN_COUNTERS.total}{slo="gateway-traced-requests",route="/b"}`, values: '0+4x10' },
    ],
    expected: [
      { labels: good('gateway-traced-requests', 'route="/a"'), value: 95 },
      { labels: good('gateway-traced-requests', 'route="/b"'), value: 0 },
    ],
  },
];

describe.each(prometheusLines())('on Prometheus $name', (line) => {
  it.each(TESTS.map((t) => [t.service, t] as const))('%s: a group without error or good series gets its good count', async (service, t) => {
    const checks = [{ expr: good(t.slo), eval_time: '10m', exp_samples: t.expected }];
    const result = await runExprTest({ outDir: temp.dir, promtool: line.promtool, name: `missing-${service}-${line.name}`, service, slos, evaluationInterval: '1m', input: t.series, checks });
    expect(result?.output).toContain('SUCCESS');
    expect(result?.code).toBe(0);
  });
});
