/** Service dashboard, per SLO: the SLI against its objective and the error-budget burn-down. */
import { FieldColorBuilder, FieldColorModeId, GraphGradientMode } from './sdk.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import { windowText } from '../../../core/windows/window-text.js';
import { percentDecimals, UNIT_RATIO } from './panel-options.js';
import { budgetRemainingExpr, objectiveExpr, sliExpr } from './promql.js';
import { budgetThresholds } from './thresholds.js';
import { sloAlertWindows } from '../../../core/windows/alert-windows.js';
import { dashedThresholds, referenceLine, timeseries } from './timeseries.js';
import { traceDataLinks } from './trace-links.js';

export const OBJECTIVE_LEGEND = 'objective';

function worstSuffix(slo: Slo): string {
  return slo.groupBy.length > 0 ? ` (worst ${slo.groupBy.join(', ')})` : '';
}

export function sliPanel(slo: Slo) {
  const fast = sloAlertWindows(slo)[0];
  const targets = [
    { expr: sliExpr(slo, 'slo-window'), legend: `SLI over ${windowText(slo.window)}` },
    { expr: objectiveExpr(slo), legend: OBJECTIVE_LEGEND },
  ];
  if (fast) targets.push({ expr: sliExpr(slo, { windowMs: fast.longWindowMs }), legend: `SLI over ${formatDuration(fast.longWindowMs)}` });
  return timeseries(`SLI against the ${slo.objectivePercent}% objective${worstSuffix(slo)}`, targets)
    .description(slo.description)
    .unit(UNIT_RATIO)
    .decimals(percentDecimals(slo.objectivePercent))
    .max(1)
    .overrideByName(OBJECTIVE_LEGEND, referenceLine('red'))
    .dataLinks(traceDataLinks(slo));
}

/** Budget remaining over time, coloured by the budget thresholds; below the zero line it is overspent. */
export function budgetBurnDownPanel(slo: Slo) {
  return timeseries(`Error budget remaining over ${windowText(slo.window)}${worstSuffix(slo)}`, [
    { expr: budgetRemainingExpr(slo), legend: 'budget remaining' },
  ])
    .description(
      slo.window.kind === 'calendar'
        ? 'Share of the error budget left in the current calendar period; it resets to 100% when a new period starts.'
        : 'Share of the error budget left over the rolling window: 100% untouched, 0% spent, negative overspent.',
    )
    .unit(UNIT_RATIO)
    .decimals(1)
    .max(1)
    .thresholds(budgetThresholds())
    .thresholdsStyle(dashedThresholds())
    .colorScheme(new FieldColorBuilder().mode(FieldColorModeId.Thresholds))
    .gradientMode(GraphGradientMode.Scheme)
    .fillOpacity(20);
}
