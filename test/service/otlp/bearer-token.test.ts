/**
 * otlp.bearerTokenFile: senders without the token get 401 with the common body and a WWW-Authenticate
 * challenge; the real SDK exporter with it succeeds. The file is read at start-up (missing or empty: the
 * app does not start) and again in the background, so a rotated Secret takes effect.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BearerToken } from '../../../src/service/otlp/bearer-token.js';
import { routedSpansProtobuf } from '../../support/hostile-otlp.js';
import { waitFor } from '../../support/processes.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { catalogOf } from '../support/test-catalog.js';
import { post } from './support/http-send.js';
import { spanKey, startOtlpApp, type OtlpApp } from './support/otlp-app.js';
import { sdkSpans } from './support/sdk-spans.js';

const catalog = catalogOf([{ service: 'search', team: 'discovery', slos: { requests: { objective: 99, sli: { kind: 'traces', service: 'search-api' } } } }]);

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let tokenFile: string;
let app: OtlpApp;
beforeAll(async () => {
  temp = await makeTempDir('burnrate-otlp-token-');
  tokenFile = path.join(temp.dir, 'token');
  await writeFile(tokenFile, 's3cret-t0ken\n');
  app = await startOtlpApp(catalog, { bearerTokenFile: tokenFile });
});
afterAll(async () => {
  await app?.close();
  await temp?.remove();
});

async function exportWith(headers: Record<string, string>): Promise<ExportResult> {
  const exporter = new ProtoExporter({ url: `${app.url}/v1/traces`, headers });
  const spans = await sdkSpans('search-api', [{ name: 'GET /t', ms: 3, attributes: { 'http.route': '/t' } }]);
  const result = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
  await exporter.shutdown();
  return result;
}

describe('a receiver with otlp.bearerTokenFile', () => {
  const body = routedSpansProtobuf('search-api', 1, () => '/raw');

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer s3cret-t0kem' }],
    ['a prefix of the token', { authorization: 'Bearer s3cret' }],
    ['another scheme', { authorization: 'Basic czNjcmV0LXQwa2Vu' }],
  ])('answers 401 with the common body to %s, counting nothing', async (_what, headers) => {
    const answer = await post(app.url, body, headers);
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="burnrate-otlp"');
    expect(JSON.parse(answer.body.toString())).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining('otlp.bearerTokenFile') } });
    expect((await app.spanCounts()).size).toBe(0);
  });

  it('accepts the token (scheme in any case) and counts; the real SDK exporter succeeds with it and fails without', async () => {
    expect((await post(app.url, body, { authorization: 'bearer s3cret-t0ken' })).status).toBe(200);
    expect((await app.spanCounts()).get(spanKey('total', 'search-requests', '/raw'))).toBe(1);
    expect((await exportWith({ Authorization: 'Bearer s3cret-t0ken' })).code).toBe(ExportResultCode.SUCCESS);
    expect((await exportWith({})).code).toBe(ExportResultCode.FAILED);
    expect((await app.spanCounts()).get(spanKey('total', 'search-requests', '/t'))).toBe(1);
    expect((await app.metric('burnrate_otlp_rejected_requests_total')).get('burnrate_otlp_rejected_requests_total{reason="unauthorized"}')).toBe(5);
  });
});

describe('the token file', () => {
  it('stops the app from starting when missing or empty', async () => {
    await expect(startOtlpApp(catalog, { bearerTokenFile: path.join(temp.dir, 'missing') })).rejects.toThrow(/otlp\.bearerTokenFile .*missing: cannot read/);
    const empty = path.join(temp.dir, 'empty');
    await writeFile(empty, ' \n');
    await expect(startOtlpApp(catalog, { bearerTokenFile: empty })).rejects.toThrow(/otlp\.bearerTokenFile .*empty is empty/);
  });

  it('is read again after 30 s; a failed read keeps the last token', async () => {
    const file = path.join(temp.dir, 'rotating');
    await writeFile(file, 'old');
    const clock = { now: 0 };
    const failures: Error[] = [];
    const token = new BearerToken(file, (e) => failures.push(e), () => clock.now);
    await writeFile(file, 'new');
    expect(token.accepts('Bearer old')).toBe(true);
    clock.now = 30_000;
    await waitFor('the new token', async () => token.accepts('Bearer new'), 5_000);
    expect(token.accepts('Bearer old')).toBe(false);
    await writeFile(file, '');
    clock.now = 60_000;
    token.accepts('Bearer new');
    await waitFor('the failed re-read', async () => failures.length === 1, 5_000);
    expect(token.accepts('Bearer new')).toBe(true);
  });
});
