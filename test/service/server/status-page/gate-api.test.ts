/** GET /api/v1/gate through app.inject: decisions from the latest snapshots, thresholds, errors, OpenAPI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, EVALUATED_AT, evaluationAt } from './support/status-fixture.js';
import { startStatusApp, type StatusApp } from './support/status-app.js';

let s: StatusApp;

async function get(url: string) {
  const response = await s.app.inject({ url });
  return { status: response.statusCode, body: response.json() as Record<string, any> };
}

async function gate(query: string) {
  const { status, body } = await get(`/api/v1/gate?${query}`);
  expect(status).toBe(200);
  return body;
}

beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: undefined, now: EVALUATED_AT });
});
afterAll(async () => s?.close());

describe('before the first evaluation', () => {
  it('answers unknown, never open', async () => {
    const body = await gate('service=checkout');
    expect(body).toMatchObject({ decision: 'unknown', evaluatedAt: null, minRemaining: 0 });
    expect(body.reasons.map((r: any) => [r.sloId, r.decision, r.status, r.message])).toEqual([
      ['checkout-availability', 'unknown', 'pending', 'no evaluation has completed yet'],
      ['checkout-latency', 'unknown', 'pending', 'no evaluation has completed yet'],
    ]);
  });
});

describe('after an evaluation', () => {
  beforeAll(() => {
    s.state.latest = evaluationAt(EVALUATED_AT);
  });

  it('opens when every SLO has budget left, with the same remaining ratios the SLO API shows', async () => {
    const body = await gate('service=checkout');
    expect(body).toMatchObject({ decision: 'open', service: 'checkout', catalogVersion: catalog.version, evaluatedAt: EVALUATED_AT.toISOString() });
    for (const reason of body.reasons) {
      const slo = (await get(`/api/v1/slos/${reason.sloId}`)).body;
      expect(reason).toMatchObject({ decision: 'open', status: 'ok', remainingRatio: slo.snapshot.budget.remainingRatio });
      expect(reason.remainingRatio).toBeGreaterThan(0);
      expect(reason.policy).toBe('frozen when the remaining error budget is at or below 0%; unknown when data is missing or partial');
    }
  });

  it('freezes when an SLO has spent its budget', async () => {
    const body = await gate('service=payments');
    expect(body.decision).toBe('frozen');
    expect(body.reasons[0]).toMatchObject({ sloId: 'payments-authorize', decision: 'frozen' });
    expect(body.reasons[0].remainingRatio).toBeLessThan(0);
    expect(body.summary).toBe('frozen: payments-authorize at or below 0% of the error budget left');
  });

  it('freezes at or below minRemaining, per SLO', async () => {
    const slos = (await get('/api/v1/slos')).body.slos.filter((x: any) => x.service === 'checkout');
    const latency = slos.find((x: any) => x.name === 'latency').budget.remainingRatio;
    const availability = slos.find((x: any) => x.name === 'availability').budget.remainingRatio;
    expect(latency).toBeLessThan(availability);
    const between = (latency + availability) / 2;
    const body = await gate(`service=checkout&minRemaining=${between}`);
    expect(body).toMatchObject({ decision: 'frozen', minRemaining: between });
    expect(body.reasons.map((r: any) => [r.sloId, r.decision])).toEqual([
      ['checkout-availability', 'open'],
      ['checkout-latency', 'frozen'],
    ]);
    // "at or below": exactly the remaining ratio freezes.
    expect((await gate(`slo=checkout-latency&minRemaining=${latency}`)).decision).toBe('frozen');
    expect((await gate(`slo=checkout-availability&minRemaining=${between}`)).decision).toBe('open');
  });

  it('answers unknown for partial data and names the stale cluster', async () => {
    const body = await gate('service=search');
    expect(body.decision).toBe('unknown');
    expect(body.reasons[0]).toMatchObject({ decision: 'unknown', status: 'partial', staleClusters: ['eu-west-1'] });
    expect(body.reasons[0].message).toMatch(/^partial data: .*stale: eu-west-1$/);
  });

  it('answers unknown without data, and when a service has only raw SLIs', async () => {
    expect(await gate('service=inventory')).toMatchObject({ decision: 'unknown', reasons: [{ status: 'no-data', remainingRatio: null, decision: 'unknown' }] });
    expect(await gate('service=billing')).toMatchObject({
      decision: 'unknown',
      summary: 'unknown: no SLO with an error budget to judge',
      reasons: [{ decision: 'ignored', status: 'unsupported' }],
    });
  });

  it('gates a grouped SLO on its whole budget', async () => {
    const body = await gate('slo=storefront-pages');
    const whole = (await get('/api/v1/slos/storefront-pages')).body.snapshot.budget.remainingRatio;
    expect(body).toMatchObject({ decision: 'open', slo: 'storefront-pages', reasons: [{ remainingRatio: whole }] });
  });

  it('answers 404 for an unknown service with a suggestion, and for an unknown SLO', async () => {
    const { status, body } = await get('/api/v1/gate?service=chekout');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: 'SERVICE_NOT_FOUND',
      message: `no service "chekout" in catalog ${catalog.version}; did you mean "checkout"?`,
      details: { suggestion: 'checkout', services: ['billing', 'checkout', 'inventory', 'payments', 'search', 'storefront'] },
    });
    expect(await get('/api/v1/gate?slo=checkout-latncy')).toMatchObject({ status: 404, body: { error: { code: 'SLO_NOT_FOUND', details: { suggestion: 'checkout-latency' } } } });
  });

  it.each([
    ['', /exactly one of service=<name> or slo=<id>/],
    ['service=checkout&slo=checkout-latency', /exactly one of/],
    ['service=checkout&minRemaining=abc', /^minRemaining: expected a share of the error budget between 0 and 1/],
    ['service=checkout&minRemaining=1.5', /^minRemaining: /],
    ['service=checkout&minRemaining=-0.1', /^minRemaining: /],
    ['service=checkout&minRemaining=', /^minRemaining: /],
    ['service=checkout&team=web', /invalid querystring: .*must NOT have additional properties/],
  ])('answers 400 with the one error body for %s', async (query, message) => {
    const { status, body } = await get(`/api/v1/gate?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(message);
  });

  it('is documented in OpenAPI; the HTML pages are not API', async () => {
    const { body } = await get('/docs/json');
    const route = body.paths['/api/v1/gate'].get;
    expect(route.parameters.map((p: any) => p.name).sort()).toEqual(['minRemaining', 'service', 'slo']);
    expect(route.responses['200'].content['application/json'].schema.properties.decision.enum).toEqual(['open', 'frozen', 'unknown']);
    expect(Object.keys(route.responses).sort()).toEqual(['200', '400', '404']);
    expect(body.paths['/']).toBeUndefined();
    expect(body.paths['/status']).toBeUndefined();
  });
});
