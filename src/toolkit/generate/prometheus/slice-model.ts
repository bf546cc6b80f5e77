/**
 * What the rules of a time-slice SLO see, slice by slice: slice i covers [i·S, (i+1)·S) and is judged at
 * (i+1)·S. A window's counts at time t are the slices judged in (t − window, t]. Burn alerts are modelled
 * from the same pair conditions the rules render (core/windows/pair-conditions.ts), with a slice that the
 * two Prometheus lines may judge differently counted against the check.
 */
import { errorBudgetRatio, type Slo } from '../../../core/model/slo.js';
import type { SliceState } from '../../../core/synthetic/slice-series.js';
import { pairConditions } from '../../../core/windows/pair-conditions.js';
import type { AlertWindow } from '../../../core/windows/alert-windows.js';

/** Threshold comparisons closer than this are left unchecked: float rounding may tip them either way. */
const TIE = 1e-9;

export interface SliceTimeline {
  sliceMs: number;
  states: SliceState[];
  /**
   * Gauges: the sample on a slice's first boundary belongs to the slice before it, and Prometheus 2 counts it
   * (its ranges are closed), 3 does not; a slice after a change of state is then judged differently.
   */
  gauge: boolean;
}

interface WindowCounts {
  total: number;
  /** Bad slices for certain, and bad slices if every doubtful one went bad. */
  minBad: number;
  maxBad: number;
}

function doubtful(timeline: SliceTimeline, i: number): boolean {
  return timeline.gauge && i > 0 && timeline.states[i - 1] !== timeline.states[i];
}

/** Counts of the slices judged in (t − windowMs, t]. */
export function windowCounts(timeline: SliceTimeline, tMs: number, windowMs: number): WindowCounts {
  const counts = { total: 0, minBad: 0, maxBad: 0 };
  timeline.states.forEach((state, i) => {
    const judgedAt = (i + 1) * timeline.sliceMs;
    if (judgedAt > tMs || judgedAt <= tMs - windowMs) return;
    counts.total++;
    if (state === 'bad') counts.minBad++;
    if (state === 'bad' || doubtful(timeline, i)) counts.maxBad++;
  });
  return counts;
}

type Verdict = 'fires' | 'silent' | 'unknown';

function pairVerdict(slo: Slo, pair: AlertWindow, timeline: SliceTimeline, tMs: number): Verdict {
  const budget = errorBudgetRatio(slo);
  const { ratios, guard } = pairConditions(slo, pair);
  let surelyAll = true;
  for (const { windowMs, factor } of ratios) {
    const counts = windowCounts(timeline, tMs, windowMs);
    if (counts.total === 0) return 'silent';
    const threshold = factor * budget;
    if (counts.maxBad / counts.total < threshold * (1 - TIE)) return 'silent';
    if (!(counts.minBad / counts.total > threshold * (1 + TIE))) surelyAll = false;
  }
  if (guard && windowCounts(timeline, tMs, guard.windowMs).total < guard.minEvents) return 'silent';
  return surelyAll ? 'fires' : 'unknown';
}

/** The alert of these pairs at time t: fires if any pair surely fires, silent if every pair surely is. */
export function alertVerdict(slo: Slo, pairs: readonly AlertWindow[], timeline: SliceTimeline, tMs: number): Verdict {
  const verdicts = pairs.map((pair) => pairVerdict(slo, pair, timeline, tMs));
  if (verdicts.includes('fires')) return 'fires';
  return verdicts.every((v) => v === 'silent') ? 'silent' : 'unknown';
}
