/**
 * Whether an SLO group's page condition holds, from one budget snapshot. The conditions come from core's
 * pairConditions(), as the rules' do, so the service pages on exactly what the generated Prometheus page alert
 * fires on: for some page pair, every listed window's error ratio above factor × (1 − objective) (the long
 * and short windows, and for slow pairs the 5m window at half the factor), and the long window holding
 * at least minEvents events. Pure.
 */
import type { BudgetSnapshot, BurnRateReading } from '../engine/types.js';
import { pairConditions } from '../../core/windows/pair-conditions.js';
import { sloAlertWindows } from '../../core/windows/alert-windows.js';
import { formatDuration } from '../../core/model/duration.js';
import type { Slo } from '../../core/model/slo.js';

export interface WindowCondition {
  window: string;
  factor: number;
  reading: BurnRateReading | undefined;
  above: boolean;
}

export interface PairReading {
  speed: string;
  longWindow: string;
  shortWindow: string;
  factor: number;
  conditions: WindowCondition[];
  /** Every condition above its factor and the long window has enough events. */
  burning: boolean;
  /** Above the factors, but the long window has fewer than minEvents events. */
  belowMinEvents: boolean;
  /** Every window the pair reads had events: the pair could tell burning from healthy. */
  measured: boolean;
}

/**
 * burning: some pair fires. clear: no pair fires and some pair was fully measured. no-data: nothing could
 * be measured, which is neither burning nor healthy.
 */
export interface PageCondition {
  state: 'burning' | 'clear' | 'no-data';
  pairs: PairReading[];
}

export type PagingSlo = Slo;

/** The rule's threshold as an error ratio, computed as PromQL computes `(14.4 * (1 - 0.999))`. */
export function errorRatioThreshold(factor: number, objectiveRatio: number): number {
  return factor * (1 - objectiveRatio);
}

function hasRatio(reading: BurnRateReading | undefined): reading is BurnRateReading & { errorRatio: number } {
  return reading !== undefined && reading.errorRatio !== null;
}

export function pageCondition(slo: PagingSlo, snapshot: BudgetSnapshot): PageCondition {
  const byWindow = new Map(snapshot.burnRates.map((r) => [r.window, r]));
  const pairs = sloAlertWindows(slo)
    .filter((w) => w.tier === 'page')
    .map((w): PairReading => {
      const { ratios, guard } = pairConditions(slo, w);
      const conditions = ratios.map(({ windowMs, factor }): WindowCondition => {
        const window = formatDuration(windowMs);
        const reading = byWindow.get(window);
        return { window, factor, reading, above: hasRatio(reading) && reading.errorRatio > errorRatioThreshold(factor, snapshot.objectiveRatio) };
      });
      const hot = conditions.every((c) => c.above);
      const events = guard ? byWindow.get(formatDuration(guard.windowMs))?.totalEvents : undefined;
      // Counts missing from a reading cannot prove the guard, so they do not hold a page back.
      const belowMinEvents = hot && guard !== undefined && events !== undefined && events < guard.minEvents;
      return {
        speed: w.speed,
        longWindow: formatDuration(w.longWindowMs),
        shortWindow: formatDuration(w.shortWindowMs),
        factor: w.factor,
        conditions,
        burning: hot && !belowMinEvents,
        belowMinEvents,
        measured: conditions.every((c) => hasRatio(c.reading)),
      };
    });
  if (snapshot.status === 'no-data') return { state: 'no-data', pairs };
  if (pairs.some((p) => p.burning)) return { state: 'burning', pairs };
  return { state: pairs.some((p) => p.measured) ? 'clear' : 'no-data', pairs };
}
