/**
 * The few facts of a span that trace SLIs read. Decoders build one per span and keep nothing else: no other
 * attributes, no ids, no events.
 */

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;
export type SpanKindName = (typeof SPAN_KINDS)[number];

/** Service of spans whose resource has no `service.name` (the OpenTelemetry default). */
export const UNKNOWN_SERVICE = 'unknown_service';
/** Longest text (UTF-8 bytes) a decoder turns into a string; longer ones become TOO_LONG, never a string. */
export const MAX_TEXT_BYTES = 1024;
/** Stands for a text longer than MAX_TEXT_BYTES: it equals no SLI field and is never a route label. */
export const TOO_LONG = '\u0000too-long';

export interface SpanFacts {
  /** The resource's `service.name`. */
  service: string;
  name: string;
  kind: SpanKindName;
  durationSeconds: number;
  error: boolean;
  /** The `http.route` attribute, when the span has a string one. */
  route: string | undefined;
}

/** OTLP status code of a failed span. */
export const STATUS_ERROR = 2;

export function kindName(value: number): SpanKindName {
  return SPAN_KINDS[value] ?? 'unspecified';
}

/** OTLP/JSON may spell enums by name (SPAN_KIND_SERVER); unknown names read as unspecified. */
export function kindFromEnumName(name: string): SpanKindName {
  const kind = name.replace(/^SPAN_KIND_/, '').toLowerCase();
  return SPAN_KINDS.find((k) => k === kind) ?? 'unspecified';
}

/** The UTF-8 text of buf[start, end), or TOO_LONG without building a string for it. */
export function utf8Text(buf: Buffer, start: number, end: number): string {
  return end - start > MAX_TEXT_BYTES ? TOO_LONG : buf.toString('utf8', start, end);
}
