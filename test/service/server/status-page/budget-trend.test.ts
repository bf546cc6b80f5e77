/**
 * The index's budget trend against the history API for a known data set: every drawn point is the last
 * stored remaining ratio of its 6-hour step (the whole SLO, not its groups), gaps stay gaps, the latest
 * evaluation is the last point, and the accessible title names first, lowest and current budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetSnapshot } from '../../../../src/service/engine/types.js';
import { TREND_STEP_MS, trendTimes } from '../../../../src/service/server/status-page/budget-trends.js';
import { percentText } from '../../../../src/service/server/status-page/format.js';
import { catalog, EVALUATED_AT, evaluationAt } from './support/status-fixture.js';
import { startStatusApp, type StatusApp } from './support/status-app.js';

const HOUR = 3_600_000;
const NOW = new Date(EVALUATED_AT.getTime() + 30_000);
let s: StatusApp;

interface Point {
  at: string;
  remainingRatio: number | null;
  group: Record<string, string>;
}

/** 8 days of points every 50 minutes with a wave of budgets, a day without points, and some no-data points. */
function history(template: BudgetSnapshot, k0: number): BudgetSnapshot[] {
  const out: BudgetSnapshot[] = [];
  for (let t = EVALUATED_AT.getTime() - 8 * 24 * HOUR, k = k0; t < EVALUATED_AT.getTime(); t += 50 * 60_000, k++) {
    const age = EVALUATED_AT.getTime() - t;
    if (age > 3 * 24 * HOUR && age < 4 * 24 * HOUR) continue;
    const ratio = k % 11 === 0 ? null : 0.5 + 0.4 * Math.sin(k / 7);
    out.push({ ...template, at: new Date(t), budget: { ...template.budget, remainingRatio: ratio } });
  }
  return out;
}

const svgOf = (page: string, id: string) => {
  const row = page.slice(page.indexOf(`id="slo-${id}"`));
  return row.slice(0, row.indexOf('</tbody>')).match(/<svg class="trend"[^]*?<\/svg>/)?.[0];
};

beforeAll(async () => {
  const evaluation = evaluationAt(EVALUATED_AT);
  s = await startStatusApp(catalog, { latest: evaluation, now: NOW });
  const byGroup = (id: string, grouped: boolean) => evaluation.snapshots.find((x) => x.sloId === id && Object.keys(x.group).length > 0 === grouped)!;
  await s.store.saveSnapshots([
    ...history(byGroup('checkout-availability', false), 0),
    ...history(byGroup('storefront-pages', false), 3),
    // Group points must not leak into the whole SLO's trend.
    ...history(byGroup('storefront-pages', true), 5).map((p) => ({ ...p, budget: { ...p.budget, remainingRatio: -5 } })),
  ]);
});
afterAll(() => s?.close());

describe.each(['checkout-availability', 'storefront-pages'])('%s', (id) => {
  let expected: (number | null)[];
  let page: string;
  beforeAll(async () => {
    expected = [];
    for (const t of trendTimes(NOW)) {
      const from = new Date(t.getTime() - TREND_STEP_MS + 1).toISOString();
      const answer = await s.app.inject({ url: `/api/v1/slos/${id}/history?from=${from}&to=${t.toISOString()}` });
      const points = answer.json<{ points: Point[] }>().points.filter((p) => Object.keys(p.group).length === 0 && p.remainingRatio !== null);
      expected.push(points.at(-1)?.remainingRatio ?? null);
    }
    const current = (await s.app.inject({ url: `/api/v1/slos/${id}` })).json<{ snapshot: { budget: { remainingRatio: number } } }>();
    expected.push(current.snapshot.budget.remainingRatio);
    page = (await s.app.inject({ url: '/' })).body;
  });

  it('the data set has points, gaps and a current value', () => {
    expect(expected.filter((r) => r === null).length).toBeGreaterThanOrEqual(3);
    expect(expected.filter((r) => r !== null).length).toBeGreaterThan(15);
  });

  it('its title names the first, lowest and current budget of the history API', () => {
    const known = expected.filter((r): r is number => r !== null);
    const title = `budget left over 7 days: ${percentText(known[0]!)} first, lowest ${percentText(Math.min(...known))}, ${percentText(known.at(-1)!)} now`;
    expect(svgOf(page, id)).toContain(`<title>${title}</title>`);
  });

  it('draws one vertex per known step and starts a new segment after each gap', () => {
    const d = svgOf(page, id)!.match(/ d="([^"]+)"/)![1]!;
    const vertices = [...d.matchAll(/([ML])(-?[\d.]+) (-?[\d.]+)/g)];
    expect(vertices).toHaveLength(expected.filter((r) => r !== null).length);
    const segments = expected.filter((r, i) => r !== null && (i === 0 || expected[i - 1] === null)).length;
    expect(vertices.filter((v) => v[1] === 'M')).toHaveLength(segments);
    // Height follows the ratio: a higher budget is drawn higher (smaller y).
    const known = expected.filter((r): r is number => r !== null);
    const ys = vertices.map((v) => Number(v[3]));
    const hi = known.indexOf(Math.max(...known));
    const lo = known.indexOf(Math.min(...known));
    expect(ys[hi]!).toBeLessThan(ys[lo]!);
  });
});

it('an SLO without stored history says so instead of drawing a flat line', () => {
  return s.app.inject({ url: '/' }).then((r) => {
    const row = r.body.slice(r.body.indexOf('id="slo-payments-authorize"'));
    expect(row.slice(0, row.indexOf('</tbody>'))).toMatch(/<svg class="trend"|no history yet/);
  });
});
