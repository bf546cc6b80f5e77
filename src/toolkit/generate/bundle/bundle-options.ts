/**
 * What shapes the GitOps bundles `burnrate generate --bundle` writes, one directory per service: where they go,
 * which labels the Prometheus operator's ruleSelector and Grafana's dashboard sidecar select on, the namespace
 * and whether the service's AlertmanagerConfig is included. `burnrate check` takes the same options.
 */
import path from 'node:path';

export interface BundleOptions {
  /** Repository-relative directory holding one directory per service, e.g. `bundles`. */
  dir: string;
  /** Extra labels on the PrometheusRule, e.g. `release: kube-prometheus-stack`. */
  ruleLabels: Record<string, string>;
  /** Labels on the dashboard ConfigMaps; Grafana's sidecar default. */
  dashboardLabels: Record<string, string>;
  /** Namespace of every resource of every bundle; otherwise the namespace the service's Kubernetes-origin SLOs kept, if any. */
  namespace?: string;
  /** Include the service's AlertmanagerConfig (monitoring.coreos.com/v1alpha1). */
  alertmanagerConfig: boolean;
}

export const DEFAULT_BUNDLE_DIR = 'bundles';
/** The label the Grafana Helm chart's (and kube-prometheus-stack's) dashboard sidecar watches by default. */
export const DEFAULT_DASHBOARD_LABELS: Readonly<Record<string, string>> = { grafana_dashboard: '1' };

/** The directories of the other generated files (ARTIFACT_DIRS). */
const RESERVED_DIRS: readonly string[] = ['alerts', 'dashboards'];

export class BundleOptionError extends Error {}

// Kubernetes label keys: an optional DNS-subdomain prefix and a name of at most 63 characters; values at most 63.
const LABEL_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$/;
const NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function validLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  if (slash === -1) return LABEL_NAME.test(key);
  const prefix = key.slice(0, slash);
  return prefix.length <= 253 && LABEL_PREFIX.test(prefix) && LABEL_NAME.test(key.slice(slash + 1));
}

/** `key=value` pairs (repeatable flags) as labels; the last value of a key wins. Throws on a malformed pair. */
export function parseLabels(flag: string, pairs: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const [key, value] = eq === -1 ? [pair, undefined] : [pair.slice(0, eq), pair.slice(eq + 1)];
    if (value === undefined || !validLabelKey(key) || !LABEL_VALUE.test(value)) {
      throw new BundleOptionError(`${flag} expects a Kubernetes label key=value such as release=kube-prometheus-stack, got ${JSON.stringify(pair)}`);
    }
    labels[key] = value;
  }
  return labels;
}

/**
 * The bundle directory as a clean repository-relative path. It must stay inside the output root and not be the
 * root itself: generate owns (and removes stale generated files from) the whole directory.
 */
export function bundleDir(dir: string): string {
  const normal = path.posix.normalize(dir.split(path.sep).join('/')).replace(/\/+$/, '');
  if (path.isAbsolute(dir) || normal === '.' || normal === '' || normal === '..' || normal.startsWith('../')) {
    throw new BundleOptionError(`--bundle expects a directory inside the output root such as ${DEFAULT_BUNDLE_DIR}, got ${JSON.stringify(dir)}`);
  }
  // A service named like one of their subdirectories (prometheus, alertmanager) would mix with them.
  if (RESERVED_DIRS.includes(normal)) throw new BundleOptionError(`--bundle cannot share ${normal}/ with the other generated files: use e.g. ${DEFAULT_BUNDLE_DIR}`);
  return normal;
}

export function bundleNamespace(namespace: string | undefined): string | undefined {
  if (namespace !== undefined && !NAMESPACE.test(namespace)) {
    throw new BundleOptionError(`--namespace expects a Kubernetes namespace name (lowercase letters, digits and dashes), got ${JSON.stringify(namespace)}`);
  }
  return namespace;
}
