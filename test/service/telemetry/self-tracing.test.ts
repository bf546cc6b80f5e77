/**
 * Self-observability with the real OpenTelemetry SDK: configured by OTEL_* variables, it exports a server
 * span per API request (joining an incoming traceparent) to an OTLP/HTTP receiver, and logs carry trace ids.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSpans } from '../otlp/support/reference-decoder.js';
import { otelEnabled, startOtel, type Otel } from '../../../src/service/telemetry/otel-sdk.js';
import { traceMixin } from '../../../src/service/telemetry/logger.js';
import { waitFor } from '../../support/processes.js';
import { startOtlpSink, type OtlpSink } from '../support/otlp-sink.js';
import { startHarness, type Harness } from '../support/service-harness.js';
import { catalogOf } from '../support/test-catalog.js';

const catalog = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);

let sink: OtlpSink;
let otel: Otel | undefined;
let h: Harness;
const logs: Record<string, unknown>[] = [];

interface RawSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

function rawSpans(): RawSpan[] {
  return sink.requests.flatMap((r) =>
    ((r as { resourceSpans: { scopeSpans: { spans: RawSpan[] }[] }[] }).resourceSpans ?? []).flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)),
  );
}

beforeAll(async () => {
  sink = await startOtlpSink();
  // The SDK reads the standard variables itself; this test file runs in its own process.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = sink.url;
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
  process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
  otel = startOtel(process.env);
  const logger = pino({ level: 'info', mixin: traceMixin }, new Writable({ write: (chunk, _enc, done) => (logs.push(JSON.parse(String(chunk))), done()) }));
  h = await startHarness(catalog, {}, { logger });
});

afterAll(async () => {
  await h?.stop();
  await otel?.shutdown();
  await sink?.close();
});

describe('OpenTelemetry', () => {
  it('is off unless an OTLP endpoint or a traces exporter is configured', () => {
    expect(otelEnabled({})).toBe(false);
    expect(otelEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(otelEnabled({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(otelEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(otel).toBeDefined();
  });

  it('exports a server span for an API request, child of the caller’s traceparent', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = '00f067aa0ba902b7';
    const response = await fetch(`${h.service.url}/api/v1/slos/shop-availability`, { headers: { traceparent: `00-${traceId}-${parent}-01` } });
    expect(response.status).toBe(200);
    await waitFor('span export', async () => rawSpans().some((s) => s.name === 'GET /api/v1/slos/:id'), 15_000);
    const span = rawSpans().find((s) => s.name === 'GET /api/v1/slos/:id')!;
    expect(span.traceId).toBe(traceId);
    expect(span.parentSpanId).toBe(parent);
    const decoded = decodeSpans(sink.requests.find((r) => JSON.stringify(r).includes('/api/v1/slos/:id')))[0]!;
    expect(decoded).toMatchObject({ service: 'burnrate', kind: 'server', error: false });
    expect(decoded.attributes).toMatchObject({ 'http.route': '/api/v1/slos/:id', 'http.request.method': 'GET', 'http.response.status_code': '200' });
  });

  it('joins logs to the evaluation span by trace id', async () => {
    await h.service.evaluator.evaluate();
    await waitFor('evaluation span', async () => rawSpans().some((s) => s.name === 'burnrate.evaluate'), 15_000);
    const evaluation = rawSpans().find((s) => s.name === 'burnrate.evaluate')!;
    const line = logs.find((l) => l.msg === 'evaluation done')!;
    expect(line).toMatchObject({ trace_id: evaluation.traceId, span_id: evaluation.spanId });
  });
});
