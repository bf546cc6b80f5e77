/**
 * What one burn-rate pair of an SLO requires. The rule generator renders it into PromQL, the promtool
 * scenarios model it, and the service's paging evaluates it on budget snapshots: one definition, so the
 * three cannot drift apart.
 */
import { roundRatio, type Slo } from '../model/slo.js';
import { hasEventCounts } from '../sli/sli-kinds.js';
import { BASE_WINDOW_MS, type AlertWindow } from './alert-windows.js';

/**
 * A page fires only while the base (5m) window still burns at least this share of the pair's factor, so it
 * resolves minutes after recovery instead of when a 30m short window drains (bench/alert-quality: 34m -> 9m).
 * Half the factor keeps single background errors from re-paging while the long windows drain.
 */
const STILL_BURNING_SHARE = 0.5;

/** Every error ratio above its factor × budget, and enough events in the long window for the guard. */
export interface PairConditions {
  ratios: { windowMs: number; factor: number }[];
  /** On the long window, which is always one of the ratios: the rules filter its total where it divides. */
  guard?: { windowMs: number; minEvents: number };
}

export function pairConditions(slo: Slo, pair: AlertWindow): PairConditions {
  const ratios = [
    { windowMs: pair.longWindowMs, factor: pair.factor },
    { windowMs: pair.shortWindowMs, factor: pair.factor },
  ];
  if (pair.tier === 'page' && pair.shortWindowMs > BASE_WINDOW_MS) {
    ratios.push({ windowMs: BASE_WINDOW_MS, factor: roundRatio(pair.factor * STILL_BURNING_SHARE) });
  }
  const guarded = slo.alerting.minEvents > 0 && hasEventCounts(slo.sli);
  return { ratios, ...(guarded ? { guard: { windowMs: pair.longWindowMs, minEvents: slo.alerting.minEvents } } : {}) };
}
