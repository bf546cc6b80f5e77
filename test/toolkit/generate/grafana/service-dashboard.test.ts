/** The service dashboards show what the SLO defines: its own alert factors, budget colours, traces, logs. */
import { describe, expect, test } from 'vitest';
import { LOG_SERVICE_LABEL } from '../../../../src/core/conventions/metrics.js';
import { renderDashboards } from '../../../../src/toolkit/generate/grafana/dashboards.js';
import { serviceDashboardUid } from '../../../../src/toolkit/generate/grafana/uid.js';
import { alertingPeriodMs, alertWindows } from '../../../../src/core/windows/alert-windows.js';
import { formatDuration, parseDurationMs } from '../../../../src/core/model/duration.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { COLUMNS } from '../../../../src/toolkit/generate/grafana/overview-table.js';
import { BUDGET_STEPS } from '../../../../src/toolkit/generate/grafana/thresholds.js';
import { parseSelector } from '../../../../src/core/promql/promql.js';
import { substitute } from './dashboard-queries.js';
import { fixtureSlos } from './fixture-slos.js';

type Json = Record<string, any>;

const slos = fixtureSlos();
const dashboards = renderDashboards(slos);

function dashboardOf(service: string): Json {
  return JSON.parse(dashboards.get(serviceDashboardUid(service))!) as Json;
}

/** Panels between the SLO's row and the next row. */
function rowPanels(slo: Slo): Json[] {
  const panels = dashboardOf(slo.service).panels as Json[];
  const start = panels.findIndex((p) => p.type === 'row' && p.title.startsWith(`${slo.name}:`));
  const end = panels.findIndex((p, i) => i > start && p.type === 'row');
  return panels.slice(start + 1, end);
}

function panel(slo: Slo, title: RegExp): Json {
  const found = rowPanels(slo).find((p) => title.test(p.title));
  if (!found) throw new Error(`${slo.id}: no panel ${title}`);
  return found;
}

/** Grafana's rule: the colour of the highest step at or below the value. */
function colourOf(steps: { value: number | null; color: string }[], value: number): string {
  return steps.filter((s) => s.value === null || s.value <= value).at(-1)!.color;
}

const bySlo = (id: string) => slos.find((s) => s.id === id)!;

function overviewTable(): Json {
  const overview = JSON.parse(dashboards.get('burnrate-overview')!) as Json;
  return overview.panels.find((p: Json) => p.type === 'table' && p.title === 'SLOs');
}

describe('service dashboards', () => {
  test.each(slos.map((s) => [s.id, s] as const))('%s: burn-rate thresholds and windows are the SLO’s own alert pairs', (_id, slo) => {
    const windows = alertWindows(alertingPeriodMs(slo.window));
    for (const tier of ['page', 'ticket'] as const) {
      const graph = panel(slo, new RegExp(`^${tier === 'page' ? 'Page' : 'Ticket'} burn rate`));
      const pairs = windows.filter((w) => w.tier === tier);
      const steps = graph.fieldConfig.defaults.thresholds.steps.filter((s: Json) => s.value !== null).map((s: Json) => s.value);
      expect(steps).toEqual([...new Set(pairs.map((p) => p.factor))].sort((a, b) => a - b));
      // The window each target reads: its recorded label, or its tile times the tiles summed (good and total alike).
      const read = graph.targets.map((t: Json) => {
        const tile = /window="([^"]+)"/.exec(t.expr)?.[1] ?? '';
        const tiles = (t.expr.match(/"burnrate_tile", "/g) ?? []).length / 2;
        return tiles > 0 ? formatDuration((parseDurationMs(tile) ?? NaN) * tiles) : tile;
      });
      expect(read).toEqual(pairs.flatMap((p) => [formatDuration(p.longWindowMs), formatDuration(p.shortWindowMs)]));
      expect(graph.title.includes('(alert disabled)')).toBe(!slo.alerting[tier].enabled);
    }
  });

  test('a one-day SLO draws other factors than a 30-day one', () => {
    const steps = (id: string) => panel(bySlo(id), /^Page burn rate/).fieldConfig.defaults.thresholds.steps.map((s: Json) => s.value);
    expect(steps('probes-gauge-daily')).not.toEqual(steps('payments-ratio-good'));
  });

  test('budget colours: red when spent or overspent, not red while any is left, green when mostly left', () => {
    const steps = panel(bySlo('payments-ratio-good'), /^Error budget remaining/).fieldConfig.defaults.thresholds.steps;
    expect(colourOf(steps, 0)).toBe('red');
    expect(colourOf(steps, -0.5)).toBe('red');
    expect(colourOf(steps, 0.001)).not.toBe('red');
    expect(colourOf(steps, 0.1)).not.toBe('green');
    expect(colourOf(steps, 0.9)).toBe('green');
  });

  test('the overview table colours the budget like the gauges, as the cell background', () => {
    const overrides = overviewTable().fieldConfig.overrides as Json[];
    const budget = overrides.find((o) => o.matcher.options === COLUMNS.budget)!.properties as Json[];
    const steps = budget.find((p) => p.id === 'thresholds')!.value.steps;
    expect(steps).toEqual(BUDGET_STEPS);
    expect(colourOf(steps, 0)).toBe('red');
    expect(colourOf(steps, 0.9)).toBe('green');
    expect(budget.find((p) => p.id === 'custom.cellOptions')!.value).toEqual({ type: 'color-background' });
  });

  test('the overview links each SLO to its service dashboard, hashed uids included', () => {
    const table = overviewTable();
    const overrides = table.fieldConfig.overrides as Json[];
    const [link] = overrides.find((o) => o.matcher.options === COLUMNS.slo)!.properties[0].value;
    expect(link.url).toMatch(/^\/d\/\$\{__data\.fields\.dashboard\}\?/);
    // The uid column is hidden, not removed: the link reads it from the row.
    expect(overrides.find((o) => o.matcher.options === 'dashboard')!.properties).toEqual([{ id: 'custom.hidden', value: true }]);
    expect(table.transformations[1].options.excludeByName.dashboard).toBeUndefined();
    // Prometheus' label_replace, innermost first: the label the objective query gives each service.
    const replaces = [...(table.targets[0].expr as string).matchAll(/"dashboard", "([^"]*)", "service", "([^"]*)"\)/g)];
    const uidOf = (service: string) =>
      replaces.reduce((uid, [, replacement, regex]) => {
        const match = new RegExp(`^(?:${JSON.parse(`"${regex!}"`) as string})$`).exec(service);
        return match ? replacement!.replace('$1', match[1] ?? '') : uid;
      }, '');
    for (const slo of slos) expect(uidOf(slo.service), slo.service).toBe(serviceDashboardUid(slo.service));
    // The fixtures have both kinds: plain `burnrate-<service>` uids and hashed ones.
    const hashed = slos.filter((s) => serviceDashboardUid(s.service) !== `burnrate-${s.service}`);
    expect(hashed.length > 0 && hashed.length < slos.length).toBe(true);
  });

  test('trace SLIs link to the failed and slow spans in Jaeger Explore; other SLIs do not', () => {
    for (const slo of slos) {
      const links = panel(slo, /^SLI against/).fieldConfig.defaults.links ?? [];
      if (slo.sli.kind !== 'traces') {
        expect(links).toEqual([]);
        continue;
      }
      const sli = slo.sli;
      const states = links.map((l: Json) => JSON.parse(decodeURIComponent(l.url.replace('/explore?left=', ''))));
      expect(states).toHaveLength(sli.latencyThresholdSeconds === undefined ? 1 : 2);
      for (const state of states) {
        expect(state.datasource).toBe('${jaeger}');
        expect(state.range).toEqual({ from: '${__from}', to: '${__to}' });
        expect(state.queries[0]).toMatchObject({ queryType: 'search', service: sli.spanService, datasource: { type: 'jaeger', uid: '${jaeger}' } });
        expect(state.queries[0].operation).toBe(sli.spanName);
        if (sli.route) expect(state.queries[0].tags).toContain(`http.route=${JSON.stringify(sli.route)}`);
      }
      expect(states[0].queries[0].tags).toContain('error=true');
      if (states[1]) expect(states[1].queries[0].minDuration).toBe(formatDuration(sli.latencyThresholdSeconds! * 1000));
      const tables = rowPanels(slo).filter((p) => p.datasource?.type === 'jaeger');
      expect(tables.map((t) => t.targets[0])).toEqual(states.map((s: Json) => s.queries[0]));
    }
  });

  test('the logs panel reads the service’s Loki streams through the loki variable', () => {
    for (const service of new Set(slos.map((s) => s.service))) {
      const d = dashboardOf(service);
      const logs = d.panels.find((p: Json) => p.type === 'logs');
      expect(logs.datasource).toEqual({ type: 'loki', uid: '${loki}' });
      const values = { service: d.templating.list.find((v: Json) => v.name === 'service').query, cluster: '.*' };
      const stream = parseSelector(substitute(logs.targets[0].expr, values));
      expect(stream?.matchers).toContainEqual({ name: LOG_SERVICE_LABEL, op: '=', value: service });
    }
  });

  test('firing alerts of the service are an annotation, the same query for every Grafana version', () => {
    const d = dashboardOf('payments');
    const [annotation] = d.annotations.list;
    expect(annotation.expr).toBe(annotation.target.expr);
    expect(annotation.expr).toContain('service="$service"');
    expect(d.templating.list.find((v: Json) => v.name === 'slo').query.split(',')).toEqual(
      slos.filter((s) => s.service === 'payments').map((s) => s.id).sort(),
    );
  });

  test('groupBy SLOs get a per-group graph and table; others do not', () => {
    for (const slo of slos) {
      const byGroup = rowPanels(slo).filter((p) => / by /.test(p.title) || p.title.startsWith('By '));
      if (slo.groupBy.length === 0) {
        expect(byGroup).toEqual([]);
        continue;
      }
      expect(byGroup.map((p) => p.type).sort()).toEqual(['table', 'timeseries']);
      for (const p of byGroup) for (const t of p.targets) expect(t.expr).toContain(`sum by (${slo.groupBy.join(', ')})`);
    }
  });

  test('raw SLIs, which have no event counts, graph their error ratio instead', () => {
    const titles = rowPanels(bySlo('probes-raw-monthly')).map((p) => p.title);
    expect(titles.some((t) => t.startsWith('Error ratio'))).toBe(true);
    expect(titles).not.toContain('Good and total events per second');
    expect(rowPanels(bySlo('probes-gauge-daily')).map((p) => p.title)).toContain('Good and total events per second');
  });
});
