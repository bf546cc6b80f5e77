/**
 * Sends the workload's spans for trace SLIs over OTLP/HTTP (protobuf), as an instrumented service would:
 * one tracer provider per service.name, server spans with http.route, errors and slow spans as bad.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanBatch } from './workload-state.js';

const KINDS = { server: SpanKind.SERVER, client: SpanKind.CLIENT, consumer: SpanKind.CONSUMER, producer: SpanKind.PRODUCER, internal: SpanKind.INTERNAL };

export class SpanEmitter {
  readonly #providers = new Map<string, TracerProvider>();

  /** `url`: the OTLP traces endpoint, e.g. http://127.0.0.1:8080/v1/traces. */
  constructor(private readonly url: string) {}

  #provider(service: string): TracerProvider {
    let provider = this.#providers.get(service);
    if (!provider) {
      provider = new TracerProvider({
        resource: resourceFromAttributes({ 'service.name': service }),
        spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: this.url }), scheduledDelayMillis: 1000, maxQueueSize: 20_000, maxExportBatchSize: 2000 })],
      });
      this.#providers.set(service, provider);
    }
    return provider;
  }

  emit(batches: readonly SpanBatch[], now: Date): void {
    for (const { item, route, good, bad } of batches) {
      const { sli } = item;
      const tracer = this.#provider(sli.spanService).getTracer('burnrate-workload');
      const threshold = sli.latencyThresholdSeconds ?? 0.5;
      for (let i = 0; i < good + bad; i++) {
        const isBad = i >= good;
        // Half the bad spans fail, half are too slow (when the SLI has a latency threshold).
        const slow = isBad && sli.latencyThresholdSeconds !== undefined && i % 2 === 0;
        const seconds = slow ? threshold * 2 : threshold * (0.1 + ((i * 37) % 50) / 100);
        const end = now.getTime();
        const span = tracer.startSpan(sli.spanName ?? `GET ${route}`, {
          kind: KINDS[sli.spanKind ?? 'server'],
          startTime: end - seconds * 1000,
          attributes: { 'http.route': route, 'http.request.method': 'GET' },
        });
        if (isBad && !slow) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end(end);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#providers.values()].map((p) => p.shutdown()));
  }
}
