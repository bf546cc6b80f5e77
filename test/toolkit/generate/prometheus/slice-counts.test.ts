/**
 * The counts the rules record for a time-slice SLO equal an exact oracle, on random slices, on both
 * Prometheus lines: each slice is judged once (good when at least 95% of its requests succeed, not judged
 * without requests), and the 5m and 1h counts, and the 30m window composed of five-minute tiles, hold
 * exactly the slices judged in the window. promtool evaluates the generated rules once a slice.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { RECORDED } from '../../../../src/core/conventions/metrics.js';
import { formatDuration } from '../../../../src/core/model/duration.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { series } from '../../../../src/core/promql/promql-text.js';
import { windowCountText } from '../../../../src/core/promql/window-count-text.js';
import { alertCountPlan } from '../../../../src/core/windows/count-windows.js';
import { generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { promtool } from '../../../support/promtool.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { FIXTURE_DIR, loadSlos } from './rule-files.js';

const SAMPLE_MS = 15_000;
const REQUESTS_PER_SAMPLE = 10;
/** Counters start high, so extrapolating an increase never meets zero and good and total scale alike. */
const COUNTER_START = 1_000_000;
const ERROR_SHARES = [0, 0.025, 0.1, 1] as const;
const TARGET = 0.95;

interface Slice {
  busy: boolean;
  errorShare: (typeof ERROR_SHARES)[number];
}

/** Value k of a counter sampled every 15s: its requests of the slices before sample k. */
function counterValues(slices: readonly Slice[], sliceMs: number, perSample: (slice: Slice) => number): string {
  const samples = (slices.length * sliceMs) / SAMPLE_MS;
  const values = [COUNTER_START];
  for (let k = 1; k <= samples; k++) {
    const slice = slices[Math.floor(((k - 1) * SAMPLE_MS) / sliceMs)] as Slice;
    values.push((values[k - 1] as number) + (slice.busy ? perSample(slice) : 0));
  }
  return values.join(' ');
}

/** The oracle: slices judged in (t − window, t], and the good ones among them. */
function expectedCounts(slices: readonly Slice[], sliceMs: number, tMs: number, windowMs: number): { good: number; total: number } {
  let good = 0;
  let total = 0;
  slices.forEach((slice, i) => {
    const judgedAt = (i + 1) * sliceMs;
    if (!slice.busy || judgedAt > tMs || judgedAt <= tMs - windowMs) return;
    total++;
    if (1 - slice.errorShare >= TARGET) good++;
  });
  return { good, total };
}

/** Quiet slices are judged zeros, so every count is present, zero or not. */
function sample(value: number) {
  return [{ labels: '{route="/pay"}', value }];
}

describe.each([60_000, 300_000])('time-slice counts with %d ms slices equal the oracle', (sliceMs) => {
  let temp: { dir: string; remove: () => Promise<void> };
  let slo: Slo;
  const minutes = 90;
  const evalTimes = [minutes * 60_000, (minutes - 25) * 60_000];

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-slice-counts-');
    const loaded = (await loadSlos([path.join(FIXTURE_DIR, 'time-slices-ratio.slo.ts')])).find((s) => s.name === 'good-minutes') as Slo;
    slo = { ...loaded, window: { kind: 'rolling', days: 30 }, timeSlices: { sliceSeconds: sliceMs / 1000, sliceTarget: TARGET } };
    const artifacts = generateArtifacts([slo]);
    await writeFile(path.join(temp.dir, 'rules.yaml'), artifacts.get(`alerts/prometheus/${slo.service}.rules.yaml`) as string);
  });
  afterAll(() => temp.remove());

  const countExpr = (metric: string, windowMs: number) => {
    const text = windowCountText(alertCountPlan(slo), windowMs, (tileMs) => series(metric, slo.id, tileMs)) as string;
    return `sum by (route) (${text})`;
  };

  function testFile(slices: readonly Slice[]): string {
    const errors = counterValues(slices, sliceMs, (s) => REQUESTS_PER_SAMPLE * s.errorShare);
    const ok = counterValues(slices, sliceMs, (s) => REQUESTS_PER_SAMPLE * (1 - s.errorShare));
    const checks = evalTimes.flatMap((t) =>
      [5, 30, 60].flatMap((windowMinutes) => {
        const expected = expectedCounts(slices, sliceMs, t, windowMinutes * 60_000);
        return [
          { expr: countExpr(RECORDED.goodEvents, windowMinutes * 60_000), eval_time: formatDuration(t), exp_samples: sample(expected.good) },
          { expr: countExpr(RECORDED.totalEvents, windowMinutes * 60_000), eval_time: formatDuration(t), exp_samples: sample(expected.total) },
        ];
      }),
    );
    return stringify({
      rule_files: ['rules.yaml'],
      evaluation_interval: formatDuration(sliceMs),
      tests: [
        {
          interval: formatDuration(SAMPLE_MS),
          input_series: [
            { series: 'payment_requests_total{job="payments-api",route="/pay",code="500"}', values: errors },
            { series: 'payment_requests_total{job="payments-api",route="/pay",code="200"}', values: ok },
          ],
          promql_expr_test: checks,
        },
      ],
    });
  }

  it.each(prometheusLines())('on Prometheus $name', async ({ promtool: binary }) => {
    const slice = fc.record({ busy: fc.integer({ min: 0, max: 99 }).map((n) => n < 80), errorShare: fc.constantFrom(...ERROR_SHARES) });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(slice, { minLength: (minutes * 60_000) / sliceMs, maxLength: (minutes * 60_000) / sliceMs }), async (slices) => {
        const file = path.join(temp.dir, `counts-${run++}.test.yaml`);
        await writeFile(file, testFile(slices));
        const result = promtool(binary, ['test', 'rules', file]);
        expect(result.code, result.output).toBe(0);
      }),
      { numRuns: 6, seed: 20261206 },
    );
  }, 240_000);
});
