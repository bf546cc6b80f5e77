/** Links every Burnrate dashboard carries: the others (by tag) and the runbooks of its SLOs. */
import { DashboardLinkBuilder, DashboardLinkType } from './sdk.js';
import type { Slo } from '../../../core/model/slo.js';

export const DASHBOARD_TAGS = ['burnrate', 'slo'];

export function dashboardLinks(slos: readonly Slo[]): DashboardLinkBuilder[] {
  const links = [
    new DashboardLinkBuilder('Burnrate dashboards')
      .type(DashboardLinkType.Dashboards)
      .tags([DASHBOARD_TAGS[0]!])
      .asDropdown(true)
      .keepTime(true),
  ];
  const runbooks = [...new Set(slos.flatMap((s) => (s.runbookUrl ? [s.runbookUrl] : [])))].sort();
  for (const url of runbooks) {
    links.push(new DashboardLinkBuilder(runbooks.length === 1 ? 'Runbook' : `Runbook: ${url}`).type(DashboardLinkType.Link).url(url).icon('doc').targetBlank(true));
  }
  return links;
}
