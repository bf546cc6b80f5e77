/**
 * Scenarios for the safety nets: the low-traffic guard (one failure among few events must not alert)
 * and the no-data alert (vanished series must never look like 100% success), with the timing both no-data
 * tests share: the SLO's own (input only promtool 3.x reads) and its rule file's (no-data-promtool-test.ts).
 */
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import type { Timeline } from './synthetic-series.js';
import { BASE_MINUTES, HEALTHY_BURN, MAX_SCENARIO_MINUTES, pairContext, type Check, type ScenarioContext, type ScenarioResult } from './scenario-types.js';
import { ceilTo, durationText, minutesOf, STEADY_MINUTES, steady } from './burn-scenarios.js';
import { allSurelySilent } from './scenario-traffic.js';

/**
 * Traffic so sparse that every guarded window holds fewer than minEvents events, then one failure.
 * Rate: a quarter of the guard over the longest window. History: long enough that extrapolating the
 * young windows (events so far × window / age) cannot lift the failure over the guard either.
 */
export function lowTraffic(ctx: ScenarioContext): ScenarioResult {
  const guard = ctx.slo.alerting.minEvents;
  if (guard <= 1) return { skipped: 'low traffic: the low-traffic guard is off (minEvents <= 1)' };
  if (ctx.gauge) return { skipped: 'low traffic: a bool gauge yields one event per sample, so its traffic is never sparse' };
  const pairs = [...ctx.page, ...ctx.ticket];
  if (pairs.length === 0) return { skipped: 'low traffic: page and ticket alerts are off' };
  const longestMinutes = Math.max(...pairs.map((p) => minutesOf(p.longWindowMs)));
  const rate = (guard - 1) / (4 * longestMinutes);
  const history = Math.max(2 * BASE_MINUTES, ceilTo((1.25 * 4 * longestMinutes) / (3 * guard + 1), BASE_MINUTES));
  if (history + 1 + STEADY_MINUTES > MAX_SCENARIO_MINUTES) {
    return { skipped: `low traffic: proving a guard of ${guard} events over windows up to ${durationText(longestMinutes)} needs ${durationText(history)} of history, too long for promtool` };
  }
  const failure = { minutes: 1, eventsPerMinute: rate + 1, errorRatio: 1 / (rate + 1) };
  const timeline = { segments: [steady(ctx, history, 0, rate), failure, steady(ctx, STEADY_MINUTES, 0, rate)], thenStale: false };
  const model = pairContext(ctx, timeline);
  const times = [history + 3, history + 1 + STEADY_MINUTES];
  if (!times.every((t) => allSurelySilent(model, pairs, t))) return { skipped: 'low traffic: the model cannot keep every pair quiet' };
  const tiers = [...(ctx.page.length > 0 ? (['page'] as const) : []), ...(ctx.ticket.length > 0 ? (['ticket'] as const) : [])];
  const perHour = Number((rate * 60).toPrecision(3));
  return {
    name: `low traffic: ${perHour} events an hour for ${durationText(history)}, then one failed event; the guard of ${guard} events keeps every burn alert quiet`,
    timeline,
    checks: times.flatMap((minute) => tiers.map((alert): Check => ({ minute, alert, fires: false }))),
  };
}

/** The no-data scenarios' clock: healthy data for STALE_AFTER minutes, then stale. */
export const STALE_AFTER = STEADY_MINUTES;
/** By this minute the five-minute count of series that went stale at STALE_AFTER has surely vanished. */
const COUNT_GONE = STALE_AFTER + BASE_MINUTES + 1;

/** The no-data alert's `for`, in whole minutes. */
export function noDataForMinutes(slo: Slo): number {
  return Math.ceil(slo.alerting.noData.forSeconds / 60);
}

/** Without any input series the alert is pending from the start: it fires from `for` on. */
export function firesWithoutSeries(slo: Slo, minute: number): boolean {
  return minute * 60 >= slo.alerting.noData.forSeconds;
}

/** The minute by which SloNoData surely fires after the series went stale at STALE_AFTER. */
export function staleFiresBy(slo: Slo): number {
  return COUNT_GONE + noDataForMinutes(slo) + 2 * BASE_MINUTES;
}

/** Whether SloNoData's state at `minute` is certain after the series went stale at STALE_AFTER. */
export function staleStateKnown(slo: Slo, minute: number): boolean {
  return minute < STALE_AFTER + noDataForMinutes(slo) || minute >= staleFiresBy(slo);
}

/** The healthy data of the stale scenario. */
export function healthyThenStale(ctx: ScenarioContext): Timeline {
  return { segments: [steady(ctx, STALE_AFTER, HEALTHY_BURN * ctx.budget)], thenStale: true };
}

/** Healthy data that then goes stale fires SloNoData once `for` has passed. */
export function noData(ctx: ScenarioContext): ScenarioResult {
  const { noData: policy } = ctx.slo.alerting;
  if (!policy.enabled) return { skipped: 'no data: no-data alerts are off' };
  return {
    name: `no data: healthy series go stale after ${durationText(STALE_AFTER)}; SloNoData fires once the five-minute count has been absent for ${formatDuration(policy.forSeconds * 1000)}`,
    timeline: healthyThenStale(ctx),
    checks: [
      { minute: STALE_AFTER, alert: 'noData', fires: false },
      { minute: staleFiresBy(ctx.slo), alert: 'noData', fires: true },
    ],
  };
}
