/** One dashboard per service: a row per SLO with its health, burn rates, events, breakdown and traces; then logs. */
import { DashboardBuilder, RowBuilder } from './sdk.js';
import type { Slo } from '../../../core/model/slo.js';
import { windowRangeMs } from '../prometheus/window-queries.js';
import { windowText } from '../../../core/windows/window-text.js';
import { alertAnnotation } from './alert-annotation.js';
import { breakdownPanels } from './breakdown-panels.js';
import { burnRatePanel } from './burn-rate-panels.js';
import { dashboardLinks, DASHBOARD_TAGS } from './dashboard-links.js';
import { eventsPanel } from './event-panels.js';
import { logsPanel } from './logs-panel.js';
import { budgetBurnDownPanel, sliPanel } from './slo-health-panels.js';
import { tracePanels } from './trace-panels.js';
import { serviceDashboardUid } from './uid.js';
import {
  clusterVariable,
  logsAndTracesVariables,
  prometheusVariable,
  serviceConstantVariable,
  sloCustomVariable,
} from './variables.js';

const DAY_MS = 86_400_000;

function rowTitle(slo: Slo): string {
  return `${slo.name}: ${slo.objectivePercent}% over ${windowText(slo.window)} (${slo.sli.kind} SLI)`;
}

/** Default time range: the longest SLO window of the service, so the burn-down shows a whole window. */
function timeRangeDays(slos: readonly Slo[]): number {
  return Math.max(...slos.map((s) => Math.ceil(windowRangeMs(s.window) / DAY_MS)));
}

export function sloPanels(slo: Slo) {
  return [
    sliPanel(slo),
    budgetBurnDownPanel(slo),
    burnRatePanel(slo, 'page'),
    burnRatePanel(slo, 'ticket'),
    eventsPanel(slo),
    ...breakdownPanels(slo),
    ...tracePanels(slo),
  ];
}

export function serviceDashboard(service: string, slos: readonly Slo[]): DashboardBuilder {
  const sorted = [...slos].sort((a, b) => a.id.localeCompare(b.id));
  const dashboard = new DashboardBuilder(`Burnrate / ${service}`)
    .uid(serviceDashboardUid(service))
    .tags(DASHBOARD_TAGS)
    .readonly()
    .time({ from: `now-${timeRangeDays(sorted)}d`, to: 'now' })
    .refresh('5m')
    .timezone('browser')
    .links(dashboardLinks(sorted))
    .variables([
      prometheusVariable(),
      ...logsAndTracesVariables(),
      clusterVariable(),
      serviceConstantVariable(service),
      sloCustomVariable(sorted.map((s) => s.id)),
    ])
    .annotation(alertAnnotation(sorted));
  for (const slo of sorted) {
    dashboard.withRow(new RowBuilder(rowTitle(slo)));
    for (const panel of sloPanels(slo)) dashboard.withPanel(panel);
  }
  dashboard.withRow(new RowBuilder('Logs')).withPanel(logsPanel(service));
  return dashboard;
}
