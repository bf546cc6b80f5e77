/** Everything `burnrate generate` writes, as a map of repository-relative path to content. Pure. */
import type { Slo } from '../../core/model/slo.js';
import { prometheusRuleFilePath, rulesFilePath } from '../../core/conventions/rule-files.js';
import { renderCatalog } from './compile-catalog.js';
import { yamlHeader } from './header.js';
import { alertmanagerArtifacts } from './alertmanager/alertmanager-artifacts.js';
import { dashboardArtifacts } from './grafana/dashboards.js';
import { renderPrometheusRule, renderRuleFile, rulesYaml, serviceOrigin } from './prometheus/render-rules.js';
import { sloRuleGroups } from './prometheus/rule-groups.js';
import { promtoolTestFiles } from './prometheus/promtool-tests.js';
import { bundleArtifacts } from './bundle/bundle-artifacts.js';
import type { BundleOptions } from './bundle/bundle-options.js';
import { withGenerationTime } from './prometheus/calendar-offsets.js';

export type Artifacts = Map<string, string>;

export const ARTIFACT_DIRS = ['alerts', 'dashboards'] as const;

export interface GenerateOptions {
  /** Also write one GitOps bundle per service (`generate --bundle`). */
  bundle?: BundleOptions;
  /**
   * Generation time (default: now). Calendar rules follow their zone's DST changes from January 1 of the
   * previous year to five years after this one; fixed in tests so the output does not depend on the clock.
   */
  now?: Date;
}

/** The directories generate owns (and removes stale generated files from) for these options. */
export function artifactDirs(options: GenerateOptions = {}): string[] {
  return [...ARTIFACT_DIRS, ...(options.bundle ? [options.bundle.dir] : [])];
}

export const paths = {
  rules: rulesFilePath,
  prometheusRule: prometheusRuleFilePath,
  promtoolTest: (sloId: string) => `alerts/promtool/${sloId}.test.yaml`,
  catalog: 'alerts/catalog.json',
};

function byService(slos: readonly Slo[]): Map<string, Slo[]> {
  const services = new Map<string, Slo[]>();
  for (const slo of slos) services.set(slo.service, [...(services.get(slo.service) ?? []), slo]);
  return new Map([...services.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export function generateArtifacts(slos: readonly Slo[], options: GenerateOptions = {}): Artifacts {
  return withGenerationTime(options.now ?? new Date(), () => generate(slos, options));
}

function generate(slos: readonly Slo[], options: GenerateOptions): Artifacts {
  const artifacts: Artifacts = new Map();
  for (const [service, serviceSlos] of byService(slos)) {
    const header = yamlHeader(serviceSlos.map((s) => s.source.file));
    const groups = serviceSlos.flatMap(sloRuleGroups);
    const text = rulesYaml(groups);
    artifacts.set(paths.rules(service), renderRuleFile(header, groups, text));
    artifacts.set(paths.prometheusRule(service), renderPrometheusRule(header, service, groups, serviceOrigin(serviceSlos), text));
    for (const [sloId, content] of promtoolTestFiles(serviceSlos, `../prometheus/${service}.rules.yaml`, groups)) {
      artifacts.set(paths.promtoolTest(sloId), content);
    }
  }
  artifacts.set(paths.catalog, renderCatalog(slos));
  for (const [file, content] of alertmanagerArtifacts(slos)) artifacts.set(file, content);
  for (const [file, content] of dashboardArtifacts(slos)) artifacts.set(file, content);
  if (options.bundle) for (const [file, content] of bundleArtifacts(byService(slos), options.bundle)) artifacts.set(file, content);
  return new Map([...artifacts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
