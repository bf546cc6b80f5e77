/** The status page's view and formatting: colours agree with the dashboards, no data never reads as a full budget, escaping holds. */
import { describe, expect, it } from 'vitest';
import type { LoadedCatalog } from '../../../../src/service/catalog/load-catalog.js';
import { computeSnapshot } from '../../../../src/service/engine/index.js';
import { BUDGET_STEPS } from '../../../../src/toolkit/generate/grafana/thresholds.js';
import { budgetColour } from '../../../../src/service/server/status-page/budget-colour.js';
import { durationText, percentText, sliText } from '../../../../src/service/server/status-page/format.js';
import { html, safeHref, trusted } from '../../../../src/service/server/status-page/html.js';
import { gateDecision } from '../../../../src/service/server/status-page/gate-decision.js';
import { budgetText, exhaustionText, renderSloRow, sliCellText } from '../../../../src/service/server/status-page/render-slo-row.js';
import { renderProblems, renderSources } from '../../../../src/service/server/status-page/render-catalog.js';
import { headline, statusView } from '../../../../src/service/server/status-page/status-view.js';
import { catalogOf } from '../../support/test-catalog.js';
import { catalog, EVALUATED_AT, evaluationAt, observations } from './support/status-fixture.js';
import { okCluster, staleCluster } from './support/traffic.js';

const loaded: LoadedCatalog = { version: catalog.version, slos: catalog.slos, source: 'catalog.json', loadedAt: EVALUATED_AT };

/** Grafana colours a value with the highest step at or below it. */
function grafanaColour(value: number): string {
  let colour = BUDGET_STEPS[0]!.color;
  for (const step of BUDGET_STEPS) if (step.value === null || value >= step.value) colour = step.color;
  return colour;
}

describe('budget colours', () => {
  it.each([-0.6, 0, 0.0001, 0.1, 0.2499, 0.25, 0.4, 0.5, 0.75, 1])('match the Grafana budget panels at %s', (remaining) => {
    expect(budgetColour(remaining)).toBe(grafanaColour(remaining));
  });

  it('give no colour to missing data', () => {
    expect(budgetColour(null)).toBe('none');
  });
});

describe('the view of one evaluation', () => {
  const view = statusView(loaded, evaluationAt(EVALUATED_AT), new Date(EVALUATED_AT.getTime() + 35_000));
  const slo = (id: string) => view.slos.find((s) => s.id === id)!;

  it('shows no data as no data: no SLI, no budget, no colour, never 100%', () => {
    const sync = slo('inventory-sync');
    expect(sync).toMatchObject({ status: 'no-data', sli: null, remainingRatio: null, colour: 'none' });
    expect([budgetText(sync), exhaustionText(sync), sliText(sync.sli, sync.objectivePercent)]).toEqual(['no data', 'no data', 'no data']);
  });

  it('shows an outage (no cluster answered) as unknown, not as no data, and the gate says why', () => {
    const observed = observations(EVALUATED_AT).map((o) =>
      o.sloId === 'inventory-sync' ? { ...o, clusters: [staleCluster('us-east-1', 'connection refused'), staleCluster('eu-west-1', 'connection refused')] } : o,
    );
    const outage = statusView(loaded, evaluationAt(EVALUATED_AT, observed), EVALUATED_AT);
    const sync = outage.slos.find((s) => s.id === 'inventory-sync')!;
    expect(sync).toMatchObject({ status: 'no-data', unknown: true, sli: null, remainingRatio: null, colour: 'none' });
    expect([budgetText(sync), exhaustionText(sync), sliCellText(sync, sync.objectivePercent)]).toEqual(['unknown', 'unknown', 'unknown']);
    expect(renderSloRow(sync, false).text).toContain('<span class="chip status-no-data">unknown</span>');
    expect(slo('inventory-sync').unknown).toBe(false);
    const gate = gateDecision(loaded.slos.filter((s) => s.id === 'inventory-sync'), evaluationAt(EVALUATED_AT, observed), 0);
    expect(gate.reasons[0]).toMatchObject({ decision: 'unknown', message: 'unknown: no cluster answered; stale: us-east-1, eu-west-1' });
  });

  it('names the stale clusters of a partial SLO with their errors', () => {
    expect(slo('search-query')).toMatchObject({ status: 'partial', staleClusters: [{ cluster: 'eu-west-1', error: 'query timed out after 10s' }] });
  });

  it('marks an alert pair as over only when both windows burn faster than its factor', () => {
    for (const pair of view.slos.flatMap((s) => s.alertPairs)) {
      expect(pair.over).toBe(pair.longRate !== null && pair.shortRate !== null && pair.longRate > pair.factor && pair.shortRate > pair.factor);
    }
    const latency = slo('checkout-latency');
    expect(latency.alertPairs.filter((p) => p.over).map((p) => `${p.tier}-${p.speed}`)).toEqual(['page-fast', 'page-slow', 'ticket-slow']);
    expect(headline(latency)).toBe('burning');
    expect(headline(slo('payments-authorize'))).toBe('spent');
  });

  it('lists groups worst first and leaves raw SLIs without a budget', () => {
    expect(slo('storefront-pages').groups.map((g) => g.labels)[0]).toBe('route="/cart"');
    expect(slo('storefront-pages').groupCount).toBe(3);
    expect(slo('billing-legacy')).toMatchObject({ status: 'unsupported', remainingRatio: null });
    expect(budgetText(slo('billing-legacy'))).toBe('no budget (raw SLI)');
  });

  it('gates each service: frozen when spent, unknown without complete data', () => {
    expect(Object.fromEntries(view.gates.map((g) => [g.service, g.decision]))).toEqual({
      billing: 'unknown',
      checkout: 'open',
      inventory: 'unknown',
      payments: 'frozen',
      search: 'unknown',
      storefront: 'open',
    });
  });

  it('before the first evaluation every SLO is pending, not healthy', () => {
    const empty = statusView(loaded, undefined, EVALUATED_AT);
    expect(empty.evaluatedAt).toBeNull();
    expect(new Set(empty.slos.map((s) => s.status))).toEqual(new Set(['pending', 'unsupported']));
    expect(empty.slos.map(budgetText).filter((t) => t.includes('%'))).toEqual([]);
    expect(empty.gates.every((g) => g.decision === 'unknown')).toBe(true);
  });
});

describe('time to exhaustion', () => {
  it('reads "in 43m" for a full 30-day budget at 99.9% under a total outage (the 1000x example)', () => {
    const [slo] = catalogOf([{ service: 'api', team: 't', slos: { up: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]).slos;
    const cluster = okCluster('c1', slo!, EVALUATED_AT, { perMinute: 1000, baseRatio: 0 });
    // Counts over the 5-minute window are all bad; the 30-day window is still clean.
    cluster.alertWindows['5m'] = { good: 0, total: 5000 };
    const snapshot = computeSnapshot(slo!, { sloId: slo!.id, group: {}, clusters: [cluster] }, EVALUATED_AT);
    expect(snapshot.burnRates.find((r) => r.window === '5m')?.burnRate).toBe(1000);
    const view = statusView({ ...loaded, slos: [slo!] }, { ...evaluationAt(EVALUATED_AT, []), snapshots: [snapshot] }, EVALUATED_AT);
    expect(exhaustionText(view.slos[0]!)).toBe('in 43m');
  });

  it.each([
    [59, '< 1m'],
    [2580, '43m'],
    [3600, '1h'],
    [97_200, '1d 3h'],
    [86_400 + 300, '1d'],
  ])('formats %s s as %s', (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });
});

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const label = '"><img src=x onerror="alert(1)">&';
    expect(html`<td title="${label}">${label}</td>`.text).toBe(
      '<td title="&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;">&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;</td>',
    );
  });

  it('keeps nested templates and trusted markup as markup, and joins arrays', () => {
    expect(html`<ul>${['<a>', 'b'].map((x) => html`<li>${x}</li>`)}</ul>${trusted('<br>')}`.text).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul><br>');
  });

  it('links only http(s) URLs', () => {
    expect(safeHref('https://runbooks.example.com/x')).toBe('https://runbooks.example.com/x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });

  it('writes overspent budgets with a real minus sign', () => {
    expect(percentText(-0.6)).toBe('\u221260.0%');
  });
});

describe('catalog sources and configuration problems', () => {
  const hostile = 'team-x/"><script>alert(1)</script>';
  const discovered: LoadedCatalog = {
    ...loaded,
    sources: [
      { name: 'team-a/checkout', kind: 'configmap', state: 'ok', version: 'v1', sloCount: 2 },
      { name: 'team-b/copy', kind: 'configmap', state: 'ok', version: 'v2', sloCount: 1 },
      { name: hostile, kind: 'configmap', state: 'stale', version: 'v3', sloCount: 4, error: `catalog configmap ${hostile}: invalid JSON` },
    ],
    conflicts: [{ id: 'checkout-availability', sources: ['team-a/checkout', 'team-b/copy'] }],
  };

  it('counts the refused ids of each source, and leaves both out for one catalog file', () => {
    const view = statusView(discovered, undefined, EVALUATED_AT);
    expect(view.catalogSources?.map((s) => [s.name, s.state, s.sloCount, s.refused])).toEqual([
      ['team-a/checkout', 'ok', 2, 1],
      ['team-b/copy', 'ok', 1, 1],
      [hostile, 'stale', 4, 0],
    ]);
    expect(view.conflicts).toEqual(discovered.conflicts);
    const single = statusView(loaded, evaluationAt(EVALUATED_AT), EVALUATED_AT);
    expect(single.catalogSources).toBeUndefined();
    expect([renderProblems(single), renderSources(single)]).toEqual(['', '']);
  });

  it('escapes source names and errors wherever they appear', () => {
    const view = statusView(discovered, undefined, EVALUATED_AT);
    const text = String(renderProblems(view)) + String(renderSources(view));
    expect(text).not.toContain('<script>');
    expect(text).toContain('data-source="team-x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(text).toContain('<li class="conflict" data-slo="checkout-availability">SLO id <code>checkout-availability</code> refused: defined by <code>team-a/checkout</code> and <code>team-b/copy</code>.');
  });

  it('flags clusters the evaluation found listed twice, each pair once', () => {
    const message = 'clusters a and b look like replicas of one HA pair';
    const evaluation = {
      ...evaluationAt(EVALUATED_AT),
      clusters: [
        { cluster: 'a', queries: 1, failedQueries: 0, durationMs: 1, duplicates: [{ cluster: 'b', message }] },
        { cluster: 'b', queries: 1, failedQueries: 0, durationMs: 1, duplicates: [{ cluster: 'a', message }] },
      ],
    };
    expect(statusView(loaded, evaluation, EVALUATED_AT).clusterWarnings).toEqual([{ clusters: ['a', 'b'], message }]);
    expect(statusView(loaded, evaluationAt(EVALUATED_AT), EVALUATED_AT).clusterWarnings).toEqual([]);
  });
});
