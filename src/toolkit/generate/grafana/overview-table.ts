/**
 * The overview's SLO table: one row per selected SLO, one instant query per value column, merged on `slo`.
 * One panel whatever the number of SLOs (a row of panels per SLO made 6,003 panels for 1,000 SLOs).
 */
import { TableCellDisplayMode, TablePanel, TableSortByFieldStateBuilder } from './sdk.js';
import { SERVICE_LABEL, SLO_LABEL, WINDOW_LABEL } from '../../../core/conventions/metrics.js';
import type { Slo } from '../../../core/model/slo.js';
import { VARIABLES } from './datasources.js';
import { percentDecimals, UNIT_RATIO, UNIT_TIMES } from './panel-options.js';
import {
  budgetColumnExpr,
  burnRateColumnExpr,
  DASHBOARD_LABEL,
  firingColumnExpr,
  objectiveColumnExpr,
  sliColumnExpr,
} from './overview-queries.js';
import { promTargets, refId } from './targets.js';
import { budgetPaceThresholds, budgetThresholds, firingThresholds } from './thresholds.js';

export const COLUMNS = {
  service: 'Service',
  slo: 'SLO',
  window: 'Window',
  objective: 'Objective',
  sli: 'SLI over window',
  budget: 'Budget remaining',
  burn: 'Burn rate (page window)',
  firing: 'Firing alerts',
} as const;

type ValueColumn = 'objective' | 'sli' | 'budget' | 'burn' | 'firing';

/** The value columns in order, each its own query; the objective query also brings service, window and uid. */
export function columnQueries(slos: readonly Slo[]): { column: ValueColumn; expr: string }[] {
  return [
    { column: 'objective', expr: objectiveColumnExpr(slos) },
    { column: 'sli', expr: sliColumnExpr(slos) },
    { column: 'budget', expr: budgetColumnExpr() },
    { column: 'burn', expr: burnRateColumnExpr(slos) },
    { column: 'firing', expr: firingColumnExpr(slos) },
  ];
}

/** Rows sized to the catalog, within a readable range; the table scrolls beyond it. */
function height(slos: readonly Slo[]): number {
  return Math.min(Math.max(slos.length + 3, 8), 30);
}

export function overviewTable(slos: readonly Slo[]): TablePanel {
  const queries = columnQueries(slos);
  // Grafana names each instant table query's value `Value #<refId>`; label columns keep the label's name.
  const renameByName: Record<string, string> = { [SERVICE_LABEL]: COLUMNS.service, [SLO_LABEL]: COLUMNS.slo, [WINDOW_LABEL]: COLUMNS.window };
  queries.forEach((q, i) => (renameByName[`Value #${refId(i)}`] = COLUMNS[q.column]));
  const indexByName = Object.fromEntries([SERVICE_LABEL, SLO_LABEL, WINDOW_LABEL, ...queries.map((_, i) => `Value #${refId(i)}`), DASHBOARD_LABEL].map((name, i) => [name, i]));
  const decimals = Math.max(...slos.map((s) => percentDecimals(s.objectivePercent)));
  const link = `/d/\${__data.fields.${DASHBOARD_LABEL}}?\${__url_time_range}&\${${VARIABLES.cluster}:queryparam}`;
  return new TablePanel()
    .title('SLOs')
    .description(
      'Every selected SLO: SLI and burn rate of its worst group (clusters summed), budget of its worst group and cluster. ' +
        'The burn rate is the error ratio over the SLO’s fastest page window (1h for 30 days) divided by the error budget.',
    )
    .targets(promTargets(queries.map((q) => ({ expr: q.expr, instant: true, table: true }))))
    // merge joins the frames on the fields they all have (Time and slo); organize names and orders the columns.
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true }, indexByName, renameByName } })
    .sortBy([new TableSortByFieldStateBuilder().displayName(COLUMNS.budget).desc(false)])
    // The uid column stays in the data, where the SLO link reads it, but not on screen.
    .overrideByName(DASHBOARD_LABEL, [{ id: 'custom.hidden', value: true }])
    .overrideByName(COLUMNS.slo, [{ id: 'links', value: [{ title: 'Service dashboard', url: link }] }])
    .overrideByName(COLUMNS.objective, [
      { id: 'unit', value: UNIT_RATIO },
      { id: 'decimals', value: decimals },
    ])
    .overrideByName(COLUMNS.sli, [
      { id: 'unit', value: UNIT_RATIO },
      { id: 'decimals', value: decimals },
    ])
    .overrideByName(COLUMNS.budget, [
      { id: 'unit', value: UNIT_RATIO },
      { id: 'decimals', value: 1 },
      { id: 'thresholds', value: budgetThresholds().build() },
      { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorBackground } },
    ])
    .overrideByName(COLUMNS.burn, [
      { id: 'unit', value: UNIT_TIMES },
      { id: 'decimals', value: 2 },
      // One scale for every row: the paging factors differ between SLO windows.
      { id: 'thresholds', value: budgetPaceThresholds().build() },
      { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorText } },
    ])
    .overrideByName(COLUMNS.firing, [
      { id: 'decimals', value: 0 },
      { id: 'thresholds', value: firingThresholds().build() },
      { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.ColorText } },
    ])
    .span(24)
    .height(height(slos));
}
