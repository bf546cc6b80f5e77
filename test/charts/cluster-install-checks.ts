/** What each values scenario must have changed in the objects the API server holds for the release. */
import { parse } from 'yaml';
import { expect } from 'vitest';
import type { KubeObject } from '../support/kubectl.js';

const CONFIGMAP_READER = [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }];

/** The release's stored objects by kind. */
export class Objects {
  constructor(readonly items: KubeObject[]) {}

  all(kind: string): Record<string, any>[] {
    return this.items.filter((o) => o.kind === kind);
  }

  get deployment(): Record<string, any> {
    const [deployment] = this.all('Deployment');
    expect(deployment).toBeDefined();
    return deployment as Record<string, any>;
  }

  get pod(): Record<string, any> {
    return this.deployment.spec.template.spec;
  }

  serviceConfig(): Record<string, any> {
    const config = this.all('ConfigMap').find((c) => c.data?.['config.yaml']);
    return parse(config?.data['config.yaml'] ?? '') as Record<string, any>;
  }

  /** The discovery RBAC objects as `Kind namespace/name` (cluster-scoped ones without a namespace). */
  rbac(): string[] {
    return this.items
      .filter((o) => /^(Cluster)?Role(Binding)?$/.test(o.kind))
      .map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`)
      .sort();
  }
}

export const SCENARIO_CHECKS: Record<string, (objects: Objects) => void> = {
  default: (o) => {
    expect(o.deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(o.pod.containers[0].env).toContainEqual({ name: 'BURNRATE_SQLITE_PATH', value: '/var/lib/burnrate/burnrate.db' });
    expect(o.all('ServiceMonitor')).toHaveLength(1);
    expect(o.all('NetworkPolicy')).toHaveLength(1);
    // The service only: no SLO content of its own; catalogs are discovered in every namespace.
    expect(o.all('PrometheusRule')).toEqual([]);
    expect(o.all('AlertmanagerConfig')).toEqual([]);
    expect(o.all('ConfigMap').map((c) => Object.keys(c.data))).toEqual([['config.yaml']]);
    expect(o.serviceConfig().catalog).toEqual({ kubernetes: { enabled: true, namespaces: [] } });
    expect(o.pod.automountServiceAccountToken).toBe(true);
    expect(o.rbac()).toEqual(['ClusterRole slo-demo-burnrate-catalogs', 'ClusterRoleBinding slo-demo-burnrate-catalogs']);
    expect(o.all('ClusterRole')[0]?.rules).toEqual(CONFIGMAP_READER);
    expect(o.all('ClusterRoleBinding')[0]?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'demo-burnrate', namespace: 'slo' }]);
  },
  'autoscaling-persistence': (o) => {
    expect(o.all('HorizontalPodAutoscaler')[0]?.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    expect(o.pod.containers[0].env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'burnrate-database', key: 'DATABASE_URL' } } });
    expect(o.all('ServiceMonitor')[0]?.metadata.labels.release).toBe('kube-prometheus-stack');
  },
  'catalog-configmaps': (o) => {
    expect(o.all('HorizontalPodAutoscaler')).toEqual([]);
    // No Kubernetes API access at all: no RBAC, no token, the user's ConfigMaps mounted as the catalog directory.
    expect(o.rbac()).toEqual([]);
    expect(o.pod.automountServiceAccountToken).toBe(false);
    expect(o.serviceConfig().catalog).toEqual({ directory: '/etc/burnrate-catalogs' });
    const sources = o.pod.volumes.find((v: { name: string }) => v.name === 'catalogs').projected.sources;
    expect(sources.map((s: { configMap: { name: string } }) => s.configMap.name)).toEqual(['burnrate-checkout-catalog', 'team-search-slos']);
  },
  'discovery-namespaces': (o) => {
    expect(o.rbac()).toEqual([
      'Role team-a/demo-burnrate-catalogs',
      'Role team-b/demo-burnrate-catalogs',
      'RoleBinding team-a/demo-burnrate-catalogs',
      'RoleBinding team-b/demo-burnrate-catalogs',
    ]);
    for (const role of o.all('Role')) expect(role.rules).toEqual(CONFIGMAP_READER);
    expect(o.serviceConfig().catalog).toEqual({ kubernetes: { enabled: true, namespaces: ['team-a', 'team-b'] } });
  },
  'custom-clusters': (o) => {
    expect(o.all('HorizontalPodAutoscaler')).toEqual([]);
    expect(o.serviceConfig().clusters.map((c: { name: string }) => c.name)).toEqual(['eu-west', 'us-east', 'local']);
    expect(o.pod.volumes).toContainEqual(expect.objectContaining({ name: 'thanos-token', secret: expect.objectContaining({ secretName: 'burnrate-thanos-token' }) }));
  },
  'networkpolicy-off': (o) => {
    expect(o.all('NetworkPolicy')).toEqual([]);
  },
  paging: (o) => {
    expect(o.all('NetworkPolicy')).toHaveLength(1);
    expect(o.serviceConfig().paging).toMatchObject({ enabled: true, routingKeys: { payments: expect.any(String), discovery: expect.any(String) } });
    const secrets = o.pod.volumes.filter((v: { secret?: unknown }) => v.secret).map((v: { secret: { secretName: string } }) => v.secret.secretName);
    expect(secrets.sort()).toEqual(['burnrate-pagerduty-discovery', 'burnrate-pagerduty-payments']);
  },
  'replicas-postgres': (o) => {
    expect(o.deployment.spec.replicas).toBe(3);
    // The chart drops Recreate; the server defaults the strategy it no longer names.
    expect(o.deployment.spec.strategy.type).toBe('RollingUpdate');
    expect(o.pod.topologySpreadConstraints[0].labelSelector.matchLabels['app.kubernetes.io/instance']).toBe('demo');
  },
};
