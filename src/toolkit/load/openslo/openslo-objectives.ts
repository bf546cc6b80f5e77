/**
 * OpenSLO objectives: each becomes one Burnrate SLO. A single objective keeps the SLO's name; several
 * objectives become `<slo>-<objective name>`, the objective named by `name` or its displayName.
 */
import type { TimeSlicesInput } from '../../sdk/types.js';
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import type { Objective } from './openslo-schema.js';
import { objectiveTimeSlices, type BudgetingMethod } from './openslo-time-slices.js';

export interface ReadObjective {
  /** Appended to the SLO name when the SLO has several objectives. */
  suffix?: string;
  objectivePercent: number;
  /** Absent when the SLO counts events (Occurrences). */
  timeSlices?: TimeSlicesInput;
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function targetPercent(objective: Objective, field: string, sink: ProblemSink): number | undefined {
  if ((objective.target === undefined) === (objective.targetPercent === undefined)) {
    sink.error('objective-target', field, 'give exactly one of target (a ratio such as 0.999) or targetPercent (such as 99.9)');
    return undefined;
  }
  if (objective.targetPercent !== undefined) return objective.targetPercent;
  const target = objective.target as number;
  if (!(target > 0 && target < 1)) {
    sink.error('objective-target', `${field}.target`, `must be a ratio above 0 and below 1 such as 0.999, got ${target}`);
    return undefined;
  }
  // 0.999 * 100 is 99.89999999999999 in floating point; keep the digits the author wrote.
  return Number((target * 100).toPrecision(12));
}

function refuseComposite(objective: Objective, field: string, sink: ProblemSink): boolean {
  let ok = true;
  if (objective.indicator !== undefined || objective.indicatorRef !== undefined || objective.compositeWeight !== undefined) {
    sink.error('composite-slo', field, 'composite SLOs (an indicator per objective) are not supported; write one SLO per indicator');
    ok = false;
  }
  return ok;
}

/** `threshold`: the indicator is a thresholdMetric, whose slices are judged by value (openslo-time-slices.ts). */
export function readObjectives(objectives: readonly Objective[], method: BudgetingMethod | undefined, threshold: boolean, sink: ProblemSink): ReadObjective[] | undefined {
  if (objectives.length === 0) {
    sink.error('no-objectives', 'spec.objectives', 'must hold at least one objective');
    return undefined;
  }
  const read: ReadObjective[] = [];
  const seen = new Set<string>();
  let ok = true;
  objectives.forEach((objective, index) => {
    const field = `spec.objectives[${index}]`;
    ok = refuseComposite(objective, field, sink) && ok;
    const percent = targetPercent(objective, field, sink);
    // An unknown budgeting method is reported once, on the SLO; its slices are not read.
    const slices = method ? objectiveTimeSlices(method, objective, field, threshold, sink) : { ok: true };
    ok = slices.ok && ok;
    let suffix: string | undefined;
    if (objectives.length > 1) {
      suffix = slug(objective.name ?? objective.displayName ?? '');
      if (suffix === '') {
        sink.error('objective-name', field, 'an SLO with several objectives becomes one Burnrate SLO per objective: give each a name or displayName');
        ok = false;
      } else if (seen.has(suffix)) {
        sink.error('objective-name', field, `objective name "${suffix}" is used twice in this SLO`);
        ok = false;
      }
      seen.add(suffix);
    }
    if (percent === undefined) ok = false;
    else read.push({ ...(suffix ? { suffix } : {}), objectivePercent: percent, ...(slices.timeSlices ? { timeSlices: slices.timeSlices } : {}) });
  });
  return ok ? read : undefined;
}
