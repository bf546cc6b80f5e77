/** SLO windows: rolling whole days or calendar periods in a real time zone. */
import type { SloWindow } from '../model/slo.js';
import type { WindowInput } from '../sdk/types.js';
import type { ProblemSink } from './problem.js';

const MAX_ROLLING_DAYS = 400;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkWindow(input: WindowInput | undefined, sink: ProblemSink): SloWindow | undefined {
  if (input === undefined) return { kind: 'rolling', days: 30 };
  if (typeof input === 'string') {
    const match = /^(\d+)d$/.exec(input);
    const days = match ? Number(match[1]) : NaN;
    if (!match || days < 1 || days > MAX_ROLLING_DAYS) {
      sink.error('window', 'window', `must be whole days between 1d and ${MAX_ROLLING_DAYS}d such as "30d", or { calendar: "month" }, got ${JSON.stringify(input)}`);
      return undefined;
    }
    if (days > 35) {
      sink.warning('window-retention', 'window', `a ${days}d window needs at least ${days}d of Prometheus retention for the recorded series`);
    }
    return { kind: 'rolling', days };
  }
  let ok = true;
  if (input.calendar !== 'month' && input.calendar !== 'week') {
    sink.error('window-calendar', 'window.calendar', `must be "month" or "week", got ${JSON.stringify(input.calendar)}`);
    ok = false;
  }
  const timeZone = input.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    sink.error('window-timezone', 'window.timeZone', `must be an IANA time zone such as "Europe/Berlin", got ${JSON.stringify(timeZone)}`);
    ok = false;
  }
  return ok ? { kind: 'calendar', unit: input.calendar as 'month' | 'week', timeZone } : undefined;
}
