/**
 * charts/burnrate on a real API server (kube-apiserver v1.37.2 with the prometheus-operator CRDs): each values
 * scenario's manifests pass strict server-side field validation; `helm install`, then `helm upgrade` through
 * every scenario in turn, stores exactly what the chart renders; `helm rollback` to revision 1 reverts it all.
 * No kubelet: objects are validated and stored, no pod runs.
 */
import { readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { helm } from '../support/helm.js';
import { startKubeControlPlane, type KubeControlPlane } from '../support/kube-control-plane.js';
import { content, objectKey, parseManifests, releaseManifests, releaseObjects } from '../support/kube-release.js';
import { kubectl, kubectlOk } from '../support/kubectl.js';
import { makeTempDir } from '../support/temp-dir.js';
import { Objects, SCENARIO_CHECKS } from './cluster-install-checks.js';

const CHART = path.join(REPO_ROOT, 'charts/burnrate');
const VALUES_DIR = path.join(import.meta.dirname, 'values');
const NAMESPACE = 'slo';
const RELEASE = 'demo';
// Manifests are validated as creations in an empty namespace: the upgrade path is helm's to prove below.
const VALIDATION_NAMESPACE = 'slo-validation';
// Install with the defaults, turn on the AlertmanagerConfig (no scenario file does), then upgrade through
// every values scenario; the last one (replicas-postgres) changes the Deployment most.
const STEPS: [string, string[]][] = [
  ['default', []],
  ['alertmanager-config', ['--set', 'alertmanagerConfig.enabled=true']],
  ...readdirSync(VALUES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f): [string, string[]] => [f.replace(/\.yaml$/, ''), ['--values', path.join(VALUES_DIR, f)]]),
];

const temp = await makeTempDir('burnrate-cluster-install-');
let plane: KubeControlPlane;
let serverVersion: string;
let firstRevision: Record<string, unknown>[];
const live = () => releaseObjects(plane.kubeconfig, NAMESPACE, RELEASE);
const helmOn = (args: string[]) => helm([...args, '--namespace', NAMESPACE, '--kubeconfig', plane.kubeconfig]);
const strictDryRun = (manifests: string) =>
  kubectl(plane.kubeconfig, ['apply', '--server-side', '--validate=strict', '--dry-run=server', '-n', VALIDATION_NAMESPACE, '-f', '-'], manifests);

beforeAll(async () => {
  plane = await startKubeControlPlane();
  serverVersion = (JSON.parse(await kubectlOk(plane.kubeconfig, ['version', '-o', 'json'])) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion;
  for (const namespace of [NAMESPACE, VALIDATION_NAMESPACE]) {
    await kubectlOk(plane.kubeconfig, ['create', 'namespace', namespace]);
    // What the missing controller manager would create; the ServiceAccount admission of the test pod needs it.
    await kubectlOk(plane.kubeconfig, ['create', 'serviceaccount', 'default', '-n', namespace]);
  }
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
      const keys = objects.map(objectKey).sort();
      expect(releaseManifests(plane.kubeconfig, NAMESPACE, RELEASE).map(objectKey).sort()).toEqual(keys);
      const stored = await live();
      expect(stored.map(objectKey)).toEqual(keys);
      for (const object of objects) {
        const { apiVersion: _a, ...expected } = object;
        expect(stored.find((o) => objectKey(o) === objectKey(object)), objectKey(object)).toMatchObject(expected);
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
