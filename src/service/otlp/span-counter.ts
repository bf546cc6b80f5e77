/**
 * Counts spans matching each trace SLI of the catalog into the counters named in SPAN_COUNTERS (labels slo,
 * route). Prometheus scrapes them from /metrics and the generated rules treat them as a ratio SLI.
 * Routes per SLO are capped so a span name with ids in it cannot explode the label set; spans past the cap,
 * or with a route too long to be a label, count under route="other" (burnrate_otlp_route_overflow_total).
 */
import { Counter, type Registry } from 'prom-client';
import { ROUTE_LABEL, SLO_LABEL, SPAN_COUNTERS } from '../../core/conventions/metrics.js';
import type { Slo } from '../../core/model/slo.js';
import { SpanBatch } from './span-batch.js';
import type { Matcher } from './span-matching.js';

export { OVERFLOW_ROUTE } from './span-matching.js';
export const MAX_ROUTES_PER_SLO = 200;
/** Default longest route label value (UTF-8 bytes); otlp.maxRouteLength. */
export const DEFAULT_MAX_ROUTE_LENGTH = 128;
export const ROUTE_OVERFLOW_METRIC = 'burnrate_otlp_route_overflow_total';

export class SpanCounter {
  readonly #total: Counter<string>;
  readonly #good: Counter<string>;
  readonly #overflow: Counter<string>;
  #matchers: Matcher[] = [];
  /** Matchers by span service: spans of other services cost one lookup. */
  #byService = new Map<string, Matcher[]>();

  constructor(registry: Registry) {
    const labelNames = [SLO_LABEL, ROUTE_LABEL];
    const registers = [registry];
    this.#total = new Counter({ name: SPAN_COUNTERS.total, help: 'Spans matching a trace SLI.', labelNames, registers });
    this.#good = new Counter({ name: SPAN_COUNTERS.good, help: 'Spans matching a trace SLI that succeeded within its latency threshold.', labelNames, registers });
    this.#overflow = new Counter({
      name: ROUTE_OVERFLOW_METRIC,
      help: 'Spans of a trace SLI counted under route="other": reason too_long (route longer than otlp.maxRouteLength) or route_limit (the SLO has its 200 routes).',
      labelNames: [SLO_LABEL, 'reason'],
      registers,
    });
  }

  /** Takes the trace SLIs of a (re)loaded catalog; counters of SLOs still present keep counting. */
  setCatalog(slos: readonly Slo[]): void {
    const previous = new Map(this.#matchers.map((m) => [m.sloId, m.routes]));
    this.#matchers = slos.flatMap((slo) =>
      slo.sli.kind === 'traces' ? [{ sloId: slo.id, sli: slo.sli, routes: previous.get(slo.id) ?? new Set<string>() }] : [],
    );
    this.#byService = new Map();
    for (const m of this.#matchers) this.#byService.set(m.sli.spanService, [...(this.#byService.get(m.sli.spanService) ?? []), m]);
  }

  /** A tally for one request's spans; nothing is counted before its commit(). */
  batch(maxRouteLength = DEFAULT_MAX_ROUTE_LENGTH): SpanBatch {
    return new SpanBatch(this.#byService, { maxRouteLength, maxRoutesPerSlo: MAX_ROUTES_PER_SLO }, {
      count: (slo, route, total, good) => {
        const labels = { [SLO_LABEL]: slo, [ROUTE_LABEL]: route };
        this.#total.inc(labels, total);
        // Touch the good series too, so it exists (at 0) from the first span on and increase() sees every event.
        this.#good.inc(labels, good);
      },
      overflow: (slo, reason, spans) => this.#overflow.inc({ [SLO_LABEL]: slo, reason }, spans),
    });
  }
}
