/**
 * What Alertmanager routing needs to know about the definitions: which teams exist, which tiers each
 * team's alerts use, and which labels tell the groups of a grouped SLO apart. Pure.
 */
import { createHash } from 'node:crypto';
import { alertName, alertNamesOf } from '../../../core/conventions/alert-names.js';
import { ALERT_NAMES, ALERT_TIERS, SLO_LABEL } from '../../../core/conventions/metrics.js';
import type { Slo } from '../../../core/model/slo.js';

/** Where the Alertmanager (Prometheus Operator `spec.secrets`) mounts each Secret: <dir>/<secret>/<key>. */
export const SECRETS_DIR = '/etc/alertmanager/secrets';
/** Receiver without integrations; only alerts Burnrate does not own can end there. */
export const DEFAULT_RECEIVER = 'burnrate-default';

export type ReceiverKind = 'page' | 'ticket';

export interface ReceiverSpec {
  kind: ReceiverKind;
  /** Alertmanager receiver name, e.g. `burnrate-payments-page`. */
  name: string;
  /** Key in the team's Secret holding the PagerDuty routing (integration) key. */
  secretKey: string;
  /** Values of the `tier` label sent to this receiver. */
  tiers: string[];
}

export interface TeamRouting {
  team: string;
  /** Kubernetes Secret with the team's routing keys, e.g. `burnrate-pagerduty-payments`. */
  secretName: string;
  /** Receivers in a fixed order: page first, then ticket; absent when no SLO of the team uses the tier. */
  receivers: ReceiverSpec[];
}

export interface RoutingModel {
  teams: TeamRouting[];
  /** Alert names Burnrate owns, matched by the top route: its own four, then burn alert names kept from Sloth or Pyrra. */
  alertNames: string[];
  /** Names of the page and of the ticket burn alerts in use, for the inhibit rule. */
  burnAlertNames: { page: string[]; ticket: string[] };
  /** `equal` labels of the inhibit rule: the SLO plus every groupBy label, so one group never mutes another. */
  inhibitEqual: string[];
  sources: string[];
}

const TICKET_TIERS = [ALERT_TIERS.ticket, ALERT_TIERS.noData, ALERT_TIERS.budgetExhausted];

/** Team names are free text; Secret and receiver names must be DNS labels. Collisions get a hash suffix. */
function slugs(teams: readonly string[]): Map<string, string> {
  const base = (team: string) => team.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'team';
  const counts = new Map<string, number>();
  for (const team of teams) counts.set(base(team), (counts.get(base(team)) ?? 0) + 1);
  return new Map(
    teams.map((team) => {
      const slug = base(team);
      const unique = (counts.get(slug) ?? 0) > 1 ? `${slug}-${createHash('sha256').update(team).digest('hex').slice(0, 6)}` : slug;
      return [team, unique];
    }),
  );
}

function tiersOf(slo: Slo): string[] {
  const tiers: string[] = [];
  if (slo.alerting.page.enabled) tiers.push(ALERT_TIERS.page);
  if (slo.alerting.ticket.enabled) tiers.push(ALERT_TIERS.ticket);
  if (slo.alerting.noData.enabled) tiers.push(ALERT_TIERS.noData);
  if (slo.alerting.budgetExhausted.enabled) tiers.push(ALERT_TIERS.budgetExhausted);
  return tiers;
}

function receiversFor(slug: string, usedTiers: ReadonlySet<string>): ReceiverSpec[] {
  const receivers: ReceiverSpec[] = [];
  if (usedTiers.has(ALERT_TIERS.page)) {
    receivers.push({ kind: 'page', name: `burnrate-${slug}-page`, secretKey: 'routing-key-page', tiers: [ALERT_TIERS.page] });
  }
  const ticketTiers = TICKET_TIERS.filter((tier) => usedTiers.has(tier));
  if (ticketTiers.length > 0) {
    receivers.push({ kind: 'ticket', name: `burnrate-${slug}-ticket`, secretKey: 'routing-key-ticket', tiers: ticketTiers });
  }
  return receivers;
}

/** Burnrate's name of the tier's burn alert, then the names SLOs kept, whether or not an SLO uses the default. */
function burnNames(slos: readonly Slo[], tier: 'page' | 'ticket'): string[] {
  const kept = slos.filter((slo) => slo.alerting[tier].enabled && slo.alerting.burnAlertName !== undefined).map((slo) => alertName(slo, tier));
  return [ALERT_NAMES[tier], ...[...new Set(kept)].sort()];
}

export function routingModel(slos: readonly Slo[]): RoutingModel {
  const tiersByTeam = new Map<string, Set<string>>();
  for (const slo of slos) {
    const tiers = tiersByTeam.get(slo.team) ?? new Set<string>();
    for (const tier of tiersOf(slo)) tiers.add(tier);
    tiersByTeam.set(slo.team, tiers);
  }
  // Code-point order: the same on every machine, whatever its locale.
  const teamNames = [...tiersByTeam.keys()].sort();
  const slugByTeam = slugs(teamNames);
  const teams = teamNames
    .map((team) => {
      const slug = slugByTeam.get(team) ?? team;
      return { team, secretName: `burnrate-pagerduty-${slug}`, receivers: receiversFor(slug, tiersByTeam.get(team) ?? new Set()) };
    })
    .filter((team) => team.receivers.length > 0);
  const groupLabels = [...new Set(slos.flatMap((slo) => slo.groupBy))].sort();
  return {
    teams,
    alertNames: alertNamesOf(slos),
    burnAlertNames: { page: burnNames(slos, 'page'), ticket: burnNames(slos, 'ticket') },
    inhibitEqual: [SLO_LABEL, ...groupLabels],
    sources: [...new Set(slos.map((slo) => slo.source.file))].sort(),
  };
}

export function secretFilePath(team: TeamRouting, receiver: ReceiverSpec): string {
  return `${SECRETS_DIR}/${team.secretName}/${receiver.secretKey}`;
}
