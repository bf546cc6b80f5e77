/**
 * The generated promtool tests have teeth: mutate one threshold, the guard, a window or the no-data delay
 * in a generated rule file and `promtool test rules` must fail, naming the alert and the evaluation time.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ALERT_NAMES } from '../../../../src/core/conventions/metrics.js';
import type { Artifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { FIXTURE_DIR, promtoolEach, type PromtoolResult } from './rule-files.js';
import { generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { loadSlos } from './rule-files.js';

const SLO = 'orders-availability';
const RULES = 'alerts/prometheus/orders.rules.yaml';
const TEST = `alerts/promtool/${SLO}.test.yaml`;
/** The rule file's no-data test, where the SLO's no-data alert is checked. */
const NO_DATA_TEST = 'alerts/promtool/orders.no-data.test.yaml';

interface Mutation {
  name: string;
  from: string;
  to: string;
  /** The scenario (name prefix) and alert whose check must now fail. */
  scenario: string;
  alert: keyof typeof ALERT_NAMES;
  /** The test file holding that check: the SLO's own unless given. */
  test?: string;
}

const MUTATIONS: Mutation[] = [
  { name: 'page-fast threshold ×10', from: '(14.4 *', to: '(144 *', scenario: 'fast burn', alert: 'page' },
  {
    name: 'page-fast long window 1h → 1d',
    from: '(1 - burnrate:slo_good_events{slo="orders-availability",window="1h"}|window="1h"} >= 100)) > (14.4 *',
    to: '(1 - burnrate:slo_good_events{slo="orders-availability",window="1d"}|window="1d"} >= 100)) > (14.4 *',
    scenario: 'fast burn',
    alert: 'page',
  },
  { name: 'page-slow threshold ÷10', from: '(6 *', to: '(0.6 *', scenario: 'slow burn', alert: 'page' },
  { name: 'ticket thresholds ×10', from: '(3 *|(1 *', to: '(30 *|(10 *', scenario: 'slow burn', alert: 'ticket' },
  { name: 'low-traffic guard removed', from: '>= 100', to: '>= 0', scenario: 'low traffic', alert: 'page' },
  { name: 'no-data delay 10m → 1h', from: 'for: 10m', to: 'for: 1h', scenario: 'no data: no input series', alert: 'noData', test: NO_DATA_TEST },
  {
    name: 'no-data alert on the one-hour count, which outlives stale series',
    from: 'absent(burnrate:slo_total_events{slo="orders-availability",window="5m"})',
    to: 'absent(burnrate:slo_total_events{slo="orders-availability",window="1h"})',
    scenario: 'no data: healthy series',
    alert: 'noData',
    test: NO_DATA_TEST,
  },
];

function mutate(rules: string, mutation: Mutation): string {
  const froms = mutation.from.split('|');
  const tos = mutation.to.split('|');
  return froms.reduce((text, from, i) => {
    if (!text.includes(from)) throw new Error(`mutation ${mutation.name}: "${from}" not in the rule file`);
    return text.replaceAll(from, tos[i] ?? '');
  }, rules);
}

/** `alertname: X, time: T` of the scenario's checks of that alert: where promtool must report the failure. */
function checkTimes(testFile: string, mutation: Mutation): string[] {
  const doc = parse(testFile) as { tests: { name: string; alert_rule_test: { eval_time: string; alertname: string }[] }[] };
  const scenario = doc.tests.find((t) => t.name.startsWith(mutation.scenario));
  if (!scenario) throw new Error(`no ${mutation.scenario} scenario`);
  return scenario.alert_rule_test.filter((c) => c.alertname === ALERT_NAMES[mutation.alert]).map((c) => `alertname: ${c.alertname}, time: ${c.eval_time}`);
}

let temp: { dir: string; remove: () => Promise<void> };
let artifacts: Artifacts;
/** Variant name (baseline or mutation) to its test file. */
const files = new Map<string, string>();

async function writeVariant(name: string, rules: string, test: string): Promise<string> {
  const root = path.join(temp.dir, name.replace(/[^a-z0-9]+/gi, '-'));
  await mkdir(path.join(root, 'alerts/prometheus'), { recursive: true });
  await mkdir(path.join(root, 'alerts/promtool'), { recursive: true });
  await writeFile(path.join(root, RULES), rules);
  await writeFile(path.join(root, test), artifacts.get(test) ?? '');
  return path.join(root, test);
}

beforeAll(async () => {
  temp = await makeTempDir('burnrate-mutation-');
  artifacts = generateArtifacts(await loadSlos([path.join(FIXTURE_DIR, 'ratio-good.slo.ts')]));
  const rules = artifacts.get(RULES) ?? '';
  files.set('baseline', await writeVariant('baseline', rules, TEST));
  files.set('baseline no-data', await writeVariant('baseline no-data', rules, NO_DATA_TEST));
  for (const mutation of MUTATIONS) files.set(mutation.name, await writeVariant(mutation.name, mutate(rules, mutation), mutation.test ?? TEST));
});

afterAll(() => temp.remove());

describe.each(prometheusLines())(`mutating the generated rules of ${SLO} on Prometheus $name`, ({ promtool }) => {
  const results = new Map<string, PromtoolResult>();

  beforeAll(async () => {
    const byFile = new Map((await promtoolEach(promtool, 'test', [...files.values()])).map((r) => [r.file, r]));
    for (const [name, file] of files) {
      const result = byFile.get(file);
      if (result) results.set(name, result);
    }
  }, 300_000);

  it.each(['baseline', 'baseline no-data'])('the unmutated rules pass their promtool test (%s)', (variant) => {
    const baseline = results.get(variant);
    expect(baseline?.output).toContain('SUCCESS');
    expect(baseline?.code).toBe(0);
  });

  it.each(MUTATIONS)('$name: promtool test rules fails at the $scenario check of the $alert alert', (mutation) => {
    const result = results.get(mutation.name);
    expect(result?.code, result?.output).not.toBe(0);
    expect(result?.output).toContain('FAILED');
    const expected = checkTimes(artifacts.get(mutation.test ?? TEST) ?? '', mutation);
    expect(expected.some((line) => result?.output.includes(line)), `${expected.join(' | ')}\n${result?.output}`).toBe(true);
  });
});
