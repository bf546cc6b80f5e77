/**
 * charts/burnrate on a real API server (kube-apiserver v1.37.2 with the prometheus-operator CRDs, RBAC on): each
 * values scenario's manifests pass strict server-side field validation; `helm install`, then `helm upgrade`
 * through every scenario in turn, stores exactly what the chart renders (the service only, with its catalog
 * discovery RBAC); `helm rollback` to revision 1 reverts it all. Then the SLOs arrive the way every team's do:
 * the committed example bundle (deploy/example-bundle) and a bundle with its AlertmanagerConfig are applied with
 * `kubectl apply --server-side -k` into a team namespace, stored as built, and readable by the service account.
 * No kubelet: objects are validated and stored, no pod runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { helm } from '../support/helm.js';
import { startKubeControlPlane, type KubeControlPlane } from '../support/kube-control-plane.js';
import { content, objectKey, parseManifests, releaseManifests, releaseObjects } from '../support/kube-release.js';
import { kubectl, kubectlOk, listObjects, type KubeObject } from '../support/kubectl.js';
import { makeTempDir } from '../support/temp-dir.js';
import { Objects, SCENARIO_CHECKS } from './cluster-install-checks.js';

const CHART = path.join(REPO_ROOT, 'charts/burnrate');
const VALUES_DIR = path.join(import.meta.dirname, 'values');
const EXAMPLE_BUNDLE = path.join(REPO_ROOT, 'deploy/example-bundle');
const NAMESPACE = 'slo';
const RELEASE = 'demo';
// Manifests are validated as creations in an empty namespace: the upgrade path is helm's to prove below.
const VALIDATION_NAMESPACE = 'slo-validation';
// The namespaces the discovery-namespaces scenario reads (its Roles live there), and a team's own namespace.
const TEAM_NAMESPACES = ['team-a', 'team-b'];
const SHOP = 'shop';
const SERVICE_ACCOUNT = `system:serviceaccount:${NAMESPACE}:${RELEASE}-burnrate`;
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding']);
// Install with the defaults, then upgrade through every values scenario; the last one (replicas-postgres)
// changes the Deployment most.
const STEPS: [string, string[]][] = [
  ['default', []],
  ...readdirSync(VALUES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f): [string, string[]] => [f.replace(/\.yaml$/, ''), ['--values', path.join(VALUES_DIR, f)]]),
];

const temp = await makeTempDir('burnrate-cluster-install-');
let plane: KubeControlPlane;
let serverVersion: string;
let firstRevision: Record<string, unknown>[];
/** Kind/name and where it lives: the Roles of two namespaces share a name. */
const placedKey = (o: KubeObject) => `${objectKey(o)}@${CLUSTER_SCOPED.has(o.kind) ? '' : (o.metadata.namespace ?? NAMESPACE)}`;
const byPlacedKey = (a: KubeObject, b: KubeObject) => (placedKey(a) < placedKey(b) ? -1 : placedKey(a) > placedKey(b) ? 1 : 0);
/** The release's objects in its namespace, plus its discovery RBAC wherever it lives. */
const live = async () => {
  const selector = ['-l', `app.kubernetes.io/instance=${RELEASE}`];
  const rbac = await listObjects(plane.kubeconfig, ['roles.v1.rbac.authorization.k8s.io,rolebindings.v1.rbac.authorization.k8s.io', '--all-namespaces', ...selector]);
  const clusterRbac = await listObjects(plane.kubeconfig, ['clusterroles.v1.rbac.authorization.k8s.io,clusterrolebindings.v1.rbac.authorization.k8s.io', ...selector]);
  return [...(await releaseObjects(plane.kubeconfig, NAMESPACE, RELEASE)), ...rbac, ...clusterRbac].sort(byPlacedKey);
};
const helmOn = (args: string[]) => helm([...args, '--namespace', NAMESPACE, '--kubeconfig', plane.kubeconfig]);
/** Server-side strict dry-run; namespace-less namespaced objects go to the validation namespace, as helm would place them. */
const strictDryRun = (manifests: string) => {
  const placed = parseManifests(manifests).map((o) =>
    CLUSTER_SCOPED.has(o.kind) || o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: VALIDATION_NAMESPACE } },
  );
  return kubectl(plane.kubeconfig, ['apply', '--server-side', '--validate=strict', '--dry-run=server', '-f', '-'], placed.map((o) => JSON.stringify(o)).join('\n---\n'));
};
const canI = async (verb: string, resource: string, namespace: string) =>
  (await kubectl(plane.kubeconfig, ['auth', 'can-i', verb, resource, '-n', namespace, '--as', SERVICE_ACCOUNT])).stdout.trim();

beforeAll(async () => {
  plane = await startKubeControlPlane();
  serverVersion = (JSON.parse(await kubectlOk(plane.kubeconfig, ['version', '-o', 'json'])) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion;
  for (const namespace of [NAMESPACE, VALIDATION_NAMESPACE]) {
    await kubectlOk(plane.kubeconfig, ['create', 'namespace', namespace]);
    // What the missing controller manager would create; the ServiceAccount admission of the test pod needs it.
    await kubectlOk(plane.kubeconfig, ['create', 'serviceaccount', 'default', '-n', namespace]);
  }
  for (const namespace of [...TEAM_NAMESPACES, SHOP]) await kubectlOk(plane.kubeconfig, ['create', 'namespace', namespace]);
});

afterAll(async () => {
  await plane?.stop();
  await temp.remove();
});

describe('charts/burnrate installed on kube-apiserver with the prometheus-operator CRDs', () => {
  it('talks to a v1.37.2 server that refuses unknown fields under strict validation, built-in and custom kinds', async () => {
    expect(serverVersion).toBe('v1.37.2');
    const bad = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'typo' }, dataa: { a: 'b' } },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'typo' }, spec: { groups: [{ name: 'g', rules: [{ record: 'r', expr: 'up', exprr: 'up' }] }] } },
    ];
    const result = await strictDryRun(bad.map((o) => JSON.stringify(o)).join('\n---\n'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ConfigMap\): \.dataa: field not declared in schema/);
    expect(result.stderr).toMatch(/PrometheusRule\): \.spec\.groups\[name="g"\]\.rules\[0\]\.exprr: field not declared in schema/);

    // helm 3.22 asks for no field validation: the server warns, drops the field and stores the rest. The
    // install steps below therefore fail on any warning in helm's output.
    const chart = path.join(temp.dir, 'typo');
    await mkdir(path.join(chart, 'templates'), { recursive: true });
    await writeFile(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: typo\nversion: 0.1.0\n');
    await writeFile(path.join(chart, 'templates/configmap.yaml'), stringify(bad[0]));
    const installed = helm(['install', 'typo', chart, '-n', VALIDATION_NAMESPACE, '--kubeconfig', plane.kubeconfig]);
    expect(installed.code).toBe(0);
    expect(installed.stderr).toMatch(/Warning: unknown field \\"dataa\\"/);
    expect(helm(['uninstall', 'typo', '-n', VALIDATION_NAMESPACE, '--kubeconfig', plane.kubeconfig]).code).toBe(0);
  });

  for (const [index, [scenario, valueArgs]] of STEPS.entries()) {
    it(`${index === 0 ? 'installs' : 'upgrades to'} values scenario "${scenario}": strict dry-run, then stored as rendered`, async () => {
      const rendered = helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, '--kube-version', serverVersion, ...valueArgs]);
      expect(rendered.code, rendered.stderr).toBe(0);
      const all = parseManifests(rendered.stdout);
      // The `helm test` pod is validated too, but only created by `helm test`.
      const objects = all.filter((o) => !o.metadata.annotations?.['helm.sh/hook']);
      const dryRun = await strictDryRun(rendered.stdout);
      expect(dryRun.stderr).toBe('');
      expect(dryRun.stdout.trim().split('\n').filter((l) => l.endsWith('serverside-applied (server dry run)'))).toHaveLength(all.length);

      const action = index === 0 ? ['install', RELEASE, CHART] : ['upgrade', RELEASE, CHART];
      const installed = helmOn([...action, ...valueArgs]);
      expect(installed.code, installed.stderr).toBe(0);
      expect(installed.stderr).not.toMatch(/warning|unknown field/i); // see the first test
      expect(installed.stdout).toContain(`REVISION: ${index + 1}`);

      // What Helm applied is what was validated, and the server stored every field of it (nothing pruned).
      const keys = objects.map(placedKey).sort();
      expect(releaseManifests(plane.kubeconfig, NAMESPACE, RELEASE).map(placedKey).sort()).toEqual(keys);
      const stored = await live();
      expect(stored.map(placedKey)).toEqual(keys);
      for (const object of objects) {
        const { apiVersion: _a, ...expected } = object;
        expect(stored.find((o) => placedKey(o) === placedKey(object)), placedKey(object)).toMatchObject(expected);
      }
      SCENARIO_CHECKS[scenario]?.(new Objects(stored));
      if (index === 0) firstRevision = stored.map(content);
    });
  }

  it('rolls back to revision 1: the objects in the API server are the first revision\'s again', async () => {
    const before = new Objects(await live());
    // What the last upgrade changed, so the revert below is a real one.
    expect(before.deployment.spec).toMatchObject({ replicas: 3, strategy: { type: 'RollingUpdate' } });
    expect(before.pod.containers[0].env.map((e: { name: string }) => e.name)).toContain('DATABASE_URL');

    const rollback = helmOn(['rollback', RELEASE, '1']);
    expect(rollback.code, rollback.stderr).toBe(0);
    const history = parse(helmOn(['history', RELEASE, '-o', 'yaml']).stdout) as { revision: number; status: string; description: string }[];
    expect(history.at(-1)).toMatchObject({ revision: STEPS.length + 1, status: 'deployed', description: 'Rollback to 1' });

    const after = await live();
    expect(after.map(content)).toEqual(firstRevision);
    const objects = new Objects(after);
    expect(objects.deployment.spec.replicas).toBe(1);
    // Recreate again, without the rollingUpdate settings the server had defaulted meanwhile.
    expect(objects.deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(objects.pod.containers[0].env.map((e: { name: string }) => e.name)).not.toContain('DATABASE_URL');
    expect(objects.all('HorizontalPodAutoscaler')).toEqual([]);
  });
});

/** The objects a kustomization builds (`kubectl kustomize`, what `kubectl apply -k` applies). */
async function kustomized(dir: string): Promise<KubeObject[]> {
  return parseManifests(await kubectlOk(plane.kubeconfig, ['kustomize', dir]));
}

/** Applies a bundle as a team would: strict server-side dry-run, then server-side apply into the team's namespace. */
async function applyBundle(dir: string): Promise<KubeObject[]> {
  const objects = await kustomized(dir);
  const dryRun = await kubectl(plane.kubeconfig, ['apply', '--server-side', '--validate=strict', '--dry-run=server', '-k', dir, '-n', SHOP]);
  expect(dryRun.stderr).toBe('');
  expect(dryRun.stdout.trim().split('\n').filter((l) => l.endsWith('serverside-applied (server dry run)'))).toHaveLength(objects.length);
  const applied = await kubectl(plane.kubeconfig, ['apply', '--server-side', '-k', dir, '-n', SHOP]);
  expect(applied.code, applied.stderr).toBe(0);
  expect(applied.stderr).toBe('');
  // Stored as built, every field kept, in the team's namespace.
  const stored = (JSON.parse(await kubectlOk(plane.kubeconfig, ['get', '-k', dir, '-n', SHOP, '-o', 'json'])) as { items: KubeObject[] }).items;
  expect(stored.map(objectKey).sort()).toEqual(objects.map(objectKey).sort());
  for (const object of objects) {
    const { apiVersion: _a, ...expected } = object;
    expect(stored.find((o) => objectKey(o) === objectKey(object)), objectKey(object)).toMatchObject({ ...expected, metadata: { ...expected.metadata, namespace: SHOP } });
  }
  return objects;
}

describe('SLOs applied as bundles next to the installed chart', () => {
  const services = readdirSync(EXAMPLE_BUNDLE, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  // A team's own generate of the example definitions, with its AlertmanagerConfig; also what the example bundle
  // must carry (example-bundle.test.ts keeps the committed bundle equal to such a generate).
  const team = path.join(temp.dir, 'team');
  beforeAll(async () => {
    const generated = await runCli(['generate', 'slo-definitions', '--out', team, '--bundle', 'slo', '--alertmanager-config']);
    expect(generated.code, generated.stderr).toBe(0);
  }, 180_000);

  it('a team applies the example bundle with kubectl apply --server-side -k: rules, dashboards and catalogs stored as generated', async () => {
    const objects = await applyBundle(EXAMPLE_BUNDLE);
    const of = (kind: string, label?: string) => objects.filter((o) => o.kind === kind && (!label || o.metadata.labels?.[label]));
    expect(of('PrometheusRule').map((r) => r.metadata.labels?.['burnrate.dev/service']).sort()).toEqual(services);
    // The rule groups are the generated ones, untouched, as generate writes them into alerts/.
    for (const rule of of('PrometheusRule')) {
      const generated = parse(readFileSync(path.join(team, `alerts/prometheus/${rule.metadata.labels?.['burnrate.dev/service']}.rules.yaml`), 'utf8')) as { groups: unknown[] };
      expect((rule.spec as { groups: unknown[] }).groups).toEqual(generated.groups);
    }
    expect(of('ConfigMap', 'grafana_dashboard')).toHaveLength(services.length);
    // The catalogs together are the example catalog.
    const catalogs = of('ConfigMap', 'burnrate.dev/catalog').map((c) => JSON.parse((c.data as Record<string, string>)['catalog.json'] ?? '') as CompiledCatalog);
    expect(catalogs).toHaveLength(services.length);
    const example = JSON.parse(readFileSync(path.join(team, 'alerts/catalog.json'), 'utf8')) as CompiledCatalog;
    expect(catalogs.flatMap((c) => c.slos.map((s) => s.id)).sort()).toEqual(example.slos.map((s) => s.id).sort());
    const labelled = await listObjects(plane.kubeconfig, ['configmaps', '-n', SHOP, '-l', 'burnrate.dev/catalog=true']);
    expect(labelled.map((c) => c.metadata.name).sort()).toEqual(services.map((s) => `burnrate-${s}-catalog`));
  });

  it("lets the chart's service account read the team's catalogs and nothing more", async () => {
    for (const verb of ['get', 'list', 'watch']) expect(await canI(verb, 'configmaps', SHOP)).toBe('yes');
    for (const [verb, resource] of [['create', 'configmaps'], ['update', 'configmaps'], ['delete', 'configmaps'], ['get', 'secrets'], ['list', 'prometheusrules.monitoring.coreos.com']]) {
      expect(await canI(verb ?? '', resource ?? '', SHOP), `${verb} ${resource}`).toBe('no');
    }
  });

  it('a team routing through Alertmanager applies its bundle generated with --alertmanager-config', async () => {
    const objects = await applyBundle(path.join(team, 'slo/checkout'));
    expect(objects.map((o) => o.kind).sort()).toEqual(['AlertmanagerConfig', 'ConfigMap', 'ConfigMap', 'PrometheusRule']);
    const config = JSON.parse(await kubectlOk(plane.kubeconfig, ['get', 'alertmanagerconfigs.v1alpha1.monitoring.coreos.com', 'burnrate-checkout', '-n', SHOP, '-o', 'json'])) as { spec: Record<string, any> };
    expect(config.spec.route).toMatchObject({ receiver: 'burnrate-default', groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' });
    expect(config.spec.receivers.map((r: { name: string }) => r.name)).toContain('burnrate-payments-page');
    expect(config.spec.receivers.find((r: { name: string }) => r.name === 'burnrate-payments-page').pagerdutyConfigs[0].routingKey).toEqual({ name: 'burnrate-pagerduty-payments', key: 'routing-key-page' });
  });
});
