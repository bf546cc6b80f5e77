/**
 * The annotations an SLO's alerts must carry (docs/rules.md "Labels", docs/routing.md "What PagerDuty
 * receives"): summary, description and the runbook and dashboard links, written from the SLO model.
 * Texts keep the `{{ $labels.x }}` templates a rule holds; expected-alerts.ts expands them as Prometheus does.
 */
import { countedUnit } from '../../../core/sli/slice-queries.js';
import { formatDuration } from '../../../core/model/duration.js';
import { errorBudgetRatio, type Slo } from '../../../core/model/slo.js';
import { sloAlertWindows, type AlertTierName } from '../../../core/windows/alert-windows.js';
import { windowText } from '../../../core/windows/window-text.js';
import type { CheckedAlert } from './scenario-types.js';

/** Links are optional in the definition; an absent or empty one is no annotation at all. */
function links(slo: Slo): Record<string, string> {
  const out: Record<string, string> = {};
  if (slo.runbookUrl) out.runbook_url = slo.runbookUrl;
  if (slo.dashboardUrl) out.dashboard_url = slo.dashboardUrl;
  return out;
}

/** "Objective 99.9% over 30d; the error budget is 0.1% of events." */
function objectiveSentence(slo: Slo): string {
  const budgetPercent = Number((errorBudgetRatio(slo) * 100).toPrecision(6));
  return `Objective ${slo.objectivePercent}% over ${windowText(slo.window)}; the error budget is ${budgetPercent}% of ${countedUnit(slo)}.`;
}

/** One clause per burn pair of the tier: factor, both windows, and the share of the budget it lets burn. */
function burnDescription(slo: Slo, tier: AlertTierName): string {
  const pairs = sloAlertWindows(slo)
    .filter((w) => w.tier === tier)
    .map((w) => {
      const long = formatDuration(w.longWindowMs);
      return `${w.factor}x over ${long} and ${formatDuration(w.shortWindowMs)} (${w.budgetFraction * 100}% of the budget in ${long})`;
    });
  return `${objectiveSentence(slo)} Errors burn the budget at or above ${pairs.join(', or ')}.`;
}

/** Grouped SLOs name the group in the summary, so each group's page reads on its own. */
function groupTemplate(slo: Slo): string {
  return slo.groupBy.map((label) => ` ${label}={{ $labels.${label} }}`).join('');
}

export function expectedRuleAnnotations(slo: Slo, alert: CheckedAlert): Record<string, string> {
  if (alert === 'noData') {
    const forText = formatDuration(slo.alerting.noData.forSeconds * 1000);
    return {
      summary: `${slo.id} has no SLI data`,
      description: `No events of ${slo.id} were recorded for ${forText}: its series vanished or the selectors match nothing. Missing data is not 100% success; the budget is unknown.`,
      ...links(slo),
    };
  }
  const speed = alert === 'page' ? 'fast' : 'steadily';
  return {
    summary: `${slo.id}${groupTemplate(slo)} is burning its error budget ${speed}`,
    description: burnDescription(slo, alert),
    ...links(slo),
    // The tier's own annotations replace Burnrate's of the same name (docs/rules.md "Labels").
    ...slo.alerting[alert].annotations,
  };
}
