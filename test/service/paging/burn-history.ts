/**
 * Recorded count series for one SLO with a known incident, as the generated rules would record them:
 * five-minute good/total counts per slot over 30 days, and every other alert window as the exact sum of
 * its slots, sampled at each slot end of the last day. Ground truth is arithmetic over the same slots.
 */
import { RECORDED } from '../../../src/core/conventions/metrics.js';
import { parseDurationMs } from '../../../src/core/model/duration.js';
import type { BackfillSeries } from '../support/backfill.js';

export const SLOT_SECONDS = 300;
export const EVENTS_PER_SLOT = 10_000;
const BASELINE_BAD = 2;

export interface Incident {
  /** Unix seconds; slots ending in (from, to] have this share of bad events. */
  from: number;
  to: number;
  badShare: number;
}

export interface BurnHistory {
  series: BackfillSeries[];
  /** Exact bad and total events of the slots ending in (at − seconds, at]. */
  truth(atSeconds: number, seconds: number): { bad: number; total: number };
}

export function burnHistory(sloId: string, windows: readonly string[], endSeconds: number, incident: Incident): BurnHistory {
  const lastSlot = endSeconds / SLOT_SECONDS;
  const bad = (slot: number) => (slot * SLOT_SECONDS > incident.from && slot * SLOT_SECONDS <= incident.to ? Math.round(EVENTS_PER_SLOT * incident.badShare) : BASELINE_BAD);
  const truth = (atSeconds: number, seconds: number) => {
    const last = Math.floor(atSeconds / SLOT_SECONDS);
    let errors = 0;
    for (let s = last - seconds / SLOT_SECONDS + 1; s <= last; s++) errors += bad(s);
    return { bad: errors, total: (seconds / SLOT_SECONDS) * EVENTS_PER_SLOT };
  };
  const series: BackfillSeries[] = [];
  for (const window of windows) {
    const seconds = (parseDurationMs(window) ?? 0) / 1000;
    // The 5m counts feed the whole-window (30d) query; the other windows are read at evaluation times only.
    const slots = window === '5m' ? 30 * 288 : 288;
    const times = Array.from({ length: slots }, (_, i) => (lastSlot - slots + 1 + i) * SLOT_SECONDS);
    const counts = times.map((t) => ({ t, ...truth(t, seconds) }));
    const labels = { slo: sloId, window };
    series.push({ name: RECORDED.goodEvents, labels, samples: counts.map((c) => [c.t, c.total - c.bad]) });
    series.push({ name: RECORDED.totalEvents, labels, samples: counts.map((c) => [c.t, c.total]) });
  }
  return { series, truth };
}
