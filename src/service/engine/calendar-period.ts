/** Calendar periods (month, ISO week starting Monday) in the SLO's IANA time zone. Pure: `now` is a parameter. */
import { DateTime } from 'luxon';
import type { SloWindow } from '../../core/model/slo.js';

export type CalendarWindow = Extract<SloWindow, { kind: 'calendar' }>;

export interface CalendarPeriod {
  /** Local midnight on the 1st (month) or on Monday (week), as an instant. */
  start: Date;
  /** Start of the next period (exclusive). */
  end: Date;
}

export function calendarPeriod(window: Pick<CalendarWindow, 'unit' | 'timeZone'>, now: Date): CalendarPeriod {
  const local = DateTime.fromJSDate(now, { zone: window.timeZone });
  if (!local.isValid) throw new Error(`calendar window: invalid time zone ${JSON.stringify(window.timeZone)} or instant`);
  // luxon's startOf('week') is the ISO week (Monday); plus() with calendar units keeps local wall time across DST.
  const start = local.startOf(window.unit);
  const end = start.plus(window.unit === 'month' ? { months: 1 } : { weeks: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}
