/**
 * Scenarios for the safety nets: the low-traffic guard (one failure among few events must not alert)
 * and the no-data alert (vanished series must never look like 100% success).
 */
import { formatDuration } from '../../../core/model/duration.js';
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

/** Healthy data that then goes stale fires SloNoData once `for` has passed; without series it fires from the start. */
export function noData(ctx: ScenarioContext, hasSeries: boolean): ScenarioResult {
  const { noData: policy } = ctx.slo.alerting;
  if (!policy.enabled) return { skipped: 'no data: no-data alerts are off' };
  const forMinutes = Math.ceil(policy.forSeconds / 60);
  const forText = formatDuration(policy.forSeconds * 1000);
  if (!hasSeries) {
    const checks: Check[] = [{ minute: forMinutes + 2 * BASE_MINUTES, alert: 'noData', fires: true }];
    if (forMinutes > 1) checks.unshift({ minute: forMinutes - 1, alert: 'noData', fires: false });
    return { name: `no data: no input series at all; SloNoData is pending for ${forText}, then fires`, timeline: undefined, checks };
  }
  const data = STEADY_MINUTES;
  const gone = data + BASE_MINUTES + 1;
  return {
    name: `no data: healthy series go stale after ${durationText(data)}; SloNoData fires once the five-minute count has been absent for ${forText}`,
    timeline: { segments: [steady(ctx, data, HEALTHY_BURN * ctx.budget)], thenStale: true },
    checks: [
      { minute: data, alert: 'noData', fires: false },
      { minute: gone + forMinutes + 2 * BASE_MINUTES, alert: 'noData', fires: true },
    ],
  };
}
