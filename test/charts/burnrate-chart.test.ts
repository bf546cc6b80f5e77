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
        const problems = (await Promise.all(objects.map(schemaProblems))).filter(Boolean);
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

  it('carries the generated rule groups untouched inside the PrometheusRule objects', () => {
    const rules = byKind(renderChart(CHART), 'PrometheusRule');
    const files = readdirSync(path.join(REPO_ROOT, 'alerts/prometheus')).filter((f) => f.endsWith('.rules.yaml'));
    expect(rules.map((r) => r.metadata.labels?.['burnrate.dev/service']).sort()).toEqual(files.map((f) => f.replace('.rules.yaml', '')).sort());
    for (const file of files) {
      const generated = parse(readFileSync(path.join(REPO_ROOT, 'alerts/prometheus', file), 'utf8')) as { groups: unknown[] };
      const rendered = rules.find((r) => r.metadata.labels?.['burnrate.dev/service'] === file.replace('.rules.yaml', ''));
      expect((rendered?.spec as { groups: unknown[] }).groups).toEqual(generated.groups);
    }
  });

  it('ships the compiled catalog and labels dashboards for the Grafana sidecar', () => {
    const objects = renderChart(CHART);
    const config = byKind(objects, 'ConfigMap').find((c) => (c.data as Record<string, string>)['catalog.json']);
    const catalog = readFileSync(path.join(REPO_ROOT, 'alerts/catalog.json'), 'utf8');
    expect(JSON.parse((config?.data as Record<string, string>)['catalog.json'] ?? '')).toEqual(JSON.parse(catalog));
    const dashboards = byKind(objects, 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
    const files = existsSync(path.join(REPO_ROOT, 'dashboards')) ? readdirSync(path.join(REPO_ROOT, 'dashboards')).filter((f) => f.endsWith('.json')) : [];
    expect(dashboards).toHaveLength(files.length);
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
