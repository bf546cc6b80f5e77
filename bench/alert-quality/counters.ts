/**
 * Turns a group's traffic into integer counters sampled once a minute, and keeps the exact per-minute
 * event counts the ground truth is computed from.
 */
import type { GroupSpec } from './scenario-types.js';
import { TOTAL_MINUTES } from './timeline.js';

export interface GroupCounts {
  /** Good and failed requests that happened in each minute. */
  good: Int32Array;
  errors: Int32Array;
  /** Whether the target was scraped in that minute. */
  present: Uint8Array;
  /** Counter values at each minute's scrape (after that minute's events), restarting after an absence. */
  goodCounter: Float64Array;
  errorCounter: Float64Array;
}

function errorRatioAt(group: GroupSpec, minute: number): number {
  const incident = group.incidents.find((i) => minute >= i.start && minute < i.end);
  return incident ? incident.errorRatio : group.backgroundErrorRatio;
}

export function groupCounts(group: GroupSpec, seed: string, minutes = TOTAL_MINUTES): GroupCounts {
  const counts: GroupCounts = {
    good: new Int32Array(minutes),
    errors: new Int32Array(minutes),
    present: new Uint8Array(minutes),
    goodCounter: new Float64Array(minutes),
    errorCounter: new Float64Array(minutes),
  };
  const failures = new Set(group.failuresAt ?? []);
  let cumGood = 0;
  let cumErrors = 0;
  let base = { good: 0, errors: 0 };
  for (let m = 0; m < minutes; m++) {
    const absent = group.absent && m >= group.absent.start && m < group.absent.end;
    if (absent) {
      // Nothing is served while the target is gone; it comes back as a fresh process with counters at zero.
      base = { good: Math.floor(cumGood), errors: Math.floor(cumErrors) };
      continue;
    }
    const requests = group.requestsPerMinute(m, seed);
    const ratio = errorRatioAt(group, m);
    const goodBefore = Math.floor(cumGood);
    const errorsBefore = Math.floor(cumErrors);
    cumGood += requests * (1 - ratio);
    cumErrors += requests * ratio + (failures.has(m) ? 1 : 0);
    counts.good[m] = Math.floor(cumGood) - goodBefore;
    counts.errors[m] = Math.floor(cumErrors) - errorsBefore;
    counts.present[m] = 1;
    counts.goodCounter[m] = Math.floor(cumGood) - base.good;
    counts.errorCounter[m] = Math.floor(cumErrors) - base.errors;
  }
  return counts;
}
