/**
 * The alerts promtool must see, built from the generated alerting rules themselves: labels are the
 * expression's labels plus the rule's, annotations are the rule's with `$labels` expanded, as Prometheus does.
 */
import { ALERT_NAMES, SLO_LABEL } from '../../../core/conventions/metrics.js';
import type { Slo } from '../../../core/model/slo.js';
import { parseSelector } from '../../../core/promql/promql.js';
import { alertingRules, noDataSeries } from './alert-rules.js';
import type { LabelSet } from '../../../core/synthetic/label-matching.js';
import { sloAlertWindows } from './rule-groups.js';
import type { AlertingRule } from './rule-types.js';
import type { CheckedAlert } from './scenario-types.js';

export interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

export function alertRule(slo: Slo, alert: CheckedAlert): AlertingRule | undefined {
  return alertingRules(slo, sloAlertWindows(slo)).find((rule) => rule.alert === ALERT_NAMES[alert]);
}

/** Labels of a burn alert's expression: `max without (window)` keeps the SLO id and the groupBy labels. */
export function burnExpressionLabels(slo: Slo, groupLabels: LabelSet): LabelSet {
  return { [SLO_LABEL]: slo.id, ...groupLabels };
}

/** Labels `absent(selector)` returns: the selector's equality matchers. */
export function noDataExpressionLabels(slo: Slo): LabelSet {
  const selector = parseSelector(noDataSeries(slo));
  return Object.fromEntries((selector?.matchers ?? []).filter((m) => m.op === '=').map((m) => [m.name, m.value]));
}

/** Go-template `{{ $labels.name }}` expansion, the only template the generator writes. */
export function expandLabels(text: string, labels: LabelSet): string {
  return text.replace(/\{\{\s*\$labels\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function expectedAlert(rule: AlertingRule, expressionLabels: LabelSet): ExpectedAlert {
  const labels: Record<string, string> = { ...expressionLabels };
  delete labels.__name__;
  for (const [name, value] of Object.entries(rule.labels)) labels[name] = expandLabels(value, expressionLabels);
  for (const [name, value] of Object.entries(labels)) if (value === '') delete labels[name];
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([name, value]) => [name, expandLabels(value, expressionLabels)]));
  return { exp_labels: sorted(labels), exp_annotations: sorted(annotations) };
}
