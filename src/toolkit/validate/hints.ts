/** "Did you mean" hints for common slips in durations and names. */

const UNITS: [RegExp, string][] = [
  [/^(ms|msecs?|millis(econds?)?)$/i, 'ms'],
  [/^(s|secs?|seconds?)$/i, 's'],
  [/^(m|mins?|minutes?)$/i, 'm'],
  [/^(h|hrs?|hours?)$/i, 'h'],
  [/^(d|days?)$/i, 'd'],
  [/^(w|wks?|weeks?)$/i, 'w'],
];

/** "30 days" → "30d", "10 minutes" → "10m", "300 MS" → "300ms"; undefined when nothing obvious fits. */
export function durationHint(text: string): string | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\.?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS.find(([pattern]) => pattern.test(match[2] ?? ''))?.[1];
  const hint = unit ? `${match[1]}${unit}` : undefined;
  return hint !== text ? hint : undefined;
}

/** A window hint: whole days for "4w" or "720h", the calendar form for "month". */
export function windowHint(text: string): string | undefined {
  if (/^\s*(1\s*)?(calendar\s*)?months?(ly)?\s*$/i.test(text)) return '{ calendar: "month" }';
  const duration = durationHint(text) ?? text;
  const match = /^(\d+)([hdw])$/.exec(duration);
  if (!match) return undefined;
  const count = Number(match[1]);
  const days = match[2] === 'w' ? count * 7 : match[2] === 'h' ? count / 24 : count;
  return Number.isInteger(days) && days >= 1 && `${days}d` !== text ? `"${days}d"` : undefined;
}

/** "Availability", "api_latency", "apiLatency" → "availability", "api-latency", "api-latency". */
export function nameHint(name: string): string | undefined {
  const hint = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return hint !== name && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(hint) ? hint : undefined;
}

/** `; did you mean X?` or nothing. */
export function didYouMean(hint: string | undefined): string {
  return hint ? `; did you mean ${hint}?` : '';
}
