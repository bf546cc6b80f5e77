/** The HTTP API through app.inject (and once over a real socket): routes, schemas, errors, readiness, reloads. */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/processes.js';
import { startHarness, type Harness } from '../support/service-harness.js';
import { catalogOf, writeCatalog } from '../support/test-catalog.js';

const catalog = catalogOf([
  {
    service: 'shop',
    team: 'web',
    slos: {
      availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'req_total{code="500"}', total: 'req_total' } },
      latency: { objective: 99, window: '7d', groupBy: ['route'], sli: { kind: 'latency', histogram: 'lat_seconds', threshold: '300ms' } },
      legacy: { objective: 99, sli: { kind: 'raw', errorRatio: 'sum(rate(e_total[{{window}}])) / sum(rate(t_total[{{window}}]))' } },
    },
  },
]);

let h: Harness;
const t0 = new Date('2026-03-01T12:00:00Z');

async function get(url: string) {
  const response = await h.service.app.inject({ url });
  return { status: response.statusCode, body: response.json() as Record<string, any>, headers: response.headers };
}

beforeAll(async () => {
  h = await startHarness(catalog, {}, { now: t0 });
});
afterAll(async () => h?.stop());

describe('before the first evaluation', () => {
  it('is alive but not ready, and says why', async () => {
    expect((await get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toEqual({
      code: 'NOT_READY',
      message: 'no evaluation has completed yet',
      details: { reasons: ['no evaluation has completed yet'], store: expect.objectContaining({ ok: expect.toBeOneOf([true, null]) }) },
    });
  });

  it('lists every SLO as pending, and raw SLIs as unsupported', async () => {
    const { body } = await get('/api/v1/slos');
    expect(body.evaluatedAt).toBeNull();
    expect(body.slos.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['shop-availability', 'pending'],
      ['shop-latency', 'pending'],
      ['shop-legacy', 'unsupported'],
    ]);
  });
});

describe('after an evaluation', () => {
  beforeAll(async () => {
    await h.service.evaluator.evaluate();
    h.now.value = new Date(t0.getTime() + 60_000);
    await h.service.evaluator.evaluate();
  });

  it('lists the new evaluation, not a cached earlier answer', async () => {
    const { body } = await get('/api/v1/slos');
    expect(body.evaluatedAt).toBe('2026-03-01T12:01:00.000Z');
    expect(body.slos.map((s: { status: string }) => s.status)).toEqual(['no-data', 'no-data', 'unsupported']);
    // No cluster is configured, so none answered: the counts are unknown, not zero.
    expect(body.slos[0]).toMatchObject({ evaluatedAt: '2026-03-01T12:01:00.000Z', goodEvents: null, totalEvents: null, budget: { remainingRatio: null }, staleClusters: [] });
  });

  it('is ready', async () => {
    expect(await get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready', evaluatedAt: '2026-03-01T12:01:00.000Z', clusterWarnings: [] } });
  });

  it('lists no catalog sources and no conflicts for one catalog file', async () => {
    expect(await get('/api/v1/catalog/sources')).toMatchObject({ status: 200, body: { version: catalog.version, discovered: false, sources: [], conflicts: [] } });
    expect((await h.service.app.inject({ url: '/status' })).body).not.toContain('id="catalog-sources"');
  });

  it('shows an SLO with its definition and snapshot, no data without clusters', async () => {
    const { status, body } = await get('/api/v1/slos/shop-availability');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'shop-availability', window: '30d', sliKind: 'ratio', status: 'no-data', evaluatedAt: '2026-03-01T12:01:00.000Z', groups: [] });
    expect(body.snapshot).toMatchObject({ group: {}, totalEvents: null, sli: null, windowSeconds: 30 * 86_400, objectiveRatio: 0.999 });
    expect(body.alertWindows[0]).toEqual({ tier: 'page', speed: 'fast', longWindow: '1h', shortWindow: '5m', factor: 14.4 });
  });

  it('answers 404 for an unknown SLO with a suggestion and where to look', async () => {
    const { status, body } = await get('/api/v1/slos/shop-availabilty');
    expect(status).toBe(404);
    expect(body.error).toEqual({
      code: 'SLO_NOT_FOUND',
      message: `no SLO "shop-availabilty" in catalog ${catalog.version}; did you mean "shop-availability"?`,
      details: { id: 'shop-availabilty', catalogVersion: catalog.version, suggestion: 'shop-availability', list: '/api/v1/slos' },
    });
    expect((await get('/api/v1/slos/nope/history')).body.error.code).toBe('SLO_NOT_FOUND');
  });

  it('serves history between ISO or epoch times', async () => {
    const from = Math.floor(t0.getTime() / 1000) - 1;
    const { status, body } = await get(`/api/v1/slos/shop-availability/history?from=${from}&to=2026-03-01T12:05:00Z`);
    expect(status).toBe(200);
    expect(body.points.map((p: { at: string }) => p.at)).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-01T12:01:00.000Z']);
    expect(body.points[0]).toMatchObject({ group: {}, status: 'no-data', resolution: 'raw', goodEvents: null, totalEvents: null });
    const later = await get('/api/v1/slos/shop-availability/history?from=2026-03-01T12:00:30Z&to=2026-03-01T12:05:00Z');
    expect(later.body.points).toHaveLength(1);
  });

  it.each([
    ['from=yesterday', /^from: expected an ISO 8601 time/],
    ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', /must be before to/],
    ['from=2020-01-01T00:00:00Z&to=2026-03-01T00:00:00Z', /range too long: at most 400 days/],
    ['group=region=eu', /group: expected label=value pairs over the SLO's groupBy labels \(route\)/],
    ['limit=5', /invalid querystring: .*must NOT have additional properties/],
  ])('answers 400 for bad history parameters: %s', async (query, message) => {
    const { status, body } = await get(`/api/v1/slos/shop-latency/history?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(message);
  });

  it('uses the same error body for unknown routes and methods', async () => {
    expect(await get('/api/v2/slos')).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route GET /api/v2/slos' } } });
    const del = await h.service.app.inject({ method: 'DELETE', url: '/api/v1/slos' });
    expect(del.statusCode).toBe(404);
    expect(del.json().error.code).toBe('NOT_FOUND');
  });

  it('documents every route in OpenAPI and serves the UI at /docs', async () => {
    const { body } = await get('/docs/json');
    expect(Object.keys(body.paths).sort()).toEqual(
      ['/api/v1/catalog', '/api/v1/catalog/sources', '/api/v1/gate', '/api/v1/slos', '/api/v1/slos/{id}', '/api/v1/slos/{id}/history', '/healthz', '/metrics', '/readyz', '/v1/traces'].sort(),
    );
    expect(body.paths['/api/v1/slos/{id}'].get.responses['404']).toBeDefined();
    const ui = await h.service.app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('answers over a real socket', async () => {
    const response = await fetch(`${h.service.url}/api/v1/slos`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { slos: unknown[] }).slos).toHaveLength(3);
  });
});

describe('catalog reloads', () => {
  it('swaps to a new catalog on file change, records it, and keeps it when the next file is bad', async () => {
    const next = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99.5, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);
    await writeCatalog(h.catalogFile, next);
    await waitFor('reload', async () => (await get('/api/v1/catalog')).body.version === next.version, 10_000);
    const { body } = await get('/api/v1/catalog');
    expect(body).toMatchObject({ version: next.version, sloCount: 1, source: 'catalog.json' });
    expect(body.history.map((v: { version: string }) => v.version)).toEqual([next.version, catalog.version]);
    await writeFile(h.catalogFile, '{"apiVersion": "burnrate.dev/v1"');
    await waitFor('rejected reload', async () => (await h.service.app.inject({ url: '/metrics' })).body.includes('burnrate_catalog_reload_failures_total 1'), 10_000);
    expect((await get('/api/v1/catalog')).body.version).toBe(next.version);
    expect((await get('/api/v1/slos')).body.slos.map((s: { id: string }) => s.id)).toEqual(['shop-availability']);
  });
});
