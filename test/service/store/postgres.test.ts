/**
 * The service on PostgreSQL (DATABASE_URL): history and catalog versions land in the database; when the
 * database goes away the replica stays ready and keeps serving the latest evaluation, while history
 * answers 503 STORE_UNAVAILABLE. (postgres-outage.test.ts cuts the connection instead of dropping the database.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, postgresUrl } from './store-targets.js';
import { startHarness, type Harness } from '../support/service-harness.js';
import { catalogOf } from '../support/test-catalog.js';

const catalog = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);
const name = `burnrate_service_${randomBytes(6).toString('hex')}`;
let admin: string;
let h: Harness;
let dropped = false;

beforeAll(async () => {
  admin = await postgresUrl();
  await adminQuery(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  h = await startHarness(catalog, { store: { databaseUrl: url.toString() } }, { now: new Date('2026-05-01T00:00:00Z') });
});

afterAll(async () => {
  await h?.stop().catch(() => undefined);
  if (!dropped) await adminQuery(admin, `drop database if exists ${name} with (force)`);
});

async function get(url: string) {
  const response = await h.service.app.inject({ url });
  return { status: response.statusCode, body: response.json() as Record<string, any> };
}

describe('on PostgreSQL', () => {
  it('stores history and catalog versions', async () => {
    await h.service.evaluator.evaluate();
    h.now.value = new Date('2026-05-01T00:01:00Z');
    await h.service.evaluator.evaluate();
    const history = await get('/api/v1/slos/shop-availability/history?from=2026-04-30T23:00:00Z&to=2026-05-01T01:00:00Z');
    expect(history.body.points.map((p: { at: string }) => p.at)).toEqual(['2026-05-01T00:00:00.000Z', '2026-05-01T00:01:00.000Z']);
    expect((await get('/api/v1/catalog')).body.history).toEqual([{ version: catalog.version, sloCount: 1, loadedAt: expect.any(String) }]);
    expect((await get('/readyz')).status).toBe(200);
  });

  it('stays ready while the database is gone, still serves the latest budgets, and answers 503 for history', async () => {
    await adminQuery(admin, `drop database ${name} with (force)`);
    dropped = true;
    expect(await get('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    const history = await get('/api/v1/slos/shop-availability/history');
    expect(history.status).toBe(503);
    expect(history.body.error.code).toBe('STORE_UNAVAILABLE');
    h.now.value = new Date('2026-05-01T00:02:00Z');
    const evaluation = await h.service.evaluator.evaluate();
    expect(evaluation.storeError).toBeDefined();
    expect((await get('/api/v1/slos/shop-availability')).body.evaluatedAt).toBe('2026-05-01T00:02:00.000Z');
    expect((await h.service.app.inject({ url: '/metrics' })).body).toContain('burnrate_evaluations_total{result="failed"} 1');
  });
});
