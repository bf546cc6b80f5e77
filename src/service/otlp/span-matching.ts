/** Which trace SLIs a span counts for, and whether it is a good event for one. */
import type { Slo } from '../../core/model/slo.js';
import type { SpanFacts } from './span-facts.js';

export type TracesSli = Extract<Slo['sli'], { kind: 'traces' }>;

/** Label value of spans whose route has no slot of its own (see span-batch.ts). */
export const OVERFLOW_ROUTE = 'other';

export interface Matcher {
  sloId: string;
  sli: TracesSli;
  /** Route label values of this SLO so far; kept across catalog reloads. */
  routes: Set<string>;
}

export function routeOf(span: SpanFacts): string {
  return span.route ?? span.name;
}

export function matches(sli: TracesSli, span: SpanFacts): boolean {
  if (span.service !== sli.spanService) return false;
  // The authoring SDK documents "server" as the default kind.
  if (span.kind !== (sli.spanKind ?? 'server')) return false;
  if (sli.spanName !== undefined && span.name !== sli.spanName) return false;
  if (sli.route !== undefined && span.route !== sli.route) return false;
  return true;
}

export function isGood(sli: TracesSli, span: SpanFacts): boolean {
  if (span.error) return false;
  return sli.latencyThresholdSeconds === undefined || span.durationSeconds <= sli.latencyThresholdSeconds;
}
