/**
 * What the calendar rules need to place a period boundary exactly in the SLO's time zone, DST included, as step
 * functions of the evaluation time that PromQL can compute with `time() >= bool <instant>` terms:
 *
 * - `offset`: the zone's UTC offset, so `time() + offset` is the local wall time and its month or week floor is the
 *   local period start;
 * - `startCorrection`: the offset now minus the offset the period started with, so that
 *   `time() + startCorrection - (local time since the period start)` is the period start as an instant;
 * - `lengthCorrection`: the seconds the current period is longer (or shorter) than its whole local days.
 *
 * The zone's real offsets are used over a bounded horizon around the generation time (from January 1 of the
 * previous year to January 1 `HORIZON_YEARS_AHEAD + 1` years on, with a month of margin either side); outside
 * it the rules use the zone's standard offset, as if it had no daylight saving time. Regenerating extends it.
 * Period starts follow the Burnrate service (Luxon's `startOf`): a local midnight that does not exist (a DST
 * gap) starts the period at the end of the gap.
 */
import type { SloWindow } from '../../../core/model/slo.js';
import { offsetAt, offsetChanges, standardOffsetSeconds } from './time-zone.js';

export type CalendarWindow = Extract<SloWindow, { kind: 'calendar' }>;

export const HORIZON_YEARS_AHEAD = 5;
const MARGIN_SECONDS = 32 * 86_400;
const DAY_SECONDS = 86_400;
const WEEK_SECONDS = 604_800;
/** 1970-01-01 was a Thursday: shift three days so weeks start on Monday. */
export const MONDAY_SHIFT_SECONDS = 3 * DAY_SECONDS;

/** Where the rules follow the zone's real offsets: [fromMs, toMs), in whole UTC years. */
export interface Horizon {
  fromMs: number;
  toMs: number;
  /** The year standard offsets are taken from (the generation year). */
  year: number;
}

export function horizonAt(now: Date): Horizon {
  const year = now.getUTCFullYear();
  return { fromMs: Date.UTC(year - 1, 0, 1), toMs: Date.UTC(year + HORIZON_YEARS_AHEAD + 1, 0, 1), year };
}

let generationTime: Date | undefined;

/**
 * Runs `generate` with `now` as the generation time, which places the horizon. Generation is synchronous, so
 * the setting cannot leak into another generation; outside one, the horizon is around the current time.
 */
export function withGenerationTime<T>(now: Date, generate: () => T): T {
  const previous = generationTime;
  generationTime = now;
  try {
    return generate();
  } finally {
    generationTime = previous;
  }
}

export function generationHorizon(): Horizon {
  return horizonAt(generationTime ?? new Date());
}

/** A value that starts at `initial` and becomes `value` from each step's `at` (UTC seconds) on. */
export interface StepFunction {
  initial: number;
  steps: { at: number; value: number }[];
}

export interface CalendarTerms {
  offset: StepFunction;
  startCorrection: StepFunction;
  lengthCorrection: StepFunction;
  /** Every UTC offset the rules may use for this zone, in seconds. */
  offsets: number[];
}

/** The offsets the rules assume: real inside the horizon (plus margins), standard outside. */
interface ZoneModel {
  /** Ascending; the first starts at -Infinity. */
  segments: { from: number; offset: number }[];
}

function zoneModel(timeZone: string, horizon: Horizon): ZoneModel {
  const standard = standardOffsetSeconds(timeZone, horizon.year);
  const fromS = horizon.fromMs / 1000 - MARGIN_SECONDS;
  const toS = horizon.toMs / 1000 + MARGIN_SECONDS;
  const raw = [
    { from: -Infinity, offset: standard },
    { from: fromS, offset: offsetAt(timeZone, fromS * 1000) },
    ...offsetChanges(timeZone, fromS * 1000, toS * 1000).map((c) => ({ from: c.atMs / 1000, offset: c.offset })),
    { from: toS, offset: standard },
  ];
  const segments: ZoneModel['segments'] = [];
  for (const s of raw) if (segments.at(-1)?.offset !== s.offset) segments.push(s);
  return { segments };
}

function offsetOf(model: ZoneModel, t: number): number {
  let offset = model.segments[0]?.offset ?? 0;
  for (const s of model.segments) {
    if (s.from > t) break;
    offset = s.offset;
  }
  return offset;
}

/** Local wall time (as seconds since 1970 on a UTC clock) of the start of the period holding `wall`. */
export function periodFloor(unit: CalendarWindow['unit'], wall: number): number {
  if (unit === 'week') return wall - (((wall + MONDAY_SHIFT_SECONDS) % WEEK_SECONDS) + WEEK_SECONDS) % WEEK_SECONDS;
  const date = new Date(wall * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
}

function nextPeriod(unit: CalendarWindow['unit'], start: number): number {
  if (unit === 'week') return start + WEEK_SECONDS;
  const date = new Date(start * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000;
}

/**
 * The instant of local wall time `wall`, guessing offset `guess` first, as Luxon does: an ambiguous time takes
 * the guess when it fits, a time in a DST gap moves forward by the gap.
 */
function instantOf(model: ZoneModel, wall: number, guess: number): number {
  let utc = wall - guess;
  const o2 = offsetOf(model, utc);
  if (o2 === guess) return utc;
  utc -= o2 - guess;
  const o3 = offsetOf(model, utc);
  if (o2 === o3) return utc;
  return wall - Math.min(o2, o3);
}

/** The period holding instant `t` under the model, as the rules compute it. */
function periodAt(model: ZoneModel, unit: CalendarWindow['unit'], t: number) {
  const offset = offsetOf(model, t);
  const wallStart = periodFloor(unit, t + offset);
  const start = instantOf(model, wallStart, offset);
  const wallEnd = nextPeriod(unit, wallStart);
  const end = instantOf(model, wallEnd, offsetOf(model, start));
  return { offset, wallStart, start, wallEnd, end };
}

function stepFunction(at: readonly number[], value: (t: number) => number, before: number): StepFunction {
  const initial = value(before);
  const steps: StepFunction['steps'] = [];
  let current = initial;
  for (const t of at) {
    const v = value(t);
    if (v !== current) steps.push({ at: t, value: v });
    current = v;
  }
  return { initial, steps };
}

const cache = new Map<string, CalendarTerms>();

export function calendarTerms(window: CalendarWindow, horizon: Horizon): CalendarTerms {
  const key = `${window.timeZone}|${window.unit}|${horizon.fromMs}|${horizon.toMs}|${horizon.year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const model = zoneModel(window.timeZone, horizon);
  const offsets = [...new Set(model.segments.map((s) => s.offset))].sort((a, b) => a - b);
  // Between these instants neither the offset nor the local period changes, so neither do the corrections.
  const finite = model.segments.filter((s) => Number.isFinite(s.from)).map((s) => s.from);
  const first = (finite[0] ?? horizon.fromMs / 1000) - 2 * MARGIN_SECONDS;
  const last = (finite.at(-1) ?? horizon.toMs / 1000) + 2 * MARGIN_SECONDS;
  const points = new Set(finite);
  for (let wall = periodFloor(window.unit, first); wall <= last; wall = nextPeriod(window.unit, wall)) {
    for (const offset of offsets) points.add(wall - offset);
  }
  const at = [...points].filter((t) => t >= first && t <= last).sort((a, b) => a - b);
  const startCorrection = (t: number) => {
    const p = periodAt(model, window.unit, t);
    return p.offset - (p.wallStart - p.start);
  };
  const lengthCorrection = (t: number) => {
    const p = periodAt(model, window.unit, t);
    return p.end - p.start - (p.wallEnd - p.wallStart);
  };
  const terms: CalendarTerms = {
    offset: { initial: model.segments[0]?.offset ?? 0, steps: model.segments.slice(1).map((s) => ({ at: s.from, value: s.offset })) },
    startCorrection: stepFunction(at, startCorrection, first - 1),
    lengthCorrection: stepFunction(at, lengthCorrection, first - 1),
    offsets,
  };
  cache.set(key, terms);
  return terms;
}

/** A step function's value at `t` (UTC seconds). */
export function stepValue(f: StepFunction, t: number): number {
  let value = f.initial;
  for (const s of f.steps) {
    if (s.at > t) break;
    value = s.value;
  }
  return value;
}

/** PromQL scalar text of a step function of `time()`: `a + (time() >= bool t1) * d1 - ...`. */
export function stepFunctionText(f: StepFunction): string {
  let text = f.steps.length === 0 || f.initial !== 0 ? String(f.initial) : '';
  let previous = f.initial;
  for (const s of f.steps) {
    const delta = s.value - previous;
    previous = s.value;
    const term = `(time() >= bool ${s.at})${Math.abs(delta) === 1 ? '' : ` * ${Math.abs(delta)}`}`;
    text = text === '' ? (delta < 0 ? `-${term}` : term) : `${text} ${delta < 0 ? '-' : '+'} ${term}`;
  }
  return text;
}
