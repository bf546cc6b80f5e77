/** Service dashboard, per SLO with groupBy: every group's SLI, budget and burn rate, as a graph and a table. */
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import { windowText } from '../../../core/windows/window-text.js';
import { TablePanel } from './sdk.js';
import { percentDecimals, UNIT_RATIO, UNIT_TIMES } from './panel-options.js';
import { budgetRemainingExpr, burnRateExpr, errorRatioByGroup, successRatioByGroup } from './promql.js';
import { promTargets } from './targets.js';
import { budgetThresholds, burnRateThresholds } from './thresholds.js';
import { sloAlertWindows } from '../../../core/windows/alert-windows.js';
import { dashedThresholds, timeseries } from './timeseries.js';

const COLUMNS = { sli: 'SLI', budget: 'Budget remaining', burn: 'Burn rate' } as const;

function legend(slo: Slo): string {
  return slo.groupBy.map((label) => `{{${label}}}`).join(' ');
}

export function breakdownPanels(slo: Slo) {
  if (slo.groupBy.length === 0) return [];
  const fast = sloAlertWindows(slo)[0];
  const groups = slo.groupBy.join(', ');
  const windowRatio = errorRatioByGroup(slo, 'slo-window');
  const panels = [];
  if (fast) {
    const ratio = errorRatioByGroup(slo, { windowMs: fast.longWindowMs });
    panels.push(
      timeseries(`Burn rate by ${groups} (${formatDuration(fast.longWindowMs)})`, [{ expr: burnRateExpr(slo, ratio), legend: legend(slo) }])
        .unit(UNIT_TIMES)
        .min(0)
        .thresholds(burnRateThresholds(sloAlertWindows(slo), 'transparent'))
        .thresholdsStyle(dashedThresholds()),
    );
  }
  const burnTargets = fast
    ? [{ expr: burnRateExpr(slo, errorRatioByGroup(slo, { windowMs: fast.longWindowMs })), instant: true, table: true }]
    : [];
  panels.push(
    new TablePanel()
      .title(`By ${groups} over ${windowText(slo.window)}`)
      .targets(
        promTargets([
          { expr: successRatioByGroup(slo, 'slo-window'), instant: true, table: true },
          { expr: budgetRemainingExpr(slo, windowRatio), instant: true, table: true },
          ...burnTargets,
        ]),
      )
      .withTransformation({ id: 'merge', options: {} })
      .withTransformation({
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          renameByName: { 'Value #A': COLUMNS.sli, 'Value #B': COLUMNS.budget, 'Value #C': COLUMNS.burn },
        },
      })
      .overrideByName(COLUMNS.sli, [
        { id: 'unit', value: UNIT_RATIO },
        { id: 'decimals', value: percentDecimals(slo.objectivePercent) },
      ])
      .overrideByName(COLUMNS.budget, [
        { id: 'unit', value: UNIT_RATIO },
        { id: 'decimals', value: 1 },
        { id: 'thresholds', value: budgetThresholds().build() },
        { id: 'custom.cellOptions', value: { type: 'color-background' } },
      ])
      .overrideByName(COLUMNS.burn, [
        { id: 'unit', value: UNIT_TIMES },
        { id: 'decimals', value: 2 },
      ])
      .height(8)
      .span(12),
  );
  return panels;
}
