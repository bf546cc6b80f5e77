/**
 * Rule groups as a plain Prometheus rule file and as a PrometheusRule resource (monitoring.coreos.com/v1).
 * The groups are serialised once (rulesYaml) and the resource holds the same text two spaces deeper.
 */
import type { KubernetesOrigin, Slo } from '../../../core/model/slo.js';
import { indentYaml, yamlText } from '../yaml-text.js';
import type { RuleGroup } from './rule-types.js';

/** `groups:` and the groups, as both files hold them (the resource under `spec:`). */
export function rulesYaml(groups: readonly RuleGroup[]): string {
  return yamlText({ groups });
}

export function renderRuleFile(header: string, groups: readonly RuleGroup[], text = rulesYaml(groups)): string {
  return header + text;
}

/**
 * Where the service's SLOs were read from Kubernetes objects (Sloth PrometheusServiceLevel, Pyrra
 * ServiceLevelObjective): their labels, so the Prometheus operator's ruleSelector still selects the rules,
 * and their namespace when they agree on one (validation warns when they do not). The first SLO's label
 * wins on a clash. Undefined for definitions written in TypeScript or OpenSLO.
 */
export function serviceOrigin(slos: readonly Pick<Slo, 'source'>[]): KubernetesOrigin | undefined {
  const origins = slos.map((slo) => slo.source.kubernetes).filter((origin): origin is KubernetesOrigin => origin !== undefined);
  if (origins.length === 0) return undefined;
  const namespaces = [...new Set(origins.map((origin) => origin.namespace).filter((ns): ns is string => ns !== undefined))];
  const labels = Object.assign({}, ...[...origins].reverse().map((origin) => origin.labels ?? {})) as Record<string, string>;
  return { ...(namespaces.length === 1 ? { namespace: namespaces[0] } : {}), ...(Object.keys(labels).length > 0 ? { labels } : {}) };
}

export function renderPrometheusRule(header: string, service: string, groups: readonly RuleGroup[], origin?: KubernetesOrigin, text = rulesYaml(groups)): string {
  // Fresh objects only, so no anchor here shifts the numbering of the groups' own anchors.
  const resource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: `burnrate-${service}`,
      ...(origin?.namespace !== undefined ? { namespace: origin.namespace } : {}),
      labels: {
        ...origin?.labels,
        // Burnrate's own labels last: they say who owns the resource, whatever the source object said.
        'app.kubernetes.io/managed-by': 'burnrate',
        'app.kubernetes.io/part-of': 'burnrate',
        'burnrate.dev/service': service,
      },
    },
  };
  return `${header}${yamlText(resource)}spec:\n${indentYaml(text)}`;
}
