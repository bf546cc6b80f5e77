/**
 * One GitOps bundle per service, ready for Argo CD or Flux to sync: the PrometheusRule, the service's Grafana
 * dashboard as a sidecar ConfigMap, the service's compiled catalog as a ConfigMap the Burnrate service discovers,
 * optionally the service's AlertmanagerConfig, and a kustomization.yaml listing them. Pure and deterministic.
 *
 * The overview dashboard spans every service, so it belongs to no service's bundle: it stays in dashboards/.
 */
import { yamlText } from '../yaml-text.js';
import { CATALOG_CONFIGMAP_KEY, CATALOG_CONFIGMAP_LABEL } from '../../../core/conventions/catalog-bundle.js';
import type { KubernetesOrigin, Slo } from '../../../core/model/slo.js';
import { renderAlertmanagerConfig } from '../alertmanager/render-alertmanager-config.js';
import { routingModel } from '../alertmanager/routing-model.js';
import { renderCatalog } from '../compile-catalog.js';
import { renderServiceDashboard } from '../grafana/dashboards.js';
import { serviceDashboardUid } from '../grafana/uid.js';
import { yamlHeader } from '../header.js';
import { renderPrometheusRule, serviceOrigin } from '../prometheus/render-rules.js';
import { sloRuleGroups } from '../prometheus/rule-groups.js';
import type { BundleOptions } from './bundle-options.js';

/** Labels on every resource of a bundle, last so no option or source object can override them. */
function ownLabels(service: string): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'burnrate', 'app.kubernetes.io/part-of': 'burnrate', 'burnrate.dev/service': service };
}

/** File names inside a service's bundle directory. */
export const bundleFiles = {
  kustomization: 'kustomization.yaml',
  prometheusRule: 'prometheusrule.yaml',
  catalog: 'catalog.configmap.yaml',
  dashboard: (uid: string) => `dashboard-${uid}.configmap.yaml`,
  alertmanagerConfig: 'alertmanagerconfig.yaml',
};

/** Kubernetes object names of a service's bundle. */
export const bundleNames = {
  prometheusRule: (service: string) => `burnrate-${service}`,
  catalog: (service: string) => `burnrate-${service}-catalog`,
  dashboard: (uid: string) => `${uid}-dashboard`,
  alertmanagerConfig: (service: string) => `burnrate-${service}`,
};

function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function configMap(header: string, name: string, namespace: string | undefined, labels: Record<string, string>, data: Record<string, string>): string {
  const resource = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}), labels },
    data,
  };
  return header + yamlText(resource);
}

function kustomization(header: string, namespace: string | undefined, resources: readonly string[]): string {
  const resource = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    ...(namespace !== undefined ? { namespace } : {}),
    resources: [...resources].sort(),
  };
  return header + yamlText(resource);
}

/** A service's bundle: file name inside the service's directory → content, in file-name order. */
export function serviceBundle(service: string, slos: readonly Slo[], options: Omit<BundleOptions, 'dir'>): Map<string, string> {
  const header = yamlHeader(slos.map((s) => s.source.file));
  const origin = serviceOrigin(slos);
  const namespace = options.namespace ?? origin?.namespace;
  const files = new Map<string, string>();

  // The source objects' labels, then the ruleSelector's; renderPrometheusRule sets Burnrate's own last.
  const ruleOrigin: KubernetesOrigin = {
    ...(namespace !== undefined ? { namespace } : {}),
    labels: sortedLabels({ ...origin?.labels, ...options.ruleLabels }),
  };
  files.set(bundleFiles.prometheusRule, renderPrometheusRule(header, service, slos.flatMap(sloRuleGroups), ruleOrigin));

  const uid = serviceDashboardUid(service);
  const dashboard = renderServiceDashboard(service, slos);
  files.set(
    bundleFiles.dashboard(uid),
    configMap(header, bundleNames.dashboard(uid), namespace, { ...sortedLabels(options.dashboardLabels), ...ownLabels(service) }, { [`${uid}.json`]: dashboard }),
  );

  files.set(
    bundleFiles.catalog,
    configMap(header, bundleNames.catalog(service), namespace, { [CATALOG_CONFIGMAP_LABEL]: 'true', ...ownLabels(service) }, { [CATALOG_CONFIGMAP_KEY]: renderCatalog(slos) }),
  );

  if (options.alertmanagerConfig) {
    files.set(
      bundleFiles.alertmanagerConfig,
      renderAlertmanagerConfig(header, routingModel(slos), {
        name: bundleNames.alertmanagerConfig(service),
        ...(namespace !== undefined ? { namespace } : {}),
        labels: { 'burnrate.dev/service': service },
      }),
    );
  }

  files.set(bundleFiles.kustomization, kustomization(header, namespace, [...files.keys()]));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A service's bundle as repository-relative path → content: `<dir>/<service>/<file>`. */
export function serviceBundleArtifacts(service: string, slos: readonly Slo[], options: BundleOptions): [string, string][] {
  return [...serviceBundle(service, slos, options)].map(([file, content]) => [`${options.dir}/${service}/${file}`, content]);
}
