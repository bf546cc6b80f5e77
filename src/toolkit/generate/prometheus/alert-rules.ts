/** Multiwindow, multi-burn-rate alerts, plus no-data and budget-exhausted alerts, for one SLO. */
import { countedUnit } from '../../../core/sli/slice-queries.js';
import { alertName } from '../../../core/conventions/alert-names.js';
import {
  ALERT_NAMES,
  ALERT_TIERS,
  RECORDED,
  SERVICE_LABEL,
  SEVERITY_LABEL,
  SLO_LABEL,
  TEAM_LABEL,
  TIER_LABEL,
  WINDOW_LABEL,
} from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import { pageHoldSeconds } from '../../../core/model/alerting-defaults.js';
import { errorBudgetRatio, type Slo } from '../../../core/model/slo.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';
import { pairConditions } from '../../../core/windows/pair-conditions.js';
import { BASE_WINDOW_MS, type AlertTierName, type AlertWindow } from '../../../core/windows/alert-windows.js';
import { budgetText, percentText, series, thresholdText } from '../../../core/promql/promql-text.js';
import { windowCountText } from '../../../core/promql/window-count-text.js';
import type { CountWindowPlan } from '../../../core/windows/count-windows.js';
import { sloCountPlan } from './count-plan.js';
import { wholeWindowErrorRatio } from './recording-rules.js';
import type { AlertingRule } from './rule-types.js';
import { windowText } from '../../../core/windows/window-text.js';

/** A window's count: recorded, or composed from recorded tiles. */
function countOver(slo: Slo, plan: CountWindowPlan, metric: string, windowMs: number): string {
  const text = windowCountText(plan, windowMs, (tileMs) => series(metric, slo.id, tileMs));
  if (text === undefined) throw new Error(`${slo.id}: no recorded count composes the ${formatDuration(windowMs)} window`);
  return text;
}

/**
 * The error ratio over a window: `1 - good / total` of the counts, or a raw SLI's recorded ratio. With
 * `minEvents`, the total is filtered by the low-traffic guard before it divides: a window with fewer events
 * has no ratio, so the guard costs no second read of the same total.
 */
function errorRatioOver(slo: Slo, plan: CountWindowPlan, windowMs: number, minEvents?: number): string {
  if (!hasEventCounts(slo.sli)) return series(RECORDED.errorRatio, slo.id, windowMs);
  const total = countOver(slo, plan, RECORDED.totalEvents, windowMs);
  const divisor = minEvents === undefined ? total : `(${total} >= ${minEvents})`;
  return `(1 - ${countOver(slo, plan, RECORDED.goodEvents, windowMs)}\n  /\n  ${divisor})`;
}

function pairExpr(slo: Slo, pair: AlertWindow, plan: CountWindowPlan): string {
  const { ratios, guard } = pairConditions(slo, pair);
  const lines = ratios.map((r) => {
    const minEvents = r.windowMs === guard?.windowMs ? guard.minEvents : undefined;
    return `${errorRatioOver(slo, plan, r.windowMs, minEvents)} > ${thresholdText(r.factor, slo)}`;
  });
  return `max without (${WINDOW_LABEL}) (\n  ${lines.join(`\n  and ignoring(${WINDOW_LABEL})\n  `)}\n)`;
}

function keepFiringMs(slo: Slo, tier: AlertTierName): number {
  return tier === 'page' ? pageHoldSeconds(slo) * 1000 : 0;
}

function groupText(slo: Slo): string {
  return slo.groupBy.map((label) => ` ${label}={{ $labels.${label} }}`).join('');
}

function commonLabels(slo: Slo): Record<string, string> {
  return { ...slo.labels, ...slo.alerting.labels, [TEAM_LABEL]: slo.team, [SERVICE_LABEL]: slo.service, [SLO_LABEL]: slo.id };
}

function links(slo: Slo): Record<string, string> {
  return {
    ...(slo.runbookUrl ? { runbook_url: slo.runbookUrl } : {}),
    ...(slo.dashboardUrl ? { dashboard_url: slo.dashboardUrl } : {}),
  };
}

function budgetSentence(slo: Slo): string {
  const budget = `${Number((errorBudgetRatio(slo) * 100).toPrecision(6))}%`;
  return `Objective ${percentText(slo)} over ${windowText(slo.window)}; the error budget is ${budget} of ${countedUnit(slo)}.`;
}

function burnAlert(slo: Slo, tier: AlertTierName, pairs: readonly AlertWindow[], plan: CountWindowPlan): AlertingRule {
  const tierPolicy = slo.alerting[tier];
  const descriptions = pairs.map(
    (p) => `${p.factor}x over ${formatDuration(p.longWindowMs)} and ${formatDuration(p.shortWindowMs)} (${p.budgetFraction * 100}% of the budget in ${formatDuration(p.longWindowMs)})`,
  );
  const speed = tier === 'page' ? 'fast' : 'steadily';
  return {
    alert: alertName(slo, tier),
    expr: pairs.map((pair) => pairExpr(slo, pair, plan)).join('\nor\n'),
    // Hysteresis for the still-burning guard: sparse errors that dip the base window do not page twice.
    ...(keepFiringMs(slo, tier) > 0 ? { keep_firing_for: formatDuration(keepFiringMs(slo, tier)) } : {}),
    labels: { ...commonLabels(slo), ...tierPolicy.labels, [SEVERITY_LABEL]: tierPolicy.severity, [TIER_LABEL]: ALERT_TIERS[tier] },
    annotations: {
      summary: `${slo.id}${groupText(slo)} is burning its error budget ${speed}`,
      description: `${budgetSentence(slo)} Errors burn the budget at or above ${descriptions.join(', or ')}.`,
      ...links(slo),
      // The tier's own annotations (an imported Sloth alert's), which replace Burnrate's of the same name.
      ...tierPolicy.annotations,
    },
  };
}

/** The series whose absence means "no data": the five-minute total, or the error ratio of a raw SLI. */
export function noDataSeries(slo: Slo): string {
  const metric = hasEventCounts(slo.sli) ? RECORDED.totalEvents : RECORDED.errorRatio;
  return series(metric, slo.id, BASE_WINDOW_MS);
}

function noDataAlert(slo: Slo): AlertingRule {
  return {
    alert: ALERT_NAMES.noData,
    expr: `absent(${noDataSeries(slo)})`,
    for: formatDuration(slo.alerting.noData.forSeconds * 1000),
    labels: { ...commonLabels(slo), [SEVERITY_LABEL]: slo.alerting.noData.severity, [TIER_LABEL]: ALERT_TIERS.noData },
    annotations: {
      summary: `${slo.id} has no SLI data`,
      description: `No events of ${slo.id} were recorded for ${formatDuration(slo.alerting.noData.forSeconds * 1000)}: its series vanished or the selectors match nothing. Missing data is not 100% success; the budget is unknown.`,
      ...links(slo),
    },
  };
}

function budgetExhaustedAlert(slo: Slo): AlertingRule {
  return {
    alert: ALERT_NAMES.budgetExhausted,
    expr: `1 - ${wholeWindowErrorRatio(slo)} / ${budgetText(slo)} <= 0`,
    for: '5m',
    labels: { ...commonLabels(slo), [SEVERITY_LABEL]: slo.alerting.budgetExhausted.severity, [TIER_LABEL]: ALERT_TIERS.budgetExhausted },
    annotations: {
      summary: `${slo.id}${groupText(slo)} has spent its error budget`,
      description: `${budgetSentence(slo)} The budget of the current window is spent; apply the error-budget policy (freeze risky changes).`,
      ...links(slo),
    },
  };
}

export function alertingRules(slo: Slo, windows: readonly AlertWindow[], plan: CountWindowPlan = sloCountPlan(slo)): AlertingRule[] {
  const rules: AlertingRule[] = [];
  for (const tier of ['page', 'ticket'] as const) {
    if (slo.alerting[tier].enabled) rules.push(burnAlert(slo, tier, windows.filter((w) => w.tier === tier), plan));
  }
  if (slo.alerting.noData.enabled) rules.push(noDataAlert(slo));
  if (slo.alerting.budgetExhausted.enabled) rules.push(budgetExhaustedAlert(slo));
  return rules;
}
