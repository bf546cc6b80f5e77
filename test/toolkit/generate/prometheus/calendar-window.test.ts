/**
 * Whole-window counts under promtool, on each Prometheus line: calendar periods reset at their local boundary
 * (month and week, with time zones), and the rolling 30d SLI is traffic-weighted (a ratio of sums, not an
 * average of ratios).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED } from '../../../../src/core/conventions/metrics.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { averageRangeMs } from '../../../../src/core/promql/promql-text.js';
import { avgOverTime, increase, type LineName, type Sample } from '../../../support/range-semantics.js';
import { prometheusLines, type PrometheusLine } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { ARTIFACT_DIRS, generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { writeArtifacts } from '../../../../src/toolkit/generate/write-artifacts.js';
import { closeTo, runExprTest, type ExprCheck, type ExprTest } from './expr-test.js';
import { FIXTURE_DIR, generateInto, loadSlos } from './rule-files.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
let temp: { dir: string; remove: () => Promise<void> };
let slos: Slo[];

beforeAll(async () => {
  temp = await makeTempDir('burnrate-calendar-');
  ({ slos } = await generateInto(temp.dir, ['calendar-month.slo.ts', 'calendar-week.slo.ts', 'ratio-good.slo.ts'].map((f) => path.join(FIXTURE_DIR, f))));
});
afterAll(() => temp.remove());

function runPromtool(line: PrometheusLine, name: string, service: string, evaluationInterval: string, input: ExprTest['input'], checks: ExprCheck[]) {
  return runExprTest({ outDir: temp.dir, promtool: line.promtool, name: `${name}-${line.name}`, service, slos, evaluationInterval, input, checks });
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
 * What the generated rules compute from these samples on a line: the 5m counts recorded every minute
 * (sum of increase() per series); the 30d window, whose daily counts average them, is the ratio of their
 * sums at `end`; and the mean of the 5m ratios at 120m.
 */
function trafficOracle(line: LineName, end = END_MINUTE) {
  const good: Sample[] = [];
  const total: Sample[] = [];
  const ratio: Sample[] = [];
  for (let u = 0; u <= end; u++) {
    const t = u * MINUTE_MS;
    const [g, b] = [increase(line, GOOD, t, 5 * MINUTE_MS), increase(line, BAD, t, 5 * MINUTE_MS)];
    if (g === undefined || b === undefined) continue;
    good.push({ t, v: g });
    total.push({ t, v: g + b });
    ratio.push({ t, v: 1 - g / (g + b) });
  }
  const day = 24 * HOUR_MS;
  // Over the rules' averaging ranges (averageRangeMs), as the rules read them.
  const weighted = 1 - (avgOverTime(line, good, end * MINUTE_MS, averageRangeMs(day)) ?? NaN) / (avgOverTime(line, total, end * MINUTE_MS, averageRangeMs(day)) ?? NaN);
  const unweighted = avgOverTime(line, ratio, 120 * MINUTE_MS, averageRangeMs(30 * day)) ?? NaN;
  return { weighted, unweighted };
}

it('the oracle: on 2.x closed ranges every event falls in five recorded 5m counts, so the 30d ratio is the ratio of sums', () => {
  const sum = (key: 'good' | 'bad') => PHASES.reduce((s, p) => s + p.minutes * p[key], 0);
  expect(trafficOracle('2.x').weighted).toBeCloseTo(sum('bad') / (sum('bad') + sum('good')), 15);
  expect(trafficOracle('3.x').weighted).not.toBeCloseTo(trafficOracle('2.x').weighted, 6);
});

/**
 * DST scenarios: the rules generated as on 1 January 2026 (as the golden files are), proven at the changes of
 * their horizon. promtool tests start at time 0, and evaluating years of rules every five minutes is far too
 * slow, so the test moves the rules' clock instead: every `time()` of the generated rule file becomes
 * `(time() + <shift>)`, a whole number of days, so that promtool's time 0 is the scenario's `shiftTo` (subquery
 * steps stay aligned as in real time). Nothing else of the rules changes. Steady traffic (99 good + 1 bad a
 * minute) from `shiftTo`, evaluated every five minutes: the period-to-date total at an evaluation is exact,
 * 100 × the minutes since max(period start, data start), on both lines.
 */
interface DstScenario {
  name: string;
  fixture: 'calendar-month.slo.ts' | 'calendar-week.slo.ts';
  timeZone: string;
  /** Real time of promtool's time 0 (midnight UTC), where the data starts. */
  shiftTo: string;
  /** Instants (UTC) to check, the period start the count must run from, and the period's length. */
  checks: { at: string; periodStart: string; periodSeconds: number }[];
}

const GENERATED_AT = new Date('2026-01-01T00:00:00Z');
const DAY_S = 86_400;
const DST_SCENARIOS: DstScenario[] = [
  {
    // CEST from 29 March 2026 01:00 UTC: April starts at 31 March 22:00 UTC (the standard offset said 23:00),
    // and March is an hour short.
    name: 'Europe/Berlin month: April 2026 starts 1 April 00:00 CEST = 31 March 22:00 UTC',
    fixture: 'calendar-month.slo.ts',
    timeZone: 'Europe/Berlin',
    shiftTo: '2026-03-29T00:00:00Z',
    checks: [
      { at: '2026-03-30T12:00:00Z', periodStart: '2026-02-28T23:00:00Z', periodSeconds: 31 * DAY_S - 3600 },
      { at: '2026-03-31T21:55:00Z', periodStart: '2026-02-28T23:00:00Z', periodSeconds: 31 * DAY_S - 3600 },
      { at: '2026-03-31T22:00:00Z', periodStart: '2026-03-31T22:00:00Z', periodSeconds: 30 * DAY_S },
      { at: '2026-03-31T22:05:00Z', periodStart: '2026-03-31T22:00:00Z', periodSeconds: 30 * DAY_S },
      { at: '2026-03-31T22:55:00Z', periodStart: '2026-03-31T22:00:00Z', periodSeconds: 30 * DAY_S },
      { at: '2026-03-31T23:40:00Z', periodStart: '2026-03-31T22:00:00Z', periodSeconds: 30 * DAY_S },
    ],
  },
  {
    // New York falls back on Sunday 1 November 2026 (06:00 UTC): the week began Monday 26 October 00:00 EDT
    // (04:00 UTC), is 169 hours long, and the next begins Monday 2 November 00:00 EST (05:00 UTC).
    name: 'America/New_York week across the November 2026 change: 26 Oct 04:00 UTC to 2 Nov 05:00 UTC',
    fixture: 'calendar-week.slo.ts',
    timeZone: 'America/New_York',
    shiftTo: '2026-10-26T00:00:00Z',
    checks: [
      { at: '2026-10-26T03:55:00Z', periodStart: '2026-10-19T04:00:00Z', periodSeconds: 7 * DAY_S },
      { at: '2026-10-26T04:00:00Z', periodStart: '2026-10-26T04:00:00Z', periodSeconds: 7 * DAY_S + 3600 },
      { at: '2026-10-26T04:35:00Z', periodStart: '2026-10-26T04:00:00Z', periodSeconds: 7 * DAY_S + 3600 },
      { at: '2026-11-01T12:10:00Z', periodStart: '2026-10-26T04:00:00Z', periodSeconds: 7 * DAY_S + 3600 },
      { at: '2026-11-02T04:55:00Z', periodStart: '2026-10-26T04:00:00Z', periodSeconds: 7 * DAY_S + 3600 },
      { at: '2026-11-02T05:00:00Z', periodStart: '2026-11-02T05:00:00Z', periodSeconds: 7 * DAY_S },
      { at: '2026-11-02T05:20:00Z', periodStart: '2026-11-02T05:00:00Z', periodSeconds: 7 * DAY_S },
    ],
  },
  {
    // Cairo falls back at the month boundary itself: on 31 October 2030 at 21:00 UTC local midnight becomes
    // 23:00 again, so November starts an hour later, at 22:00 UTC, and October is 31 days and an hour long.
    name: 'Africa/Cairo month: the autumn 2030 change is the October/November boundary',
    fixture: 'calendar-month.slo.ts',
    timeZone: 'Africa/Cairo',
    shiftTo: '2030-10-31T00:00:00Z',
    checks: [
      { at: '2030-10-31T20:55:00Z', periodStart: '2030-09-30T21:00:00Z', periodSeconds: 31 * DAY_S + 3600 },
      { at: '2030-10-31T21:00:00Z', periodStart: '2030-09-30T21:00:00Z', periodSeconds: 31 * DAY_S + 3600 },
      { at: '2030-10-31T21:55:00Z', periodStart: '2030-09-30T21:00:00Z', periodSeconds: 31 * DAY_S + 3600 },
      { at: '2030-10-31T22:00:00Z', periodStart: '2030-10-31T22:00:00Z', periodSeconds: 30 * DAY_S },
      { at: '2030-10-31T22:30:00Z', periodStart: '2030-10-31T22:00:00Z', periodSeconds: 30 * DAY_S },
    ],
  },
];

const ms = (iso: string) => Date.parse(iso);
const minutesOf = (milliseconds: number) => milliseconds / MINUTE_MS;

async function runDstScenario(line: PrometheusLine, scenario: DstScenario) {
  const dir = path.join(temp.dir, `dst-${scenario.timeZone.replace('/', '-')}-${line.name}`);
  const [slo] = (await loadSlos([path.join(FIXTURE_DIR, scenario.fixture)])).map((s) => ({ ...s, window: { ...s.window, timeZone: scenario.timeZone } }) as Slo);
  if (!slo || slo.window.kind !== 'calendar') throw new Error(`${scenario.fixture} is not a calendar SLO`);
  const { unit } = slo.window;
  await writeArtifacts(dir, generateArtifacts([slo], { now: GENERATED_AT }), ARTIFACT_DIRS);
  const shift = ms(scenario.shiftTo);
  const rulesFile = path.join(dir, 'alerts', 'prometheus', `${slo.service}.rules.yaml`);
  const rules = await readFile(rulesFile, 'utf8');
  if (!rules.includes('time()')) throw new Error(`${rulesFile} has no time() to shift`);
  await writeFile(rulesFile, rules.replaceAll('time()', `(time() + ${shift / 1000})`));
  const last = Math.max(...scenario.checks.map((c) => minutesOf(ms(c.at) - shift)));
  const counter = (perMinute: number) => `0+${perMinute}x${last}`;
  const [good, bad] = slo.service === 'billing' ? ['billing_invoices_total{outcome="ok"}', 'billing_invoices_total{outcome="error"}'] : ['report_exports_total{status="ok"}', 'report_exports_total{status="failed"}'];
  const labels = (metric: string) => `{__name__="${metric}",slo="${slo.id}",window="${unit}"}`;
  const checks = scenario.checks.flatMap((c) => {
    const minutes = minutesOf(ms(c.at) - Math.max(ms(c.periodStart), shift));
    const check = (metric: string, value: number) => ({ expr: `${metric}{slo="${slo.id}"}`, eval_time: `${minutesOf(ms(c.at) - shift)}m`, exp_samples: [{ labels: labels(metric), value }] });
    return [check(RECORDED.windowTotalEvents, 100 * minutes), check(RECORDED.windowGoodEvents, 99 * minutes), check(RECORDED.windowSeconds, c.periodSeconds)];
  });
  const input = [
    { series: good, values: counter(99) },
    { series: bad, values: counter(1) },
  ];
  return runExprTest({ outDir: dir, promtool: line.promtool, name: `dst-${line.name}`, service: slo.service, slos: [slo], evaluationInterval: '5m', input, checks });
}

describe.each(prometheusLines())('on Prometheus $name', (line) => {
  describe('calendar windows reset at the local period boundary', () => {
    // 745 hourly evaluations of a month of minutely data: minutes when the machine is busy.
    it.concurrent('calendar month in Europe/Berlin resets at local midnight of the 1st', { timeout: 300_000 }, async ({ expect }) => {
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

  describe('calendar boundaries are exact across DST changes, and the period-to-date count includes the current hour', () => {
    it.concurrent.for(DST_SCENARIOS)('$name', { timeout: 300_000 }, async (scenario, { expect }) => {
      const result = await runDstScenario(line, scenario);
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
      const ratio = `1 - ${RECORDED.windowGoodEvents}{slo="${slo}"} / ${RECORDED.windowTotalEvents}{slo="${slo}"}`;
      const checks = [{ expr: closeTo(ratio, weighted), eval_time: `${END_MINUTE}m`, exp_samples: [{ labels: `{slo="${slo}",window="30d"}`, value: 1 }] }];
      const result = await runPromtool(line, 'traffic-weighted', 'orders', '1m', input, checks);
      expect(result?.output).toContain('SUCCESS');
      expect(result?.code).toBe(0);
    });
  });
});
