/**
 * The receiver under hostile and heavy senders, over real HTTP to the real app: partial success past the span
 * limit (protobuf and JSON, read back by the OpenTelemetry SDK's exporters), 400 with the common body for
 * every wrong shape and nothing counted from it, long and numerous routes, size limits, the concurrency
 * limit's 503 + Retry-After, the in-flight body byte budget's 503 + Retry-After before the body is read,
 * chunked bodies, the receive timeout.
 */
import { gzipSync } from 'node:zlib';
import { diag, DiagLogLevel, SpanKind } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeTraceResponse } from '../../../src/service/otlp/otlp-trace-proto.js';
import { DEFAULT_MAX_BODY_BYTES, emptySpansProtobuf, longNamesProtobuf, routedSpansProtobuf } from '../../support/hostile-otlp.js';
import { waitFor } from '../../support/processes.js';
import { catalogOf } from '../support/test-catalog.js';
import { post, postChunked, startUpload } from './support/http-send.js';
import { spanKey, startOtlpApp, type OtlpApp } from './support/otlp-app.js';
import { jsonExport, sdkSpans } from './support/sdk-spans.js';

const catalog = catalogOf([
  {
    service: 'search',
    team: 'discovery',
    slos: { requests: { objective: 99, groupBy: ['route'], sli: { kind: 'traces', service: 'search-api', latencyThreshold: '1s' } } },
  },
]);
const SLO = 'search-requests';

const apps: OtlpApp[] = [];
async function start(otlp: Record<string, unknown> = {}) {
  const app = await startOtlpApp(catalog, otlp);
  apps.push(app);
  return app;
}
afterAll(async () => Promise.all(apps.map((a) => a.close())));

/** Runs a real SDK exporter once; returns its result and the warnings it logged through diag. */
async function exportWith(exporter: SpanExporter, count: number) {
  const warnings: string[] = [];
  const log = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  diag.setLogger({ error: log, warn: log, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  try {
    const spans = await sdkSpans('search-api', Array.from({ length: count }, (_, i) => ({ name: `GET /s${i}`, kind: SpanKind.SERVER, attributes: { 'http.route': '/s' }, ms: 10 })));
    const result = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
    await exporter.shutdown();
    return { result, warnings };
  } finally {
    diag.disable();
  }
}

const errorLogs = (app: OtlpApp) => app.logs.filter((l) => l.level >= 50);

describe('spans past otlp.maxSpansPerRequest', () => {
  let app: OtlpApp;
  beforeAll(async () => {
    app = await start({ maxSpansPerRequest: 100 });
  });

  it('are dropped and reported as partial success in protobuf; the rest count', async () => {
    const answer = await post(app.url, routedSpansProtobuf('search-api', 130, () => '/a'));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-protobuf');
    expect(decodeTraceResponse(answer.body)).toEqual({
      partialSuccess: { rejectedSpans: '30', errorMessage: expect.stringMatching(/^30 spans were dropped: at most 100 spans per request .*otlp\.maxSpansPerRequest/) },
    });
    expect((await app.spanCounts()).get(spanKey('total', SLO, '/a'))).toBe(100);
    expect((await app.metric('burnrate_otlp_dropped_spans_total')).get('burnrate_otlp_dropped_spans_total{reason="span_limit"}')).toBe(30);
  });

  it('and in JSON', async () => {
    const spans = await sdkSpans('search-api', Array.from({ length: 101 }, () => ({ name: 'GET /j', attributes: { 'http.route': '/j' }, ms: 1 })));
    const answer = await post(app.url, jsonExport(spans), { 'content-type': 'application/json' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({ partialSuccess: { rejectedSpans: '1', errorMessage: expect.stringContaining('1 spans were dropped') } });
    expect((await app.spanCounts()).get(spanKey('total', SLO, '/j'))).toBe(100);
  });

  it('the SDK’s exporters read the partial success (a warning) and do not fail; under the limit, full success', async () => {
    const url = `${app.url}/v1/traces`;
    const over = await exportWith(new ProtoExporter({ url }), 103);
    expect(over.result.code).toBe(ExportResultCode.SUCCESS);
    expect(over.warnings.join('\n')).toMatch(/Partial Success.*"rejectedSpans":"?3"?/);
    for (const exporter of [new ProtoExporter({ url }), new JsonExporter({ url })]) {
      const { result, warnings } = await exportWith(exporter, 20);
      expect(result.code).toBe(ExportResultCode.SUCCESS);
      expect(warnings).toEqual([]);
    }
  });

  it('16 MiB of empty spans (8 million): 50,000 decoded by default, the rest rejected, the service answers', async () => {
    const big = await start();
    const body = emptySpansProtobuf();
    const answer = await post(big.url, body);
    expect(answer.status).toBe(200);
    const spans = Math.floor((DEFAULT_MAX_BODY_BYTES - 64) / 2);
    expect(spans).toBeGreaterThan(8_000_000);
    expect(decodeTraceResponse(answer.body).partialSuccess?.rejectedSpans).toBe(String(spans - 50_000));
    expect((await big.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('structurally wrong bodies', () => {
  let app: OtlpApp;
  beforeAll(async () => {
    app = await start();
  });

  const shapes = [
    '{"resourceSpans":[null]}',
    '{"resourceSpans":"x"}',
    '{"resourceSpans":[{"scopeSpans":null,"resource":5}]}',
    '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"GET /ok","kind":2},{"name":{}}]}]}]}',
    '{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"http.route","value":"flat"}]}]}]}]}',
    '{"resourceSpans":[{"scopeSpans":[{"spans":[{"endTimeUnixNano":-5}]}]}]}',
    '[{"resourceSpans":[]}]',
    '{"resourceSpans":[',
  ];

  it.each(shapes)('%s answers 400 with the common error body, logs no error, counts nothing', async (shape) => {
    const before = await app.spanCounts();
    const answer = await post(app.url, shape, { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString())).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid OTLP JSON: /) } });
    expect(await app.spanCounts()).toEqual(before);
    expect(errorLogs(app)).toEqual([]);
  });

  it('a protobuf body whose last span is malformed answers 400 and counts none of the spans before it', async () => {
    // A second ResourceSpans holding one span whose name (field 5) is a varint.
    const body = Buffer.concat([routedSpansProtobuf('search-api', 9, () => '/cut'), Buffer.from([0x0a, 0x06, 0x12, 0x04, 0x12, 0x02, 0x28, 0x01])]);
    const answer = await post(app.url, body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString()).error.message).toMatch(/^invalid OTLP protobuf: resourceSpans\[1\]\.scopeSpans\[0\]\.spans\[0\]: field 5/);
    expect((await app.spanCounts()).has(spanKey('total', SLO, '/cut'))).toBe(false);
    const rejected = await app.metric('burnrate_otlp_rejected_requests_total');
    expect(rejected.get('burnrate_otlp_rejected_requests_total{reason="bad_request"}')).toBe(shapes.length + 1);
    expect(errorLogs(app)).toEqual([]);
  });
});

describe('route labels', () => {
  let app: OtlpApp;
  beforeAll(async () => {
    app = await start();
  });

  it('250 spans named with 60 KB strings count under route="other" and take no route slot; real routes still get theirs', async () => {
    const before = (await app.app.inject({ url: '/metrics' })).body.length;
    expect((await post(app.url, longNamesProtobuf('search-api', { nameBytes: 60_000, count: 250 }))).status).toBe(200);
    expect((await post(app.url, routedSpansProtobuf('search-api', 3, () => `/${'x'.repeat(200)}`))).status).toBe(200);
    const counts = await app.spanCounts();
    expect(counts.get(spanKey('total', SLO, 'other'))).toBe(253);
    expect((await app.metric('burnrate_otlp_route_overflow_total')).get(`burnrate_otlp_route_overflow_total{slo="${SLO}",reason="too_long"}`)).toBe(253);
    expect((await app.app.inject({ url: '/metrics' })).body.length - before).toBeLessThan(2_000);

    // 200 real routes still fit: the long names took none of the slots.
    expect((await post(app.url, routedSpansProtobuf('search-api', 200, (i) => `/real/${i}`))).status).toBe(200);
    const after = await app.spanCounts();
    expect(after.get(spanKey('total', SLO, '/real/0'))).toBe(1);
    expect(after.get(spanKey('total', SLO, '/real/199'))).toBe(1);
    expect(after.get(spanKey('total', SLO, 'other'))).toBe(253);
  });

  it('past 200 routes of an SLO, new routes count under "other" (route_limit); known ones keep their label', async () => {
    expect((await post(app.url, routedSpansProtobuf('search-api', 3, (i) => (i === 0 ? '/real/7' : `/late/${i}`)))).status).toBe(200);
    const counts = await app.spanCounts();
    expect(counts.get(spanKey('total', SLO, '/real/7'))).toBe(2);
    expect(counts.get(spanKey('total', SLO, 'other'))).toBe(255);
    expect(counts.has(spanKey('total', SLO, '/late/1'))).toBe(false);
    expect((await app.metric('burnrate_otlp_route_overflow_total')).get(`burnrate_otlp_route_overflow_total{slo="${SLO}",reason="route_limit"}`)).toBe(2);
  });
});

describe('sizes', () => {
  let app: OtlpApp;
  beforeAll(async () => {
    app = await start({ maxBodyBytes: 64 * 1024 });
  });

  it('a body over otlp.maxBodyBytes answers 413, as sent or once inflated (a gzip bomb)', async () => {
    const big = await post(app.url, Buffer.alloc(70 * 1024));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body.toString()).error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('(Content-Length), over 65536 (otlp.maxBodyBytes)') });
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const inflated = await post(app.url, bomb, { 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
    expect(JSON.parse(inflated.body.toString()).error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('otlp.maxBodyBytes') });
    expect((await app.metric('burnrate_otlp_rejected_requests_total')).get('burnrate_otlp_rejected_requests_total{reason="too_large"}')).toBe(2);
  });

  it('a Content-Length over otlp.maxBodyBytes is refused before the body is sent, and the connection closed', async () => {
    const upload = startUpload(app.url, Buffer.alloc(70 * 1024));
    const answer = await upload.answer;
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    await upload.closed;
  });

  it('a chunked body (no Content-Length) is read as it arrives, and refused with 413 past otlp.maxBodyBytes', async () => {
    const body = routedSpansProtobuf('search-api', 900, () => '/chunked');
    expect(body.length).toBeGreaterThan(40 * 1024);
    expect(body.length).toBeLessThan(64 * 1024);
    const chunks = Array.from({ length: Math.ceil(body.length / 1000) }, (_, i) => body.subarray(i * 1000, (i + 1) * 1000));
    const answer = await postChunked(app.url, chunks);
    expect(answer.status).toBe(200);
    expect((await app.spanCounts()).get(spanKey('total', SLO, '/chunked'))).toBe(900);

    const over = await postChunked(app.url, [...chunks, ...chunks]);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body.toString()).error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('over 65536 (otlp.maxBodyBytes)') });
    expect((await app.spanCounts()).get(spanKey('total', SLO, '/chunked'))).toBe(900);
  });
});

describe('otlp.maxInFlightBodyBytes', () => {
  const KiB = 1024;
  let app: OtlpApp;
  beforeAll(async () => {
    app = await start({ maxBodyBytes: 64 * KiB, maxInFlightBodyBytes: 128 * KiB, maxConcurrentRequests: 8, retryAfter: '3s' });
  });
  const gauge = async (name: string) => (await app.metric(name)).get(name);
  afterEach(async () => waitFor('the bytes to be free', async () => (await gauge('burnrate_otlp_body_bytes_in_flight')) === 0, 10_000));

  const sized = (bytes: number) => {
    const body = longNamesProtobuf('search-api', { nameBytes: 100, bytes });
    expect(body.length).toBeLessThanOrEqual(bytes);
    return body;
  };

  it('a request whose Content-Length does not fit answers 503 with Retry-After before its body is sent; smaller ones still fit', async () => {
    const first = startUpload(app.url, sized(60 * KiB));
    const second = startUpload(app.url, sized(60 * KiB));
    const held = first.body.length + second.body.length;
    await waitFor('both uploads to hold their bytes', async () => (await gauge('burnrate_otlp_body_bytes_in_flight')) === held, 10_000);

    // Only its headers and 4 bytes are sent: the answer comes without the body.
    const third = startUpload(app.url, sized(60 * KiB));
    const refused = await third.answer;
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('3');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body.toString()).error).toEqual({ code: 'OVERLOADED', message: expect.stringContaining('otlp.maxInFlightBodyBytes') });
    await third.closed;
    expect(await gauge('burnrate_otlp_body_bytes_in_flight')).toBe(held);
    expect(await gauge('burnrate_otlp_requests_in_flight')).toBe(2);

    // The budget is in bytes, not requests: a small body fits next to the two.
    expect((await post(app.url, routedSpansProtobuf('search-api', 2, () => '/small'))).status).toBe(200);

    first.finish();
    second.finish();
    expect((await first.answer).status).toBe(200);
    expect((await second.answer).status).toBe(200);
    await waitFor('the bytes to be free', async () => (await gauge('burnrate_otlp_body_bytes_in_flight')) === 0, 10_000);
    expect((await post(app.url, third.body)).status).toBe(200);
    expect((await app.metric('burnrate_otlp_rejected_requests_total')).get('burnrate_otlp_rejected_requests_total{reason="overloaded"}')).toBe(1);
  });

  it('a gzip body whose inflated size does not fit answers 503 with Retry-After; with room it is read', async () => {
    const first = startUpload(app.url, sized(60 * KiB));
    const second = startUpload(app.url, sized(60 * KiB));
    const held = first.body.length + second.body.length;
    await waitFor('both uploads to hold their bytes', async () => (await gauge('burnrate_otlp_body_bytes_in_flight')) === held, 10_000);

    const zipped = gzipSync(sized(50 * KiB));
    expect(zipped.length).toBeLessThan(128 * KiB - held);
    const refused = await post(app.url, zipped, { 'content-encoding': 'gzip' });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('3');
    expect(JSON.parse(refused.body.toString()).error.message).toContain('otlp.maxInFlightBodyBytes');

    first.finish();
    second.finish();
    await Promise.all([first.answer, second.answer]);
    await waitFor('the bytes to be free', async () => (await gauge('burnrate_otlp_body_bytes_in_flight')) === 0, 10_000);
    expect((await post(app.url, zipped, { 'content-encoding': 'gzip' })).status).toBe(200);
  });
});

describe('otlp.maxConcurrentRequests and otlp.receiveTimeout', () => {
  let app: OtlpApp;
  beforeAll(async () => {
    app = await start({ maxConcurrentRequests: 1, retryAfter: '2s', receiveTimeout: '500ms' });
  });
  const inFlight = async () => (await app.metric('burnrate_otlp_requests_in_flight')).get('burnrate_otlp_requests_in_flight');
  afterEach(async () => waitFor('the slot to be free', async () => (await inFlight()) === 0, 10_000));

  it('a request over the limit answers 503 with Retry-After before its body is read; the slot frees when the first ends', async () => {
    const body = routedSpansProtobuf('search-api', 2, () => '/slow');
    const slow = startUpload(app.url, body);
    await waitFor('the upload to hold the slot', async () => (await inFlight()) === 1, 10_000);
    const busy = await post(app.url, body);
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('2');
    expect(JSON.parse(busy.body.toString()).error).toEqual({ code: 'OVERLOADED', message: expect.stringContaining('otlp.maxConcurrentRequests') });
    slow.finish();
    expect((await slow.answer).status).toBe(200);
    await waitFor('the slot to be free', async () => (await inFlight()) === 0, 10_000);
    expect((await post(app.url, body)).status).toBe(200);
    expect((await app.spanCounts()).get(spanKey('total', SLO, '/slow'))).toBe(4);
    expect((await app.metric('burnrate_otlp_rejected_requests_total')).get('burnrate_otlp_rejected_requests_total{reason="overloaded"}')).toBe(1);
  });

  it('a sender that stops half-way is cut off after receiveTimeout and frees its slot', async () => {
    const stalled = startUpload(app.url, routedSpansProtobuf('search-api', 2, () => '/stalled'));
    await stalled.closed;
    await waitFor('the slot to be free', async () => (await inFlight()) === 0, 10_000);
    expect((await post(app.url, routedSpansProtobuf('search-api', 1, () => '/after'))).status).toBe(200);
    expect((await app.metric('burnrate_otlp_rejected_requests_total')).get('burnrate_otlp_rejected_requests_total{reason="timeout"}')).toBe(1);
    expect(errorLogs(app)).toEqual([]);
  });
});
