/**
 * What the recorded windows will hold for a synthetic timeline, with safety margins, so scenarios pick
 * evaluation times where an alert surely fires or surely stays quiet. Pure arithmetic, no PromQL.
 *
 * A recorded window of W at time t is built from five-minute counts, so its error ratio lies between
 * the exact ratios of the windows ending at t-6m..t (5m of smoothing, 1m for group order). A window
 * longer than the data so far is extrapolated: its count is the events so far scaled by W / t.
 */
import type { AlertWindow } from '../../../core/windows/alert-windows.js';
import type { Slo } from '../../../core/model/slo.js';
import { pairConditions, type PairConditions } from '../../../core/windows/pair-conditions.js';
import type { Timeline } from './synthetic-series.js';

/** Minutes of smoothing and evaluation lag a recorded window can trail the exact one by. */
export const LAG_MINUTES = 6;
/** Relative distance from a threshold that counts as "surely" above or below it. */
export const MARGIN = 0.1;

interface Counts {
  total: number;
  bad: number;
}

/** Events in (from, to], minutes since the start. */
export function eventsBetween(timeline: Timeline, from: number, to: number): Counts {
  const counts = { total: 0, bad: 0 };
  let start = 0;
  for (const segment of timeline.segments) {
    const end = start + segment.minutes;
    const overlap = Math.max(0, Math.min(end, to) - Math.max(start, from));
    counts.total += overlap * segment.eventsPerMinute;
    counts.bad += overlap * segment.eventsPerMinute * segment.errorRatio;
    start = end;
  }
  return counts;
}

/** Exact error ratio over the window ending at t (clipped at the start of the data), undefined without events. */
export function windowRatio(timeline: Timeline, t: number, windowMinutes: number): number | undefined {
  const { total, bad } = eventsBetween(timeline, Math.max(0, t - windowMinutes), t);
  return total > 0 ? bad / total : undefined;
}

/** Event count the guard sees: exact once the window is full, extrapolated before. */
export function guardCount(timeline: Timeline, t: number, windowMinutes: number): number {
  if (t <= 0) return 0;
  if (t >= windowMinutes) return eventsBetween(timeline, t - windowMinutes, t).total;
  return (eventsBetween(timeline, 0, t).total * windowMinutes) / t;
}

/** `holds` at t and at each of the LAG_MINUTES before it; stops at the first minute it does not. */
function holdsLagged(t: number, holds: (at: number) => boolean): boolean {
  for (let s = 0; s <= LAG_MINUTES; s++) if (!holds(t - s)) return false;
  return true;
}

export interface PairContext {
  timeline: Timeline;
  slo: Slo;
  /** Error budget as a ratio, e.g. 0.001. */
  budget: number;
}

const minutes = (ms: number) => ms / 60_000;

/** Scenario searches test a pair at hundreds of minutes; its conditions are the same at each. */
const conditionsCache = new WeakMap<Slo, Map<AlertWindow, PairConditions>>();

function conditionsOf(slo: Slo, pair: AlertWindow): PairConditions {
  const bySlo = conditionsCache.get(slo) ?? new Map<AlertWindow, PairConditions>();
  conditionsCache.set(slo, bySlo);
  let conditions = bySlo.get(pair);
  if (conditions === undefined) {
    conditions = pairConditions(slo, pair);
    bySlo.set(pair, conditions);
  }
  return conditions;
}

/** All of the pair's conditions hold at t whatever the smoothing. */
export function pairSurelyFires(ctx: PairContext, pair: AlertWindow, t: number): boolean {
  const { ratios, guard } = conditionsOf(ctx.slo, pair);
  return holdsLagged(t, (at) => {
    const above = ratios.every((r) => (windowRatio(ctx.timeline, at, minutes(r.windowMs)) ?? -1) > r.factor * ctx.budget * (1 + MARGIN));
    const enough = !guard || guardCount(ctx.timeline, at, minutes(guard.windowMs)) >= guard.minEvents * (1 + MARGIN);
    return at > 0 && above && enough;
  });
}

/** At least one of the pair's conditions fails at t whatever the smoothing. */
export function pairSurelySilent(ctx: PairContext, pair: AlertWindow, t: number): boolean {
  const { ratios, guard } = conditionsOf(ctx.slo, pair);
  const below = (windowMs: number, factor: number) =>
    holdsLagged(t, (at) => (windowRatio(ctx.timeline, at, minutes(windowMs)) ?? 0) < factor * ctx.budget * (1 - MARGIN));
  const guardBlocks = guard !== undefined && holdsLagged(t, (at) => guardCount(ctx.timeline, at, minutes(guard.windowMs)) < guard.minEvents * (1 - MARGIN));
  return ratios.some((r) => below(r.windowMs, r.factor)) || guardBlocks;
}

export function anySurelyFires(ctx: PairContext, pairs: readonly AlertWindow[], t: number): boolean {
  return pairs.some((pair) => pairSurelyFires(ctx, pair, t));
}

export function allSurelySilent(ctx: PairContext, pairs: readonly AlertWindow[], t: number): boolean {
  return pairs.every((pair) => pairSurelySilent(ctx, pair, t));
}
