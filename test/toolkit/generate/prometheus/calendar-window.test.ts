/**
 * Whole-window counts under promtool, on each Prometheus line: calendar periods reset at their local boundary
 * (month and week, with time zones), and the rolling 30d SLI is traffic-weighted (a ratio of sums, not an
 * average of ratios).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { RECORDED } from '../../../../src/core/conventions/metrics.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { groupEvalOrder } from '../../../../src/toolkit/generate/prometheus/promtool-tests.js';
import { avgOverTime, increase, type LineName, type Sample } from '../../../support/range-semantics.js';
import { prometheusLines, type PrometheusLine } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { FIXTURE_DIR, generateInto, promtoolEach } from './rule-files.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
let temp: { dir: string; remove: () => Promise<void> };
let slos: Slo[];

beforeAll(async () => {
  temp = await makeTempDir('burnrate-calendar-');
  ({ slos } = await generateInto(temp.dir, ['calendar-month.slo.ts', 'calendar-week.slo.ts', 'ratio-good.slo.ts'].map((f) => path.join(FIXTURE_DIR, f))));
});
afterAll(() => temp.remove());

interface ExprCheck {
  expr: string;
  eval_time: string;
  exp_samples: { labels: string; value: number }[];
}

async function runPromtool(line: PrometheusLine, name: string, service: string, evaluationInterval: string, input: { series: string; values: string }[], checks: ExprCheck[]) {
  const file = path.join(temp.dir, 'alerts', 'promtool', `${name}-${line.name}.yaml`);
  const doc = {
    rule_files: [`../prometheus/${service}.rules.yaml`],
    evaluation_interval: evaluationInterval,
    group_eval_order: groupEvalOrder(slos.filter((s) => s.service === service)),
    tests: [{ interval: '1m', input_series: input, promql_expr_test: checks }],
  };
  await writeFile(file, stringify(doc, { lineWidth: 0 }));
  const [result] = await promtoolEach(line.promtool, 'test', [file]);
  return result;
}

/** A counter growing by `perMinute` every minute for `minutes` minutes from 0. */
const counter = (perMinute: number, minutes: number) => `0+${perMinute}x${minutes}`;
const hours = (ms: number) => `${ms / HOUR_MS}h`;

/**
 * Steady traffic (100 events a minute, 1% bad) across the boundary. The calendar rules sum hourly counts,
 * so hourly evaluation is enough and keeps promtool to about one evaluation per hour of data.
 * At a whole hour the period-to-date total is exact: every event since max(period start, data start).
 */
function periodChecks(slo: string, window: 'month' | 'week', boundaryMs: number) {
  const before = boundaryMs - HOUR_MS;
  const after = boundaryMs + 2 * HOUR_MS;
  const total = (from: number, to: number) => ((to - from) / 60_000) * 100;
  // Whole-window series are labelled with the SLO window, not with the hourly counts they sum.
  const labels = (metric: string) => `{__name__="${metric}",slo="${slo}",window="${window}"}`;
  const check = (metric: string, at: number, value: number) => ({ expr: `${metric}{slo="${slo}"}`, eval_time: hours(at), exp_samples: [{ labels: labels(metric), value }] });
  return {
    lastMinute: after / 60_000,
    checks: [
      check(RECORDED.windowTotalEvents, before, total(0, before)),
      check(RECORDED.windowTotalEvents, after, total(boundaryMs, after)),
      check(RECORDED.windowGoodEvents, after, total(boundaryMs, after) * 0.99),
    ],
  };
}

// One busy hour at 1% errors, one quiet hour at 50%, then five idle minutes so every event is fully counted.
const PHASES = [
  { minutes: 60, good: 990, bad: 10 },
  { minutes: 60, good: 5, bad: 5 },
  { minutes: 5, good: 0, bad: 0 },
];
const END_MINUTE = PHASES.reduce((s, p) => s + p.minutes, 0);

/** The counter of good or bad events, one sample a minute from 0: the promtool input and the oracle's samples. */
function counterSamples(key: 'good' | 'bad'): Sample[] {
  const samples: Sample[] = [{ t: 0, v: 0 }];
  for (const p of PHASES) for (let m = 0; m < p.minutes; m++) samples.push({ t: samples.length * MINUTE_MS, v: (samples.at(-1)?.v ?? 0) + p[key] });
  return samples;
}
const GOOD = counterSamples('good');
const BAD = counterSamples('bad');

/**
 * What the generated rules compute from these samples on a line: the 1h counts read from the raw series
 * (sum of increase() per series); the 30d window sums those ending at `end`, `end` − 1h, ... (thirty 1d
 * tiles of twenty-four 1h counts); and the mean of the 5m ratios at 120m.
 */
function trafficOracle(line: LineName, end = END_MINUTE) {
  const ratio: Sample[] = [];
  for (let u = 0; u <= end; u++) {
    const [g, b] = [increase(line, GOOD, u * MINUTE_MS, 5 * MINUTE_MS), increase(line, BAD, u * MINUTE_MS, 5 * MINUTE_MS)];
    if (g !== undefined && b !== undefined) ratio.push({ t: u * MINUTE_MS, v: 1 - g / (g + b) });
  }
  let [good, total] = [0, 0];
  for (let u = end; u >= 0; u -= 60) {
    const [g, b] = [increase(line, GOOD, u * MINUTE_MS, HOUR_MS), increase(line, BAD, u * MINUTE_MS, HOUR_MS)];
    if (g === undefined || b === undefined) continue;
    good += g;
    total += g + b;
  }
  const month = 30 * 24 * HOUR_MS;
  const weighted = 1 - good / total;
  const unweighted = avgOverTime(line, ratio, 120 * MINUTE_MS, month) ?? NaN;
  return { weighted, unweighted };
}

it('the oracle: on 2.x closed ranges the 1h counts at 1h steps hold every event exactly once, so the 30d ratio is the ratio of sums', () => {
  const sum = (key: 'good' | 'bad') => PHASES.reduce((s, p) => s + p.minutes * p[key], 0);
  const exact = sum('bad') / (sum('bad') + sum('good'));
  expect(trafficOracle('2.x').weighted).toBeCloseTo(exact, 15);
  // 3.x ranges are left-open: each hour's increase is extrapolated from 59 minutes.
  expect(trafficOracle('3.x').weighted).not.toBeCloseTo(exact, 6);
});

describe.each(prometheusLines())('on Prometheus $name', (line) => {
  describe('calendar windows reset at the local period boundary', () => {
    it.concurrent('calendar month in Europe/Berlin resets at local midnight of the 1st', async ({ expect }) => {
      const boundary = DateTime.fromObject({ year: 1970, month: 2, day: 1 }, { zone: 'Europe/Berlin' }).toMillis();
      expect(boundary).toBe(743 * HOUR_MS); // 1 February 00:00 CET is 31 January 23:00 UTC
      const { lastMinute, checks } = periodChecks('billing-invoice-runs', 'month', boundary);
      const input = [
        { series: 'billing_invoices_total{outcome="ok"}', values: counter(99, lastMinute) },
        { series: 'billing_invoices_total{outcome="error"}', values: counter(1, lastMinute) },
      ];
      const result = await runPromtool(line, 'month-boundary', 'billing', '1h', input, checks);
      expect(result?.output).toContain('SUCCESS');
      expect(result?.code).toBe(0);
    });

    it.concurrent('calendar week in America/New_York resets at local Monday midnight', async ({ expect }) => {
      const boundary = DateTime.fromMillis(0, { zone: 'America/New_York' }).startOf('week').plus({ weeks: 1 }).toMillis();
      expect(DateTime.fromMillis(boundary, { zone: 'America/New_York' }).toFormat('cccc HH:mm')).toBe('Monday 00:00');
      const { lastMinute, checks } = periodChecks('reports-weekly-exports', 'week', boundary);
      const input = [
        { series: 'report_exports_total{status="ok"}', values: counter(99, lastMinute) },
        { series: 'report_exports_total{status="failed"}', values: counter(1, lastMinute) },
      ];
      const result = await runPromtool(line, 'week-boundary', 'reports', '1h', input, checks);
      expect(result?.output).toContain('SUCCESS');
      expect(result?.code).toBe(0);
    });
  });

  describe('the rolling 30d SLI is traffic-weighted', () => {
    it.concurrent('divides summed counts, so the busy hour dominates, unlike the average of five-minute ratios', async ({ expect }) => {
      const slo = 'orders-availability';
      const { weighted, unweighted } = trafficOracle(line.name);
      expect(unweighted / weighted).toBeGreaterThan(10);
      const values = (samples: Sample[]) => samples.map((s) => s.v).join(' ');
      const input = [
        { series: 'http_requests_total{job="orders",handler="/orders",code="200"}', values: values(GOOD) },
        { series: 'http_requests_total{job="orders",handler="/orders",code="503"}', values: values(BAD) },
      ];
      // Equal up to float rounding: the oracle sums in another order than Prometheus.
      const close = (expr: string, expected: number) => `abs(${expr} - ${expected}) < bool ${expected * 1e-9}`;
      const ratio = `1 - ${RECORDED.windowGoodEvents}{slo="${slo}"} / ${RECORDED.windowTotalEvents}{slo="${slo}"}`;
      const checks = [{ expr: close(ratio, weighted), eval_time: `${END_MINUTE}m`, exp_samples: [{ labels: `{slo="${slo}",window="30d"}`, value: 1 }] }];
      const result = await runPromtool(line, 'traffic-weighted', 'orders', '1m', input, checks);
      expect(result?.output).toContain('SUCCESS');
      expect(result?.code).toBe(0);
    });
  });
});
