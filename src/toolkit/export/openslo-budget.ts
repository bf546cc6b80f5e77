/**
 * How an SLO budgets, in OpenSLO terms: Occurrences for event counts; Timeslices with timeSliceTarget for
 * slices judged against a target; RatioTimeslices for slices that count as their own ratio. A threshold
 * SLI judges each slice once, good or bad as a whole: Timeslices with timeSliceTarget 1 says exactly that.
 */
import type { Slo } from '../../core/model/slo.js';

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
