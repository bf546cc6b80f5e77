/** Every Grafana dashboard for a set of SLOs: the overview and one per service, keyed by uid. */
import type { Slo } from '../../../core/model/slo.js';
import { overviewDashboard } from './overview-dashboard.js';
import { renderDashboard } from './render-dashboard.js';
import { serviceDashboard } from './service-dashboard.js';
import { OVERVIEW_UID, serviceDashboardUid } from './uid.js';

export function byService(slos: readonly Slo[]): Map<string, Slo[]> {
  const services = new Map<string, Slo[]>();
  for (const slo of slos) services.set(slo.service, [...(services.get(slo.service) ?? []), slo]);
  return new Map([...services.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** uid → dashboard JSON text. */
export function renderDashboards(slos: readonly Slo[]): Map<string, string> {
  const dashboards = new Map<string, string>();
  if (slos.length === 0) return dashboards;
  dashboards.set(OVERVIEW_UID, renderDashboard(overviewDashboard(slos).build(), slos.map((s) => s.source.file)));
  for (const [service, serviceSlos] of byService(slos)) {
    const built = serviceDashboard(service, serviceSlos).build();
    dashboards.set(serviceDashboardUid(service), renderDashboard(built, serviceSlos.map((s) => s.source.file)));
  }
  return dashboards;
}

export const DASHBOARDS_DIR = 'dashboards';

export function dashboardPath(uid: string): string {
  return `${DASHBOARDS_DIR}/${uid}.json`;
}

/** Repository-relative path → content, for `generateArtifacts`. */
export function dashboardArtifacts(slos: readonly Slo[]): Map<string, string> {
  return new Map([...renderDashboards(slos)].map(([uid, json]) => [dashboardPath(uid), json]));
}
