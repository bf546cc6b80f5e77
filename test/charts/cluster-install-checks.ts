/** What each values scenario must have changed in the objects the API server holds for the release. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { expect } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import type { KubeObject } from '../support/kubectl.js';

const RULE_FILES = readdirSync(path.join(REPO_ROOT, 'alerts/prometheus')).filter((f) => f.endsWith('.rules.yaml'));

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
}

export const SCENARIO_CHECKS: Record<string, (objects: Objects) => void> = {
  default: (o) => {
    expect(o.deployment.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(o.pod.containers[0].env).toContainEqual({ name: 'BURNRATE_SQLITE_PATH', value: '/var/lib/burnrate/burnrate.db' });
    expect(o.all('PrometheusRule').map((r) => r.metadata.labels['burnrate.dev/service']).sort()).toEqual(RULE_FILES.map((f) => f.replace('.rules.yaml', '')).sort());
    for (const rule of o.all('PrometheusRule')) expect(rule.spec.groups.length).toBeGreaterThan(0);
    expect(o.all('ServiceMonitor')).toHaveLength(1);
    expect(o.all('NetworkPolicy')).toHaveLength(1);
    expect(o.all('ConfigMap').filter((c) => c.metadata.labels.grafana_dashboard === '1').length).toBeGreaterThan(0);
    expect(o.all('AlertmanagerConfig')).toEqual([]);
  },
  'autoscaling-persistence': (o) => {
    expect(o.all('AlertmanagerConfig')).toEqual([]);
    expect(o.all('HorizontalPodAutoscaler')[0]?.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    expect(o.pod.containers[0].env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'burnrate-database', key: 'DATABASE_URL' } } });
    for (const rule of o.all('PrometheusRule')) expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
    for (const board of o.all('ConfigMap').filter((c) => c.metadata.labels.grafana_dashboard === '1')) expect(board.metadata.annotations.grafana_folder).toBe('SLOs');
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
  'alertmanager-config': (o) => {
    const [config] = o.all('AlertmanagerConfig');
    expect(config?.spec.route).toMatchObject({ receiver: 'burnrate-default', groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' });
    expect(config?.spec.receivers.map((r: { name: string }) => r.name)).toContain('burnrate-payments-page');
    expect(config?.spec.receivers.find((r: { name: string }) => r.name === 'burnrate-payments-page').pagerdutyConfigs[0].routingKey).toEqual({ name: 'burnrate-pagerduty-payments', key: 'routing-key-page' });
  },
};
