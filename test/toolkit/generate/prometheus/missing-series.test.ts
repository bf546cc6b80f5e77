/**
 * Groups whose error (or good) series do not exist yet: a route that never failed has no 5xx series at all.
 * The good events are written against the recorded total, so on both Prometheus lines such a group must still
 * get its good count (all of its total, or zero good events), one series per group, no evaluation error.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { SPAN_COUNTERS } from '../../../../src/core/conventions/metrics.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { FIXTURE_DIR, loadSlos, promtoolAsync } from './rule-files.js';

let temp: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  temp = await makeTempDir('burnrate-missing-series-');
  const slos = await loadSlos(['grouped.slo.ts', 'traces.slo.ts'].map((f) => path.join(FIXTURE_DIR, f)));
  for (const [file, text] of generateArtifacts(slos)) {
    await mkdir(path.dirname(path.join(temp.dir, file)), { recursive: true });
    await writeFile(path.join(temp.dir, file), text);
  }
});
afterAll(() => temp.remove());

const good = (slo: string, labels = '') => `burnrate:slo_good_events{slo="${slo}",window="5m"${labels ? `,${labels}` : ''}}`;

/** 1-minute samples for 10 minutes; every 5m count at 10m is 5 × the per-minute rate on both lines. */
const TESTS = [
  {
    rules: 'catalog.rules.yaml',
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
    rules: 'gateway.rules.yaml',
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
  it.each(TESTS.map((t) => [t.rules, t] as const))('%s: a group without error or good series gets its good count', async (rules, t) => {
    const test = {
      rule_files: [`../prometheus/${rules}`],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: t.series,
          promql_expr_test: [{ expr: good(t.slo), eval_time: '10m', exp_samples: t.expected }],
        },
      ],
    };
    const file = path.join(temp.dir, 'alerts/promtool', `missing-${rules}`);
    await writeFile(file, stringify(test));
    const result = await promtoolAsync(line.promtool, ['test', 'rules', path.basename(file)], path.dirname(file));
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});
