/**
 * The rolling whole window under promtool, on each Prometheus line, over more days than one tile: the recorded 3d
 * count is three 1d counts at offsets 0, 1d and 2d, and the 30-day window is the 3d counts at offsets 0, 3d, ….
 * Every day of the input has its own traffic, so a tile read at a wrong offset, counted twice or left out changes
 * the numbers.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDED } from '../../../../src/core/conventions/metrics.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { averageRangeMs } from '../../../../src/core/promql/promql-text.js';
import { avgOverTime, increase, type LineName, type Sample } from '../../../support/range-semantics.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { closeTo, runExprTest } from './expr-test.js';
import { FIXTURE_DIR, generateInto } from './rule-files.js';

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;
/** The rules run every five minutes here: the 5m counts then tile each day exactly, and promtool stays quick. */
const EVALUATION_MS = 5 * MINUTE_MS;
const SLO = 'orders-availability';
/** Events a minute on each day, changing only at midnight, so no five-minute count straddles a change. */
const DAYS = [
  { good: 60, bad: 1 },
  { good: 120, bad: 7 },
  { good: 30, bad: 0 },
  { good: 90, bad: 3 },
];
const END_MS = DAYS.length * DAY_MS;

/** One sample a minute from 0: the promtool input and the oracle's samples. */
function counterSamples(key: 'good' | 'bad'): Sample[] {
  const samples: Sample[] = [{ t: 0, v: 0 }];
  for (const day of DAYS) for (let m = 0; m < 1440; m++) samples.push({ t: samples.length * MINUTE_MS, v: (samples.at(-1)?.v ?? 0) + day[key] });
  return samples;
}

/** The same counter in promtool's notation, one `start+step x count` run per day. */
function counterValues(key: 'good' | 'bad'): string {
  let value = 0;
  const runs = ['0'];
  for (const day of DAYS) {
    runs.push(`${value + day[key]}+${day[key]}x1439`);
    value += day[key] * 1440;
  }
  return runs.join(' ');
}

/** Events of both kinds in (from, to], from the input directly. */
function trueCount(from: number, to: number, key: 'good' | 'total'): number {
  let sum = 0;
  DAYS.forEach((day, i) => {
    const overlap = Math.max(0, Math.min(to, (i + 1) * DAY_MS) - Math.max(from, i * DAY_MS)) / MINUTE_MS;
    sum += overlap * (key === 'good' ? day.good : day.good + day.bad);
  });
  return sum;
}

/**
 * What the rules record on a line: the 5m count every evaluation, the 1d count as its mean times 288 over the
 * rules' averaging range (`averageRangeMs`: a day less 1 ms, so that 2.x's closed range holds a day's 288 counts
 * as 3.x's does). `dayRangeMs` replaces that range, to show what a whole day's range would record.
 */
function oracle(line: LineName, key: 'good' | 'total', dayRangeMs = averageRangeMs(DAY_MS)) {
  const good = counterSamples('good');
  const bad = counterSamples('bad');
  const counts: Sample[] = [];
  for (let t = EVALUATION_MS; t <= END_MS; t += EVALUATION_MS) {
    const g = increase(line, good, t, EVALUATION_MS);
    const b = increase(line, bad, t, EVALUATION_MS);
    if (g !== undefined && b !== undefined) counts.push({ t, v: key === 'good' ? g : g + b });
  }
  const day = (t: number) => (avgOverTime(line, counts, t, dayRangeMs) ?? 0) * (DAY_MS / EVALUATION_MS);
  const threeDays = (t: number) => [0, 1, 2].reduce((sum, k) => sum + (t - k * DAY_MS > 0 ? day(t - k * DAY_MS) : 0), 0);
  const window = (t: number) => Array.from({ length: 10 }, (_, k) => t - k * 3 * DAY_MS).reduce((sum, at) => sum + (at > 0 ? threeDays(at) : 0), 0);
  return { threeDays, window };
}

let temp: { dir: string; remove: () => Promise<void> };
let slos: Slo[];

beforeAll(async () => {
  temp = await makeTempDir('burnrate-rolling-');
  ({ slos } = await generateInto(temp.dir, [path.join(FIXTURE_DIR, 'ratio-good.slo.ts')]));
});
afterAll(() => temp.remove());

it.each(['3.x', '2.x'] as const)('the oracle: on Prometheus %s every event is in exactly one of the 5m counts a day holds, so the tiles are exact', (line) => {
  expect(oracle(line, 'total').threeDays(END_MS)).toBe(trueCount(END_MS - 3 * DAY_MS, END_MS, 'total'));
  expect(oracle(line, 'total').window(END_MS)).toBe(trueCount(0, END_MS, 'total'));
  expect(oracle(line, 'good').window(END_MS)).toBe(trueCount(0, END_MS, 'good'));
});

it("the oracle: over a whole day's range, 2.x closed ranges hold 289 counts, one shared with the day before, so the tiles are not exact", () => {
  expect(oracle('2.x', 'total', DAY_MS).window(END_MS)).not.toBe(trueCount(0, END_MS, 'total'));
  expect(oracle('3.x', 'total', DAY_MS).window(END_MS)).toBe(trueCount(0, END_MS, 'total'));
});

describe.each(prometheusLines())('on Prometheus $name', (line) => {
  it('records the 3d count from three daily counts and sums the whole window from the 3d counts', { timeout: 300_000 }, async () => {
    const at = `${END_MS / DAY_MS}d`;
    // Equal up to float rounding, and each series exists with these labels.
    const check = (expr: string, labels: string, value: number) => ({ expr: closeTo(expr, value), eval_time: at, exp_samples: [{ labels, value: 1 }] });
    const total = oracle(line.name, 'total');
    const good = oracle(line.name, 'good');
    const result = await runExprTest({
      outDir: temp.dir,
      promtool: line.promtool,
      name: `rolling-tiles-${line.name}`,
      service: 'orders',
      slos,
      evaluationInterval: '5m',
      input: [
        { series: 'http_requests_total{job="orders",handler="/orders",code="200"}', values: counterValues('good') },
        { series: 'http_requests_total{job="orders",handler="/orders",code="503"}', values: counterValues('bad') },
      ],
      checks: [
        check(`${RECORDED.totalEvents}{slo="${SLO}",window="3d"}`, `{slo="${SLO}",window="3d"}`, total.threeDays(END_MS)),
        check(`${RECORDED.windowTotalEvents}{slo="${SLO}"}`, `{slo="${SLO}",window="30d"}`, total.window(END_MS)),
        check(`${RECORDED.windowGoodEvents}{slo="${SLO}"}`, `{slo="${SLO}",window="30d"}`, good.window(END_MS)),
      ],
    });
    expect(result?.output).toContain('SUCCESS');
    expect(result?.code).toBe(0);
  });
});
