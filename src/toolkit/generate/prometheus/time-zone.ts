/**
 * UTC offsets of IANA zones, from Intl only. Prometheus has no time zones, so the calendar rules carry a zone's
 * offsets as a step function of time over a bounded horizon (see calendar-offsets.ts); outside it they use the
 * zone's standard offset.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** UTC offset of a zone at an instant, in seconds. */
export function offsetAt(timeZone: string, utcMs: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(utcMs / 1000) * 1000) / 1000);
}

/** Standard UTC offset of a zone in seconds in a year (the smaller of its January and July offsets). */
export function standardOffsetSeconds(timeZone: string, year = 2025): number {
  const january = offsetAt(timeZone, Date.UTC(year, 0, 15));
  const july = offsetAt(timeZone, Date.UTC(year, 6, 15));
  return Math.min(january, july);
}

/** A change of a zone's UTC offset: from `atMs` on, the offset is `offset` seconds. */
export interface OffsetChange {
  atMs: number;
  offset: number;
}

const SCAN_STEP_MS = 86_400_000;

/**
 * The offset changes of a zone in [fromMs, toMs), to the second, scanning a day at a time (zones do not change
 * their offset twice within a day) and bisecting each change.
 */
export function offsetChanges(timeZone: string, fromMs: number, toMs: number): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let previous = offsetAt(timeZone, fromMs);
  for (let start = fromMs; start < toMs; start += SCAN_STEP_MS) {
    const end = Math.min(start + SCAN_STEP_MS, toMs);
    const offset = offsetAt(timeZone, end);
    if (offset === previous) continue;
    // The offset is `previous` at lo and not at hi: narrow down to the first second of the new offset.
    let lo = start;
    let hi = end;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(timeZone, mid) === previous) lo = mid;
      else hi = mid;
    }
    if (hi < toMs) changes.push({ atMs: hi, offset });
    previous = offset;
  }
  return changes;
}
