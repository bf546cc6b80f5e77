/** The error-budget formulas. Pure functions of counts, the objective and the window length. */
import { roundRatio } from '../../core/model/slo.js';
import type { BudgetSnapshot, EventCounts } from './types.js';

/**
 * consumed = total − good cancels digits when errors are rare (a 1e9-event window keeps ~1e-12 of the budget
 * ratio exact), so the remaining ratio is rounded to 1e-9 of the budget: exact zero when spent, no -0.
 */
function roundBudgetShare(value: number): number {
  return Math.round(value * 1e9) / 1e9 + 0;
}

/** good / total; null without events (absent data is never "100%"). */
export function sliRatio(counts: EventCounts): number | null {
  return counts.total > 0 ? counts.good / counts.total : null;
}

/** Share of bad events; null without events. */
export function errorRatio(counts: EventCounts): number | null {
  return counts.total > 0 ? (counts.total - counts.good) / counts.total : null;
}

/** Burn rate = error ratio / (1 − objective): 1 spends exactly the budget over the window. */
export function burnRateOf(counts: EventCounts | undefined, budgetRatio: number): number | null {
  const ratio = counts === undefined ? null : errorRatio(counts);
  return ratio === null ? null : roundRatio(ratio / budgetRatio);
}

/**
 * allowed = (1 − objective) × total, consumed = total − good, remaining = 1 − consumed / allowed,
 * minutes of full outage = remaining bad events (allowed − consumed) ÷ average events per minute over the
 * window, which equals remaining × (1 − objective) × window minutes; negative when overspent.
 * Time-slice SLOs count judged slices: each remaining bad slice is `sliceSeconds` of full outage, whatever
 * the traffic, so a window with quiet (unjudged) slices does not stretch the minutes.
 */
export function budgetOf(counts: EventCounts, budgetRatio: number, windowSeconds: number, sliceSeconds?: number): BudgetSnapshot['budget'] {
  const allowedBadEvents = budgetRatio * counts.total;
  const consumedBadEvents = counts.total - counts.good;
  if (counts.total <= 0) return { allowedBadEvents: 0, consumedBadEvents: 0, remainingRatio: null, remainingMinutesOfOutage: null };
  const exactRemaining = 1 - consumedBadEvents / allowedBadEvents;
  const remainingRatio = roundBudgetShare(exactRemaining);
  const eventsPerMinute = windowSeconds > 0 ? counts.total / (windowSeconds / 60) : 0;
  const remainingBadEvents = remainingRatio === 0 ? 0 : exactRemaining * allowedBadEvents;
  const perMinute = sliceSeconds !== undefined ? 60 / sliceSeconds : eventsPerMinute;
  const remainingMinutesOfOutage = perMinute > 0 ? roundRatio(remainingBadEvents / perMinute) : null;
  return { allowedBadEvents: roundRatio(allowedBadEvents), consumedBadEvents, remainingRatio, remainingMinutesOfOutage };
}

/**
 * Seconds until the remaining budget is spent at `burnRate`: remaining bad events ÷ bad events per second,
 * where bad events per second = burnRate × (1 − objective) × total / windowSeconds. That reduces to
 * remainingRatio × windowSeconds / burnRate. 0 when already spent; null when not burning or unknown.
 */
export function secondsToExhaustion(remainingRatio: number | null, burnRate: number | null, windowSeconds: number): number | null {
  if (remainingRatio === null) return null;
  if (remainingRatio <= 0) return 0;
  if (burnRate === null || burnRate <= 0) return null;
  return roundRatio((remainingRatio * windowSeconds) / burnRate);
}
