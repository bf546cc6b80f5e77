/**
 * The bundles as Argo CD and Flux read them: `kubectl kustomize` (kustomize built into the real kubectl) renders
 * every service's bundle, and a real kube-apiserver with the prometheus-operator CRDs accepts the result, both
 * through client-side apply (Argo CD's default, whose last-applied annotation caps an object's size) and
 * server-side apply. The catalog ConfigMaps are then found by their discovery label, as the service finds them.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_CONFIGMAP_LABEL } from '../../../../src/core/conventions/catalog-bundle.js';
import { artifactDirs } from '../../../../src/toolkit/generate/artifacts.js';
import { writeArtifacts } from '../../../../src/toolkit/generate/write-artifacts.js';
import { startKubeControlPlane, type KubeControlPlane } from '../../../support/kube-control-plane.js';
import { kubectlOk, listObjects } from '../../../support/kubectl.js';
import { stackTool } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { bundleOptions, definitionSets, generateBundles, SLOTH_CRD, type KubeDocument } from './bundle-support.js';

const TIMEOUT_MS = 180_000;
const NAMESPACE = 'team-slo';
const temp = await makeTempDir('burnrate-bundle-');
let plane: KubeControlPlane | undefined;

/** Bundle directories written as `generate --bundle` writes them: every definition set, several option sets. */
const bundleDirs: { name: string; dir: string; services: string[] }[] = [];

function kustomize(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(stackTool('kubernetes', 'kubectl'), ['kustomize', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  const sets = [...(await definitionSets()), { name: 'sloth-operator-crd', paths: [SLOTH_CRD] }];
  for (const set of sets) {
    const options = set.name === 'sloth-operator-crd' ? bundleOptions() : bundleOptions({ namespace: NAMESPACE, ruleLabels: { release: 'kube-prometheus-stack' }, alertmanagerConfig: true });
    const root = path.join(temp.dir, set.name);
    const { artifacts, bundles } = await generateBundles(set.paths, options);
    await writeArtifacts(root, artifacts, artifactDirs({ bundle: options }));
    for (const service of bundles.keys()) bundleDirs.push({ name: `${set.name}/${service}`, dir: path.join(root, options.dir, service), services: [service] });
  }
}, TIMEOUT_MS);

afterAll(async () => {
  await plane?.stop();
  await temp.remove();
}, TIMEOUT_MS);

describe('kubectl kustomize', () => {
  it('renders every bundle with all its objects, each in its namespace', async () => {
    expect(bundleDirs.length).toBeGreaterThan(10);
    for (const { name, dir } of bundleDirs) {
      const result = await kustomize(dir);
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      const objects = parseAllDocuments(result.stdout).map((d) => d.toJS() as KubeDocument);
      const kinds = objects.map((o) => o.kind).sort();
      const expected = name.startsWith('sloth-operator-crd')
        ? ['ConfigMap', 'ConfigMap', 'PrometheusRule']
        : ['AlertmanagerConfig', 'ConfigMap', 'ConfigMap', 'PrometheusRule'];
      expect(kinds, name).toEqual(expected);
      const namespace = name.startsWith('sloth-operator-crd') ? 'monitoring' : NAMESPACE;
      for (const object of objects) expect(object.metadata.namespace, `${name} ${object.kind}`).toBe(namespace);
    }
  }, TIMEOUT_MS);
});

describe('a real API server with the prometheus-operator CRDs', () => {
  it('accepts every bundle through client-side and server-side apply, and lists the catalogs by label', async () => {
    plane = await startKubeControlPlane();
    const kubeconfig = plane.kubeconfig;
    await kubectlOk(kubeconfig, ['create', 'namespace', NAMESPACE]);
    await kubectlOk(kubeconfig, ['create', 'namespace', 'monitoring']);
    const fromCatalog = bundleDirs.filter((b) => b.name.startsWith('slo-definitions/') || b.name.startsWith('sloth-operator-crd/'));
    expect(fromCatalog.length).toBe(4);
    for (const { name, dir } of bundleDirs) {
      // Client-side apply validated by the server, without storing: schema, names and annotation size.
      await kubectlOk(kubeconfig, ['apply', '--dry-run=server', '-k', dir]).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
    }
    for (const { dir } of fromCatalog) await kubectlOk(kubeconfig, ['apply', '--server-side', '--field-manager=burnrate-test', '-k', dir]);
    const catalogs = await listObjects(kubeconfig, ['configmaps', '--all-namespaces', '-l', `${CATALOG_CONFIGMAP_LABEL}=true`]);
    expect(catalogs.map((c) => `${c.metadata.namespace}/${c.metadata.name}`).sort()).toEqual([
      'monitoring/burnrate-ledger-catalog',
      `${NAMESPACE}/burnrate-checkout-catalog`,
      `${NAMESPACE}/burnrate-search-catalog`,
      `${NAMESPACE}/burnrate-storefront-catalog`,
    ]);
    const rules = await listObjects(kubeconfig, ['prometheusrules', '-n', NAMESPACE, '-l', 'release=kube-prometheus-stack']);
    expect(rules.map((r) => r.metadata.name).sort()).toEqual(['burnrate-checkout', 'burnrate-search', 'burnrate-storefront']);
  }, TIMEOUT_MS);
});
