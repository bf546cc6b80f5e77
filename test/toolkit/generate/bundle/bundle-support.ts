/** Bundles of the test fixtures, as tests read them: per service, file name → parsed YAML document. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { Slo } from '../../../../src/core/model/slo.js';
import { generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { DEFAULT_DASHBOARD_LABELS, type BundleOptions } from '../../../../src/toolkit/generate/bundle/bundle-options.js';
import { REPO_ROOT } from '../../../support/cli.js';
import { CATALOG_DIR, FIXTURE_DIR, loadSlos } from '../prometheus/rule-files.js';

export interface KubeDocument {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: unknown;
  namespace?: string;
  resources?: string[];
}

export const SLOTH_CRD = path.join(REPO_ROOT, 'test/fixtures/sloth/operator-crd.yml');

export function bundleOptions(overrides: Partial<BundleOptions> = {}): BundleOptions {
  return { dir: 'bundles', ruleLabels: {}, dashboardLabels: { ...DEFAULT_DASHBOARD_LABELS }, alertmanagerConfig: false, ...overrides };
}

/** Every definition set the bundle tests cover: each fixture of test/fixtures/definitions, and the example catalog. */
export async function definitionSets(): Promise<{ name: string; paths: string[] }[]> {
  const fixtures = (await readdir(FIXTURE_DIR)).filter((f) => f.endsWith('.slo.ts')).sort();
  return [...fixtures.map((f) => ({ name: f.replace(/\.slo\.ts$/, ''), paths: [path.join(FIXTURE_DIR, f)] })), { name: 'slo-definitions', paths: [CATALOG_DIR] }];
}

/** service → file name → content, from the artifacts under the bundle directory. */
export function bundlesOf(artifacts: ReadonlyMap<string, string>, dir: string): Map<string, Map<string, string>> {
  const bundles = new Map<string, Map<string, string>>();
  for (const [file, content] of artifacts) {
    if (!file.startsWith(`${dir}/`)) continue;
    const [service, name, ...rest] = file.slice(dir.length + 1).split('/');
    if (service === undefined || name === undefined || rest.length > 0) throw new Error(`unexpected bundle file ${file}`);
    bundles.set(service, (bundles.get(service) ?? new Map<string, string>()).set(name, content));
  }
  return bundles;
}

export async function generateBundles(paths: readonly string[], options: BundleOptions): Promise<{ slos: Slo[]; artifacts: Map<string, string>; bundles: Map<string, Map<string, string>> }> {
  const slos = await loadSlos(paths);
  const artifacts = generateArtifacts(slos, { bundle: options });
  return { slos, artifacts, bundles: bundlesOf(artifacts, options.dir) };
}

export function document(content: string | undefined): KubeDocument {
  if (content === undefined) throw new Error('no such bundle file');
  return parse(content) as KubeDocument;
}
