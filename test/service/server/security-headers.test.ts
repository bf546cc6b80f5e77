/**
 * Every response carries the browser hardening headers, routing errors included, and a malformed URL gets
 * the common error body instead of Fastify's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../../../src/service/server/security-headers.js';
import { catalog, EVALUATED_AT } from './status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from './status-page/support/status-app.js';

let s: StatusApp;
beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: undefined, now: EVALUATED_AT });
});
afterAll(async () => s?.close());

const inject = (url: string, method: 'GET' | 'POST' = 'GET') => s.app.inject({ method, url });

describe('security headers', () => {
  it.each([
    ['/api/v1/slos', 200],
    ['/api/v1/slos/nope', 404],
    ['/slos/checkout-availability', 200],
    ['/slos/nope', 404],
    ['/api/v1/slos/checkout-availability/history?from=yesterday', 400],
    ['/api/v2/unknown', 404],
    ['/readyz', 503],
    ['/healthz', 200],
    ['/metrics', 200],
    ['/docs/json', 200],
    ['/api/v1/slos/%E0%A4%A', 400],
    [`/api/v1/slos/${'a'.repeat(200)}`, 414],
  ])('are on %s (%i)', async (url, status) => {
    const response = await inject(url);
    expect(response.statusCode).toBe(status);
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('lock non-HTML responses down, and leave the pages their own policy', async () => {
    expect((await inject('/api/v1/slos')).headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect((await inject('/status')).headers['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
    for (const url of ['/docs', '/docs/', '/docs/static/swagger-ui.css', '/docs/static/swagger-initializer.js']) {
      const response = await inject(url);
      expect([200, 302]).toContain(response.statusCode);
      expect(response.headers['content-security-policy']).toBe(DOCS_CSP);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(DOCS_CSP).not.toMatch(/upgrade-insecure-requests|unsafe-inline|unsafe-eval/);
  });
});

describe('malformed URLs', () => {
  it.each(['/api/v1/slos/%E0%A4%A', '/api/v1/slos/%', '/%', '/api/v1/slos/%E0%A4%A/history'])('answer %s with the common error body', async (url) => {
    const response = await inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'malformed URL: the path is not valid percent-encoded UTF-8' } });
  });

  it('answers an over-long path parameter with the common error body', async () => {
    const response = await inject(`/api/v1/slos/${'a'.repeat(200)}`);
    expect(response.statusCode).toBe(414);
    expect(response.json()).toEqual({ error: { code: 'URI_TOO_LONG', message: 'a path parameter is too long' } });
  });

  it('keeps malformed query strings on the common body too', async () => {
    for (const query of ['from=%E0%A4%A', 'from=a&from=b', 'from=%']) {
      const response = await inject(`/api/v1/slos/checkout-availability/history?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('BAD_REQUEST');
    }
  });
});
