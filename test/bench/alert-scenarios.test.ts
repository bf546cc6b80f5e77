/**
 * Regression: a subset of the alert-quality scenarios (bench/alert-quality) as promtool unit tests of our
 * generated rules. Pages must fire within 5 minutes of the policy's due time and resolve within 10 minutes
 * of recovery; the healthy and low-traffic controls must never page. Mutations prove the checks bite.
 * Every promtool check runs on each Prometheus line.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../bench/alert-quality/scenarios.js';
import { scenarioCases, sloSet } from '../../bench/alert-quality/run.js';
import { promtoolSuite, type SuiteFile } from '../../bench/alert-quality/promtool-suite.js';
import { validSlos } from '../../bench/lib/burnrate-rules.js';
import { promtool } from '../support/promtool.js';
import { prometheusLines, type PrometheusLine } from '../support/stack-tools.js';
import { makeTempDir } from '../support/temp-dir.js';

const SUBSET = ['healthy', 'outage-5m', 'burn-7x-8h', 'low-traffic-failure', 'partial-outage'];
const scenarios = SCENARIOS.filter((s) => SUBSET.includes(s.id));
const { cases, counts } = scenarioCases(scenarios);
const slos = validSlos([sloSet(scenarios)]);

let temp: { dir: string; remove: () => Promise<void> };
const suites = new Map<string, SuiteFile>();

async function runSuite(line: PrometheusLine, suite: SuiteFile, rules = suite.rules): Promise<{ code: number; output: string }> {
  const dir = temp.dir;
  const variant = `${rules === suite.rules ? '' : '-mutated'}-${line.name}`;
  await writeFile(path.join(dir, `${suite.scenario}${variant}.rules.yaml`), rules);
  await writeFile(path.join(dir, `${suite.scenario}${variant}.test.yaml`), suite.test.replace(`${suite.scenario}.rules.yaml`, `${suite.scenario}${variant}.rules.yaml`));
  return promtool(line.promtool, ['test', 'rules', `${suite.scenario}${variant}.test.yaml`], dir);
}

beforeAll(async () => {
  temp = await makeTempDir('burnrate-bench-regression-');
  for (const scenario of scenarios) {
    const slo = slos.find((s) => s.name === scenario.id);
    if (!slo) throw new Error(`no SLO for ${scenario.id}`);
    suites.set(scenario.id, promtoolSuite(scenario, slo, cases.filter((c) => c.scenario === scenario.id), counts, `${scenario.id}.rules.yaml`));
  }
});
afterAll(() => temp.remove());

describe('alert-quality scenarios as promtool tests of the generated rules', () => {
  it('the ground truth classifies the subset as the policy says', () => {
    const expected = Object.fromEntries(cases.map((c) => [`${c.scenario}/${c.group}`, c.truth.expected]));
    expect(expected['healthy/-']).toBe('quiet');
    expect(expected['outage-5m/-']).toBe('page');
    expect(expected['burn-7x-8h/-']).toBe('page');
    // One failure among 240 requests a day burns 14% of a 7-event budget: a ticket, never a page.
    expect(expected['low-traffic-failure/-']).toBe('ticket');
    expect([expected['partial-outage/a'], expected['partial-outage/b'], expected['partial-outage/c']]).toEqual(['quiet', 'quiet', 'page']);
  });

  describe.each(prometheusLines())('on Prometheus $name', (line) => {
    it.each(SUBSET)('%s: our rules page when due, resolve after recovery, and stay quiet otherwise', async (id) => {
      const suite = suites.get(id) as SuiteFile;
      expect(suite.checks).toBeGreaterThan(1);
      const result = await runSuite(line, suite);
      expect(result.output, result.output).toContain('SUCCESS');
      expect(result.code).toBe(0);
    });

    it('the checks bite: without the low-traffic guard one failed request pages', async () => {
      const suite = suites.get('low-traffic-failure') as SuiteFile;
      expect(suite.rules).toContain('>= 100');
      const result = await runSuite(line, suite, suite.rules.replaceAll('>= 100', '>= 0'));
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('SloErrorBudgetBurnPage');
    });

    it('the checks bite: without the still-burning guard a page outlives the 10-minute reset', async () => {
      const suite = suites.get('outage-5m') as SuiteFile;
      const guard = /\n\s*and ignoring\(window\)\n\s*\(1 - burnrate:slo_good_events\{slo="bench-outage-5m",window="5m"\}\n\s*\/\n\s*burnrate:slo_total_events\{slo="bench-outage-5m",window="5m"\}\) > \(3 \* \(1 - 0\.999\)\)/;
      expect(suite.rules).toMatch(guard);
      const result = await runSuite(line, suite, suite.rules.replace(guard, ''));
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('SloErrorBudgetBurnPage');
    });
  });
});
