/** One promtool test of PromQL checks against a generated rule file: input series, then expressions at times. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Slo } from '../../../../src/core/model/slo.js';
import { groupEvalOrder } from '../../../../src/toolkit/generate/prometheus/promtool-tests.js';
import { promtoolEach, type PromtoolResult } from './rule-files.js';

export interface ExprCheck {
  expr: string;
  eval_time: string;
  exp_samples: { labels: string; value: number }[];
}

export interface ExprTest {
  /** The directory `generate` wrote into: the test goes to alerts/promtool/<name>.yaml, beside the rules it reads. */
  outDir: string;
  promtool: string;
  name: string;
  /** The service whose rule file is tested, and its SLOs (for the group evaluation order). */
  service: string;
  slos: readonly Slo[];
  evaluationInterval: string;
  input: { series: string; values: string }[];
  checks: ExprCheck[];
}

/** 1 when `expr` equals `expected` up to float rounding (an oracle that sums in another order than Prometheus). */
export function closeTo(expr: string, expected: number): string {
  return `abs(${expr} - ${expected}) < bool ${expected * 1e-9}`;
}

export async function runExprTest(test: ExprTest): Promise<PromtoolResult | undefined> {
  const file = path.join(test.outDir, 'alerts', 'promtool', `${test.name}.yaml`);
  const doc = {
    rule_files: [`../prometheus/${test.service}.rules.yaml`],
    evaluation_interval: test.evaluationInterval,
    group_eval_order: groupEvalOrder(test.slos.filter((s) => s.service === test.service)),
    tests: [{ interval: '1m', input_series: test.input, promql_expr_test: test.checks }],
  };
  await writeFile(file, stringify(doc, { lineWidth: 0 }));
  const [result] = await promtoolEach(test.promtool, 'test', [file]);
  return result;
}
