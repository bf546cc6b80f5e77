/**
 * Catalogs discovered from Kubernetes ConfigMaps, on a real API server (etcd + kube-apiserver, RBAC on). The
 * service authenticates with a ServiceAccount token bound to the chart's own RBAC (rendered with `helm
 * template`: a Role per listed namespace, get/list/watch on ConfigMaps only), reads the labelled ConfigMaps of
 * two team namespaces and follows them: an edit is picked up, an id two ConfigMaps define is refused while
 * the rest keep working, a deleted ConfigMap takes its SLOs with it. A third namespace is not listed: its
 * catalog is neither read nor readable.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog.js';
import { CATALOG_CONFIGMAP_KEY, CATALOG_CONFIGMAP_LABEL } from '../../src/core/conventions/catalog-bundle.js';
import { configSchema } from '../../src/service/config/config-schema.js';
import { REPO_ROOT } from '../support/cli.js';
import { helm } from '../support/helm.js';
import { startKubeControlPlane, type KubeControlPlane } from '../support/kube-control-plane.js';
import { parseManifests } from '../support/kube-release.js';
import { kubectl, kubectlOk } from '../support/kubectl.js';
import { startHarness, type Harness } from '../service/support/service-harness.js';
import { catalogOf } from '../service/support/test-catalog.js';

const CHART = path.join(REPO_ROOT, 'charts/burnrate');
const RELEASE_NAMESPACE = 'slo';
const TEAMS = ['team-a', 'team-b'];
const OTHER = 'team-c';

const ratio = { kind: 'ratio', errors: 'e_total', total: 't_total' } as const;
const payments = catalogOf([{ service: 'payments', team: 'pay', slos: { availability: { objective: 99.9, sli: ratio } } }]);
const search = catalogOf([{ service: 'search', team: 'find', slos: { availability: { objective: 99.5, sli: ratio } } }]);
const searchTwo = catalogOf([
  { service: 'search', team: 'find', slos: { availability: { objective: 99.5, sli: ratio }, probe: { objective: 99, sli: { kind: 'boolGauge', metric: 'up' } } } },
]);
const hidden = catalogOf([{ service: 'hidden', team: 'other', slos: { availability: { objective: 99, sli: ratio } } }]);

interface CatalogBody {
  version: string;
  sources: { name: string; kind: string; state: string; sloCount: number; error?: string }[];
  conflicts: { id: string; sources: string[] }[];
  slos: { id: string; source: string }[];
}

let plane: KubeControlPlane;
let h: Harness;
let serviceKubeconfig: string;

const configMap = (namespace: string, name: string, catalog: CompiledCatalog | string, labelled = true) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...(labelled ? { labels: { [CATALOG_CONFIGMAP_LABEL]: 'true' } } : {}) },
    data: { [CATALOG_CONFIGMAP_KEY]: typeof catalog === 'string' ? catalog : JSON.stringify(catalog) },
  });
const apply = (manifest: string) => kubectlOk(plane.kubeconfig, ['apply', '--server-side', '--field-manager=team-pipeline', '-f', '-'], manifest);
const catalogBody = async () => (await h.service.app.inject({ url: '/api/v1/catalog' })).json() as CatalogBody;
const slos = async () => (await catalogBody()).slos;
const evaluatedIds = async () => {
  await h.service.evaluator.evaluate();
  return ((await h.service.app.inject({ url: '/api/v1/slos' })).json() as { slos: { id: string }[] }).slos.map((s) => s.id).sort();
};

beforeAll(async () => {
  plane = await startKubeControlPlane({ crds: false });
  for (const namespace of [RELEASE_NAMESPACE, ...TEAMS, OTHER]) await kubectlOk(plane.kubeconfig, ['create', 'namespace', namespace]);

  // The chart's ServiceAccount and discovery RBAC, exactly as rendered.
  const rendered = helm(['template', 'demo', CHART, '--namespace', RELEASE_NAMESPACE, '--kube-version', '1.37.2', '--set', 'catalogDiscovery.kubernetes.enabled=true', '--set', `catalogDiscovery.kubernetes.namespaces={${TEAMS.join(',')}}`]);
  expect(rendered.code, rendered.stderr).toBe(0);
  const objects = parseManifests(rendered.stdout);
  const rbac = objects.filter((o) => ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind));
  expect(rbac.map((o) => `${o.kind} ${o.metadata.namespace ?? RELEASE_NAMESPACE}/${o.metadata.name}`).sort()).toEqual([
    'Role team-a/demo-burnrate-catalogs',
    'Role team-b/demo-burnrate-catalogs',
    'RoleBinding team-a/demo-burnrate-catalogs',
    'RoleBinding team-b/demo-burnrate-catalogs',
    'ServiceAccount slo/demo-burnrate',
  ]);
  // Nothing of the checkout's catalog is packaged while discovery is on.
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'demo-burnrate') as unknown as { data: Record<string, string> };
  expect(Object.keys(config.data)).toEqual(['config.yaml']);
  // The service configuration the chart writes turns discovery on for exactly those namespaces.
  expect(configSchema.parse(parse(config.data['config.yaml'] ?? '')).catalog.kubernetes).toMatchObject({ enabled: true, namespaces: TEAMS });
  expect(rendered.stdout).not.toContain('BURNRATE_CATALOG');
  // Helm installs the namespace-less objects into the release namespace; the Roles name their own.
  const placed = rbac.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? RELEASE_NAMESPACE } }));
  await kubectlOk(plane.kubeconfig, ['apply', '--server-side', '--validate=strict', '-f', '-'], placed.map((o) => JSON.stringify(o)).join('\n---\n'));

  const token = (await kubectlOk(plane.kubeconfig, ['create', 'token', 'demo-burnrate', '-n', RELEASE_NAMESPACE, '--duration=1h'])).trim();
  serviceKubeconfig = path.join(plane.dir, 'burnrate-kubeconfig');
  await writeFile(
    serviceKubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: test, cluster: { server: "${plane.server}", insecure-skip-tls-verify: true } }]`,
      `users: [{ name: burnrate, user: { token: "${token}" } }]`,
      'contexts: [{ name: test, context: { cluster: test, user: burnrate } }]',
      'current-context: test',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );

  await apply(configMap('team-a', 'payments-catalog', payments));
  await apply(configMap('team-b', 'search-catalog', search));
  await apply(configMap('team-a', 'unlabelled', hidden, false));
  await apply(configMap(OTHER, 'hidden-catalog', hidden));

  h = await startHarness(payments, { catalog: { kubernetes: { enabled: true, namespaces: TEAMS, kubeconfig: serviceKubeconfig }, watch: true } });
});

afterAll(async () => {
  await h?.stop();
  await plane?.stop();
});

describe('catalogs discovered from Kubernetes ConfigMaps', () => {
  it('gives the service account get/list/watch on ConfigMaps of the listed namespaces only', async () => {
    const canI = async (args: string[]) => (await kubectl(serviceKubeconfig, ['auth', 'can-i', ...args])).stdout.trim();
    expect(await canI(['watch', 'configmaps', '-n', 'team-a'])).toBe('yes');
    expect(await canI(['list', 'configmaps', '-n', 'team-b'])).toBe('yes');
    expect(await canI(['update', 'configmaps', '-n', 'team-a'])).toBe('no');
    expect(await canI(['get', 'secrets', '-n', 'team-a'])).toBe('no');
    expect(await canI(['list', 'configmaps', '-n', OTHER])).toBe('no');
    expect(await canI(['list', 'configmaps', '--all-namespaces'])).toBe('no');
  });

  it('serves both teams\' SLOs, each with its ConfigMap as source, after one evaluation', async () => {
    expect(await evaluatedIds()).toEqual(['payments-availability', 'search-availability']);
    const body = await catalogBody();
    expect(body.version).toMatch(/^merged-/);
    expect(body.sources).toEqual([
      { name: 'team-a/payments-catalog', kind: 'configmap', state: 'ok', version: payments.version, sloCount: 1 },
      { name: 'team-b/search-catalog', kind: 'configmap', state: 'ok', version: search.version, sloCount: 1 },
    ]);
    expect(body.slos).toEqual([
      { id: 'payments-availability', source: 'team-a/payments-catalog' },
      { id: 'search-availability', source: 'team-b/search-catalog' },
    ]);
  });

  it('picks up an edited ConfigMap', async () => {
    await apply(configMap('team-b', 'search-catalog', searchTwo));
    await expect.poll(async () => (await slos()).map((s) => s.id)).toEqual(['payments-availability', 'search-availability', 'search-probe']);
    expect(await evaluatedIds()).toEqual(['payments-availability', 'search-availability', 'search-probe']);
  });

  it('keeps the last good catalog of a ConfigMap that breaks', async () => {
    await apply(configMap('team-b', 'search-catalog', '{"version": "x"}'));
    await expect.poll(async () => (await catalogBody()).sources.find((s) => s.name === 'team-b/search-catalog')?.state).toBe('stale');
    expect((await catalogBody()).sources.find((s) => s.name === 'team-b/search-catalog')?.error).toMatch(/not a burnrate catalog/);
    expect(await evaluatedIds()).toEqual(['payments-availability', 'search-availability', 'search-probe']);
    await apply(configMap('team-b', 'search-catalog', searchTwo));
    await expect.poll(async () => (await catalogBody()).sources.find((s) => s.name === 'team-b/search-catalog')?.state).toBe('ok');
  });

  it('refuses an SLO id two ConfigMaps define, reports it, and keeps every other SLO working', async () => {
    await apply(configMap('team-b', 'payments-copy', payments));
    await expect.poll(async () => (await catalogBody()).conflicts).toEqual([{ id: 'payments-availability', sources: ['team-a/payments-catalog', 'team-b/payments-copy'] }]);
    expect(await evaluatedIds()).toEqual(['search-availability', 'search-probe']);
    const metrics = (await h.service.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/burnrate_catalog_conflicts 1/);
    expect(metrics).toMatch(/burnrate_catalog_sources\{state="ok"\} 3/);
    await kubectlOk(plane.kubeconfig, ['delete', 'configmap', 'payments-copy', '-n', 'team-b']);
    await expect.poll(async () => (await catalogBody()).conflicts).toEqual([]);
    expect(await evaluatedIds()).toEqual(['payments-availability', 'search-availability', 'search-probe']);
  });

  it('shows every source, a refused id and a broken ConfigMap at /api/v1/catalog/sources and on the status page', async () => {
    await apply(configMap('team-b', 'payments-copy', payments));
    await apply(configMap('team-b', 'broken', '{'));
    await expect.poll(async () => (await catalogBody()).sources.map((s) => `${s.name} ${s.state}`)).toEqual([
      'team-a/payments-catalog ok',
      'team-b/broken failed',
      'team-b/payments-copy ok',
      'team-b/search-catalog ok',
    ]);
    await expect.poll(async () => (await catalogBody()).conflicts.length).toBe(1);
    // From memory: answers even while the store is down.
    const sources = (await h.service.app.inject({ url: '/api/v1/catalog/sources' })).json() as { discovered: boolean; sources: { name: string; sloCount: number; error?: string }[]; conflicts: unknown };
    expect(sources.discovered).toBe(true);
    expect(sources.conflicts).toEqual([{ id: 'payments-availability', sources: ['team-a/payments-catalog', 'team-b/payments-copy'] }]);
    expect(sources.sources.find((s) => s.name === 'team-b/broken')).toMatchObject({ sloCount: 0, error: expect.stringMatching(/^catalog configmap team-b\/broken: invalid JSON/) });
    const page = (await h.service.app.inject({ url: '/status' })).body;
    expect(page).toContain(
      '<li class="conflict" data-slo="payments-availability">SLO id <code>payments-availability</code> refused: defined by <code>team-a/payments-catalog</code> and <code>team-b/payments-copy</code>.',
    );
    expect(page).toContain('<tr data-source="team-b/broken"><td class="source-name"><code>team-b/broken</code></td><td>ConfigMap</td><td><span class="chip source-failed">broken: nothing serves</span></td>');
    expect(page).toContain('<tr data-source="team-b/search-catalog"><td class="source-name"><code>team-b/search-catalog</code></td><td>ConfigMap</td><td><span class="chip source-ok">ok</span></td><td class="count">2</td>');
    expect(page).toContain('id="slo-search-probe"');
    expect(page).not.toContain('id="slo-payments-availability"');
    const metrics = (await h.service.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/burnrate_catalog_sources\{state="failed"\} 1/);
    expect(metrics).toMatch(/burnrate_catalog_conflicts 1/);
    await kubectlOk(plane.kubeconfig, ['delete', 'configmap', 'payments-copy', 'broken', '-n', 'team-b']);
    await expect.poll(async () => (await catalogBody()).sources.map((s) => s.name)).toEqual(['team-a/payments-catalog', 'team-b/search-catalog']);
    expect((await h.service.app.inject({ url: '/status' })).body).not.toContain('id="problems"');
  });

  it('with no namespace listed, reads every namespace through a ClusterRole of the same least privilege', async () => {
    const rendered = helm(['template', 'all', CHART, '--namespace', RELEASE_NAMESPACE, '--kube-version', '1.37.2', '--set', 'catalogDiscovery.kubernetes.enabled=true']);
    expect(rendered.code, rendered.stderr).toBe(0);
    const rbac = parseManifests(rendered.stdout)
      .filter((o) => ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind))
      .map((o) => (o.kind.startsWith('Cluster') ? o : { ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? RELEASE_NAMESPACE } }));
    expect(rbac.map((o) => `${o.kind} ${o.metadata.name}`).sort()).toEqual(['ClusterRole slo-all-burnrate-catalogs', 'ClusterRoleBinding slo-all-burnrate-catalogs', 'ServiceAccount all-burnrate']);
    expect((rbac.find((o) => o.kind === 'ClusterRole') as unknown as { rules: unknown }).rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
    await kubectlOk(plane.kubeconfig, ['apply', '--server-side', '--validate=strict', '-f', '-'], rbac.map((o) => JSON.stringify(o)).join('\n---\n'));
    const token = (await kubectlOk(plane.kubeconfig, ['create', 'token', 'all-burnrate', '-n', RELEASE_NAMESPACE, '--duration=1h'])).trim();
    const kubeconfig = path.join(plane.dir, 'all-kubeconfig');
    await writeFile(kubeconfig, (await readFile(serviceKubeconfig, 'utf8')).replace(/token: "[^"]+"/, `token: "${token}"`), { mode: 0o600 });
    const all = await startHarness(payments, { catalog: { kubernetes: { enabled: true, kubeconfig }, watch: true } });
    try {
      const body = (await all.service.app.inject({ url: '/api/v1/catalog' })).json() as CatalogBody;
      expect(body.sources.map((s) => s.name)).toEqual(['team-a/payments-catalog', 'team-b/search-catalog', 'team-c/hidden-catalog']);
      expect(body.slos.map((s) => s.id)).toEqual(['payments-availability', 'search-availability', 'search-probe', 'hidden-availability']);
    } finally {
      await all.stop();
    }
  });

  it('drops the SLOs of a deleted ConfigMap', async () => {
    await kubectlOk(plane.kubeconfig, ['delete', 'configmap', 'payments-catalog', '-n', 'team-a']);
    await expect.poll(slos).toEqual([
      { id: 'search-availability', source: 'team-b/search-catalog' },
      { id: 'search-probe', source: 'team-b/search-catalog' },
    ]);
    expect((await catalogBody()).sources.map((s) => s.name)).toEqual(['team-b/search-catalog']);
    expect(await evaluatedIds()).toEqual(['search-availability', 'search-probe']);
  });
});
