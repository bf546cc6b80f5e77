/** The cluster owner's objects around the chart and the team's bundle in the operator pipeline test, as kubectl input. */
import { stringify } from 'yaml';

const BURNRATE_LABELS = { 'app.kubernetes.io/part-of': 'burnrate' };
const yaml = (objects: object[]) => objects.map((o) => stringify(o)).join('---\n');

/**
 * A Prometheus selecting Burnrate's PrometheusRules, an Alertmanager selecting its AlertmanagerConfig, and the
 * Alertmanager's base config Secret (the operator merges AlertmanagerConfigs into it) with the PagerDuty URL.
 */
export function operatorResources(name: string, pagerdutyUrl: string): string {
  const base = { global: { pagerduty_url: pagerdutyUrl }, route: { receiver: 'null' }, receivers: [{ name: 'null' }] };
  return yaml([
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: `alertmanager-${name}` }, stringData: { 'alertmanager.yaml': stringify(base) } },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name }, spec: { ruleSelector: { matchLabels: BURNRATE_LABELS } } },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Alertmanager',
      metadata: { name },
      spec: {
        version: 'v0.35.0',
        alertmanagerConfigSelector: { matchLabels: BURNRATE_LABELS },
        // Burnrate's alerts carry no namespace label (docs/routing.md).
        alertmanagerConfigMatcherStrategy: { type: 'None' },
      },
    },
  ]);
}

const rule = (name: string, rules: object[]) =>
  yaml([{ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name, labels: BURNRATE_LABELS }, spec: { groups: [{ name, rules }] } }]);

/** A rule whose PromQL does not parse (a missing parenthesis). */
export const BROKEN_RULE = rule('broken-rules', [{ alert: 'BrokenRule', expr: 'sum(rate(orders_requests_total[5m])' }]);
/** A valid rule applied after the broken one: its arrival in the rule files shows the operator saw both. */
export const EXTRA_RULE = rule('extra-rules', [{ record: 'burnrate_test:operator_accepted', expr: 'vector(1)' }]);
