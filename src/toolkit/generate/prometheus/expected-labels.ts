/**
 * The labels an SLO's alerts must carry, written down from the SLO model and the naming conventions
 * (docs/rules.md "Labels", docs/routing.md "The route tree"), never read from the generated rules:
 * a wrong label in a rule then fails its promtool test instead of being copied into the expectation.
 */
import { ALERT_TIERS, SERVICE_LABEL, SEVERITY_LABEL, SLO_LABEL, TEAM_LABEL, TIER_LABEL, WINDOW_LABEL } from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import type { LabelSet } from '../../../core/synthetic/label-matching.js';
import { BASE_WINDOW_MS } from '../../../core/windows/alert-windows.js';
import type { CheckedAlert } from './scenario-types.js';

/**
 * Labels the alerting rule sets: the definition's labels, then `alerting.labels` and the tier's own, then the ones Burnrate
 * owns (routing and inhibition match on them), last so an author's label can never mask them.
 */
export function expectedRuleLabels(slo: Slo, alert: CheckedAlert): Record<string, string> {
  return {
    ...slo.labels,
    ...slo.alerting.labels,
    // A burn tier's own labels (e.g. an imported Sloth page_alert's routing labels).
    ...(alert === 'noData' ? {} : slo.alerting[alert].labels),
    [TEAM_LABEL]: slo.team,
    [SERVICE_LABEL]: slo.service,
    [SLO_LABEL]: slo.id,
    [SEVERITY_LABEL]: slo.alerting[alert].severity,
    [TIER_LABEL]: ALERT_TIERS[alert],
  };
}

/** Labels of a burn alert's expression: `max without (window)` keeps the SLO id and the groupBy labels. */
export function burnExpressionLabels(slo: Slo, groupLabels: LabelSet): LabelSet {
  return { [SLO_LABEL]: slo.id, ...groupLabels };
}

/**
 * Labels of the no-data expression: `absent()` returns the equality matchers of the five-minute series
 * it watches, which are the SLO id and the base window (docs/rules.md: `window="5m"` on no-data alerts).
 */
export function noDataExpressionLabels(slo: Slo): LabelSet {
  return { [SLO_LABEL]: slo.id, [WINDOW_LABEL]: formatDuration(BASE_WINDOW_MS) };
}
