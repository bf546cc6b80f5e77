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
import { budgetRemainingExpr, burnRateExpr, sliExpr, worstErrorRatio } from '../../../../src/toolkit/generate/grafana/promql.js';
import { COLUMNS } from '../../../../src/toolkit/generate/grafana/overview-table.js';
import { serviceDashboardUid } from '../../../../src/toolkit/generate/grafana/uid.js';
import { sloAlertWindows } from '../../../../src/core/windows/alert-windows.js';
import { windowLabel } from '../../../../src/core/windows/window-text.js';
import { hasEventCounts } from '../../../../src/core/sli/sli-kinds.js';
import { runRulesAtTestPace } from '../../../support/rules-at-test-pace.js';
import { objectiveRatio, type Slo } from '../../../../src/core/model/slo.js';
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

interface Series {
  labels: Record<string, string>;
  value: number;
}

async function instantSeries(prometheus: PrometheusServer, expr: string, time: number): Promise<Series[]> {
  const url = `${prometheus.url}/api/v1/query?${new URLSearchParams({ query: expr, time: String(time) })}`;
  const body = (await (await fetch(url)).json()) as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data!.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

/** Equal to the digits a double keeps through different but equivalent PromQL; NaN (no traffic) equals NaN. */
function same(a: number, b: number): boolean {
  return (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/** The overview table's queries by column name, with every SLO and cluster selected. */
function overviewTableQueries(): Map<string, string> {
  const overview = JSON.parse(renderDashboards(slos).get('burnrate-overview')!) as Record<string, any>;
  const table = overview.panels.find((p: Record<string, any>) => p.type === 'table' && p.title === 'SLOs');
  const known = { service: [...new Set(slos.map((s) => s.service))], slo: slos.map((s) => s.id) };
  const values = variableValues(overview, 'all', known);
  const names = table.transformations[1].options.renameByName as Record<string, string>;
  return new Map(table.targets.map((t: Record<string, string>) => [names[`Value #${t.refId}`]!, substitute(t.expr!, values)]));
}

/** What each column must show for one SLO: the queries of the per-SLO panels, or the recorded series. */
function columnReference(slo: Slo): Record<string, string> {
  const page = sloAlertWindows(slo).find((w) => w.tier === 'page' && w.speed === 'fast')!;
  const all = { cluster: '.*' };
  return {
    [COLUMNS.objective]: `max(${RECORDED.objective}{slo="${slo.id}"})`,
    [COLUMNS.sli]: substitute(sliExpr(slo, 'slo-window'), all),
    [COLUMNS.budget]: `min(${RECORDED.budgetRemaining}{slo="${slo.id}"})`,
    [COLUMNS.burn]: substitute(burnRateExpr(slo, worstErrorRatio(slo, { windowMs: page.longWindowMs })), all),
    [COLUMNS.firing]: `count(ALERTS{slo="${slo.id}",alertstate="firing"}) or vector(0)`,
  };
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

  test('the overview table: every query returns one series per SLO, keyed by slo, equal to the SLO’s own panels', async () => {
    const columns = overviewTableQueries();
    expect([...columns.keys()].sort()).toEqual([COLUMNS.objective, COLUMNS.sli, COLUMNS.budget, COLUMNS.burn, COLUMNS.firing].sort());
    const rolling = slos.filter((s) => s.window.kind === 'rolling');
    let time = 0;
    await waitFor('every rolling SLO recorded', async () => {
      time = Date.now() / 1000 - 1.5;
      const budgets = await instantSeries(prometheus, columns.get(COLUMNS.budget)!, time);
      return rolling.every((slo) => budgets.some((b) => b.labels.slo === slo.id));
    });
    for (const [column, expr] of columns) {
      const series = await instantSeries(prometheus, expr, time);
      const ids = series.map((s) => s.labels.slo);
      expect(new Set(ids).size, `${column}: one series per SLO`).toBe(ids.length);
      expect(ids.every((id) => slos.some((s) => s.id === id)), column).toBe(true);
      // Whole-window series of calendar SLOs may not exist yet (they start at an hour boundary).
      const whole = column === COLUMNS.sli || column === COLUMNS.budget;
      for (const slo of whole ? rolling : slos) expect(ids, `${column} of ${slo.id}`).toContain(slo.id);
      for (const { labels, value } of series) {
        const slo = slos.find((s) => s.id === labels.slo)!;
        const [reference] = await instantSeries(prometheus, columnReference(slo)[column]!, time);
        expect(same(value, reference?.value ?? NaN), `${column} of ${slo.id}: ${value} vs ${reference?.value}`).toBe(true);
        if (column !== COLUMNS.objective) expect(Object.keys(labels), column).toEqual(['slo']);
        else {
          expect(value).toBe(objectiveRatio(slo));
          expect(labels).toEqual({ slo: slo.id, service: slo.service, window: windowLabel(slo.window), dashboard: serviceDashboardUid(slo.service) });
        }
      }
    }
  });
});
