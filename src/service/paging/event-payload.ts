/**
 * The Events v2 bodies Burnrate sends. A trigger names the SLO, group, budget left and burn rate in its
 * summary and carries the numbers, runbook and dashboard in custom details and links. custom_details.team,
 * .service, .slo and .tier are the fields the generated Event Orchestration routes on. Pure.
 */
import { ALERT_TIERS, SERVICE_LABEL, SLO_LABEL, TEAM_LABEL, TIER_LABEL } from '../../core/conventions/metrics.js';
import type { BudgetSnapshot } from '../engine/types.js';
import { windowText } from '../../core/windows/window-text.js';
import { formatDuration } from '../../core/model/duration.js';
import type { PageCondition, PagingSlo, PairReading } from './page-condition.js';
import type { EventBody } from './paging-types.js';
import { pagerDutySeverity } from './severity.js';
import { groupDedupText } from '../engine/group-labels.js';

export const EVENT_SOURCE = 'burnrate';
export const EVENT_CLASS = 'slo-burn';
export const EVENT_CLIENT = 'Burnrate';
const MAX_SUMMARY = 1024;

function percent(ratio: number | null): string {
  return ratio === null ? 'unknown' : `${Number((ratio * 100).toFixed(2))}%`;
}

function rate(burnRate: number | null | undefined): string {
  return burnRate === null || burnRate === undefined ? 'n/a' : `${Number(burnRate.toPrecision(3))}x`;
}

/** "2h13m", "spent", or "not burning": seconds rounded to the minute once past an hour. */
export function exhaustionText(snapshot: BudgetSnapshot): string {
  if (snapshot.budget.remainingRatio !== null && snapshot.budget.remainingRatio <= 0) return 'spent';
  const seconds = snapshot.secondsToExhaustion;
  if (seconds === null) return 'not burning';
  const ms = seconds >= 3600 ? Math.round(seconds / 60) * 60_000 : Math.round(seconds) * 1000;
  return formatDuration(ms);
}

function groupSuffix(snapshot: BudgetSnapshot): string {
  return Object.keys(snapshot.group).length === 0 ? '' : ` ${groupDedupText(snapshot.group)}`;
}

function pairText(pair: PairReading): string {
  return pair.conditions.map((c) => `${rate(c.reading?.burnRate)} over ${c.window}`).join(', ');
}

export function triggerBody(slo: PagingSlo, snapshot: BudgetSnapshot, condition: PageCondition, dedupKey: string): EventBody {
  const firing = condition.pairs.filter((p) => p.burning);
  const shown = firing[0] ?? condition.pairs[0];
  const burnText = shown ? `burning ${pairText(shown)} (pages above ${shown.factor}x over ${shown.longWindow} and ${shown.shortWindow})` : 'burning';
  const remaining = snapshot.budget.remainingRatio;
  const left = remaining !== null && remaining <= 0 ? `the ${windowText(slo.window)} budget is spent (${percent(remaining)})` : `${percent(remaining)} of the ${windowText(slo.window)} budget left`;
  const summary = `${slo.id}${groupSuffix(snapshot)}: error budget ${burnText}; ${left}`;
  const links = [
    ...(slo.runbookUrl ? [{ href: slo.runbookUrl, text: 'Runbook' }] : []),
    ...(slo.dashboardUrl ? [{ href: slo.dashboardUrl, text: 'Dashboard' }] : []),
  ];
  return {
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
      source: EVENT_SOURCE,
      severity: pagerDutySeverity(slo.alerting.page.severity),
      timestamp: snapshot.at.toISOString(),
      component: slo.service,
      group: slo.team,
      class: EVENT_CLASS,
      custom_details: {
        [SLO_LABEL]: slo.id,
        [SERVICE_LABEL]: slo.service,
        [TEAM_LABEL]: slo.team,
        [TIER_LABEL]: ALERT_TIERS.page,
        slo_name: slo.name,
        group: { ...snapshot.group },
        objective: `${slo.objectivePercent}%`,
        window: windowText(slo.window),
        budget_remaining: percent(snapshot.budget.remainingRatio),
        budget_remaining_ratio: snapshot.budget.remainingRatio,
        burn_rates: Object.fromEntries(snapshot.burnRates.map((r) => [r.window, r.burnRate])),
        firing: firing.map((p) => `${p.speed} burn: ${p.conditions.map((c) => `${rate(c.reading?.burnRate)} over ${c.window} > ${c.factor}x`).join(', ')}`),
        time_to_exhaustion: exhaustionText(snapshot),
        seconds_to_exhaustion: snapshot.secondsToExhaustion,
        data: snapshot.status,
        ...(slo.runbookUrl ? { runbook_url: slo.runbookUrl } : {}),
        ...(slo.dashboardUrl ? { dashboard_url: slo.dashboardUrl } : {}),
      },
    },
    ...(links.length > 0 ? { links } : {}),
    client: EVENT_CLIENT,
    ...(slo.dashboardUrl ? { client_url: slo.dashboardUrl } : {}),
  };
}

/** A resolve needs only the dedup key; PagerDuty ignores a payload on resolve. */
export function resolveBody(dedupKey: string): EventBody {
  return { event_action: 'resolve', dedup_key: dedupKey };
}
