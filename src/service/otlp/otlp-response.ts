/**
 * The ExportTraceServiceResponse of an accepted request, in the request's encoding: empty for full success,
 * partial_success {rejected_spans, error_message} when spans were dropped by the limits. OTLP senders must
 * not retry it; they log the message (the OpenTelemetry SDKs as a warning).
 */
import type { OtlpEncoding } from './decode-export.js';
import { encodeTraceResponse, type PartialSuccess } from './otlp-trace-proto.js';

export const PROTOBUF = 'application/x-protobuf';
export const JSON_TYPE = 'application/json';

export function partialSuccess(rejectedSpans: number, maxSpans: number): PartialSuccess | undefined {
  if (rejectedSpans === 0) return undefined;
  return {
    rejectedSpans,
    errorMessage: `${rejectedSpans} spans were dropped: at most ${maxSpans} spans per request are read (otlp.maxSpansPerRequest); send smaller batches`,
  };
}

export function exportResponse(encoding: OtlpEncoding, partial: PartialSuccess | undefined): { type: string; body: Buffer | object } {
  if (encoding === 'protobuf') return { type: PROTOBUF, body: Buffer.from(encodeTraceResponse(partial)) };
  // proto3 JSON writes int64 as a decimal string.
  return { type: JSON_TYPE, body: partial ? { partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } } : {} };
}
