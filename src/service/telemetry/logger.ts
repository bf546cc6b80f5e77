/** Structured JSON logs (pino) that carry the active span's trace_id and span_id, so logs join traces. */
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function traceMixin(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId, trace_flags: `0${context.traceFlags.toString(16)}` };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'burnrate' }, mixin: traceMixin, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
