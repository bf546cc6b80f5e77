/**
 * Counts spans matching each trace SLI of the catalog into the counters named in SPAN_COUNTERS (labels slo,
 * route). Prometheus scrapes them from /metrics and the generated rules treat them as a ratio SLI.
 * Routes per SLO are capped so a span name with ids in it cannot explode the label set.
 */
import { Counter, type Registry } from 'prom-client';
import { ROUTE_LABEL, SLO_LABEL, SPAN_COUNTERS } from '../../core/conventions/metrics.js';
import type { Slo } from '../../core/model/slo.js';
import type { DecodedSpan } from './decode-spans.js';

export const MAX_ROUTES_PER_SLO = 200;
export const OVERFLOW_ROUTE = 'other';

type TracesSli = Extract<Slo['sli'], { kind: 'traces' }>;

interface Matcher {
  sloId: string;
  sli: TracesSli;
  routes: Set<string>;
}

export function routeOf(span: DecodedSpan): string {
  return span.attributes['http.route'] ?? span.name;
}

export function matches(sli: TracesSli, span: DecodedSpan): boolean {
  if (span.service !== sli.spanService) return false;
  // The authoring SDK documents "server" as the default kind.
  if (span.kind !== (sli.spanKind ?? 'server')) return false;
  if (sli.spanName !== undefined && span.name !== sli.spanName) return false;
  if (sli.route !== undefined && span.attributes['http.route'] !== sli.route) return false;
  return true;
}

export function isGood(sli: TracesSli, span: DecodedSpan): boolean {
  if (span.error) return false;
  return sli.latencyThresholdSeconds === undefined || span.durationSeconds <= sli.latencyThresholdSeconds;
}

export class SpanCounter {
  readonly #total: Counter<string>;
  readonly #good: Counter<string>;
  #matchers: Matcher[] = [];

  constructor(registry: Registry) {
    const labelNames = [SLO_LABEL, ROUTE_LABEL];
    this.#total = new Counter({ name: SPAN_COUNTERS.total, help: 'Spans matching a trace SLI.', labelNames, registers: [registry] });
    this.#good = new Counter({ name: SPAN_COUNTERS.good, help: 'Spans matching a trace SLI that succeeded within its latency threshold.', labelNames, registers: [registry] });
  }

  /** Takes the trace SLIs of a (re)loaded catalog; counters of SLOs still present keep counting. */
  setCatalog(slos: readonly Slo[]): void {
    const previous = new Map(this.#matchers.map((m) => [m.sloId, m.routes]));
    this.#matchers = slos.flatMap((slo) =>
      slo.sli.kind === 'traces' ? [{ sloId: slo.id, sli: slo.sli, routes: previous.get(slo.id) ?? new Set<string>() }] : [],
    );
  }

  /** Returns how many (span, SLO) matches were counted. */
  count(spans: readonly DecodedSpan[]): number {
    let matched = 0;
    for (const span of spans) {
      for (const m of this.#matchers) {
        if (!matches(m.sli, span)) continue;
        let route = routeOf(span);
        if (!m.routes.has(route)) {
          if (m.routes.size >= MAX_ROUTES_PER_SLO) route = OVERFLOW_ROUTE;
          else m.routes.add(route);
        }
        const labels = { [SLO_LABEL]: m.sloId, [ROUTE_LABEL]: route };
        this.#total.inc(labels);
        // Touch the good series too, so it exists (at 0) from the first span on and increase() sees every event.
        this.#good.inc(labels, isGood(m.sli, span) ? 1 : 0);
        matched++;
      }
    }
    return matched;
  }
}
