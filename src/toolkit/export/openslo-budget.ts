/**
 * How an SLO budgets, in OpenSLO terms: Occurrences for event counts; Timeslices with timeSliceTarget for
 * slices judged against a target; RatioTimeslices for slices that count as their own ratio. A threshold
 * SLI judges each slice once, good or bad as a whole: Timeslices with timeSliceTarget 1 says exactly that.
 */
import type { Slo } from '../../core/model/slo.js';
import type { Problem } from '../../core/diagnostics/problem.js';

export interface OpenSloBudget {
  budgetingMethod: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
  /** Fields of the objective. */
  objective: { timeSliceTarget?: number; timeSliceWindow?: string };
}

const UNITS: [string, number][] = [['d', 86_400], ['h', 3_600], ['m', 60]];

/**
 * OpenSLO durations are a number and one unit. Validators (oslo) know minutes and longer; a slice of
 * seconds only is written in seconds, which the Burnrate loader reads back.
 */
export function sliceShorthand(seconds: number): string {
  const [unit, size] = UNITS.find(([, s]) => seconds % s === 0) ?? ['s', 1];
  return `${seconds / size}${unit}`;
}

export function openSloBudget(slo: Pick<Slo, 'sli' | 'timeSlices'>): OpenSloBudget {
  const slices = slo.timeSlices;
  if (!slices) return { budgetingMethod: 'Occurrences', objective: {} };
  const timeSliceWindow = sliceShorthand(slices.sliceSeconds);
  const target = slo.sli.kind === 'threshold' ? 1 : slices.sliceTarget;
  if (target === undefined) return { budgetingMethod: 'RatioTimeslices', objective: { timeSliceWindow } };
  return { budgetingMethod: 'Timeslices', objective: { timeSliceTarget: target, timeSliceWindow } };
}

/** A warning for a slice OpenSLO validators refuse (seconds), though Burnrate reads it back. */
export function sliceWarning(slo: Slo): Problem | undefined {
  const seconds = slo.timeSlices?.sliceSeconds;
  if (seconds === undefined || seconds % 60 === 0) return undefined;
  return {
    severity: 'warning',
    code: 'openslo-export',
    file: slo.source.file,
    slo: slo.id,
    field: 'timeSlices.slice',
    message: `is written as timeSliceWindow: ${sliceShorthand(seconds)}; Burnrate reads it back, but OpenSLO validators such as oslo accept minutes and longer only`,
  };
}
