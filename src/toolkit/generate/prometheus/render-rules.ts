/** Rule groups as a plain Prometheus rule file and as a PrometheusRule resource (monitoring.coreos.com/v1). */
import { stringify } from 'yaml';
import type { RuleGroup } from './rule-types.js';

const YAML_OPTIONS = { lineWidth: 0, indent: 2 } as const;

export function renderRuleFile(header: string, groups: readonly RuleGroup[]): string {
  return header + stringify({ groups }, YAML_OPTIONS);
}

export function renderPrometheusRule(header: string, service: string, groups: readonly RuleGroup[]): string {
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: `burnrate-${service}`,
      labels: {
        'app.kubernetes.io/managed-by': 'burnrate',
        'app.kubernetes.io/part-of': 'burnrate',
        'burnrate.dev/service': service,
      },
    },
    spec: { groups },
  };
  return header + stringify(resource, YAML_OPTIONS);
}
