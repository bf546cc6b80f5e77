/**
 * How each window's event counts are obtained, so rules, dashboards and the service agree on one source.
 * Only a few windows are recorded: the five-minute base, the fast tiers' long windows (1h and 1d for a
 * 30-day SLO) and the slow ticket window when three daily counts make it (3d); up to an hour from the raw
 * series, 1d from the five-minute counts, 3d from the daily ones. Every other window is the sum of
 * back-to-back copies of a shorter recorded window read at offsets, composed where it is read (the SLO
 * window: ten 3d counts). A window no recorded window divides (28m for a 28-day SLO) is recorded from the
 * raw series. Tiles are exact: the sum of twelve five-minute counts ending 0, 5, ..., 55 minutes ago is the
 * hour's count, so a failure enters every window the moment it enters the five-minute count, as it does in
 * raw `rate(...[1h])` rules.
 */
import type { Slo } from '../model/slo.js';
import { BASE_WINDOW_MS, recordedWindowsMs, sloAlertWindows, type AlertWindow } from './alert-windows.js';

/** More tiles than this and a window is recorded instead of composed where it is read. */
export const MAX_TILES = 30;

/** Tiles recorded in the slow group (interval {@link SLOW_GROUP_INTERVAL_MS}) lag by at most that interval. */
export const SLOW_GROUP_INTERVAL_MS = 5 * 60_000;

export type CountSource =
  | { kind: 'raw' }
  /** The mean of the recorded five-minute counts over the window, times the number of five-minute slots. */
  | { kind: 'average' }
  /** The sum of `count` back-to-back copies of a recorded averaged window (3d from three 1d counts). */
  | { kind: 'tiles'; tileMs: number; count: number };

export interface RecordedCountWindow {
  windowMs: number;
  source: CountSource;
  /** Recorded in the slow group: read only by ticket alerts and the whole window, which may lag minutes. */
  slow: boolean;
}

/** How a window is read: its own recorded series, or `count` copies of the recorded `tileMs` window at offsets. */
export type WindowSource = { recorded: true } | { recorded: false; tileMs: number; count: number };

export interface CountWindowPlan {
  /** Recorded windows in the order they must be evaluated. */
  recorded: readonly RecordedCountWindow[];
  /** How every alert window is read. */
  sources: ReadonlyMap<number, WindowSource>;
}

function largestDividingTile(windowMs: number, tiles: readonly number[]): number | undefined {
  return [...tiles].sort((a, b) => b - a).find((tile) => tile < windowMs && windowMs % tile === 0 && windowMs / tile <= MAX_TILES);
}

/** The windows worth recording as tiles: the base and each tier's fast long window. */
function tileCandidates(windows: readonly AlertWindow[]): number[] {
  const fastLong = windows.filter((w) => w.speed === 'fast').map((w) => w.longWindowMs);
  return [...new Set([BASE_WINDOW_MS, ...fastLong])].sort((a, b) => a - b);
}

/**
 * Whether `windowMs` is a ticket tier's long window. Those are recorded too when a few copies of a recorded daily
 * count make them (3d of a 30-day SLO is three 1d counts): the 3d window is a tenth of the SLO window, so the
 * whole window sums ten tiles instead of thirty, and the ticket alert reads one series instead of three.
 */
function isTicketLongWindow(windowMs: number, windows: readonly AlertWindow[]): boolean {
  return windows.some((w) => w.tier === 'ticket' && w.longWindowMs === windowMs);
}

/** Tiles of tiles are kept short: each costs one lookup per evaluation, and a missing one loses its whole length. */
const MAX_TILES_OF_TILES = 3;

/**
 * Recorded windows up to an hour read the raw series (cheap at that length): the page-fast pair is then
 * exactly what raw-rate rules compute, and the hourly tiles stay right whatever the evaluation interval.
 * Longer ones (1d) average the five-minute counts recorded every evaluation: every event is counted in
 * five overlapping counts, so the extrapolation of each `increase()` at its edges averages out, and the
 * SLO window summed from them is as exact as the average over the whole window (thirty times cheaper).
 */
const RAW_UP_TO_MS = 3_600_000;

/**
 * Up to an hour: the raw series. Longer: the sum of a few copies of a shorter averaged window when one divides
 * it (3d = three 1d counts, exact because the copies are back to back), else the average of the five-minute counts.
 */
function recordedWindow(windowMs: number, recorded: readonly RecordedCountWindow[]): RecordedCountWindow {
  if (windowMs <= RAW_UP_TO_MS) return { windowMs, source: { kind: 'raw' }, slow: false };
  const averaged = recorded.filter((r) => r.source.kind === 'average').map((r) => r.windowMs);
  const tileMs = [...averaged].sort((a, b) => b - a).find((tile) => windowMs % tile === 0 && windowMs / tile <= MAX_TILES_OF_TILES);
  const source: CountSource = tileMs === undefined ? { kind: 'average' } : { kind: 'tiles', tileMs, count: windowMs / tileMs };
  return { windowMs, source, slow: false };
}

/** Shared between callers: read only (the recorded entries are frozen; the sources map is never changed after planning). */
const plans = new WeakMap<readonly AlertWindow[], Map<string, CountWindowPlan>>();

/**
 * The plan for an SLO's alert windows. `extraMs` (the calendar step) are recorded as well, after the rest,
 * and never used as tiles, so the alert windows are read the same way with or without them: the service
 * and the dashboards plan without the calendar step and still read only what the rules record.
 */
export function countWindowPlan(windows: readonly AlertWindow[], extraMs: readonly number[] = []): CountWindowPlan {
  // Keyed by the list: sloAlertWindows hands every SLO of a period the same one, so a run plans each period once.
  const byExtras = plans.get(windows) ?? new Map<string, CountWindowPlan>();
  plans.set(windows, byExtras);
  const key = extraMs.join(',');
  let plan = byExtras.get(key);
  if (plan === undefined) {
    plan = planWindows(windows, extraMs);
    for (const entry of plan.recorded) Object.freeze(entry);
    for (const source of plan.sources.values()) Object.freeze(source);
    Object.freeze(plan.recorded);
    byExtras.set(key, plan);
  }
  return plan;
}

function planWindows(windows: readonly AlertWindow[], extraMs: readonly number[]): CountWindowPlan {
  const candidates = tileCandidates(windows);
  const pageWindows = new Set(windows.filter((w) => w.tier === 'page').flatMap((w) => [w.longWindowMs, w.shortWindowMs]));
  const recorded: RecordedCountWindow[] = [];
  const sources = new Map<number, WindowSource>();
  const recordedMs = (): number[] => recorded.map((r) => r.windowMs);
  const wanted = [...new Set([...recordedWindowsMs(windows), ...candidates])].sort((a, b) => a - b);
  for (const windowMs of wanted) {
    const tile = largestDividingTile(windowMs, recordedMs());
    const entry = recordedWindow(windowMs, recorded);
    // Averaged over days, a ticket window would cost more than the tiles it replaces: only tiles of tiles pay.
    const worthRecording = candidates.includes(windowMs) || (entry.source.kind === 'tiles' && isTicketLongWindow(windowMs, windows));
    if (!worthRecording && tile !== undefined) {
      sources.set(windowMs, { recorded: false, tileMs: tile, count: windowMs / tile });
      continue;
    }
    recorded.push(entry);
    sources.set(windowMs, { recorded: true });
  }
  for (const windowMs of extraMs) {
    if (recorded.some((r) => r.windowMs === windowMs)) continue;
    recorded.push(recordedWindow(windowMs, recorded));
  }
  markSlowTiles(recorded, sources, pageWindows, extraMs);
  return { recorded, sources };
}

/** Recorded windows no page window reads (itself or as its tile), other than the base and the extras, go to the slow group. */
function markSlowTiles(recorded: RecordedCountWindow[], sources: ReadonlyMap<number, WindowSource>, pageWindows: ReadonlySet<number>, extraMs: readonly number[]): void {
  const readByPages = [...pageWindows].map((windowMs) => {
    const source = sources.get(windowMs);
    return source && !source.recorded ? source.tileMs : windowMs;
  });
  const fast = new Set([...readByPages, ...extraMs, BASE_WINDOW_MS]);
  for (const entry of recorded) entry.slow = !fast.has(entry.windowMs);
}

/** How to read a window of any length from the plan: recorded, or composed from the largest dividing tile. */
export function composeWindow(plan: CountWindowPlan, windowMs: number): WindowSource | undefined {
  const known = plan.sources.get(windowMs);
  if (known) return known;
  const tile = largestDividingTile(windowMs, [...plan.sources].filter(([, source]) => source.recorded).map(([ms]) => ms));
  return tile === undefined ? undefined : { recorded: false, tileMs: tile, count: windowMs / tile };
}

/** The plan of the SLO's alert windows, without the calendar step: what the service and dashboards read. */
export function alertCountPlan(slo: Pick<Slo, 'window'>): CountWindowPlan {
  return countWindowPlan(sloAlertWindows(slo));
}

export interface ComposedWindow {
  windowMs: number;
  tileMs: number;
  count: number;
}

/** The SLO's alert windows the rules do not record: each read as `count` tiles of `tileMs`, longest first. */
export function composedAlertWindows(slo: Pick<Slo, 'window'>): ComposedWindow[] {
  return [...alertCountPlan(slo).sources]
    .flatMap(([windowMs, source]) => (source.recorded ? [] : [{ windowMs, tileMs: source.tileMs, count: source.count }]))
    .sort((a, b) => b.windowMs - a.windowMs);
}
