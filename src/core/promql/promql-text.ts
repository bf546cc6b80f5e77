/** Small PromQL text builders shared by the rule generators and the SLI event queries. */
import { SLO_LABEL, WINDOW_LABEL } from '../conventions/metrics.js';
import { formatDuration } from '../model/duration.js';
import { objectiveRatio, type Slo } from '../model/slo.js';

/** `sum by (a, b) (expr)`, or `sum(expr)` without grouping. */
export function sumBy(groupBy: readonly string[], expr: string): string {
  return groupBy.length > 0 ? `sum by (${groupBy.join(', ')}) (${expr})` : `sum(${expr})`;
}

/** Selector of a Burnrate series of one SLO, optionally of one window. */
export function series(metric: string, sloId: string, windowMs?: number): string {
  const window = windowMs === undefined ? '' : `,${WINDOW_LABEL}="${formatDuration(windowMs)}"`;
  return `${metric}{${SLO_LABEL}="${sloId}"${window}}`;
}

/**
 * The range of a time average over a whole window of recorded samples: one millisecond short of the window.
 * Prometheus 2.x ranges are closed, `[t-w, t]`; 3.x ranges are left-open, `(t-w, t]`. When the averaged samples
 * lie on the evaluation's own grid (always in a backfill, and whenever two groups share their offset), 2.x would
 * average one sample more than the window holds, and the sample on the boundary would count in two neighbouring
 * windows. One millisecond short, both lines hold the same samples.
 */
export function averageRangeMs(windowMs: number): number {
  return windowMs - 1;
}

/** `[23h59m59s999ms]` for a day: the selector range of `averageRangeMs`. */
export function averageRange(windowMs: number): string {
  return `[${formatDuration(averageRangeMs(windowMs))}]`;
}

/** `(1 - 0.999)`: the error budget written from the objective, so float noise never reaches the rules. */
export function budgetText(slo: Slo): string {
  return `(1 - ${objectiveRatio(slo)})`;
}

/** `(14.4 * (1 - 0.999))`: a burn-rate threshold as an error ratio. */
export function thresholdText(factor: number, slo: Slo): string {
  return `(${factor} * ${budgetText(slo)})`;
}

export function percentText(slo: Slo): string {
  return `${slo.objectivePercent}%`;
}

