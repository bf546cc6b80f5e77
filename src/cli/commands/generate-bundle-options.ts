/**
 * The GitOps bundle flags, shared by `generate` (which writes the bundles) and `check` (which must compare
 * the same bundles, so it takes the same flags).
 */
import type { Command } from 'commander';
import { EXIT, ExitError } from '../exit-codes.js';
import {
  BundleOptionError,
  bundleDir,
  bundleNamespace,
  DEFAULT_DASHBOARD_LABELS,
  parseLabels,
  type BundleOptions,
} from '../../toolkit/generate/bundle/bundle-options.js';

export interface BundleFlags {
  bundle?: string;
  ruleLabel?: string[];
  dashboardLabel?: string[];
  namespace?: string;
  alertmanagerConfig?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const BUNDLE_HELP = {
  generate: 'also write one GitOps bundle per service into <dir>/<service>/ (relative to --out): PrometheusRule, dashboard and catalog ConfigMaps, kustomization.yaml',
  check: 'also compare the GitOps bundles under <dir> (relative to --root); give the bundle flags given to generate',
};

export function addBundleOptions(command: Command, verb: keyof typeof BUNDLE_HELP): Command {
  return command
    .option('--bundle <dir>', BUNDLE_HELP[verb])
    .option('--rule-label <key=value>', 'label on the bundles\' PrometheusRules, for the Prometheus operator\'s ruleSelector (repeatable), e.g. release=kube-prometheus-stack', collect)
    .option('--dashboard-label <key=value>', 'label on the bundles\' dashboard ConfigMaps, for Grafana\'s sidecar (repeatable; default grafana_dashboard=1)', collect)
    .option('--namespace <namespace>', 'namespace of every bundle resource and kustomization (default: the namespace Kubernetes-origin SLOs kept, else none)')
    .option('--alertmanager-config', 'include each service\'s AlertmanagerConfig (monitoring.coreos.com/v1alpha1) in its bundle');
}

/** The bundle options the flags ask for; undefined without --bundle. Throws a usage error on bad flags. */
export function bundleOptionsFrom(command: string, flags: BundleFlags): BundleOptions | undefined {
  try {
    if (flags.bundle === undefined) {
      const stray = [
        flags.ruleLabel && '--rule-label',
        flags.dashboardLabel && '--dashboard-label',
        flags.namespace !== undefined && '--namespace',
        flags.alertmanagerConfig && '--alertmanager-config',
      ].filter((flag): flag is string => typeof flag === 'string');
      if (stray.length > 0) throw new BundleOptionError(`${stray.join(', ')} only shape bundles: add --bundle <dir> (e.g. --bundle bundles)`);
      return undefined;
    }
    return {
      dir: bundleDir(flags.bundle),
      ruleLabels: parseLabels('--rule-label', flags.ruleLabel ?? []),
      dashboardLabels: flags.dashboardLabel ? parseLabels('--dashboard-label', flags.dashboardLabel) : { ...DEFAULT_DASHBOARD_LABELS },
      ...(flags.namespace !== undefined ? { namespace: bundleNamespace(flags.namespace) } : {}),
      alertmanagerConfig: flags.alertmanagerConfig === true,
    };
  } catch (error) {
    if (error instanceof BundleOptionError) throw new ExitError(EXIT.usage, `burnrate ${command}: ${error.message}`);
    throw error;
  }
}
