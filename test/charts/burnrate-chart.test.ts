import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { helm, KUBE_VERSION, renderChart, type K8sObject } from '../support/helm.js';
import { schemaProblems } from '../support/k8s-schemas.js';
import { goldenManifests } from './chart-golden.js';

const CHART = path.join(REPO_ROOT, 'charts/burnrate');
const VALUES_DIR = path.join(import.meta.dirname, 'values');
const GOLDEN_DIR = path.join(import.meta.dirname, 'golden');
const SCENARIOS: Record<string, string[]> = {
  default: [],
  ...Object.fromEntries(readdirSync(VALUES_DIR).map((f) => [f.replace(/\.yaml$/, ''), [path.join(VALUES_DIR, f)]])),
};

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

/** schemaProblems, plus the RBAC kinds of catalog discovery (rbac.authorization.k8s.io/v1). */
async function problemsOf(object: K8sObject): Promise<string | undefined> {
  if (object.apiVersion !== 'rbac.authorization.k8s.io/v1') return schemaProblems(object);
  const models = (await import('kubernetes-models/rbac.authorization.k8s.io/v1')) as unknown as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[object.kind];
  if (!Model) return `${object.apiVersion}/${object.kind} ${object.metadata.name}: no schema known for kind ${object.kind}`;
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return `${object.apiVersion}/${object.kind} ${object.metadata.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe('charts/burnrate', () => {
  it('passes helm lint --strict', () => {
    const result = helm(['lint', '--strict', '--kube-version', KUBE_VERSION, CHART]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  for (const [scenario, values] of Object.entries(SCENARIOS)) {
    describe(`values scenario "${scenario}"`, () => {
      const objects = renderChart(CHART, { values });

      it('matches its golden manifests', () => {
        const file = path.join(GOLDEN_DIR, `${scenario}.yaml`);
        const actual = goldenManifests(objects);
        if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
        expect(actual).toBe(readFileSync(file, 'utf8'));
      });

      it('renders only objects valid against the Kubernetes and prometheus-operator schemas', async () => {
        const problems = (await Promise.all(objects.map(problemsOf))).filter(Boolean);
        expect(problems).toEqual([]);
        expect(objects.length).toBeGreaterThan(5);
      });

      it('runs hardened: non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp', () => {
        const [deployment] = byKind(objects, 'Deployment');
        const pod = (deployment?.spec as { template: { spec: Record<string, any> } }).template.spec;
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        for (const container of pod.containers) {
          expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
          expect(container.resources.requests).toBeDefined();
          expect(container.livenessProbe.httpGet.path).toBe('/healthz');
          expect(container.readinessProbe.httpGet.path).toBe('/readyz');
        }
      });
    });
  }

  it('installs the service only: no SLO content, nothing read from the checkout', () => {
    expect(existsSync(path.join(CHART, 'files'))).toBe(false);
    for (const template of readdirSync(path.join(CHART, 'templates'), { recursive: true, encoding: 'utf8' })) {
      if (template.includes('.')) expect(readFileSync(path.join(CHART, 'templates', template), 'utf8'), template).not.toMatch(/\.Files\b/);
    }
    for (const values of Object.values(SCENARIOS)) {
      const objects = renderChart(CHART, { values });
      expect(objects.filter((o) => ['PrometheusRule', 'AlertmanagerConfig'].includes(o.kind))).toEqual([]);
      const configMaps = byKind(objects, 'ConfigMap');
      expect(configMaps.map((c) => Object.keys(c.data as Record<string, string>))).toEqual([['config.yaml']]);
      expect(configMaps.filter((c) => c.metadata.labels?.grafana_dashboard || c.metadata.labels?.['burnrate.dev/catalog'])).toEqual([]);
    }
  });

  it('discovers catalogs from every namespace by default, through a ClusterRole reading ConfigMaps only', () => {
    const objects = renderChart(CHART);
    const config = parse((byKind(objects, 'ConfigMap')[0]?.data as Record<string, string>)['config.yaml'] ?? '') as { catalog: unknown };
    expect(config.catalog).toEqual({ kubernetes: { enabled: true, namespaces: [] } });
    expect(objects.filter((o) => /Role/.test(o.kind)).map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['ClusterRole slo-demo-burnrate-catalogs', 'ClusterRoleBinding slo-demo-burnrate-catalogs']);
    expect(byKind(objects, 'ClusterRole')[0]?.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
    const pod = (byKind(objects, 'Deployment')[0]?.spec as { template: { spec: Record<string, any> } }).template.spec;
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.containers[0].env.map((e: { name: string }) => e.name)).not.toContain('BURNRATE_CATALOG');
  });

  it('narrows discovery to a Role per listed namespace', () => {
    const objects = renderChart(CHART, { values: [path.join(VALUES_DIR, 'discovery-namespaces.yaml')] });
    expect(objects.filter((o) => /Role/.test(o.kind)).map((o) => `${o.kind} ${(o.metadata as { namespace?: string }).namespace}/${o.metadata.name}`).sort()).toEqual([
      'Role team-a/demo-burnrate-catalogs',
      'Role team-b/demo-burnrate-catalogs',
      'RoleBinding team-a/demo-burnrate-catalogs',
      'RoleBinding team-b/demo-burnrate-catalogs',
    ]);
  });

  it('mounts user-provided catalog ConfigMaps as the catalog directory, without Kubernetes API access', () => {
    const objects = renderChart(CHART, { values: [path.join(VALUES_DIR, 'catalog-configmaps.yaml')] });
    const config = parse((byKind(objects, 'ConfigMap')[0]?.data as Record<string, string>)['config.yaml'] ?? '') as { catalog: unknown };
    expect(config.catalog).toEqual({ directory: '/etc/burnrate-catalogs' });
    expect(objects.filter((o) => /Role/.test(o.kind))).toEqual([]);
    const pod = (byKind(objects, 'Deployment')[0]?.spec as { template: { spec: Record<string, any> } }).template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'catalogs', mountPath: '/etc/burnrate-catalogs', readOnly: true });
    expect(pod.volumes.find((v: { name: string }) => v.name === 'catalogs').projected.sources).toEqual([
      { configMap: { name: 'burnrate-checkout-catalog', items: [{ key: 'catalog.json', path: 'burnrate-checkout-catalog.json' }] } },
      { configMap: { name: 'team-search-slos', items: [{ key: 'search.json', path: 'team-search-slos.json' }] } },
    ]);
    const policy = byKind(objects, 'NetworkPolicy')[0]?.spec as { egress: { ports: { port: number }[] }[] };
    expect(policy.egress.some((rule) => rule.ports.some((p) => p.port === 6443))).toBe(false);
  });

  it('reads DATABASE_URL from the named Secret with postgres, and spreads several replicas', () => {
    const objects = renderChart(CHART, { values: [path.join(VALUES_DIR, 'replicas-postgres.yaml')] });
    const [deployment] = byKind(objects, 'Deployment');
    const spec = deployment?.spec as { replicas: number; strategy?: unknown; template: { spec: Record<string, any> } };
    expect(spec.replicas).toBe(3);
    expect(spec.strategy).toBeUndefined();
    const env = spec.template.spec.containers[0].env as { name: string; valueFrom?: unknown }[];
    expect(env.find((e) => e.name === 'DATABASE_URL')?.valueFrom).toEqual({ secretKeyRef: { name: 'burnrate-database', key: 'DATABASE_URL' } });
    expect(spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels['app.kubernetes.io/instance']).toBe('demo');
    const policy = byKind(objects, 'NetworkPolicy')[0]?.spec as { egress: { ports: { port: number }[] }[] };
    expect(policy.egress.some((rule) => rule.ports.some((p) => p.port === 5432))).toBe(true);
  });

  it('drops the NetworkPolicy only when asked', () => {
    expect(byKind(renderChart(CHART), 'NetworkPolicy')).toHaveLength(1);
    expect(byKind(renderChart(CHART, { values: [path.join(VALUES_DIR, 'networkpolicy-off.yaml')] }), 'NetworkPolicy')).toHaveLength(0);
  });

  it('writes the configured clusters into the service configuration', () => {
    const objects = renderChart(CHART, { values: [path.join(VALUES_DIR, 'custom-clusters.yaml')] });
    const config = byKind(objects, 'ConfigMap').find((c) => (c.data as Record<string, string>)['config.yaml']);
    const parsed = parse((config?.data as Record<string, string>)['config.yaml'] ?? '') as { clusters: { name: string; headers?: Record<string, string> }[] };
    expect(parsed.clusters.map((c) => c.name)).toEqual(['eu-west', 'us-east', 'local']);
    expect(parsed.clusters[1]?.headers).toEqual({ 'X-Scope-OrgID': 'platform' });
  });

  describe('refuses bad values with a clear helm error', () => {
    const cases: [string, string[], RegExp][] = [
      ['a negative replica count', ['replicaCount=-1'], /replicaCount.*minimum/],
      ['an unknown top-level key', ['replicas=2'], /additional properties 'replicas' not allowed/],
      ['a cluster URL that is not http(s)', ['config.clusters[0].name=x', 'config.clusters[0].url=ftp://prom'], /url.*does not match pattern/],
      ['an unknown database type', ['database.type=mysql'], /database\/type/],
      ['an evaluation interval that is not a duration', ['config.evaluation.interval=often'], /interval.*does not match pattern/],
      ['several replicas on embedded SQLite', ['replicaCount=2'], /needs database.type=postgres/],
      ['postgres without a Secret', ['database.type=postgres'], /needs database.postgres.existingSecret/],
      ['no catalog source', ['catalogDiscovery.kubernetes.enabled=false'], /no catalog source: turn catalogDiscovery.kubernetes.enabled on or list catalogConfigMaps/],
      ['the same catalog ConfigMap twice', ['catalogConfigMaps[0].name=slos', 'catalogConfigMaps[1].name=slos'], /catalogConfigMaps lists slos twice/],
      ['a removed chart-baked section', ['prometheusRule.enabled=true'], /additional properties 'prometheusRule' not allowed/],
    ];
    for (const [what, set, message] of cases) {
      it(what, () => {
        const args = ['template', 'demo', CHART, '--kube-version', KUBE_VERSION];
        for (const pair of set) args.push('--set', pair);
        const result = helm(args);
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(message);
      });
    }
  });
});
