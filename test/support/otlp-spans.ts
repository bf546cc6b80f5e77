/**
 * Sends spans with the OpenTelemetry SDK over OTLP/HTTP (protobuf), as an instrumented service would: one
 * tracer provider per service.name. Each service's spans leave in one export request, so a receiver sees
 * them all at once; a failed export rejects.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface SpanSpec {
  service: string;
  kind: 'server' | 'client';
  route: string;
  durationMs: number;
  error?: boolean;
}

/** `count` spans alike but for their duration (`durationMs(i)`). */
export function spans(count: number, spec: Omit<SpanSpec, 'durationMs'>, durationMs: (i: number) => number): SpanSpec[] {
  return Array.from({ length: count }, (_, i) => ({ ...spec, durationMs: durationMs(i) }));
}

export async function sendSpans(url: string, specs: readonly SpanSpec[]): Promise<void> {
  const services = [...new Set(specs.map((s) => s.service))];
  await Promise.all(
    services.map(async (service) => {
      const list = specs.filter((s) => s.service === service);
      // Export only on flush, in one batch: no timer splits the spans across requests.
      const processor = new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: 3_600_000, maxQueueSize: 10_000, maxExportBatchSize: 10_000 });
      const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors: [processor] });
      const tracer = provider.getTracer('burnrate-e2e');
      // Whole milliseconds: durations reach the receiver exactly.
      const end = Date.now();
      for (const spec of list) {
        const span = tracer.startSpan(`GET ${spec.route}`, {
          kind: spec.kind === 'server' ? SpanKind.SERVER : SpanKind.CLIENT,
          startTime: end - spec.durationMs,
          attributes: { 'http.route': spec.route, 'http.request.method': 'GET' },
        });
        if (spec.error) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end(end);
      }
      try {
        await provider.forceFlush();
      } finally {
        await provider.shutdown();
      }
    }),
  );
}
