/**
 * The index's server-side filters and sort (app.inject on the real app): which rows each query renders,
 * checked against /api/v1/slos, and 400s that name the allowed values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, EVALUATED_AT, evaluationAt } from './support/status-fixture.js';
import { startStatusApp, type StatusApp } from './support/status-app.js';

interface ApiSlo {
  id: string;
  team: string;
  service: string;
  status: string;
  budget: { remainingRatio: number | null } | null;
  staleClusters: string[];
}

let s: StatusApp;
let api: ApiSlo[];

const rows = async (query: string) => {
  const response = await s.app.inject({ url: `/${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return [...response.body.matchAll(/<tbody class="slo" id="slo-([^"]+)"/g)].map((m) => m[1]);
};
const inServiceOrder = (slos: ApiSlo[]) => catalog.slos.filter((c) => slos.some((x) => x.id === c.id)).sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name)).map((c) => c.id);

beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: evaluationAt(EVALUATED_AT), now: new Date(EVALUATED_AT.getTime() + 30_000) });
  api = (await s.app.inject({ url: '/api/v1/slos' })).json<{ slos: ApiSlo[] }>().slos;
});
afterAll(() => s?.close());

describe('filters', () => {
  it('without parameters lists every SLO by service and name', async () => {
    expect(await rows('')).toEqual(inServiceOrder(api));
  });

  it('status=spent lists exactly the SLOs the API reports at or below 0 remaining', async () => {
    const spent = api.filter((x) => x.budget?.remainingRatio !== null && x.budget !== null && x.budget.remainingRatio! <= 0);
    expect(spent.length).toBeGreaterThan(0);
    expect(await rows('?status=spent')).toEqual(inServiceOrder(spent));
  });

  it('status=stale lists the SLOs with a stale cluster; statuses combine as "any of", repeated or comma-separated', async () => {
    const stale = api.filter((x) => x.staleClusters.length > 0);
    const noData = api.filter((x) => x.status === 'no-data');
    expect(stale.length).toBeGreaterThan(0);
    expect(noData.length).toBeGreaterThan(0);
    expect(await rows('?status=stale')).toEqual(inServiceOrder(stale));
    expect(await rows('?status=stale&status=no-data')).toEqual(inServiceOrder([...stale, ...noData]));
    expect(await rows('?status=no-data,stale')).toEqual(inServiceOrder([...stale, ...noData]));
  });

  it('team and service select by exact name and combine with status', async () => {
    expect(await rows('?team=payments')).toEqual(inServiceOrder(api.filter((x) => x.team === 'payments')));
    expect(await rows('?service=checkout')).toEqual(inServiceOrder(api.filter((x) => x.service === 'checkout')));
    expect(await rows('?team=payments&status=raw')).toEqual(inServiceOrder(api.filter((x) => x.team === 'payments' && x.status === 'unsupported')));
    // An empty value is the form's "all".
    expect(await rows('?team=&service=&status=')).toEqual(inServiceOrder(api));
  });

  it('says so when nothing matches, and counts what is shown', async () => {
    const body = (await s.app.inject({ url: '/?service=inventory&status=spent' })).body;
    expect(body).toContain('No SLO matches these filters.');
    expect(body).toContain(`showing 0 of ${api.length}`);
  });
});

describe('sort', () => {
  it('budget: least remaining first, SLOs without a budget last', async () => {
    const order = await rows('?sort=budget');
    const ratios = order.map((id) => api.find((x) => x.id === id)?.budget?.remainingRatio ?? null);
    const known = ratios.filter((r): r is number => r !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(ratios.slice(known.length).every((r) => r === null)).toBe(true);
    expect(order).toHaveLength(api.length);
  });

  it('burn: the SLO burning over its page threshold comes first', async () => {
    const burning = await rows('?status=burning');
    expect(burning.length).toBeGreaterThan(0);
    expect((await rows('?sort=burn')).slice(0, burning.length).sort()).toEqual([...burning].sort());
  });
});

describe('bad parameters answer 400 with the common error body naming the allowed values', () => {
  it.each([
    ['?status=frozen', 'status', 'expected any of spent, burning, stale, no-data, pending, raw, ok, got "frozen"'],
    ['?sort=name', 'sort', 'expected one of service, budget, burn, exhaustion, got "name"'],
    ['?sort=budget&sort=burn', 'sort', 'expected one value, got 2'],
  ])('%s', async (query, parameter, message) => {
    const response = await s.app.inject({ url: `/${query}` });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; message: string; details: { parameter: string; allowed: string[] } } }>();
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toBe(`${parameter}: ${message}`);
    expect(body.error.details.parameter).toBe(parameter);
  });

  it('an unknown team lists the catalog\'s teams', async () => {
    const response = await s.app.inject({ url: '/?team=paymnets' });
    expect(response.statusCode).toBe(400);
    const { details } = response.json<{ error: { details: { allowed: string[] } } }>().error;
    expect([...details.allowed].sort()).toEqual([...new Set(api.map((x) => x.team))].sort());
  });
});
