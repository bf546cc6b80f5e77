/**
 * PromQL over the whole SLO window, traffic-weighted and cheap: sums of recorded counts.
 * Rolling windows average the five-minute counts; calendar windows sum the counts of the
 * current period with a subquery whose steps tile the period without overlap.
 */
import { RECORDED, WINDOW_LABEL } from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo, SloWindow } from '../../../core/model/slo.js';
import { BASE_WINDOW_MS } from '../../../core/windows/alert-windows.js';
import { averageRange, series } from '../../../core/promql/promql-text.js';
import { windowCountText } from '../../../core/promql/window-count-text.js';
import type { CountWindowPlan } from '../../../core/windows/count-windows.js';
import { calendarTerms, generationHorizon, MONDAY_SHIFT_SECONDS, stepFunctionText, type CalendarTerms, type CalendarWindow, type StepFunction } from './calendar-offsets.js';

const DAY_MS = 86_400_000;
const WEEK_SECONDS = 604_800;

/** Milliseconds of the longest stretch the window can cover. */
export function windowRangeMs(window: SloWindow): number {
  if (window.kind === 'rolling') return window.days * DAY_MS;
  return window.unit === 'month' ? 31 * DAY_MS : 7 * DAY_MS;
}

function terms(window: CalendarWindow): CalendarTerms {
  return calendarTerms(window, generationHorizon());
}

/** `expr + f`, written as `expr - ...` when f starts negative, and as `expr` when f is 0. */
function plus(expr: string, f: StepFunction): string {
  const text = stepFunctionText(f);
  if (text === '0') return expr;
  return text.startsWith('-') ? `${expr} - ${text.slice(1)}` : `${expr} + ${text}`;
}

/** `(time() + <offset>)`: the local wall time, as seconds on a UTC clock. */
function localTime(window: CalendarWindow): string {
  const local = plus('time()', terms(window).offset);
  return local === 'time()' ? local : `(${local})`;
}

/** Local seconds since the period started: since local midnight of the 1st, or of Monday. */
function localElapsed(window: CalendarWindow): string {
  const local = localTime(window);
  return window.unit === 'month'
    ? `${local} % 86400 + (day_of_month(vector(${local})) - 1) * 86400`
    : `vector((${local} + ${MONDAY_SHIFT_SECONDS}) % ${WEEK_SECONDS})`;
}

/** `last_over_time(vector(...)[1m:1m] @ end())`: a value computed once per evaluation, at its time (to the minute). */
function atEvaluation(expr: string): string {
  return `last_over_time((${expr})[1m:1m] @ end())`;
}

/**
 * UTC seconds at which the current period began: the local time since the period start taken from the
 * evaluation time, corrected by how much the offset changed since (DST). Computed once per evaluation
 * (`@ end()`), so each subquery step only compares its own time with it.
 */
function periodStartSeconds(window: CalendarWindow): string {
  return atEvaluation(`${plus('time()', terms(window).startCorrection)} - (${localElapsed(window)})`);
}

/** True (non-empty) at subquery steps whose counted stretch starts inside the current period. */
function inCurrentPeriod(window: CalendarWindow, stepSeconds: number): string {
  return `vector(time() - ${stepSeconds}) >= on() ${periodStartSeconds(window)}`;
}

/** True (non-empty) at five-minute steps after the last whole calendar step. */
function afterLastStep(stepSeconds: number): string {
  const base = BASE_WINDOW_MS / 1000;
  return `vector(time() - ${base}) >= on() ${atEvaluation(`vector(time() - time() % ${stepSeconds})`)}`;
}

/** Steps a calendar period may be summed in, longest (cheapest) first. */
const CALENDAR_STEPS_MS = [3_600_000, 1_800_000, 900_000];

/**
 * Calendar periods are summed from recorded counts of this step. Subquery steps are aligned to UTC, so the
 * step must divide every offset the zone's rules use (DST included) for the steps to tile the period without
 * straddling its start.
 */
export function calendarStepMs(window: SloWindow): number | undefined {
  if (window.kind !== 'calendar') return undefined;
  const offsetsMs = terms(window).offsets.map((o) => o * 1000);
  return CALENDAR_STEPS_MS.find((step) => offsetsMs.every((o) => o % step === 0)) ?? BASE_WINDOW_MS;
}

/**
 * Count of events over the whole window from the recorded counts (the calendar step's must be recorded).
 * Rolling windows are tiles of the longest recorded count (30 days: ten 3d counts); a window no
 * recorded count divides averages the five-minute counts. Calendar: the whole steps since the period
 * start, plus the five-minute counts since the last whole step, plus zero, so the count exists from the
 * first evaluation of a period and trails it by at most five minutes.
 */
export function windowCount(slo: Slo, metric: string, plan: CountWindowPlan): string {
  const { window } = slo;
  const base = series(metric, slo.id, BASE_WINDOW_MS);
  if (window.kind === 'rolling') {
    const rangeMs = windowRangeMs(window);
    const tiled = windowCountText(plan, rangeMs, (tileMs) => series(metric, slo.id, tileMs));
    if (tiled !== undefined) return tiled;
    const slots = rangeMs / BASE_WINDOW_MS;
    return `avg_over_time(${base}${averageRange(rangeMs)}) * ${slots}`;
  }
  const stepMs = calendarStepMs(window) ?? BASE_WINDOW_MS;
  const step = formatDuration(stepMs);
  const whole = `sum_over_time((${series(metric, slo.id, stepMs)} and on() (${inCurrentPeriod(window, stepMs / 1000)}))[${formatDuration(windowRangeMs(window))}:${step}])`;
  const parts = [whole];
  if (stepMs !== BASE_WINDOW_MS) parts.push(`sum_over_time((${base} and on() (${afterLastStep(stepMs / 1000)}))[${step}:${formatDuration(BASE_WINDOW_MS)}])`);
  parts.push(`${base} * 0`);
  // The parts differ in their window label, so `or` keeps the whole steps and the tail (or its zero) apart.
  return `sum without (${WINDOW_LABEL}) (${parts.join(' or ')})`;
}

/**
 * Length of the current window in seconds: constant for rolling windows, the current local period's for
 * calendar windows (an hour shorter or longer when the period holds a DST change).
 */
export function windowSecondsExpr(window: SloWindow): string {
  if (window.kind === 'rolling') return `vector(${window.days * 86_400})`;
  const length = terms(window).lengthCorrection;
  if (window.unit === 'week') return `vector(${plus(String(WEEK_SECONDS), length)})`;
  return plus(`days_in_month(vector(${localTime(window)})) * 86400`, length);
}

/** Error ratio over the whole window for raw SLIs: a time average of the five-minute ratio. */
export function rawWindowErrorRatio(slo: Slo): string {
  return `avg_over_time(${series(RECORDED.errorRatio, slo.id, BASE_WINDOW_MS)}${averageRange(windowRangeMs(slo.window))})`;
}
