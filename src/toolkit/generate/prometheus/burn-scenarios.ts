/**
 * Burn scenarios of one SLO, every number derived from its own windows, factors and objective:
 * fast burn and outage page, slow burn tickets without paging, healthy traffic stays quiet.
 * Evaluation times come from traffic-model.ts, so each check holds with margin to spare.
 */
import type { AlertWindow } from '../../../core/windows/alert-windows.js';
import { formatDuration } from '../../../core/model/duration.js';
import { roundRatio } from '../../../core/model/slo.js';
import { BASE_MINUTES, HEALTHY_BURN, MAX_SCENARIO_MINUTES, pairContext, type Check, type ScenarioContext, type ScenarioResult } from './scenario-types.js';
import type { Segment, Timeline } from './synthetic-series.js';
import { allSurelySilent, anySurelyFires, LAG_MINUTES, MARGIN, pairSurelyFires, pairSurelySilent } from './scenario-traffic.js';

export const minutesOf = (ms: number) => ms / 60_000;
export const durationText = (minutes: number) => formatDuration(minutes * 60_000);
export const ceilTo = (value: number, step: number) => Math.ceil(value / step) * step;
/** How long the steady scenarios run: long enough for several five-minute counts. */
export const STEADY_MINUTES = 6 * BASE_MINUTES;

export function steady(ctx: ScenarioContext, minutes: number, errorRatio: number, eventsPerMinute = ctx.eventsPerMinute): Segment {
  return { minutes, eventsPerMinute, errorRatio };
}

export function firstMinute(from: number, to: number, holds: (t: number) => boolean): number | undefined {
  for (let t = from; t <= to; t++) if (holds(t)) return t;
  return undefined;
}

function lastMinute(from: number, to: number, holds: (t: number) => boolean): number | undefined {
  for (let t = to; t >= from; t--) if (holds(t)) return t;
  return undefined;
}

const pairText = (pair: AlertWindow) => `${formatDuration(pair.longWindowMs)}/${formatDuration(pair.shortWindowMs)}`;
const longest = (pairs: readonly AlertWindow[]) => Math.max(...pairs.map((p) => minutesOf(p.longWindowMs)));

interface FastBurnPlan {
  history: number;
  after: number;
  timeline: Timeline;
  /** Only the target pair can explain the alert at `after`, so its threshold and windows are what the check proves. */
  attributed: boolean;
}

function planFastBurn(ctx: ScenarioContext, target: AlertWindow, burn: number, history: number): FastBurnPlan | undefined {
  const horizon = 2 * minutesOf(target.longWindowMs) + 2 * LAG_MINUTES + 2 * BASE_MINUTES;
  const timeline = { segments: [steady(ctx, history, HEALTHY_BURN * ctx.budget), steady(ctx, horizon, burn)], thenStale: false };
  const model = pairContext(ctx, timeline);
  const after = firstMinute(history + 1, history + horizon, (t) => pairSurelyFires(model, target, t));
  if (after === undefined) return undefined;
  const attributed = ctx.page.every((pair) => pair === target || pairSurelySilent(model, pair, after));
  return { history, after, timeline, attributed };
}

/**
 * The shortest healthy history (in 5m steps) after which only the target pair fires; longer history only
 * helps. When that would run longer than promtool should, the shortest history, without attribution.
 */
function shortestAttributed(ctx: ScenarioContext, target: AlertWindow, burn: number): FastBurnPlan | undefined {
  let low = Math.ceil(minutesOf(target.longWindowMs) / BASE_MINUTES);
  let high = Math.ceil(longest(ctx.page) / BASE_MINUTES) + 1;
  let best = planFastBurn(ctx, target, burn, high * BASE_MINUTES);
  if (!best?.attributed || best.after > MAX_SCENARIO_MINUTES) return planFastBurn(ctx, target, burn, low * BASE_MINUTES);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const plan = planFastBurn(ctx, target, burn, middle * BASE_MINUTES);
    if (plan?.attributed) {
      best = plan;
      high = middle;
    } else low = middle + 1;
  }
  return best;
}

/** Healthy history, then errors at twice the target pair's threshold; the history is long enough that the other pairs stay quiet. */
export function fastBurn(ctx: ScenarioContext): ScenarioResult {
  if (ctx.page.length === 0) return { skipped: 'fast burn: page alerts are off' };
  const targets = [...ctx.page].sort((a, b) => a.longWindowMs - b.longWindowMs);
  for (const target of targets) {
    const threshold = target.factor * ctx.budget;
    const burn = Math.min(1, 2 * threshold);
    if (burn <= threshold * (1 + 2 * MARGIN)) continue;
    const plan = shortestAttributed(ctx, target, burn);
    if (!plan || plan.after > MAX_SCENARIO_MINUTES) continue;
    const { history, after } = plan;
    const model = pairContext(ctx, plan.timeline);
    const before = lastMinute(1, after - 1, (t) => allSurelySilent(model, ctx.page, t));
    const checks: Check[] = [{ minute: after, alert: 'page', fires: true }];
    if (before !== undefined) checks.unshift({ minute: before, alert: 'page', fires: false });
    return {
      name: `fast burn: healthy for ${durationText(history)}, then errors at ${roundRatio(burn / ctx.budget)}x the budget rate; the ${pairText(target)} pair (${target.factor}x) pages by ${durationText(after)}${before !== undefined ? `, not yet at ${durationText(before)}` : ''}`,
      timeline: { segments: [steady(ctx, history, HEALTHY_BURN * ctx.budget), steady(ctx, after - history, burn)], thenStale: false },
      checks,
    };
  }
  return { skipped: 'fast burn: even 100% errors stay under every page threshold at this objective' };
}

/** A total outage after a short healthy spell pages within minutes. */
export function outage(ctx: ScenarioContext): ScenarioResult {
  if (ctx.page.length === 0) return { skipped: 'outage: page alerts are off' };
  const history = 2 * BASE_MINUTES;
  const horizon = longest(ctx.page) + 2 * LAG_MINUTES;
  const timeline = { segments: [steady(ctx, history, HEALTHY_BURN * ctx.budget), steady(ctx, horizon, 1)], thenStale: false };
  const model = pairContext(ctx, timeline);
  const fire = firstMinute(history + 1, history + horizon, (t) => anySurelyFires(model, ctx.page, t));
  if (fire === undefined) return { skipped: 'outage: 100% errors never clear a page threshold with margin' };
  const checks: Check[] = [{ minute: fire, alert: 'page', fires: true }];
  if (allSurelySilent(model, ctx.page, history)) checks.unshift({ minute: history, alert: 'page', fires: false });
  return {
    name: `outage: 100% errors after ${durationText(history)} of healthy traffic page within ${durationText(fire - history)}`,
    timeline: { segments: [steady(ctx, history, HEALTHY_BURN * ctx.budget), steady(ctx, fire - history, 1)], thenStale: false },
    checks,
  };
}

/** A steady error ratio between the highest ticket factor and the lowest page factor. */
export function slowBurn(ctx: ScenarioContext): ScenarioResult {
  if (ctx.ticket.length === 0) return { skipped: 'slow burn: ticket alerts are off' };
  const ticketFactors = ctx.ticket.map((p) => p.factor);
  const pageFactor = ctx.page.length > 0 ? Math.min(...ctx.page.map((p) => p.factor)) : undefined;
  const factors =
    pageFactor === undefined
      ? [1.5 * Math.max(...ticketFactors)]
      : [(Math.max(...ticketFactors) + pageFactor) / 2, (Math.min(...ticketFactors) + pageFactor) / 2];
  const early = 2 * BASE_MINUTES;
  for (const factor of factors.map(roundRatio)) {
    const errorRatio = roundRatio(factor * ctx.budget);
    if (errorRatio >= 1) continue;
    const timeline = { segments: [steady(ctx, STEADY_MINUTES, errorRatio)], thenStale: false };
    const model = pairContext(ctx, timeline);
    const quiet = [early, STEADY_MINUTES].every((t) => allSurelySilent(model, ctx.page, t));
    if (!quiet || !anySurelyFires(model, ctx.ticket, STEADY_MINUTES)) continue;
    const pageChecks: Check[] = ctx.page.length > 0 ? [early, STEADY_MINUTES].map((minute) => ({ minute, alert: 'page', fires: false })) : [];
    return {
      name: `slow burn: errors at ${factor}x the budget rate (above the ticket factors ${ticketFactors.join(', ')}${pageFactor !== undefined ? `, under the page factor ${pageFactor}` : ''}); the ticket fires, the page does not`,
      timeline,
      checks: [...pageChecks, { minute: STEADY_MINUTES, alert: 'ticket', fires: true }],
    };
  }
  return { skipped: 'slow burn: no error ratio lies clearly between the ticket and page thresholds' };
}

/** Errors at a tenth of the budget rate: no burn alert at any time. */
export function healthy(ctx: ScenarioContext): ScenarioResult {
  const tiers = [...(ctx.page.length > 0 ? (['page'] as const) : []), ...(ctx.ticket.length > 0 ? (['ticket'] as const) : [])];
  if (tiers.length === 0) return { skipped: 'healthy: page and ticket alerts are off' };
  const timeline = { segments: [steady(ctx, STEADY_MINUTES, HEALTHY_BURN * ctx.budget)], thenStale: false };
  const model = pairContext(ctx, timeline);
  const times = [2 * BASE_MINUTES, STEADY_MINUTES];
  if (!times.every((t) => allSurelySilent(model, [...ctx.page, ...ctx.ticket], t))) return { skipped: 'healthy: the model cannot keep every pair quiet' };
  return {
    name: `healthy: errors at ${HEALTHY_BURN}x the budget rate; neither page nor ticket fires`,
    timeline,
    checks: times.flatMap((minute) => tiers.map((alert) => ({ minute, alert, fires: false }))),
  };
}
