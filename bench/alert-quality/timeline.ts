/** The shared timeline of the alert-quality scenarios: three healthy warm-up days, then four days of incidents. */

/** 2026-01-05T00:00:00Z, a Monday: fixed so every run sees the same series. */
export const T0_SECONDS = 1_767_571_200;
export const MINUTES_PER_DAY = 1440;
export const WARMUP_DAYS = 3;
export const TOTAL_DAYS = 7;
export const TOTAL_MINUTES = TOTAL_DAYS * MINUTES_PER_DAY;
/** First minute that is scored: every alert window (up to 3d) is full of history from here on. */
export const SCORED_FROM_MINUTE = WARMUP_DAYS * MINUTES_PER_DAY;
/** Scrapes land half a minute after rule evaluations, as they would with unaligned scrape and rule intervals. */
export const SCRAPE_OFFSET_SECONDS = 30;

/** Minute of day 3 (the first scored day) at hh:mm. */
export function day3(hours: number, minutes = 0): number {
  return SCORED_FROM_MINUTE + hours * 60 + minutes;
}

export function sampleTime(minute: number): number {
  return T0_SECONDS + minute * 60 + SCRAPE_OFFSET_SECONDS;
}

export function minuteOf(timeSeconds: number): number {
  return (timeSeconds - T0_SECONDS) / 60;
}

/** Deterministic noise in [-1, 1) from a seed and a minute (no clock, no Math.random). */
export function noise(seed: string, minute: number): number {
  let h = 2166136261;
  for (const c of `${seed}:${minute}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 31 - 1;
}

/** Requests per minute: steady, with ±10% noise. */
export function flat(perMinute: number): (minute: number, seed: string) => number {
  return (minute, seed) => perMinute * (1 + 0.1 * noise(seed, minute));
}

/** Requests per minute following a day: 0.2× the mean at 03:00 UTC, 1.8× at 15:00, ±10% noise. */
export function diurnal(meanPerMinute: number): (minute: number, seed: string) => number {
  return (minute, seed) => {
    const hour = (minute % MINUTES_PER_DAY) / 60;
    return meanPerMinute * (1 - 0.8 * Math.cos((2 * Math.PI * (hour - 3)) / 24)) * (1 + 0.1 * noise(seed, minute));
  };
}
