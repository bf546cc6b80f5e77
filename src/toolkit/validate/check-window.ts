/** SLO windows: rolling whole days or calendar periods in a real time zone. */
import type { SloWindow } from '../../core/model/slo.js';
import type { WindowInput } from '../sdk/types.js';
import { closestName } from '../../core/diagnostics/closest-name.js';
import { didYouMean, windowHint } from './hints.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

const MAX_ROLLING_DAYS = 400;
/** Longer windows need more Prometheus retention than most servers keep. */
const RETENTION_WARNING_DAYS = 35;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkTimeZone(timeZone: string, sink: ProblemSink): boolean {
  if (!isValidTimeZone(timeZone)) {
    const zones = Intl.supportedValuesOf('timeZone');
    const hint = closestName(timeZone, zones) ?? zones.find((z) => z.toLowerCase().endsWith(`/${timeZone.toLowerCase().replace(/ /g, '_')}`));
    sink.error('window-timezone', 'window.timeZone', `must be an IANA time zone such as "Europe/Berlin", got ${JSON.stringify(timeZone)}${didYouMean(hint && `"${hint}"`)}`);
    return false;
  }
  // Abbreviations such as "CET" or "EST" resolve to some region's rules, rarely the one meant.
  if (!timeZone.includes('/') && !/^(UTC|GMT|Etc\/.*)$/i.test(timeZone)) {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    sink.warning('window-timezone-abbreviation', 'window.timeZone', `"${timeZone}" is an abbreviation (it resolves to ${resolved}); name the region, e.g. "Europe/Berlin", so the period starts where you expect`);
  }
  return true;
}

export function checkWindow(input: WindowInput | undefined, sink: ProblemSink): SloWindow | undefined {
  if (input === undefined) return { kind: 'rolling', days: 30 };
  if (typeof input === 'string') {
    const match = /^(\d+)d$/.exec(input);
    const days = match ? Number(match[1]) : NaN;
    if (!match || days < 1 || days > MAX_ROLLING_DAYS) {
      sink.error('window', 'window', `must be whole days from 1d to ${MAX_ROLLING_DAYS}d such as "30d", or { calendar: "month" }, got ${JSON.stringify(input)}${didYouMean(match ? undefined : windowHint(input))}`);
      return undefined;
    }
    if (days > RETENTION_WARNING_DAYS) {
      sink.warning('window-retention', 'window', `a ${days}d window needs at least ${days}d of Prometheus retention for the recorded series`);
    }
    return { kind: 'rolling', days };
  }
  let ok = true;
  if (input.calendar !== 'month' && input.calendar !== 'week') {
    const hint = closestName(String(input.calendar).replace(/ly$/, ''), ['month', 'week']);
    sink.error('window-calendar', 'window.calendar', `must be "month" or "week", got ${JSON.stringify(input.calendar)}${didYouMean(hint && `"${hint}"`)}`);
    ok = false;
  }
  const timeZone = input.timeZone ?? 'UTC';
  ok = checkTimeZone(timeZone, sink) && ok;
  return ok ? { kind: 'calendar', unit: input.calendar as 'month' | 'week', timeZone } : undefined;
}
