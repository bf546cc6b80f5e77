/**
 * The reference OTLP decoder of the tests: flattens an already decoded trace export (protobufjs object, or
 * parsed OTLP/JSON) into spans with all their scalar attributes, unbounded. The receiver's bounded decoders
 * are checked against it.
 */
import { OtlpFormatError } from '../../../../src/service/otlp/decode-state.js';
import { SPAN_KINDS, STATUS_ERROR } from '../../../../src/service/otlp/span-facts.js';

export { OtlpFormatError, SPAN_KINDS };

export interface DecodedSpan {
  service: string;
  name: string;
  kind: (typeof SPAN_KINDS)[number];
  durationSeconds: number;
  error: boolean;
  attributes: Record<string, string>;
}

interface KeyValue {
  key?: string;
  value?: Record<string, unknown>;
}

function scalar(value: Record<string, unknown> | undefined): string | undefined {
  if (!value) return undefined;
  for (const key of ['stringValue', 'intValue', 'doubleValue', 'boolValue']) {
    if (value[key] !== undefined && value[key] !== null) return String(value[key]);
  }
  return undefined;
}

function attributes(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list as KeyValue[]) {
    const value = scalar(kv.value);
    if (kv.key && value !== undefined) out[kv.key] = value;
  }
  return out;
}

function nanos(value: unknown): bigint {
  try {
    return BigInt(typeof value === 'number' ? Math.round(value) : String(value ?? 0));
  } catch {
    return 0n;
  }
}

export function decodeSpans(request: unknown): DecodedSpan[] {
  if (typeof request !== 'object' || request === null) throw new OtlpFormatError('expected an ExportTraceServiceRequest object');
  const resourceSpans = (request as { resourceSpans?: unknown }).resourceSpans ?? [];
  if (!Array.isArray(resourceSpans)) throw new OtlpFormatError('resourceSpans must be an array');
  const spans: DecodedSpan[] = [];
  for (const rs of resourceSpans as { resource?: { attributes?: unknown }; scopeSpans?: { spans?: unknown[] }[] }[]) {
    const service = attributes(rs.resource?.attributes)['service.name'] ?? 'unknown_service';
    for (const scope of rs.scopeSpans ?? []) {
      for (const span of (scope.spans ?? []) as Record<string, unknown>[]) {
        const kindIndex = Number(span.kind ?? 0);
        const status = span.status as { code?: number | string } | undefined;
        const duration = nanos(span.endTimeUnixNano) - nanos(span.startTimeUnixNano);
        spans.push({
          service,
          name: String(span.name ?? ''),
          kind: SPAN_KINDS[kindIndex] ?? 'unspecified',
          durationSeconds: Number(duration) / 1e9,
          error: Number(status?.code ?? 0) === STATUS_ERROR || status?.code === 'STATUS_CODE_ERROR',
          attributes: attributes(span.attributes),
        });
      }
    }
  }
  return spans;
}
