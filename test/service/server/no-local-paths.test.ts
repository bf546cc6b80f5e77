/**
 * Local file paths stay in the service log: no public response names the directory the catalog (or the
 * database) lives in. The fixture's files are under a `burnrate-status-*` temporary directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, EVALUATED_AT, evaluationAt } from './status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from './status-page/support/status-app.js';

let s: StatusApp;
beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: undefined, now: EVALUATED_AT });
});
afterAll(async () => s?.close());

const LOCAL_PATH = /burnrate-status-|\/etc\/burnrate|ENOENT|EACCES/;

async function bodyOf(url: string): Promise<string> {
  return (await s.app.inject({ url })).body;
}

describe('public responses', () => {
  it('name no local path, before and after an evaluation', async () => {
    const urls = ['/readyz', '/healthz', '/api/v1/slos', '/api/v1/slos/checkout-availability', '/api/v1/slos/checkout-availability/history', '/api/v1/gate?service=checkout', '/status', '/metrics', '/docs/json', '/nope', '/api/v1/slos/%E0%A4%A'];
    for (const phase of ['before', 'after']) {
      if (phase === 'after') s.state.latest = evaluationAt(EVALUATED_AT);
      for (const url of urls) expect({ phase, url, body: await bodyOf(url) }).not.toMatchObject({ body: expect.stringMatching(LOCAL_PATH) });
    }
  });

  // Fails today: GET /api/v1/catalog returns `source`, the catalog's full path. The fix is in
  // src/service/server/routes/catalog-routes.ts (outside this change; see the hand-off). Remove `.fails` with it.
  it('/api/v1/catalog names the catalog file without its directory', async () => {
    const body = await bodyOf('/api/v1/catalog');
    expect(body).not.toMatch(LOCAL_PATH);
    expect(JSON.parse(body).source).toBe('catalog.json');
  });
});
