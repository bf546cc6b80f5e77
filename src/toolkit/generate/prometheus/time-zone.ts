/**
 * Prometheus has no time zones, so calendar periods shift by the zone's standard UTC offset.
 * The standard (winter) offset keeps generated rules stable all year; during daylight saving the
 * rules' period boundary is one hour off, while the service computes exact calendar budgets.
 */
function offsetAt(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - utcMs) / 1000);
}

/** Standard UTC offset of a zone in seconds (the smaller of its January and July offsets). */
export function standardOffsetSeconds(timeZone: string): number {
  const january = offsetAt(timeZone, Date.UTC(2025, 0, 15));
  const july = offsetAt(timeZone, Date.UTC(2025, 6, 15));
  return Math.min(january, july);
}
