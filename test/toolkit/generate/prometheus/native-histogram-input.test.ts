/**
 * Generated promtool tests of a native-histogram latency SLO: promtool 3.x runs them and they have teeth (a
 * threshold moved past the bad observations in the rules makes the fast-burn page check fail); promtool 2.x
 * cannot parse their input at all, which is why the promtool suites run such files on 3.x only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateArtifacts, type Artifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { NEEDS_PROMETHEUS_3 } from '../../../../src/toolkit/generate/prometheus/native-histogram-series.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { FIXTURE_DIR, loadSlos, promtoolAsync } from './rule-files.js';

const RULES = 'alerts/prometheus/checkout-api.rules.yaml';
const TEST = 'alerts/promtool/checkout-api-quick-checkouts.test.yaml';
/** The fixture's threshold is 0.3s; its bad observations sit in (0.5, 1], so a 1s threshold counts them good. */
const MUTATION = { from: 'histogram_fraction(-Inf, 0.3,', to: 'histogram_fraction(-Inf, 1,' };

const [v2, v3] = prometheusLines();
let temp: { dir: string; remove: () => Promise<void> };
let artifacts: Artifacts;

async function writeVariant(name: string, rules: string): Promise<string> {
  const root = path.join(temp.dir, name);
  await mkdir(path.join(root, 'alerts/prometheus'), { recursive: true });
  await mkdir(path.join(root, 'alerts/promtool'), { recursive: true });
  await writeFile(path.join(root, RULES), rules);
  await writeFile(path.join(root, TEST), artifacts.get(TEST) ?? '');
  return path.join(root, TEST);
}

async function promtoolTest(promtool: string, file: string) {
  return promtoolAsync(promtool, ['test', 'rules', path.basename(file)], path.dirname(file));
}

beforeAll(async () => {
  temp = await makeTempDir('burnrate-native-input-');
  artifacts = generateArtifacts(await loadSlos([path.join(FIXTURE_DIR, 'latency-native.slo.ts')]));
});
afterAll(() => temp.remove());

describe('promtool tests of a native-histogram latency SLO', () => {
  it('say they need promtool 3.x and feed native histograms, good at or under the threshold, bad above', () => {
    const test = artifacts.get(TEST) ?? '';
    expect(test).toContain(`# ${NEEDS_PROMETHEUS_3}`);
    const doc = parse(test) as { tests: { input_series: { series: string; values: string }[] }[] };
    const series = doc.tests.flatMap((t) => t.input_series);
    expect(series.length).toBeGreaterThan(0);
    for (const s of series) {
      expect(s.series).toBe('checkout_request_duration_seconds{job="checkout-api"}');
      // offset -2: the bucket (0.125, 0.25] holds good events, (0.5, 1] (two further up) bad ones.
      expect(s.values).toMatch(/^\{\{schema:0 sum:0 count:0 buckets:\[0 0 0\] offset:-2\}\}( |$)/);
    }
  });

  it('pass on Prometheus 3.x', async () => {
    const result = await promtoolTest(v3?.promtool ?? '', await writeVariant('baseline', artifacts.get(RULES) ?? ''));
    expect(result.code, result.output).toBe(0);
  });

  it('fail on Prometheus 3.x at the fast-burn page check when the rules count the bad observations as good', async () => {
    const rules = artifacts.get(RULES) ?? '';
    expect(rules).toContain(MUTATION.from);
    const result = await promtoolTest(v3?.promtool ?? '', await writeVariant('threshold-1s', rules.replaceAll(MUTATION.from, MUTATION.to)));
    expect(result.code).not.toBe(0);
    const doc = parse(artifacts.get(TEST) ?? '') as { tests: { name: string; alert_rule_test: { eval_time: string; alertname: string; exp_alerts: unknown[] }[] }[] };
    const firing = doc.tests.find((t) => t.name.startsWith('fast burn'))?.alert_rule_test.find((c) => c.exp_alerts.length > 0);
    expect(result.output).toContain(`alertname: ${firing?.alertname}, time: ${firing?.eval_time}`);
  });

  it('cannot be parsed by promtool 2.x (Debian 2.42): the input notation is 3.x only', async () => {
    const result = await promtoolTest(v2?.promtool ?? '', await writeVariant('on-2x', artifacts.get(RULES) ?? ''));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("unexpected character in series sequence: '{'");
  });
});
