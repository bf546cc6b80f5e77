/**
 * Spans made by the real OpenTelemetry SDK and serialized by its own OTLP serializers (protobuf and JSON),
 * exactly the bytes its exporters send.
 */
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

export interface SpanSpec {
  name: string;
  kind?: SpanKind;
  attributes?: Attributes;
  ms: number;
  status?: SpanStatusCode;
}

export async function sdkSpans(service: string | undefined, specs: readonly SpanSpec[]): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter();
  const resource = resourceFromAttributes(service === undefined ? {} : { 'service.name': service });
  const provider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('burnrate-test');
  const start = Date.now() - 60_000;
  for (const spec of specs) {
    const span = tracer.startSpan(spec.name, { kind: spec.kind ?? SpanKind.SERVER, startTime: start, attributes: spec.attributes ?? {} });
    if (spec.status !== undefined) span.setStatus({ code: spec.status });
    span.end(start + spec.ms);
  }
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

export const protobufExport = (spans: ReadableSpan[]) => Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array);
export const jsonExport = (spans: ReadableSpan[]) => Buffer.from(JsonTraceSerializer.serializeRequest(spans) as Uint8Array);
