/**
 * The receiver's own metrics, next to burnrate_otlp_requests_total{result}: why requests were refused, spans
 * dropped by the limits, requests in progress and the body bytes they hold. One set per registry, however
 * often the routes are built.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

export type RejectReason = 'unauthorized' | 'overloaded' | 'too_large' | 'unsupported' | 'bad_request' | 'timeout' | 'aborted';
export type DropReason = 'span_limit';

export interface OtlpMetrics {
  rejectedRequests: Counter<'reason'>;
  droppedSpans: Counter<'reason'>;
  inFlight: Gauge;
  inFlightBodyBytes: Gauge;
}

const byRegistry = new WeakMap<Registry, OtlpMetrics>();

export function otlpMetrics(registry: Registry): OtlpMetrics {
  let metrics = byRegistry.get(registry);
  if (metrics === undefined) {
    const registers = [registry];
    metrics = {
      rejectedRequests: new Counter({
        name: 'burnrate_otlp_rejected_requests_total',
        help: 'OTLP export requests refused, by reason: unauthorized, overloaded, too_large, unsupported, bad_request, timeout, aborted.',
        labelNames: ['reason'],
        registers,
      }),
      droppedSpans: new Counter({
        name: 'burnrate_otlp_dropped_spans_total',
        help: 'Spans of accepted OTLP requests not counted, by reason: span_limit (past otlp.maxSpansPerRequest; the sender is told).',
        labelNames: ['reason'],
        registers,
      }),
      inFlight: new Gauge({ name: 'burnrate_otlp_requests_in_flight', help: 'OTLP export requests being received or decoded.', registers }),
      inFlightBodyBytes: new Gauge({
        name: 'burnrate_otlp_body_bytes_in_flight',
        help: 'Body bytes (as sent and inflated) held by OTLP export requests being received or decoded; at most otlp.maxInFlightBodyBytes.',
        registers,
      }),
    };
    byRegistry.set(registry, metrics);
  }
  return metrics;
}
