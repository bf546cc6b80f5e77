/**
 * The PagerDuty Event Orchestration rules Burnrate owns, from the definitions and the account mapping. Pure.
 * Router: events whose custom details name a team and service go to that team's (or service's) PagerDuty
 * service. Global: the PagerDuty severity follows the Burnrate tier, so urgency is the same account-wide.
 */
import { ALERT_TIERS, SERVICE_LABEL, SLO_LABEL, TEAM_LABEL, TIER_LABEL } from '../../../core/conventions/metrics.js';
import type { PagerDutySeverity } from '../../../core/conventions/pagerduty-severity.js';
import type { Slo } from '../../../core/model/slo.js';

export type TierName = (typeof ALERT_TIERS)[keyof typeof ALERT_TIERS];

/** Which account objects the definitions map to; supplied by the user (pagerduty.yaml), never generated. */
export interface PagerDutyMapping {
  orchestrationId: string;
  /** Team → PagerDuty service id. */
  teams: Record<string, string>;
  /** Burnrate service → PagerDuty service id, overriding its team's. */
  services: Record<string, string>;
  severities: Record<TierName, PagerDutySeverity>;
  /** `unrouted` or a service id; undefined leaves the router's catch-all as it is. */
  catchAll?: string;
}

export const DEFAULT_SEVERITIES: Record<TierName, PagerDutySeverity> = {
  page: 'critical',
  ticket: 'warning',
  nodata: 'warning',
  budget: 'info',
};

/** Rules whose label starts with this are Burnrate's; every other rule is left as it is. */
export const MANAGED_LABEL_PREFIX = 'burnrate: ';

export interface DesiredRule {
  label: string;
  conditions: { expression: string }[];
  actions: Record<string, string>;
}

export interface RouterRules {
  rules: DesiredRule[];
  /** Teams with SLOs but no PagerDuty service in the mapping, with one SLO id each for the message. */
  unmapped: { team: string; service: string; slo: string }[];
}

/** PCL string literal. */
function pcl(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const detail = (name: string) => `event.custom_details.${name}`;

export function routerRules(slos: readonly Slo[], mapping: PagerDutyMapping): RouterRules {
  const pairs = new Map<string, Slo>();
  for (const slo of slos) {
    const key = JSON.stringify([slo.team, slo.service]);
    if (!pairs.has(key)) pairs.set(key, slo);
  }
  // Code-point order: the same on every machine, whatever its locale.
  const sorted = [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, slo]) => slo);
  const rules: DesiredRule[] = [];
  const unmapped: RouterRules['unmapped'] = [];
  for (const slo of sorted) {
    const target = mapping.services[slo.service] ?? mapping.teams[slo.team];
    if (target === undefined) {
      unmapped.push({ team: slo.team, service: slo.service, slo: slo.id });
      continue;
    }
    rules.push({
      label: `${MANAGED_LABEL_PREFIX}team ${slo.team}, service ${slo.service}`,
      conditions: [{ expression: `${detail(TEAM_LABEL)} matches ${pcl(slo.team)} and ${detail(SERVICE_LABEL)} matches ${pcl(slo.service)}` }],
      actions: { route_to: target },
    });
  }
  return { rules, unmapped };
}

function tiersUsed(slos: readonly Slo[]): TierName[] {
  const used = new Set<TierName>();
  for (const slo of slos) {
    if (slo.alerting.page.enabled) used.add(ALERT_TIERS.page);
    if (slo.alerting.ticket.enabled) used.add(ALERT_TIERS.ticket);
    if (slo.alerting.noData.enabled) used.add(ALERT_TIERS.noData);
    if (slo.alerting.budgetExhausted.enabled) used.add(ALERT_TIERS.budgetExhausted);
  }
  return Object.values(ALERT_TIERS).filter((tier) => used.has(tier));
}

export function globalRules(slos: readonly Slo[], mapping: PagerDutyMapping): DesiredRule[] {
  return tiersUsed(slos).map((tier) => ({
    label: `${MANAGED_LABEL_PREFIX}tier ${tier}`,
    conditions: [{ expression: `${detail(TIER_LABEL)} matches ${pcl(tier)} and ${detail(SLO_LABEL)} exists` }],
    actions: { severity: mapping.severities[tier] },
  }));
}
