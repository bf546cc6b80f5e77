/**
 * The Alertmanager route tree and inhibit rule, independent of how they are written down (alertmanager.yml
 * or an AlertmanagerConfig resource). Pure.
 *
 *   Burnrate alerts (alertname=~"Slo...")      group_by alertname, slo, severity
 *   └── team="payments"                        → burnrate-payments-ticket (fallback)
 *       ├── burnrate_tier="page"               → burnrate-payments-page    (high urgency)
 *       └── burnrate_tier=~"ticket|nodata|budget" → burnrate-payments-ticket (low urgency)
 */
import { ALERT_TIERS, SEVERITY_LABEL, SLO_LABEL, TEAM_LABEL, TIER_LABEL } from '../../../core/conventions/metrics.js';
import { DEFAULT_RECEIVER, type ReceiverSpec, type RoutingModel, type TeamRouting } from './routing-model.js';

export interface Matcher {
  name: string;
  op: '=' | '=~';
  value: string;
}

export interface RouteTimings {
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
}

export interface RouteNode {
  receiver: string;
  matchers: Matcher[];
  groupBy?: string[];
  timings?: RouteTimings;
  routes: RouteNode[];
}

export interface InhibitRule {
  source: Matcher[];
  target: Matcher[];
  equal: string[];
}

/** One notification (one PagerDuty incident) per SLO, alert and severity; groups of a grouped SLO share it. */
export const GROUP_BY = ['alertname', SLO_LABEL, SEVERITY_LABEL];
export const TIMINGS: RouteTimings = { groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' };

function tierMatcher(receiver: ReceiverSpec): Matcher {
  return receiver.tiers.length === 1
    ? { name: TIER_LABEL, op: '=', value: receiver.tiers[0] ?? '' }
    : { name: TIER_LABEL, op: '=~', value: receiver.tiers.join('|') };
}

function teamRoute(team: TeamRouting): RouteNode {
  // Anything of the team that no tier matches still reaches someone, at low urgency when possible.
  const fallback = team.receivers.find((r) => r.kind === 'ticket') ?? team.receivers[0];
  return {
    receiver: fallback?.name ?? DEFAULT_RECEIVER,
    matchers: [{ name: TEAM_LABEL, op: '=', value: team.team }],
    routes: team.receivers.map((receiver) => ({ receiver: receiver.name, matchers: [tierMatcher(receiver)], routes: [] })),
  };
}

/** The route that catches every Burnrate alert; nest it under an existing root route to merge. */
export function burnrateRoute(model: RoutingModel): RouteNode {
  return {
    receiver: DEFAULT_RECEIVER,
    matchers: [{ name: 'alertname', op: '=~', value: model.alertNames.join('|') }],
    groupBy: GROUP_BY,
    timings: TIMINGS,
    routes: model.teams.map(teamRoute),
  };
}

function nameMatcher(names: readonly string[]): Matcher {
  return names.length === 1 ? { name: 'alertname', op: '=', value: names[0] ?? '' } : { name: 'alertname', op: '=~', value: names.join('|') };
}

/**
 * A slow-burn ticket is noise while the fast-burn page for the same SLO (and the same group) fires. Page and
 * ticket of an SLO that kept a Sloth or Pyrra name share it, so the tier label tells them apart.
 */
export function inhibitRules(model: RoutingModel): InhibitRule[] {
  return [
    {
      source: [nameMatcher(model.burnAlertNames.page), { name: TIER_LABEL, op: '=', value: ALERT_TIERS.page }],
      target: [nameMatcher(model.burnAlertNames.ticket), { name: TIER_LABEL, op: '=', value: ALERT_TIERS.ticket }],
      equal: model.inhibitEqual,
    },
  ];
}

/** Alertmanager's matcher syntax: `name="value"`, the value double-quoted and escaped. */
export function matcherText(matcher: Matcher): string {
  return `${matcher.name}${matcher.op}${JSON.stringify(matcher.value)}`;
}
