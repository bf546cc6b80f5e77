/**
 * Dashboards and rules agree: every PromQL query of every generated dashboard parses, and every recorded
 * series or alert it reads is written by the generated rules with label values that exist there.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ALERT_NAMES, ALERTS_SERIES, RECORDED } from '../../../../src/core/conventions/metrics.js';
import { alertingPeriodMs, alertWindows } from '../../../../src/core/windows/alert-windows.js';
import { formatDuration } from '../../../../src/core/model/duration.js';
import { alertCountPlan, composeWindow } from '../../../../src/core/windows/count-windows.js';
import { hasEventCounts } from '../../../../src/core/sli/sli-kinds.js';

import type { Slo } from '../../../../src/core/model/slo.js';
import { renderDashboards } from '../../../../src/toolkit/generate/grafana/dashboards.js';
import { REPO_ROOT } from '../../../support/cli.js';
import { parseError, prometheusQueries, selectorsOf, type DashboardQuery } from './dashboard-queries.js';
import { exampleSlos, fixtureSlos } from './fixture-slos.js';
import { canMatch, producedSeries, type ProducedSeries } from './rule-series.js';
import { variableValues, type Selection } from './variable-values.js';

interface Case {
  uid: string;
  selection: Selection;
  queries: DashboardQuery[];
}

function cases(slos: readonly Slo[]): Case[] {
  const result: Case[] = [];
  for (const [uid, text] of renderDashboards(slos)) {
    const dashboard = JSON.parse(text) as Record<string, unknown>;
    const known = { service: [...new Set(slos.map((s) => s.service))], slo: slos.map((s) => s.id) };
    for (const selection of ['all', 'one'] as const) {
      result.push({ uid, selection, queries: prometheusQueries(dashboard, variableValues(dashboard, selection, known)) });
    }
  }
  return result;
}

/** Selectors of a query that read nothing the rules write. */
function unproduced(query: DashboardQuery, produced: readonly ProducedSeries[]): string[] {
  return selectorsOf(query.expr)
    .filter((s) => !produced.some((p) => canMatch(s, p)))
    .map((s) => `${query.where}: ${s.metric}{${s.matchers.map((m) => `${m.name}${m.op}"${m.value}"`).join(',')}}`);
}

/**
 * With every SLO selected each selector must read something. With one, a query generic over `$slo` (the overview
 * table's: a branch per page window) may have branches for the SLOs left out, but must still read something.
 */
function unread(query: DashboardQuery, selection: Selection, produced: readonly ProducedSeries[]): string[] {
  const missing = unproduced(query, produced);
  const someRead = missing.length < selectorsOf(query.expr).length;
  return selection === 'one' && query.raw.includes('slo=~"$slo"') && someRead ? [] : missing;
}

describe.each([
  ['the example catalog', exampleSlos],
  ['fixtures of every SLI kind and window', async () => fixtureSlos()],
])('dashboards of %s', (_name, load) => {
  test('every PromQL query parses, in panels, variables and annotations', async () => {
    const all = cases(await load());
    const queries = all.flatMap((c) => c.queries);
    expect(queries.length).toBeGreaterThan(all.length * 3);
    const errors = queries.flatMap((q) => {
      const error = parseError(q.expr);
      return error ? [`${q.where}: ${error}`] : [];
    });
    expect(errors).toEqual([]);
  });

  test('every series a dashboard reads is written by the generated rules with matching slo and window', async () => {
    const slos = await load();
    const produced = producedSeries(slos);
    const missing = cases(slos).flatMap((c) => c.queries.flatMap((q) => unread(q, c.selection, produced).map((m) => `${c.uid} (${c.selection}) ${m}`)));
    expect(missing).toEqual([]);
  });

  test('dashboards read only recorded series and ALERTS, never raw series', async () => {
    const names = new Set(cases(await load()).flatMap((c) => c.queries.flatMap((q) => selectorsOf(q.expr).map((s) => s.metric ?? ''))));
    const raw = [...names].filter((name) => !name.includes(':') && name !== ALERTS_SERIES);
    expect(raw).toEqual([]);
  });

  test('every SLO and every window its alerts use is read by some dashboard, recorded or composed of tiles', async () => {
    const slos = await load();
    // slo/window of every selector, and slo/window+offset where it is read at an offset (a tile of a longer window).
    const read = new Set(
      cases(slos).flatMap((c) =>
        c.queries.flatMap((q) =>
          [...q.expr.matchAll(/\{([^{}]*)\}(?:\[[^\]]*\])?(?: offset (\w+))?/g)].map((m) => {
            const label = (name: string) => new RegExp(`(?:^|,)${name}="([^"]*)"`).exec(m[1] ?? '')?.[1];
            return `${label('slo')}/${label('window')}${m[2] ? `+${m[2]}` : ''}`;
          }),
        ),
      ),
    );
    const expected = slos.flatMap((slo) => {
      const plan = alertCountPlan(slo);
      return alertWindows(alertingPeriodMs(slo.window)).flatMap((w) =>
        [w.longWindowMs, w.shortWindowMs].map((ms) => {
          const source = composeWindow(plan, ms);
          if (!hasEventCounts(slo.sli) || !source || source.recorded) return `${slo.id}/${formatDuration(ms)}`;
          return `${slo.id}/${formatDuration(source.tileMs)}+${formatDuration((source.count - 1) * source.tileMs)}`;
        }),
      );
    });
    expect(expected.length).toBeGreaterThan(slos.length * 4);
    expect(expected.filter((key) => !read.has(key))).toEqual([]);
  });
});

describe('the series check itself', () => {
  test('catches a window, an SLO id or a metric name that nothing writes', () => {
    const slos = fixtureSlos();
    const produced = producedSeries(slos);
    const query = (expr: string): DashboardQuery => ({ where: 'probe', raw: expr, expr });
    const ok = 'burnrate:slo_good_events{cluster=~".*",slo="payments-ratio-good",window="1h"}';
    expect(unproduced(query(ok), produced)).toEqual([]);
    expect(unproduced(query(ok.replace('"1h"', '"45m"')), produced)).toHaveLength(1);
    expect(unproduced(query(ok.replace('payments-ratio-good', 'payments-ratio-bad')), produced)).toHaveLength(1);
    expect(unproduced(query(ok.replace('good_events', 'goods_events')), produced)).toHaveLength(1);
    // Count SLIs record counts only: their error ratio is computed where it is read.
    expect(unproduced(query(ok.replace('good_events', 'error_ratio')), produced)).toHaveLength(1);
    // A label the rules never write must not be required to have a value.
    expect(unproduced(query(ok.replace('window="1h"', 'window="1h",team="payments"')), produced)).toHaveLength(1);
    // groupBy labels pass through the rules' sums, so breakdowns may select on them.
    const grouped = 'burnrate:slo_good_events{slo="payments-ratio-errors-by-tenant",window="5m",tenant="acme"}';
    expect(unproduced(query(grouped), produced)).toEqual([]);
  });

  test('lets a query generic over $slo skip the SLOs left out of the selection, but not read nothing', () => {
    const produced = producedSeries(fixtureSlos());
    const branch = (window: string) => `burnrate:slo_good_events{cluster=~".*",slo=~"payments-ratio-good",window="${window}"}`;
    const generic = (expr: string): DashboardQuery => ({ where: 'probe', raw: 'x{slo=~"$slo"}', expr });
    expect(unread(generic(`${branch('1h')} or ${branch('14m')}`), 'one', produced)).toEqual([]);
    expect(unread(generic(`${branch('1h')} or ${branch('14m')}`), 'all', produced)).toHaveLength(1);
    expect(unread(generic(`${branch('45m')} or ${branch('14m')}`), 'one', produced)).toHaveLength(2);
  });

  test('catches a syntax error after variable substitution', () => {
    expect(parseError('sum(burnrate:slo_good_events{cluster=~".*"}')).toBeDefined();
    expect(parseError('sum(burnrate:slo_good_events{cluster=~".*"})')).toBeUndefined();
  });
});

test('the dashboard code takes every series and alert name from the conventions module', async () => {
  const dir = path.join(REPO_ROOT, 'src/toolkit/generate/grafana');
  const names = [...Object.values(RECORDED), ...Object.values(ALERT_NAMES), ALERTS_SERIES, 'burnrate:'];
  for (const file of await readdir(dir)) {
    const source = await readFile(path.join(dir, file), 'utf8');
    for (const name of names) expect(source.includes(`'${name}`) || source.includes(`"${name}`) || source.includes(`\`${name}`), `${file}: ${name}`).toBe(false);
  }
});
