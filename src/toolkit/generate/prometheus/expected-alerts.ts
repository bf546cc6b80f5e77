/**
 * The alerts promtool must see. What each alert carries comes from the SLO model (expected-labels.ts,
 * expected-annotations.ts), never from the generated rules, so the tests check the rules instead of
 * echoing them. This module adds only Prometheus' semantics: expression labels, rule labels on top,
 * `$labels` expanded, empty labels dropped.
 */
import { alertName } from '../../../core/conventions/alert-names.js';
import type { Slo } from '../../../core/model/slo.js';
import type { LabelSet } from '../../../core/synthetic/label-matching.js';
import { expectedRuleAnnotations } from './expected-annotations.js';
import { expectedRuleLabels } from './expected-labels.js';
import type { CheckedAlert } from './scenario-types.js';


export interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

/** The alerting rule an SLO must have for one alert, as far as its name, labels and annotations go. */
export interface ExpectedRule {
  alert: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The rule the contract demands, or undefined when the SLO switches that alert off. */
export function expectedRule(slo: Slo, alert: CheckedAlert): ExpectedRule | undefined {
  if (!slo.alerting[alert].enabled) return undefined;
  return { alert: alertName(slo, alert), labels: expectedRuleLabels(slo, alert), annotations: expectedRuleAnnotations(slo, alert) };
}

/** Go-template `{{ $labels.name }}` expansion, the only template the contract writes. */
export function expandLabels(text: string, labels: LabelSet): string {
  return text.replace(/\{\{\s*\$labels\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** The alert Prometheus raises from `rule` for one series of its expression. */
export function expectedAlert(rule: Pick<ExpectedRule, 'labels' | 'annotations'>, expressionLabels: LabelSet): ExpectedAlert {
  const labels: Record<string, string> = { ...expressionLabels };
  delete labels.__name__;
  for (const [name, value] of Object.entries(rule.labels)) labels[name] = expandLabels(value, expressionLabels);
  for (const [name, value] of Object.entries(labels)) if (value === '') delete labels[name];
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([name, value]) => [name, expandLabels(value, expressionLabels)]));
  return { exp_labels: sorted(labels), exp_annotations: sorted(annotations) };
}

/** The SLO's alert for one expression series: none when the SLO switches the alert off. */
export function expectedAlerts(slo: Slo, alert: CheckedAlert, expressionLabels: LabelSet): ExpectedAlert[] {
  const rule = expectedRule(slo, alert);
  return rule ? [expectedAlert(rule, expressionLabels)] : [];
}
