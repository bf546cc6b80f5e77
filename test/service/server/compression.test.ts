/**
 * Response compression: HTML and JSON are sent gzip or br as the client asks, decode to the same bytes
 * as the uncompressed answer, and stay uncompressed for clients that do not ask.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, EVALUATED_AT, evaluationAt } from './status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from './status-page/support/status-app.js';

let s: StatusApp;
beforeAll(async () => {
  s = await startStatusApp(catalog, { latest: evaluationAt(EVALUATED_AT), now: new Date(EVALUATED_AT.getTime() + 30_000) });
});
afterAll(() => s?.close());

const decoders: Record<string, (body: Buffer) => Buffer> = { gzip: gunzipSync, br: brotliDecompressSync };
/** Each page response carries its own CSP nonce: the only byte that may differ. */
const withoutNonce = (text: string) => text.replace(/nonce-[A-Za-z0-9+/=]+/g, 'nonce-N').replace(/nonce="[^"]+"/g, 'nonce="N"');

describe.each(['gzip', 'br'])('%s', (encoding) => {
  it.each(['/', '/api/v1/slos', '/docs/json'])('%s decodes to the uncompressed answer', async (url) => {
    const plain = await s.app.inject({ url });
    const packed = await s.app.inject({ url, headers: { 'accept-encoding': encoding } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(packed.headers.vary).toContain('accept-encoding');
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const decoded = decoders[encoding]!(packed.rawPayload).toString('utf8');
    expect(withoutNonce(decoded)).toBe(withoutNonce(plain.body));
    expect(packed.headers['content-type']).toBe(plain.headers['content-type']);
  });
});

it('prefers br when both are accepted, and keeps the page\'s security headers', async () => {
  const response = await s.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
  expect(response.headers['content-encoding']).toBe('br');
  expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'nonce-/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
});

it('/metrics is compressed for a scraper that asks (Prometheus sends gzip) and still parses', async () => {
  const response = await s.app.inject({ url: '/metrics', headers: { 'accept-encoding': 'gzip' } });
  expect(response.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(response.rawPayload).toString('utf8')).toMatch(/^# HELP /m);
});
