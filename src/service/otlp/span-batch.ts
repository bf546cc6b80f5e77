/**
 * The span counts of one export request, tallied per SLO and route before anything touches the counters,
 * so a request rejected half-way counts nothing. Memory is per (SLO, route), never per span.
 *
 * Route labels: a route longer than maxRouteLength (or than MAX_TEXT_BYTES, unread) is counted under
 * OVERFLOW_ROUTE and never takes one of the SLO's route slots. Real routes are templates (`/users/:id`) and
 * short; a long value is a raw URL or garbage, and truncating it would let every distinct prefix take a
 * slot and crowd real routes out. Counts stay exact either way: only the per-route split is lost.
 */
import { TOO_LONG, type SpanFacts } from './span-facts.js';
import { isGood, matches, OVERFLOW_ROUTE, routeOf, type Matcher } from './span-matching.js';

export type OverflowReason = 'too_long' | 'route_limit';

interface Tally {
  /** route → [total, good]; routes new to the SLO are tentative until commit. */
  counts: Map<string, [number, number]>;
  /** Routes this batch would add to the SLO's slots. */
  added: number;
  overflow: Record<OverflowReason, number>;
}

export interface BatchTarget {
  count(sloId: string, route: string, total: number, good: number): void;
  overflow(sloId: string, reason: OverflowReason, spans: number): void;
}

export class SpanBatch {
  readonly #tallies = new Map<Matcher, Tally>();

  constructor(
    private readonly byService: ReadonlyMap<string, readonly Matcher[]>,
    private readonly limits: { maxRouteLength: number; maxRoutesPerSlo: number },
    private readonly target: BatchTarget,
  ) {}

  add(span: SpanFacts): void {
    const candidates = this.byService.get(span.service);
    if (candidates === undefined) return;
    for (const m of candidates) {
      if (!matches(m.sli, span)) continue;
      let tally = this.#tallies.get(m);
      if (tally === undefined) this.#tallies.set(m, (tally = { counts: new Map(), added: 0, overflow: { too_long: 0, route_limit: 0 } }));
      const route = this.#route(m, tally, span);
      let count = tally.counts.get(route);
      if (count === undefined) tally.counts.set(route, (count = [0, 0]));
      count[0]++;
      if (isGood(m.sli, span)) count[1]++;
    }
  }

  /** Adds the tallies to the counters; a route still new takes a slot if one is left (another request may have taken it). */
  commit(): void {
    for (const [m, tally] of this.#tallies) {
      const other: [number, number] = tally.counts.get(OVERFLOW_ROUTE) ?? [0, 0];
      for (const [route, [total, good]] of tally.counts) {
        if (route === OVERFLOW_ROUTE) continue;
        if (!m.routes.has(route)) {
          if (m.routes.size >= this.limits.maxRoutesPerSlo) {
            other[0] += total;
            other[1] += good;
            tally.overflow.route_limit += total;
            continue;
          }
          m.routes.add(route);
        }
        this.target.count(m.sloId, route, total, good);
      }
      if (other[0] > 0) this.target.count(m.sloId, OVERFLOW_ROUTE, other[0], other[1]);
      for (const reason of ['too_long', 'route_limit'] as const) {
        if (tally.overflow[reason] > 0) this.target.overflow(m.sloId, reason, tally.overflow[reason]);
      }
    }
    this.#tallies.clear();
  }

  #route(m: Matcher, tally: Tally, span: SpanFacts): string {
    const route = routeOf(span);
    if (route === TOO_LONG || Buffer.byteLength(route) > this.limits.maxRouteLength) {
      tally.overflow.too_long++;
      return OVERFLOW_ROUTE;
    }
    if (m.routes.has(route) || tally.counts.has(route)) return route;
    if (m.routes.size + tally.added < this.limits.maxRoutesPerSlo) {
      tally.added++;
      return route;
    }
    tally.overflow.route_limit++;
    return OVERFLOW_ROUTE;
  }
}
