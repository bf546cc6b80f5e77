/** Where an SLO window starts at `now`, and how long it is. Pure: no clock. */
import type { Slo, SloWindow } from '../../core/model/slo.js';
import { calendarPeriod } from './calendar-period.js';

const DAY_SECONDS = 86_400;

export interface WindowBounds {
  start: Date;
  /**
   * Rolling: the whole window (days × 86400). Calendar: the ELAPSED part of the current period, because the
   * collectors' counts cover only the period so far; budgets and traffic rates are relative to those counts.
   */
  seconds: number;
}

export function windowBounds(window: SloWindow, now: Date): WindowBounds {
  if (window.kind === 'rolling') {
    const seconds = window.days * DAY_SECONDS;
    return { start: new Date(now.getTime() - seconds * 1000), seconds };
  }
  const { start } = calendarPeriod(window, now);
  return { start, seconds: (now.getTime() - start.getTime()) / 1000 };
}

/**
 * The range, in whole seconds, collectors query for the whole-window counts (e.g. `increase(x[<n>s])`).
 * Rolling: days × 86400. Calendar: seconds since the period start, rounded down so the range never reaches
 * back into the previous period, and at least 1 because PromQL ranges must be positive.
 */
export function windowRangeSeconds(slo: Pick<Slo, 'window'>, now: Date): number {
  const { seconds } = windowBounds(slo.window, now);
  return Math.max(1, Math.floor(seconds));
}
