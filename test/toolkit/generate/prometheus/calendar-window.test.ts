/**
 * Whole-window counts under promtool: calendar periods reset at their local boundary (month and week,
 * with time zones), and the rolling 30d SLI is traffic-weighted (a ratio of sums, not an average of ratios).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { stringify } from 'yaml';
import { RECORDED } from '../../../../src/core/conventions/metrics.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { FIXTURE_DIR, generateInto, promtoolEach } from './rule-files.js';

const HOUR_MS = 3_600_000;
let temp: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  temp = await makeTempDir('burnrate-calendar-');
  await generateInto(temp.dir, ['calendar-month.slo.ts', 'calendar-week.slo.ts', 'ratio-good.slo.ts'].map((f) => path.join(FIXTURE_DIR, f)));
});
afterAll(() => temp.remove());

interface ExprCheck {
  expr: string;
  eval_time: string;
  exp_samples: { labels: string; value: number }[];
}

async function runPromtool(name: string, ruleFile: string, evaluationInterval: string, input: { series: string; values: string }[], checks: ExprCheck[]) {
  const file = path.join(temp.dir, 'alerts', 'promtool', `${name}.yaml`);
  const doc = { rule_files: [`../prometheus/${ruleFile}`], evaluation_interval: evaluationInterval, tests: [{ interval: '1m', input_series: input, promql_expr_test: checks }] };
  await writeFile(file, stringify(doc, { lineWidth: 0 }));
  const [result] = await promtoolEach('test', [file]);
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

describe('calendar windows reset at the local period boundary', () => {
  it.concurrent('calendar month in Europe/Berlin resets at local midnight of the 1st', async ({ expect }) => {
    const boundary = DateTime.fromObject({ year: 1970, month: 2, day: 1 }, { zone: 'Europe/Berlin' }).toMillis();
    expect(boundary).toBe(743 * HOUR_MS); // 1 February 00:00 CET is 31 January 23:00 UTC
    const { lastMinute, checks } = periodChecks('billing-invoice-runs', 'month', boundary);
    const input = [
      { series: 'billing_invoices_total{outcome="ok"}', values: counter(99, lastMinute) },
      { series: 'billing_invoices_total{outcome="error"}', values: counter(1, lastMinute) },
    ];
    const result = await runPromtool('month-boundary', 'billing.rules.yaml', '1h', input, checks);
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
    const result = await runPromtool('week-boundary', 'reports.rules.yaml', '1h', input, checks);
    expect(result?.output).toContain('SUCCESS');
    expect(result?.code).toBe(0);
  });
});

describe('the rolling 30d SLI is traffic-weighted', () => {
  // One busy hour at 1% errors, one quiet hour at 50%, then five idle minutes so every event is fully counted.
  const phases = [
    { minutes: 60, good: 990, bad: 10 },
    { minutes: 60, good: 5, bad: 5 },
    { minutes: 5, good: 0, bad: 0 },
  ];
  const sum = (key: 'good' | 'bad') => phases.reduce((s, p) => s + p.minutes * p[key], 0);
  const ratioOfSums = sum('bad') / (sum('bad') + sum('good'));

  /** Mean of the five-minute error ratios sampled every minute up to `end`: what an unweighted SLI reports. */
  function averageOfRatios(end: number): number {
    const perMinute = phases.flatMap((p) => Array.from({ length: p.minutes }, () => p));
    const ratios: number[] = [];
    for (let u = 1; u <= end; u++) {
      const window = perMinute.slice(Math.max(0, u - 5), u);
      const bad = window.reduce((s, p) => s + p.bad, 0);
      const total = window.reduce((s, p) => s + p.bad + p.good, 0);
      ratios.push(bad / total);
    }
    return ratios.reduce((s, r) => s + r, 0) / ratios.length;
  }

  const notation = (key: 'good' | 'bad') => {
    let value = 0;
    const tokens = ['0'];
    for (const p of phases) {
      tokens.push(`${value + p[key]}+${p[key]}x${p.minutes - 1}`);
      value += p[key] * p.minutes;
    }
    return tokens.join(' ');
  };

  it.concurrent('divides summed counts, so the busy hour dominates, unlike the average of five-minute ratios', async ({ expect }) => {
    const slo = 'orders-availability';
    const unweighted = averageOfRatios(120);
    expect(unweighted / ratioOfSums).toBeGreaterThan(10);
    const input = [
      { series: 'http_requests_total{job="orders",handler="/orders",code="200"}', values: notation('good') },
      { series: 'http_requests_total{job="orders",handler="/orders",code="503"}', values: notation('bad') },
    ];
    const close = (expr: string, expected: number, tolerance: number) => `abs(${expr} - ${expected}) < bool ${expected * tolerance}`;
    const labels = `{slo="${slo}"}`;
    const checks = [
      { expr: close(`${RECORDED.windowErrorRatio}${labels}`, ratioOfSums, 1e-9), eval_time: '125m', exp_samples: [{ labels: `{slo="${slo}",window="30d"}`, value: 1 }] },
      {
        expr: close(`avg_over_time(${RECORDED.errorRatio}{slo="${slo}",window="5m"}[30d])`, unweighted, 1e-9),
        eval_time: '120m',
        exp_samples: [{ labels: `{slo="${slo}",window="5m"}`, value: 1 }],
      },
    ];
    const result = await runPromtool('traffic-weighted', 'orders.rules.yaml', '1m', input, checks);
    expect(result?.output).toContain('SUCCESS');
    expect(result?.code).toBe(0);
  });
});
