/**
 * The name of each alert of an SLO. Burn alerts are SloErrorBudgetBurnPage and SloErrorBudgetBurnTicket
 * unless the SLO keeps the name of the Sloth or Pyrra alert it came from (`alerting.burnAlertName`); then
 * page and ticket share that name and the label burnrate_tier tells them apart. Every writer (rules) and
 * reader (promtool expectations, dashboards, Alertmanager routing) asks here.
 */
import type { AlertingPolicy } from '../model/slo.js';
import { ALERT_NAMES } from './metrics.js';

export type SloAlert = keyof typeof ALERT_NAMES;

export function alertName(slo: { alerting: Pick<AlertingPolicy, 'burnAlertName'> }, alert: SloAlert): string {
  const kept = slo.alerting.burnAlertName;
  return kept !== undefined && (alert === 'page' || alert === 'ticket') ? kept : ALERT_NAMES[alert];
}

/** Whether the SLO's page and ticket alerts share one name. */
export function sharesBurnAlertName(slo: { alerting: Pick<AlertingPolicy, 'burnAlertName'> }): boolean {
  return slo.alerting.burnAlertName !== undefined;
}

/** Every alert name these SLOs' rules can fire: Burnrate's four, then the kept names in code-point order. */
export function alertNamesOf(slos: readonly { alerting: Pick<AlertingPolicy, 'burnAlertName'> }[]): string[] {
  const own: string[] = Object.values(ALERT_NAMES);
  const kept = slos.map((slo) => slo.alerting.burnAlertName).filter((name): name is string => name !== undefined && !own.includes(name));
  return [...own, ...[...new Set(kept)].sort()];
}
