/** The overview: every SLO at a glance, one table row each, under a summary of budgets and firing alerts. */
import { BarGaugeDisplayMode, BarGaugePanel, DashboardBuilder, RowBuilder, TablePanel, VizOrientation } from './sdk.js';
import { RECORDED, SLO_LABEL } from '../../../core/conventions/metrics.js';
import type { Slo } from '../../../core/model/slo.js';
import { dashboardLinks, DASHBOARD_TAGS } from './dashboard-links.js';
import { lastValue, UNIT_RATIO } from './panel-options.js';
import { aggregate, firingAlertsSelector, selector } from './promql.js';
import { overviewTable } from './overview-table.js';
import { SELECTED_SLOS } from './overview-queries.js';
import { promTargets } from './targets.js';
import { budgetThresholds } from './thresholds.js';
import { OVERVIEW_UID } from './uid.js';
import { clusterVariable, prometheusVariable, serviceQueryVariable, sloQueryVariable } from './variables.js';

function budgetSummary(): BarGaugePanel {
  const expr = `sort(${aggregate('min', [SLO_LABEL], selector(RECORDED.budgetRemaining, SELECTED_SLOS))})`;
  return new BarGaugePanel()
    .title('Error budget remaining (worst group and cluster of each SLO)')
    .targets(promTargets([{ expr, legend: `{{${SLO_LABEL}}}`, instant: true }]))
    .reduceOptions(lastValue())
    .displayMode(BarGaugeDisplayMode.Gradient)
    .orientation(VizOrientation.Horizontal)
    .unit(UNIT_RATIO)
    .decimals(1)
    .min(0)
    .max(1)
    .thresholds(budgetThresholds())
    .span(12)
    .height(8);
}

function firingAlerts(slos: readonly Slo[]): TablePanel {
  return new TablePanel()
    .title('Firing SLO alerts')
    .targets(promTargets([{ expr: firingAlertsSelector(slos, SELECTED_SLOS), instant: true, table: true }]))
    .withTransformation({
      id: 'organize',
      options: { excludeByName: { Time: true, Value: true, __name__: true, alertstate: true } },
    })
    .noValue('No SLO alert is firing')
    .span(12)
    .height(8);
}

export function overviewDashboard(slos: readonly Slo[]): DashboardBuilder {
  return new DashboardBuilder('Burnrate / SLO overview')
    .uid(OVERVIEW_UID)
    .tags(DASHBOARD_TAGS)
    .readonly()
    .time({ from: 'now-24h', to: 'now' })
    .refresh('1m')
    .timezone('browser')
    .links(dashboardLinks([]))
    .variables([prometheusVariable(), clusterVariable(), serviceQueryVariable(), sloQueryVariable()])
    .withRow(new RowBuilder('Summary'))
    .withPanel(budgetSummary())
    .withPanel(firingAlerts(slos))
    .withRow(new RowBuilder('SLOs'))
    .withPanel(overviewTable(slos));
}
