/**
 * PromQL over the whole SLO window, traffic-weighted and cheap: sums of recorded counts.
 * Rolling windows average the five-minute counts; calendar windows sum the counts of the
 * current period with a subquery whose steps tile the period without overlap.
 */
import { RECORDED } from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo, SloWindow } from '../../../core/model/slo.js';
import { BASE_WINDOW_MS } from '../../../core/windows/alert-windows.js';
import { series } from '../../../core/promql/promql-text.js';
import { windowCountText } from '../../../core/promql/window-count-text.js';
import type { CountWindowPlan } from '../../../core/windows/count-windows.js';
import { standardOffsetSeconds } from './time-zone.js';

const DAY_MS = 86_400_000;
const WEEK_SECONDS = 604_800;
/** 1970-01-01 was a Thursday: shift three days so weeks start on Monday. */
const MONDAY_SHIFT_SECONDS = 3 * 86_400;

/** Milliseconds of the longest stretch the window can cover. */
export function windowRangeMs(window: SloWindow): number {
  if (window.kind === 'rolling') return window.days * DAY_MS;
  return window.unit === 'month' ? 31 * DAY_MS : 7 * DAY_MS;
}

function shifted(expr: string, offsetSeconds: number): string {
  if (offsetSeconds === 0) return expr;
  return offsetSeconds > 0 ? `${expr} + ${offsetSeconds}` : `${expr} - ${-offsetSeconds}`;
}

/**
 * UTC seconds at which the current period began, from the evaluation time in the zone's standard time.
 * Computed once per evaluation (`@ end()`), so each subquery step only compares its own time with it.
 */
function periodStartSeconds(window: Extract<SloWindow, { kind: 'calendar' }>): string {
  const offset = standardOffsetSeconds(window.timeZone);
  const local = `(${shifted('time()', offset)})`;
  const start =
    window.unit === 'month'
      ? `${local} - ${local} % 86400 - (day_of_month(vector(${local})) - 1) * 86400`
      : `floor(vector((${local} + ${MONDAY_SHIFT_SECONDS}) / ${WEEK_SECONDS})) * ${WEEK_SECONDS} - ${MONDAY_SHIFT_SECONDS}`;
  return `last_over_time((${shifted(start, -offset)})[1m:1m] @ end())`;
}

/** True (non-empty) at subquery steps whose counted stretch starts inside the current period. */
function inCurrentPeriod(window: Extract<SloWindow, { kind: 'calendar' }>, stepSeconds: number): string {
  return `vector(time() - ${stepSeconds}) >= on() ${periodStartSeconds(window)}`;
}

/** Steps a calendar period may be summed in, longest (cheapest) first. */
const CALENDAR_STEPS_MS = [3_600_000, 1_800_000, 900_000];

/**
 * Calendar periods are summed from recorded counts of this step. Subquery steps are aligned to UTC,
 * so the step must divide the zone's offset for the steps to tile the period without straddling its start.
 */
export function calendarStepMs(window: SloWindow): number | undefined {
  if (window.kind !== 'calendar') return undefined;
  const offsetMs = standardOffsetSeconds(window.timeZone) * 1000;
  return CALENDAR_STEPS_MS.find((step) => offsetMs % step === 0) ?? BASE_WINDOW_MS;
}

/**
 * Count of events over the whole window from the recorded counts (the calendar step's must be recorded).
 * Rolling windows are tiles of the longest recorded count (30 days: thirty 1d counts); a window no
 * recorded count divides averages the five-minute counts.
 */
export function windowCount(slo: Slo, metric: string, plan: CountWindowPlan): string {
  const { window } = slo;
  if (window.kind === 'rolling') {
    const rangeMs = windowRangeMs(window);
    const tiled = windowCountText(plan, rangeMs, (tileMs) => series(metric, slo.id, tileMs));
    if (tiled !== undefined) return tiled;
    const slots = rangeMs / BASE_WINDOW_MS;
    return `avg_over_time(${series(metric, slo.id, BASE_WINDOW_MS)}[${formatDuration(rangeMs)}]) * ${slots}`;
  }
  const stepMs = calendarStepMs(window) ?? BASE_WINDOW_MS;
  const step = formatDuration(stepMs);
  const condition = inCurrentPeriod(window, stepMs / 1000);
  return `sum_over_time((${series(metric, slo.id, stepMs)} and on() (${condition}))[${formatDuration(windowRangeMs(window))}:${step}])`;
}

/** Length of the current window in seconds: constant for rolling windows, the current month's for calendar. */
export function windowSecondsExpr(window: SloWindow): string {
  if (window.kind === 'rolling') return `vector(${window.days * 86_400})`;
  if (window.unit === 'week') return `vector(${WEEK_SECONDS})`;
  return `days_in_month(vector(${shifted('time()', standardOffsetSeconds(window.timeZone))})) * 86400`;
}

/** Error ratio over the whole window for raw SLIs: a time average of the five-minute ratio. */
export function rawWindowErrorRatio(slo: Slo): string {
  return `avg_over_time(${series(RECORDED.errorRatio, slo.id, BASE_WINDOW_MS)}[${formatDuration(windowRangeMs(slo.window))}])`;
}
