/**
 * Every dashboard query runs on a real Prometheus (each line: 2.x and 3.x) that evaluates the generated rules
 * over a scraped fixture: queries execute without error, return data, and compute the same numbers as the rules.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RECORDED } from '../../../../src/core/conventions/metrics.js';
import { generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { renderDashboards } from '../../../../src/toolkit/generate/grafana/dashboards.js';
import { budgetRemainingExpr, sliExpr } from '../../../../src/toolkit/generate/grafana/promql.js';
import { hasEventCounts } from '../../../../src/core/sli/sli-kinds.js';
import { runRulesAtTestPace } from '../../../support/rules-at-test-pace.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { freePort } from '../../../support/ports.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { waitFor } from '../../../support/processes.js';
import { startPrometheus, type PrometheusServer } from '../../../service/support/prometheus-server.js';
import { prometheusQueries, substitute, type DashboardQuery } from './dashboard-queries.js';
import { startExposition } from './fixture-exposition.js';
import { fixtureSlos } from './fixture-slos.js';
import { variableValues } from './variable-values.js';

const slos = fixtureSlos();

interface Result {
  error?: string;
  series: number;
  values: number[];
}

async function instant(prometheus: PrometheusServer, expr: string, time: number): Promise<Result> {
  const url = `${prometheus.url}/api/v1/query?${new URLSearchParams({ query: expr, time: String(time) })}`;
  const body = (await (await fetch(url)).json()) as { status: string; error?: string; data?: { resultType: string; result: any } };
  if (body.status !== 'success') return { error: body.error ?? 'failed', series: 0, values: [] };
  const result = body.data!.result;
  if (body.data!.resultType === 'scalar') return { series: 1, values: [Number(result[1])] };
  return { series: result.length, values: result.map((r: { value: [number, string] }) => Number(r.value[1])) };
}

/**
 * Whole-window series of calendar SLOs sum the period's hourly steps; a Prometheus started seconds ago has
 * none before the next hour boundary. Alerts may not fire. Everything else must return data.
 */
function mayBeEmpty(query: DashboardQuery): boolean {
  if (query.expr.includes('ALERTS{') && !query.expr.includes('or vector(0)')) return true;
  const calendar = slos.filter((s) => s.window.kind === 'calendar').map((s) => `slo="${s.id}"`);
  const whole = [RECORDED.windowGoodEvents, RECORDED.windowTotalEvents, RECORDED.windowErrorRatio, RECORDED.budgetRemaining];
  return calendar.some((c) => query.expr.includes(c)) && whole.some((m) => query.expr.includes(`${m}{`)) && !query.expr.includes('sum_over_time');
}

function allQueries(): DashboardQuery[] {
  const known = { service: [...new Set(slos.map((s) => s.service))], slo: slos.map((s) => s.id) };
  return [...renderDashboards(slos).entries()].flatMap(([uid, text]) => {
    const dashboard = JSON.parse(text) as Record<string, unknown>;
    return prometheusQueries(dashboard, variableValues(dashboard, 'all', known)).map((q) => ({ ...q, where: `${uid} ${q.where}` }));
  });
}

describe.each(prometheusLines())('dashboard queries on a real Prometheus $name running the generated rules', (line) => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let prometheus: PrometheusServer;
  let exposition: { stop: () => Promise<void> };
  const query = (expr: string, time: number) => instant(prometheus, expr, time);

  beforeAll(async () => {
    tmp = await makeTempDir('burnrate-dashboards-prom-');
    const rulesDir = path.join(tmp.dir, 'rules');
    await mkdir(rulesDir);
    for (const [file, content] of generateArtifacts(slos)) {
      if (!file.startsWith('alerts/prometheus/')) continue;
      await writeFile(path.join(rulesDir, path.basename(file)), content);
      await runRulesAtTestPace(path.join(rulesDir, path.basename(file)));
    }
    const targetPort = await freePort();
    exposition = await startExposition(targetPort);
    const config = [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${JSON.stringify(path.join(rulesDir, '*.rules.yaml'))}`,
      'scrape_configs:',
      '  - job_name: fixture',
      '    honor_labels: true',
      '    static_configs:',
      `      - targets: ["127.0.0.1:${targetPort}"]`,
    ].join('\n');
    prometheus = await startPrometheus(path.join(tmp.dir, 'data'), { binary: line.prometheus, config });
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await exposition?.stop();
    await tmp?.remove();
  });

  test('every query executes and every query that can have data returns it', async () => {
    const queries = allQueries();
    let failures: string[] = [];
    await waitFor(
      'every dashboard query to return data',
      async () => {
        const time = Date.now() / 1000;
        failures = [];
        for (const q of queries) {
          const r = await query(q.expr, time);
          if (r.error) failures.push(`${q.where}: ${r.error}`);
          else if (r.series === 0 && !mayBeEmpty(q)) failures.push(`${q.where}: no data for ${q.expr}`);
        }
        return failures.length === 0;
      },
      60_000,
    ).catch(() => undefined);
    expect(failures).toEqual([]);
    expect(queries.filter((q) => !mayBeEmpty(q)).length).toBeGreaterThan(queries.length / 2);
  }, 90_000);

  test.each(slos.filter((s) => s.window.kind === 'rolling').map((s) => [s.id, s] as const))(
    '%s: the dashboard SLI and budget equal the recorded series (worst group when grouped)',
    async (_id, slo: Slo) => {
      const values = { cluster: '.*' };
      const pairs = [
        [
          substitute(sliExpr(slo, 'slo-window'), values),
          hasEventCounts(slo.sli)
            ? `min(${RECORDED.windowGoodEvents}{slo="${slo.id}"} / ${RECORDED.windowTotalEvents}{slo="${slo.id}"})`
            : `1 - max(${RECORDED.windowErrorRatio}{slo="${slo.id}"})`,
        ],
        [substitute(budgetRemainingExpr(slo), values), `min(${RECORDED.budgetRemaining}{slo="${slo.id}"})`],
      ] as const;
      // A moment in the past, so the rule group evaluated before it has written all its series.
      let time = 0;
      await waitFor(`${slo.id} recorded`, async () => {
        time = Date.now() / 1000 - 1.5;
        return (await Promise.all(pairs.map(([, recorded]) => query(recorded, time)))).every((r) => r.values.length === 1);
      });
      for (const [dashboard, recorded] of pairs) {
        const [mine, rules] = await Promise.all([query(dashboard, time), query(recorded, time)]);
        expect(mine.values, dashboard).toHaveLength(1);
        expect(mine.values[0]).toBeCloseTo(rules.values[0]!, 9);
      }
    },
  );
});
