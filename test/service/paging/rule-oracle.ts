/**
 * An independent reading of the generated Prometheus page alert: its `or`-ed pairs, each a list of
 * `1 - good / total > (factor * (1 - objective))` conditions over a recorded window or one summed from tiles,
 * with a `(total >= n)` guard on the divisor of one of them, evaluated in integer arithmetic on bad/total
 * counts. Tests compare the paging policy with it.
 */
import { sloRuleGroups } from '../../../src/toolkit/generate/prometheus/rule-groups.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { TIER_LABEL } from '../../../src/core/conventions/metrics.js';
import { formatDuration, parseDurationMs } from '../../../src/core/model/duration.js';
import { alertComparisons } from '../../support/alert-comparisons.js';

export interface OraclePair {
  conditions: { window: string; factor: number }[];
  guard?: { window: string; minEvents: number };
}

export function pageRuleExpr(slo: Slo): string {
  const rule = sloRuleGroups(slo)
    .flatMap((g) => g.rules)
    .find((r) => 'alert' in r && r.labels?.[TIER_LABEL] === 'page');
  if (!rule) throw new Error(`${slo.id} has no page rule`);
  return (rule as { expr: string }).expr;
}

function windowOf(read: { tile: string; tiles: number }): string {
  return read.tiles > 1 ? formatDuration((parseDurationMs(read.tile) ?? NaN) * read.tiles) : read.tile;
}

export function pageRulePairs(slo: Slo): OraclePair[] {
  return pageRuleExpr(slo)
    .split('\nor\n')
    .map((pair) => {
      const comparisons = alertComparisons(pair);
      const conditions = comparisons.map((c) => ({ window: windowOf(c), factor: c.factor }));
      const guarded = comparisons.filter((c) => c.minEvents !== undefined);
      if (guarded.length > 1) throw new Error(`more than one guarded window in ${pair}`);
      const [guard] = guarded;
      return { conditions, ...(guard ? { guard: { window: windowOf(guard), minEvents: guard.minEvents! } } : {}) };
    });
}

/** bad/total > factor × budget with budget = 1/budgetDenominator, factors with at most one decimal, exactly. */
export function exceeds(counts: { bad: number; total: number }, factor: number, budgetDenominator: number): boolean {
  return counts.bad * budgetDenominator * 10 > Math.round(factor * 10) * counts.total;
}

export function isTie(counts: { bad: number; total: number }, factor: number, budgetDenominator: number): boolean {
  return counts.bad * budgetDenominator * 10 === Math.round(factor * 10) * counts.total;
}

export function ruleFires(pairs: readonly OraclePair[], windows: Record<string, { bad: number; total: number }>, budgetDenominator: number): boolean {
  return pairs.some(
    (p) =>
      p.conditions.every((c) => windows[c.window] !== undefined && exceeds(windows[c.window]!, c.factor, budgetDenominator)) &&
      (!p.guard || (windows[p.guard.window]?.total ?? 0) >= p.guard.minEvents),
  );
}
