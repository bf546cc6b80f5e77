/**
 * A promtool unit-test suite from the same scenarios, for the regression test: the real rule engine of
 * `promtool test rules` evaluates our generated rules every minute over the scenario counters, and the
 * expectations come from the ground truth: page within 5 minutes of the policy's due time, resolved within
 * 10 minutes of recovery, and no page at all where the policy says no page.
 */
import { stringify } from 'yaml';
import { ALERT_NAMES } from '../../src/core/conventions/metrics.js';
import type { Slo } from '../../src/core/model/slo.js';
import { expectedAlert, expectedRule } from '../../src/toolkit/generate/prometheus/expected-alerts.js';
import { burnExpressionLabels } from '../../src/toolkit/generate/prometheus/expected-labels.js';
import { groupEvalOrder } from '../../src/toolkit/generate/prometheus/promtool-tests.js';
import { burnrateRuleFile } from '../lib/burnrate-rules.js';
import type { GroupCounts } from './counters.js';
import type { Scenario } from './scenario-types.js';
import type { GroupCase } from './score.js';
import { day3 } from './timeline.js';

/** Longest a page may take after the policy says it is due. */
export const DETECT_SLACK_MINUTES = 5;
/** Longest a page may keep firing after the last failure. */
export const RESET_TARGET_MINUTES = 10;
/** History before the trouble: enough to fill the 6h long window of the slow page. */
const HISTORY_MINUTES = 7 * 60;

export interface SuiteFile {
  scenario: string;
  rules: string;
  test: string;
  checks: number;
}

interface Check {
  minute: number;
  /** Groups whose page must be firing; every other group of the SLO must be quiet. */
  firing: string[];
}

function checksOf(cases: readonly GroupCase[]): Check[] {
  const checks: Check[] = [];
  const paging = cases.filter((c) => c.truth.expected === 'page' && c.truth.pageDueAt !== undefined && c.trouble);
  for (const c of paging) {
    checks.push({ minute: (c.truth.pageDueAt ?? 0) + DETECT_SLACK_MINUTES, firing: [c.group] });
    checks.push({ minute: (c.trouble?.end ?? 0) + RESET_TARGET_MINUTES, firing: [] });
  }
  if (paging.length === 0) {
    const start = Math.min(...cases.map((c) => c.trouble?.start ?? day3(10)));
    for (let m = start; m <= start + 240; m += 10) checks.push({ minute: m, firing: [] });
  }
  return checks.sort((a, b) => a.minute - b.minute);
}

function values(counter: Float64Array, present: Uint8Array, from: number, to: number): string {
  const out: string[] = [];
  for (let m = from; m <= to; m++) out.push(present[m] ? String(counter[m]) : '_');
  return out.join(' ');
}

export function promtoolSuite(scenario: Scenario, slo: Slo, cases: readonly GroupCase[], counts: Map<string, GroupCounts>, rulesFile: string): SuiteFile {
  const checks = checksOf(cases);
  const first = Math.min(...checks.map((c) => c.minute));
  const from = Math.max(0, Math.min(...cases.map((c) => c.trouble?.start ?? first)) - HISTORY_MINUTES);
  const to = Math.max(...checks.map((c) => c.minute));
  const input_series = scenario.groups.flatMap((g) => {
    const c = counts.get(`${scenario.id}/${g.route ?? '-'}`) as GroupCounts;
    const labels = [`job="${scenario.id}"`, ...(g.route ? [`route="${g.route}"`] : [])];
    return [
      { series: `http_requests_total{${[...labels, 'code="200"'].join(',')}}`, values: values(c.goodCounter, c.present, from, to) },
      { series: `http_requests_total{${[...labels, 'code="500"'].join(',')}}`, values: values(c.errorCounter, c.present, from, to) },
    ];
  });
  const rule = expectedRule(slo, 'page');
  if (!rule) throw new Error(`${slo.id} has no page alert`);
  const alert_rule_test = checks.map((check) => ({
    eval_time: `${check.minute - from}m`,
    alertname: ALERT_NAMES.page,
    exp_alerts: check.firing.map((group) => expectedAlert(rule, burnExpressionLabels(slo, group === '-' ? {} : { route: group }))),
  }));
  const test = stringify(
    {
      rule_files: [rulesFile],
      evaluation_interval: '1m',
      // As the generated test files do: each SLO's recording group before its alerts, on every promtool.
      group_eval_order: groupEvalOrder([slo]),
      tests: [{ name: scenario.id, interval: '1m', input_series, alert_rule_test }],
    },
    { lineWidth: 0 },
  );
  return { scenario: scenario.id, rules: burnrateRuleFile([slo]), test, checks: checks.length };
}
