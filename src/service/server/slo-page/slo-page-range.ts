/**
 * The time range an SLO page shows (?range=): a fixed span back from now, or "window" for the SLO's own
 * budget window (a calendar SLO: from its current period's start). Anything else is a 400, not a guess.
 */
import type { CatalogSlo } from '../../catalog/load-catalog.js';
import { calendarPeriod } from '../../engine/calendar-period.js';
import { ApiError } from '../error-body.js';

const DAY_MS = 86_400_000;
export const RANGES = { '1d': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const;
export type RangeName = keyof typeof RANGES | 'window';
export const RANGE_NAMES: readonly RangeName[] = ['1d', '7d', '30d', 'window'];
export const DEFAULT_RANGE: RangeName = '7d';

export interface PageRange {
  name: RangeName;
  from: Date;
  to: Date;
}

export function isRangeName(text: string): text is RangeName {
  return (RANGE_NAMES as readonly string[]).includes(text);
}

export function pageRange(text: string | undefined, slo: CatalogSlo, now: Date, maxRangeMs: number): PageRange {
  const name = text ?? DEFAULT_RANGE;
  if (!isRangeName(name)) {
    throw new ApiError(400, 'BAD_REQUEST', `range: expected one of ${RANGE_NAMES.join(', ')}, got "${name}"`, { parameter: 'range', allowed: RANGE_NAMES });
  }
  const from = name === 'window' ? windowStart(slo, now) : new Date(now.getTime() - RANGES[name]);
  // The history API refuses longer spans; the page follows the same limit rather than reading more.
  const bounded = new Date(Math.max(from.getTime(), now.getTime() - maxRangeMs));
  return { name, from: bounded, to: now };
}

function windowStart(slo: CatalogSlo, now: Date): Date {
  if (slo.window.kind === 'calendar') return calendarPeriod(slo.window, now).start;
  return new Date(now.getTime() - slo.window.days * DAY_MS);
}
