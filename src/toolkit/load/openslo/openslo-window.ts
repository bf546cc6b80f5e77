/**
 * OpenSLO timeWindow as a Burnrate window: rolling whole days ("28d", "4w", "720h"), or a calendar month
 * ("1M") or ISO week ("1w") starting at midnight on the 1st / on a Monday in the given time zone.
 */
import type { WindowInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import type { TimeWindow } from './openslo-schema.js';

const SHORTHAND = /^(\d+)([mhdwMQY])$/;
const START_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

function rollingDays(count: number, unit: string, field: string, sink: ProblemSink): number | undefined {
  if (unit === 'd') return count;
  if (unit === 'w') return count * 7;
  if (unit === 'h' && count % 24 === 0) return count / 24;
  const why = unit === 'M' || unit === 'Q' || unit === 'Y' ? 'months, quarters and years vary in length' : 'Burnrate windows are whole days';
  sink.error('window-duration', field, `a rolling window must be whole days such as "28d" or "4w" (${why}); for a calendar period use isRolling: false with calendar`);
  return undefined;
}

function checkStartTime(startTime: string, unit: 'month' | 'week', field: string, sink: ProblemSink): boolean {
  const match = START_TIME.exec(startTime.trim());
  if (!match) {
    sink.error('window-start-time', field, `must be a date and time such as "2024-01-01 00:00:00", got ${JSON.stringify(startTime)}`);
    return false;
  }
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const weekday = new Date(Date.UTC(year as number, (month as number) - 1, day as number)).getUTCDay();
  const midnight = hour === 0 && minute === 0 && (second ?? 0) === 0;
  const aligned = unit === 'month' ? day === 1 : weekday === 1;
  if (!midnight || !aligned) {
    const expected = unit === 'month' ? 'midnight on the 1st of a month' : 'midnight on a Monday';
    sink.error('window-start-time', field, `Burnrate calendar periods start at ${expected} (in calendar.timeZone), got ${JSON.stringify(startTime)}`);
    return false;
  }
  return true;
}

/** Undefined with no problem means "no timeWindow": the Burnrate default (30d) applies. */
export function timeWindowToInput(windows: readonly TimeWindow[] | undefined, sink: ProblemSink): WindowInput | undefined | null {
  if (windows === undefined) return undefined;
  if (windows.length !== 1) {
    sink.error('window-count', 'spec.timeWindow', `must hold exactly one time window, got ${windows.length}`);
    return null;
  }
  const window = windows[0] as TimeWindow;
  const field = 'spec.timeWindow[0]';
  const rolling = window.isRolling ?? window.calendar === undefined;
  if (rolling && window.calendar) {
    sink.error('window-calendar', `${field}.calendar`, 'cannot be set when isRolling is true');
    return null;
  }
  if (!rolling && !window.calendar) {
    sink.error('window-calendar', `${field}.calendar`, 'is required when isRolling is false');
    return null;
  }
  const match = SHORTHAND.exec(window.duration.trim());
  if (!match) {
    sink.error('window-duration', `${field}.duration`, `must be a duration shorthand such as "30d", "4w" or "1M", got ${JSON.stringify(window.duration)}`);
    return null;
  }
  const count = Number(match[1]);
  const unit = match[2] as string;
  if (rolling) {
    const days = rollingDays(count, unit, `${field}.duration`, sink);
    return days === undefined ? null : `${days}d`;
  }
  const calendarUnit = count === 1 && unit === 'M' ? 'month' : count === 1 && unit === 'w' ? 'week' : undefined;
  if (!calendarUnit) {
    sink.error('window-calendar-duration', `${field}.duration`, `Burnrate calendar windows are one month ("1M") or one week ("1w"), got ${JSON.stringify(window.duration)}`);
    return null;
  }
  const calendar = window.calendar ?? {};
  if (calendar.startTime !== undefined && !checkStartTime(calendar.startTime, calendarUnit, `${field}.calendar.startTime`, sink)) return null;
  return { calendar: calendarUnit, timeZone: calendar.timeZone ?? 'UTC' };
}
