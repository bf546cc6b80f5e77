/**
 * GitOps bundles (`generate --bundle`): per service a PrometheusRule, the dashboard and catalog ConfigMaps,
 * optionally the AlertmanagerConfig, and a kustomization.yaml listing them, for every fixture and the example catalog.
 */
import { describe, expect, it } from 'vitest';
import { catalogSchema } from '../../../../src/core/catalog/catalog-schema.js';
import { CATALOG_CONFIGMAP_KEY, CATALOG_CONFIGMAP_LABEL } from '../../../../src/core/conventions/catalog-bundle.js';
import { ARTIFACT_DIRS, artifactDirs, generateArtifacts, paths } from '../../../../src/toolkit/generate/artifacts.js';
import { bundleFiles, bundleNames } from '../../../../src/toolkit/generate/bundle/bundle-artifacts.js';
import { BundleOptionError, bundleDir, bundleNamespace, parseLabels } from '../../../../src/toolkit/generate/bundle/bundle-options.js';
import { dashboardPath } from '../../../../src/toolkit/generate/grafana/dashboards.js';
import { serviceDashboardUid } from '../../../../src/toolkit/generate/grafana/uid.js';
import { isGenerated } from '../../../../src/toolkit/generate/header.js';
import { loadSlos } from '../prometheus/rule-files.js';
import { bundleOptions, definitionSets, document, generateBundles, SLOTH_CRD } from './bundle-support.js';

const OWN = { 'app.kubernetes.io/managed-by': 'burnrate', 'app.kubernetes.io/part-of': 'burnrate' };
const sets = await definitionSets();

describe('the bundle of every service', () => {
  it.each(sets)('$name', async ({ paths: definitionPaths }) => {
    const options = bundleOptions({ ruleLabels: { release: 'kube-prometheus-stack' }, namespace: 'team-slo', alertmanagerConfig: true });
    const { slos, artifacts, bundles } = await generateBundles(definitionPaths, options);
    const services = [...new Set(slos.map((s) => s.service))].sort();
    expect([...bundles.keys()]).toEqual(services);

    for (const [service, files] of bundles) {
      const uid = serviceDashboardUid(service);
      const dashboardFile = bundleFiles.dashboard(uid);
      expect([...files.keys()]).toEqual(
        [bundleFiles.alertmanagerConfig, bundleFiles.catalog, dashboardFile, bundleFiles.kustomization, bundleFiles.prometheusRule].sort(),
      );
      for (const [name, content] of files) expect(isGenerated(content), `${service}/${name} carries the generated header`).toBe(true);

      const kustomization = document(files.get(bundleFiles.kustomization));
      expect(kustomization).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: 'team-slo' });
      expect(kustomization.resources).toEqual([...files.keys()].filter((f) => f !== bundleFiles.kustomization).sort());

      const rule = document(files.get(bundleFiles.prometheusRule));
      expect(rule.metadata).toEqual({
        name: bundleNames.prometheusRule(service),
        namespace: 'team-slo',
        labels: { release: 'kube-prometheus-stack', ...OWN, 'burnrate.dev/service': service },
      });
      // The same rules as alerts/prometheus-operator/.
      expect(rule.spec).toEqual(document(artifacts.get(paths.prometheusRule(service))).spec);

      const dashboard = document(files.get(dashboardFile));
      expect(dashboard).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
      expect(dashboard.metadata).toEqual({
        name: bundleNames.dashboard(uid),
        namespace: 'team-slo',
        labels: { grafana_dashboard: '1', ...OWN, 'burnrate.dev/service': service },
      });
      expect(Object.keys(dashboard.data ?? {})).toEqual([`${uid}.json`]);
      // Byte for byte the dashboard of dashboards/.
      expect(dashboard.data?.[`${uid}.json`]).toBe(artifacts.get(dashboardPath(uid)));
      expect((JSON.parse(dashboard.data?.[`${uid}.json`] ?? '') as { uid: string }).uid).toBe(uid);

      const catalog = document(files.get(bundleFiles.catalog));
      expect(catalog.metadata).toEqual({
        name: bundleNames.catalog(service),
        namespace: 'team-slo',
        labels: { [CATALOG_CONFIGMAP_LABEL]: 'true', ...OWN, 'burnrate.dev/service': service },
      });
      expect(Object.keys(catalog.data ?? {})).toEqual([CATALOG_CONFIGMAP_KEY]);
      const parsed = catalogSchema.parse(JSON.parse(catalog.data?.[CATALOG_CONFIGMAP_KEY] ?? ''));
      expect(parsed.slos.map((s) => s.id)).toEqual(slos.filter((s) => s.service === service).map((s) => s.id));
      expect(new Set(parsed.slos.map((s) => s.service))).toEqual(new Set([service]));

      const routing = document(files.get(bundleFiles.alertmanagerConfig));
      expect(routing).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig' });
      expect(routing.metadata).toEqual({ name: bundleNames.alertmanagerConfig(service), namespace: 'team-slo', labels: { 'burnrate.dev/service': service, ...OWN } });
      // Receivers only of the teams owning the service's SLOs.
      const teams = [...new Set(slos.filter((s) => s.service === service).map((s) => s.team))];
      const receivers = (routing.spec as { receivers: { name: string }[] }).receivers.map((r) => r.name);
      expect(receivers.length).toBeGreaterThan(1);
      for (const other of slos.filter((s) => !teams.includes(s.team))) {
        expect(receivers.some((r) => r.includes(other.team))).toBe(false);
      }
    }
  });
});

describe('bundle options', () => {
  it('writes no bundle, and owns no bundle directory, unless asked', async () => {
    const slos = await loadSlos(sets.at(-1)?.paths ?? []);
    const plain = generateArtifacts(slos);
    expect([...plain.keys()].filter((f) => f.startsWith('bundles/'))).toEqual([]);
    expect(artifactDirs()).toEqual(['alerts', 'dashboards']);
    expect(artifactDirs({ bundle: bundleOptions({ dir: 'deploy/slo' }) })).toEqual(['alerts', 'dashboards', 'deploy/slo']);
    // The other artifacts are the same with or without bundles.
    const withBundles = generateArtifacts(slos, { bundle: bundleOptions() });
    for (const [file, content] of plain) expect(withBundles.get(file)).toBe(content);
  });

  it('leaves the AlertmanagerConfig out and the namespace unset by default', async () => {
    const { bundles } = await generateBundles(sets.at(-1)?.paths ?? [], bundleOptions({ dir: 'deploy/slo' }));
    for (const files of bundles.values()) {
      expect(files.has(bundleFiles.alertmanagerConfig)).toBe(false);
      expect(document(files.get(bundleFiles.kustomization)).namespace).toBeUndefined();
      for (const [name, content] of files) if (name !== bundleFiles.kustomization) expect(document(content).metadata.namespace).toBeUndefined();
    }
  });

  it('labels the dashboard ConfigMaps for another sidecar selector', async () => {
    const { bundles } = await generateBundles(sets.at(-1)?.paths ?? [], bundleOptions({ dashboardLabels: { 'grafana.example.com/dashboard': 'slo' } }));
    const files = bundles.get('checkout');
    const labels = document(files?.get(bundleFiles.dashboard(serviceDashboardUid('checkout')))).metadata.labels;
    expect(labels).toEqual({ 'grafana.example.com/dashboard': 'slo', ...OWN, 'burnrate.dev/service': 'checkout' });
  });

  it("keeps a Kubernetes-origin SLO's namespace and labels; flags win over them", async () => {
    const kept = await generateBundles([SLOTH_CRD], bundleOptions());
    const files = kept.bundles.get('ledger');
    expect(document(files?.get(bundleFiles.kustomization)).namespace).toBe('monitoring');
    expect(document(files?.get(bundleFiles.catalog)).metadata.namespace).toBe('monitoring');
    expect(document(files?.get(bundleFiles.prometheusRule)).metadata).toEqual({
      name: 'burnrate-ledger',
      namespace: 'monitoring',
      labels: { prometheus: 'k8s', release: 'kube-prometheus-stack', ...OWN, 'burnrate.dev/service': 'ledger' },
    });

    const overridden = await generateBundles([SLOTH_CRD], bundleOptions({ namespace: 'ledger', ruleLabels: { release: 'prom', team: 'ledger' } }));
    const rule = document(overridden.bundles.get('ledger')?.get(bundleFiles.prometheusRule));
    expect(rule.metadata.namespace).toBe('ledger');
    expect(rule.metadata.labels).toEqual({ prometheus: 'k8s', release: 'prom', team: 'ledger', ...OWN, 'burnrate.dev/service': 'ledger' });
  });

  it('is deterministic', async () => {
    const options = bundleOptions({ ruleLabels: { b: '2', a: '1' }, alertmanagerConfig: true });
    const first = await generateBundles(sets.at(-1)?.paths ?? [], options);
    const second = await generateBundles(sets.at(-1)?.paths ?? [], bundleOptions({ ruleLabels: { a: '1', b: '2' }, alertmanagerConfig: true }));
    expect([...second.artifacts]).toEqual([...first.artifacts]);
  });

  it('parses key=value labels and rejects what Kubernetes would', () => {
    expect(parseLabels('--rule-label', ['release=kube-prometheus-stack', 'example.com/role=slo', 'empty=', 'release=prom'])).toEqual({
      release: 'prom',
      'example.com/role': 'slo',
      empty: '',
    });
    for (const bad of ['release', '=x', 'a b=c', 'key=has space', 'Example.COM/x=y', `k=${'v'.repeat(64)}`]) {
      expect(() => parseLabels('--rule-label', [bad]), bad).toThrow(BundleOptionError);
    }
  });

  it('keeps the bundle directory inside the output root', () => {
    expect(bundleDir('bundles')).toBe('bundles');
    expect(bundleDir('./deploy//slo/')).toBe('deploy/slo');
    expect(bundleDir('alerts/bundles')).toBe('alerts/bundles');
    for (const owned of ARTIFACT_DIRS) expect(() => bundleDir(owned), owned).toThrow(BundleOptionError);
    for (const bad of ['.', '', '..', '../elsewhere', 'a/../..', '/tmp/bundles', 'alerts', './dashboards/']) expect(() => bundleDir(bad), bad).toThrow(BundleOptionError);
    expect(bundleNamespace('team-slo')).toBe('team-slo');
    expect(() => bundleNamespace('Team_SLO')).toThrow(BundleOptionError);
  });
});
