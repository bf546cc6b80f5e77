/** One SLO group's budget at `now`, from the counts the collectors returned. Pure: no clock, no I/O. */
import { parseDurationMs } from '../../core/model/duration.js';
import { errorBudgetRatio, objectiveRatio, type Slo } from '../../core/model/slo.js';
import { budgetOf, burnRateOf, errorRatio, secondsToExhaustion, sliRatio } from './budget-maths.js';
import { burnRateWindows, type BurnRateWindow } from '../../core/windows/burn-rate-windows.js';
import { mergeClusters } from './merge-clusters.js';
import type { BudgetSnapshot, EventCounts, SloObservation } from './types.js';
import { windowBounds } from './window-bounds.js';

/** The SLO's recorded windows plus any other duration-keyed window the collectors reported, shortest first. */
function reportedWindows(slo: Pick<Slo, 'window'>, observed: Record<string, EventCounts>): BurnRateWindow[] {
  const windows = burnRateWindows(slo);
  for (const key of Object.keys(observed)) {
    const ms = parseDurationMs(key);
    if (ms !== undefined && ms > 0 && !windows.some((w) => w.window === key)) windows.push({ window: key, ms });
  }
  return windows.sort((a, b) => a.ms - b.ms);
}

export function computeSnapshot(slo: Slo, observation: SloObservation, now: Date): BudgetSnapshot {
  const budgetRatio = errorBudgetRatio(slo);
  const bounds = windowBounds(slo.window, now);
  const merged = mergeClusters(observation.clusters);
  // No cluster answered: the budget maths run on zero, but the counts are reported unknown, not zero.
  const counts = merged.window ?? { good: 0, total: 0 };
  const known = merged.window !== null;
  const noData = counts.total <= 0;

  const burnRates = reportedWindows(slo, merged.alertWindows).map(({ window }) => {
    const windowCounts = merged.alertWindows[window];
    const reading = { window, errorRatio: windowCounts ? errorRatio(windowCounts) : null, burnRate: burnRateOf(windowCounts, budgetRatio) };
    return windowCounts ? { ...reading, totalEvents: windowCounts.total } : reading;
  });
  const budget = budgetOf(counts, budgetRatio, bounds.seconds, slo.timeSlices?.sliceSeconds);
  // The fastest signal decides the forecast: the SLO's shortest recorded window (5m).
  const shortest = burnRates.find((r) => r.window === burnRateWindows(slo)[0]?.window);

  return {
    sloId: observation.sloId,
    group: { ...observation.group },
    at: new Date(now.getTime()),
    objectiveRatio: objectiveRatio(slo),
    windowStart: bounds.start,
    windowSeconds: bounds.seconds,
    ...(slo.window.kind === 'calendar' ? { periodStart: bounds.start } : {}),
    goodEvents: known ? counts.good : null,
    totalEvents: known ? counts.total : null,
    sli: sliRatio(counts),
    budget,
    burnRates,
    secondsToExhaustion: noData ? null : secondsToExhaustion(budget.remainingRatio, shortest?.burnRate ?? null, bounds.seconds),
    status: noData ? 'no-data' : merged.degraded ? 'partial' : 'ok',
    clusters: merged.clusters,
  };
}
