/** Time-slice budgeting: a slice length that divides every window, a per-slice target in range. */
import { formatDuration, parseDurationMs } from '../../core/model/duration.js';
import type { Sli, SloWindow, TimeSlices } from '../../core/model/slo.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';
import { alertingPeriodMs, sloAlertWindows } from '../../core/windows/alert-windows.js';
import type { TimeSlicesInput } from '../sdk/types.js';
import { didYouMean, durationHint } from './hints.js';

/** Shorter slices hold too few scrapes to judge. */
const MIN_SLICE_MS = 10_000;

/** Slices to suggest when the given one does not fit, longest first. */
const SUGGESTED_SLICES_MS = [60_000, 30_000, 10_000];

/** Every window a slice must divide: each alert window and the SLO's period. */
function windowsToDivide(window: SloWindow): number[] {
  const alertWindows = sloAlertWindows({ window }).flatMap((w) => [w.shortWindowMs, w.longWindowMs]);
  return [...new Set([...alertWindows, alertingPeriodMs(window)])].sort((a, b) => a - b);
}

function checkSlice(text: string, window: SloWindow | undefined, sink: ProblemSink): number | undefined {
  const ms = parseDurationMs(text);
  if (ms === undefined || ms < MIN_SLICE_MS || ms % 1000 !== 0) {
    const hint = ms === undefined ? durationHint(text) : undefined;
    sink.error('time-slice-length', 'timeSlices.slice', `must be whole seconds, at least ${formatDuration(MIN_SLICE_MS)}, such as "1m" or "5m", got ${JSON.stringify(text)}${didYouMean(hint && `"${hint}"`)}`);
    return undefined;
  }
  if (!window) return ms;
  const windows = windowsToDivide(window);
  const undivided = windows.filter((w) => w % ms !== 0);
  if (undivided.length > 0) {
    // Windows scale with the SLO window, so 1m does not divide them all (33d gives a 5m30s window).
    const fits = SUGGESTED_SLICES_MS.find((slice) => windows.every((w) => w % slice === 0));
    const hint = fits === undefined ? '' : ` (${formatDuration(fits)} does)`;
    sink.error('time-slice-divides', 'timeSlices.slice', `must divide every alert window and the SLO window, so each holds whole slices; ${text} does not divide ${undivided.map(formatDuration).join(', ')}${hint}`);
    return undefined;
  }
  return ms;
}

export function checkTimeSlices(input: TimeSlicesInput | undefined, sli: Sli | undefined, window: SloWindow | undefined, sink: ProblemSink): { ok: boolean; timeSlices?: TimeSlices } {
  if (input === undefined) {
    if (sli?.kind !== 'threshold') return { ok: true };
    sink.error('threshold-needs-time-slices', 'sli', 'a threshold SLI judges time slices: add timeSlices: { slice: "1m" }');
    return { ok: false };
  }
  const sliceMs = checkSlice(input.slice, window, sink);
  let ok = sliceMs !== undefined;
  const target = input.target;
  if (target !== undefined) {
    if (sli?.kind === 'threshold') {
      sink.error('time-slice-target', 'timeSlices.target', 'a threshold SLI judges each slice by its value; leave "target" out');
      ok = false;
    } else if (!(target > 0 && target <= 1)) {
      const hint = target > 1 && target < 100 ? ` (did you mean ${Number((target / 100).toPrecision(12))}?)` : '';
      sink.error('time-slice-target', 'timeSlices.target', `must be a ratio above 0 and at most 1 such as 0.99, got ${target}${hint}`);
      ok = false;
    }
  }
  if (!ok || sliceMs === undefined) return { ok: false };
  return { ok: true, timeSlices: { sliceSeconds: sliceMs / 1000, ...(target !== undefined ? { sliceTarget: target } : {}) } };
}

/**
 * The low-traffic guard of a time-slice SLO counts judged slices: by default half the slices of the shortest
 * long alert window (30 of the hour's 1-minute slices), so a night with two judged slices cannot page.
 */
export function defaultSliceMinEvents(window: SloWindow, sliceSeconds: number): number {
  const shortestLong = Math.min(...sloAlertWindows({ window }).map((w) => w.longWindowMs));
  return Math.max(1, Math.floor(shortestLong / (sliceSeconds * 1000) / 2));
}
