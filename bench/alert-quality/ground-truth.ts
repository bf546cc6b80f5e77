/**
 * The documented alerting policy, applied to the exact events of a scenario (no PromQL involved):
 * the budget is (1 − objective) × the events of 30 days of normal traffic (the warm-up days' mean);
 * page when ≥2% of it burns within 1 hour or ≥5% within 6 hours; ticket when ≥10% burns within 1 or 3 days;
 * a window with fewer than 100 events never alerts (one failure among a handful of requests is noise).
 */
import type { GroupCounts } from './counters.js';
import { MINUTES_PER_DAY, SCORED_FROM_MINUTE, WARMUP_DAYS } from './timeline.js';

export type Tier = 'page' | 'ticket' | 'quiet';

export const POLICY = {
  minEvents: 100,
  page: [
    { windowMinutes: 60, budgetFraction: 0.02 },
    { windowMinutes: 360, budgetFraction: 0.05 },
  ],
  ticket: [
    { windowMinutes: 1440, budgetFraction: 0.1 },
    { windowMinutes: 4320, budgetFraction: 0.1 },
  ],
} as const;

export interface GroundTruth {
  /** Error budget of the SLO in events. */
  budgetEvents: number;
  /** Share of the budget that failed requests burned during the scored days (background included). */
  budgetBurned: number;
  expected: Tier;
  /** First minute at which the policy says a page (or ticket) is due. */
  pageDueAt?: number;
  ticketDueAt?: number;
}

function prefixSums(values: Int32Array): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) sums[i + 1] = (sums[i] ?? 0) + (values[i] ?? 0);
  return sums;
}

function firstBreach(errors: Float64Array, goods: Float64Array, budget: number, rules: readonly { windowMinutes: number; budgetFraction: number }[]): number | undefined {
  const minutes = errors.length - 1;
  for (let t = SCORED_FROM_MINUTE; t < minutes; t++) {
    for (const rule of rules) {
      const from = Math.max(0, t + 1 - rule.windowMinutes);
      const failed = (errors[t + 1] ?? 0) - (errors[from] ?? 0);
      const total = failed + (goods[t + 1] ?? 0) - (goods[from] ?? 0);
      if (total >= POLICY.minEvents && failed >= rule.budgetFraction * budget) return t;
    }
  }
  return undefined;
}

export function groundTruth(counts: GroupCounts, objectivePercent: number): GroundTruth {
  const errors = prefixSums(counts.errors);
  const goods = prefixSums(counts.good);
  const warmupMinutes = WARMUP_DAYS * MINUTES_PER_DAY;
  const warmupEvents = (errors[warmupMinutes] ?? 0) + (goods[warmupMinutes] ?? 0);
  const budgetEvents = (1 - objectivePercent / 100) * (warmupEvents / WARMUP_DAYS) * 30;
  const pageDueAt = firstBreach(errors, goods, budgetEvents, POLICY.page);
  const ticketDueAt = firstBreach(errors, goods, budgetEvents, POLICY.ticket);
  const scoredErrors = (errors[errors.length - 1] ?? 0) - (errors[SCORED_FROM_MINUTE] ?? 0);
  const expected: Tier = pageDueAt !== undefined ? 'page' : ticketDueAt !== undefined ? 'ticket' : 'quiet';
  return { budgetEvents, budgetBurned: scoredErrors / budgetEvents, expected, pageDueAt, ticketDueAt };
}
