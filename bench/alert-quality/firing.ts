/** When an alert fires, read from a range query of its expression at every rule evaluation. */
import type { Series } from '../lib/prom-api.js';
import { minuteOf } from './timeline.js';

/** Minutes since T0; `end` is the evaluation at which the alert is resolved again. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Steps at which the expression returned a sample, joined into intervals, held back by `for` and held on
 * by `keep_firing_for` (a firing alert whose expression returns again within that time never resolved).
 */
export function firingIntervals(series: Series, stepSeconds: number, forSeconds: number, keepFiringForSeconds = 0): Interval[] {
  const step = stepSeconds / 60;
  const intervals: Interval[] = [];
  for (const [t] of series.values) {
    const minute = minuteOf(t);
    const last = intervals[intervals.length - 1];
    if (last && minute - (last.end - step) <= step + 1e-9) last.end = minute + step;
    else intervals.push({ start: minute, end: minute + step });
  }
  const hold = forSeconds / 60;
  const keep = keepFiringForSeconds / 60;
  const firing = intervals.filter((i) => i.end - i.start > hold).map((i) => ({ start: i.start + hold, end: i.end + keep }));
  return mergeIntervals(firing);
}

export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}
