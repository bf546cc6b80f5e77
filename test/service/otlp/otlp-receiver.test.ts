/**
 * Trace SLIs: the real OpenTelemetry SDK exports spans (protobuf, gzip protobuf and JSON) to the service's
 * OTLP/HTTP receiver, which counts the spans matching each trace SLI into the SPAN_COUNTERS on /metrics.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPAN_COUNTERS } from '../../../src/core/conventions/metrics.js';
import { startHarness, type Harness } from '../support/service-harness.js';
import { catalogOf } from '../support/test-catalog.js';

const catalog = catalogOf([
  {
    service: 'search',
    team: 'discovery',
    slos: {
      'traced-requests': {
        objective: 99,
        groupBy: ['route'],
        sli: { kind: 'traces', service: 'search-api', spanKind: 'server', latencyThreshold: '1s' },
      },
      checkout: { objective: 99, sli: { kind: 'traces', service: 'search-api', spanName: 'POST /checkout' } },
    },
  },
]);

let h: Harness;
beforeAll(async () => {
  h = await startHarness(catalog);
});
afterAll(async () => h?.stop());

/** Emits spans the way an instrumented service would: start and end times, kinds, statuses, routes. */
async function emit(exporter: SpanExporter, service: string, spans: { name: string; route?: string; kind?: SpanKind; ms: number; error?: boolean }[]) {
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('test');
  const start = Date.now() - 10_000;
  for (const s of spans) {
    const span = tracer.startSpan(s.name, { kind: s.kind ?? SpanKind.SERVER, startTime: start, attributes: s.route ? { 'http.route': s.route } : {} });
    if (s.error) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(start + s.ms);
  }
  await provider.forceFlush();
  await provider.shutdown();
}

async function counters(): Promise<Map<string, number>> {
  const text = (await h.service.app.inject({ url: '/metrics' })).body;
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith(SPAN_COUNTERS.total) || line.startsWith(SPAN_COUNTERS.good)) {
      const space = line.lastIndexOf(' ');
      out.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
  }
  return out;
}

describe('OTLP receiver', () => {
  it('counts matching spans per SLO and route, good ones apart, from protobuf, gzip and JSON exports', async () => {
    const url = `${h.service.url}/v1/traces`;
    await emit(new ProtoExporter({ url }), 'search-api', [
      { name: 'GET /search', route: '/search', ms: 120 },
      { name: 'GET /search', route: '/search', ms: 1500 }, // too slow: bad
      { name: 'GET /search', route: '/search', ms: 80, error: true }, // failed: bad
      { name: 'GET /suggest', route: '/suggest', ms: 40 },
      { name: 'GET /search', route: '/search', ms: 10, kind: SpanKind.CLIENT }, // not a server span
    ]);
    await emit(new ProtoExporter({ url, compression: CompressionAlgorithm.GZIP }), 'search-api', [{ name: 'POST /checkout', ms: 30 }]);
    await emit(new JsonExporter({ url }), 'search-api', [{ name: 'GET /search', route: '/search', ms: 999 }]);
    await emit(new JsonExporter({ url }), 'other-service', [{ name: 'GET /search', route: '/search', ms: 1 }]);

    const c = await counters();
    const key = (name: string, slo: string, route: string) => `${name}{slo="${slo}",route="${route}"}`;
    expect(c.get(key(SPAN_COUNTERS.total, 'search-traced-requests', '/search'))).toBe(4);
    expect(c.get(key(SPAN_COUNTERS.good, 'search-traced-requests', '/search'))).toBe(2);
    expect(c.get(key(SPAN_COUNTERS.total, 'search-traced-requests', '/suggest'))).toBe(1);
    expect(c.get(key(SPAN_COUNTERS.good, 'search-traced-requests', '/suggest'))).toBe(1);
    // A span without http.route is counted under its name; this SLO matches only that span name.
    expect(c.get(key(SPAN_COUNTERS.total, 'search-checkout', 'POST /checkout'))).toBe(1);
    expect(c.get(key(SPAN_COUNTERS.total, 'search-traced-requests', 'POST /checkout'))).toBe(1);
    expect([...c.keys()].filter((k) => k.startsWith(SPAN_COUNTERS.total))).toHaveLength(4);
  });

  it('rejects what is not OTLP with the common error body, and counts rejections', async () => {
    const bad = await h.service.app.inject({ method: 'POST', url: '/v1/traces', headers: { 'content-type': 'application/x-protobuf' }, payload: Buffer.from([0xff, 0xff, 0xff]) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid OTLP protobuf/) });
    const text = await h.service.app.inject({ method: 'POST', url: '/v1/traces', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('FST_ERR_CTP_INVALID_MEDIA_TYPE');
    const shape = await h.service.app.inject({ method: 'POST', url: '/v1/traces', payload: { resourceSpans: 'x' } });
    expect(shape.statusCode).toBe(400);
    const nullEntry = await h.service.app.inject({ method: 'POST', url: '/v1/traces', payload: { resourceSpans: [null] } });
    expect(nullEntry.statusCode).toBe(400);
    expect(nullEntry.json().error).toEqual({ code: 'BAD_REQUEST', message: 'invalid OTLP JSON: resourceSpans[0]: expected an object, got null' });
    expect((await h.service.app.inject({ url: '/metrics' })).body).toMatch(/burnrate_otlp_requests_total\{result="rejected"\} 4/);
  });
});
