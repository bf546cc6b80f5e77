/**
 * OpenSLO budgeting methods as Burnrate time slices. Occurrences counts events (no slices); Timeslices
 * judges each slice of `timeSliceWindow` good when its ratio reaches `timeSliceTarget`; RatioTimeslices
 * counts each slice as its own ratio. A thresholdMetric judges each slice once by its value, so it has no
 * per-slice target: Timeslices with timeSliceTarget 1 (or none) and RatioTimeslices both mean exactly that.
 * The slice length itself (dividing every alert window) is checked by the shared validation.
 */
import type { Duration, TimeSlicesInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseDurationMs } from '../../../core/model/duration.js';
import type { Objective } from './openslo-schema.js';

export const BUDGETING_METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'] as const;
export type BudgetingMethod = (typeof BUDGETING_METHODS)[number];

export function readBudgetingMethod(text: string, sink: ProblemSink): BudgetingMethod | undefined {
  const method = BUDGETING_METHODS.find((m) => m === text);
  if (!method) sink.error('budgeting-method', 'spec.budgetingMethod', `must be one of ${BUDGETING_METHODS.join(', ')}, got ${JSON.stringify(text)}`);
  return method;
}

/** What an indicator needs of a time-slice budget: the slice length, when it reads as one. Absent: Occurrences. */
export interface SliceBudget {
  sliceMs?: number;
}

export function sliceBudget(method: BudgetingMethod | undefined, objective: Objective | undefined): SliceBudget | undefined {
  if (method === undefined || method === 'Occurrences') return undefined;
  const window = objective?.timeSliceWindow;
  const ms = typeof window === 'number' ? window * 60_000 : window === undefined ? undefined : parseDurationMs(window.trim());
  return ms === undefined ? {} : { sliceMs: ms };
}

/** OpenSLO allows a number for the slice length, in minutes. */
function sliceText(window: string | number, field: string, sink: ProblemSink): Duration | undefined {
  if (typeof window === 'string') return window.trim() as Duration;
  if (Number.isInteger(window) && window > 0) return `${window}m`;
  sink.error('time-slice-window', field, `must be a duration such as "1m" (a number counts minutes), got ${window}`);
  return undefined;
}

/** The time slices of one objective: `ok` false after a problem; no timeSlices for Occurrences. */
export function objectiveTimeSlices(
  method: BudgetingMethod,
  objective: Objective,
  field: string,
  threshold: boolean,
  sink: ProblemSink,
): { ok: boolean; timeSlices?: TimeSlicesInput } {
  const { timeSliceTarget: target, timeSliceWindow: window } = objective;
  if (method === 'Occurrences') {
    const given = (['timeSliceTarget', 'timeSliceWindow'] as const).filter((key) => objective[key] !== undefined);
    for (const key of given) sink.error('timeslices', `${field}.${key}`, 'belongs to time-slice budgeting: set budgetingMethod to Timeslices or RatioTimeslices, or leave it out');
    return { ok: given.length === 0 };
  }
  let ok = true;
  if (window === undefined) {
    sink.error('missing-field', `${field}.timeSliceWindow`, `is required with budgetingMethod: ${method}: the slice length, such as "1m"`);
    ok = false;
  }
  if (method === 'RatioTimeslices' && target !== undefined) {
    sink.error('time-slice-target', `${field}.timeSliceTarget`, 'applies to budgetingMethod: Timeslices; RatioTimeslices counts each slice as its own ratio, so leave it out');
    ok = false;
  }
  if (method === 'Timeslices' && threshold && target !== undefined && target !== 1) {
    sink.error('time-slice-target', `${field}.timeSliceTarget`, `must be 1 (or left out) for a thresholdMetric: Burnrate measures the value once over the whole slice, so a slice is good or bad as a whole; got ${target}`);
    ok = false;
  }
  if (method === 'Timeslices' && !threshold && target === undefined) {
    sink.error('missing-field', `${field}.timeSliceTarget`, 'is required with budgetingMethod: Timeslices: the ratio a slice must reach to be good, such as 0.99 (or use RatioTimeslices)');
    ok = false;
  }
  const slice = window === undefined ? undefined : sliceText(window, `${field}.timeSliceWindow`, sink);
  if (!ok || slice === undefined) return { ok: false };
  // Threshold slices are judged by their value: a target of 1 is what they mean already.
  return { ok: true, timeSlices: { slice, ...(method === 'Timeslices' && !threshold ? { target } : {}) } };
}
