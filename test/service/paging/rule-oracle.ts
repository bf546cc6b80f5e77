/**
 * An independent reading of the generated Prometheus page alert: its `or`-ed pairs, each a list of
 * `1 - good / total > (factor * (1 - objective))` conditions over a recorded window or one summed from tiles,
 * and a `total_events{window} >= n` guard,
 * evaluated in integer arithmetic on bad/total counts. Tests compare the paging policy with it.
 */
import { sloRuleGroups } from '../../../src/toolkit/generate/prometheus/rule-groups.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { TIER_LABEL } from '../../../src/core/conventions/metrics.js';
import { formatDuration, parseDurationMs } from '../../../src/core/model/duration.js';

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

/** The window one comparison reads: its recorded label, or its tile times the number of tiles summed. */
function windowRead(reads: string): string {
  const totals = reads.slice(reads.lastIndexOf('burnrate:slo_good_events'));
  const tile = /window="([^"]+)"/.exec(totals)?.[1] ?? '?';
  const tiles = (totals.match(/burnrate:slo_total_events/g) ?? []).length;
  return tiles > 1 ? formatDuration((parseDurationMs(tile) ?? NaN) * tiles) : tile;
}

export function pageRulePairs(slo: Slo): OraclePair[] {
  return pageRuleExpr(slo)
    .split('\nor\n')
    .map((pair) => {
      const parts = pair.split(/> \((\d+(?:\.\d+)?) \* \(1 - [\d.]+\)\)/);
      const conditions: OraclePair['conditions'] = [];
      for (let i = 1; i < parts.length; i += 2) conditions.push({ window: windowRead(parts[i - 1] ?? ''), factor: Number(parts[i]) });
      // What follows the last comparison: the guard on the long window's total, if any.
      const rest = parts.at(-1) ?? '';
      const guard = /\s>= (\d+)\s*\)?\s*$/.exec(rest);
      return { conditions, ...(guard ? { guard: { window: windowRead(`burnrate:slo_good_events ${rest}`), minEvents: Number(guard[1]) } } : {}) };
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
