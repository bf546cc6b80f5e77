/** Every Grafana dashboard for a set of SLOs: the overview and one per service, keyed by uid. */
import type { Slo } from '../../../core/model/slo.js';
import { byService } from '../by-service.js';
import { overviewDashboard } from './overview-dashboard.js';
import { renderDashboard } from './render-dashboard.js';
import { serviceDashboard } from './service-dashboard.js';
import { OVERVIEW_UID, serviceDashboardUid } from './uid.js';

function renderOverview(slos: readonly Slo[]): string {
  return renderDashboard(overviewDashboard(slos).build(), slos.map((s) => s.source.file));
}

/** A service's dashboard JSON (its SLOs only). */
export function renderServiceDashboard(service: string, slos: readonly Slo[]): string {
  return renderDashboard(serviceDashboard(service, slos).build(), slos.map((s) => s.source.file));
}

/** uid → dashboard JSON text. */
export function renderDashboards(slos: readonly Slo[]): Map<string, string> {
  const dashboards = new Map<string, string>();
  if (slos.length === 0) return dashboards;
  dashboards.set(OVERVIEW_UID, renderOverview(slos));
  for (const [service, serviceSlos] of byService(slos)) dashboards.set(serviceDashboardUid(service), renderServiceDashboard(service, serviceSlos));
  return dashboards;
}

export const DASHBOARDS_DIR = 'dashboards';

export function dashboardPath(uid: string): string {
  return `${DASHBOARDS_DIR}/${uid}.json`;
}

/** The overview dashboard's path and content (none without SLOs). */
export function overviewDashboardArtifacts(slos: readonly Slo[]): [string, string][] {
  return slos.length === 0 ? [] : [[dashboardPath(OVERVIEW_UID), renderOverview(slos)]];
}

/** A service dashboard's path and content. */
export function serviceDashboardArtifact(service: string, slos: readonly Slo[]): [string, string] {
  return [dashboardPath(serviceDashboardUid(service)), renderServiceDashboard(service, slos)];
}
