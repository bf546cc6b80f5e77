/**
 * Golden files of the bundles' shape: per service, the kustomization.yaml as written and objects.yaml, each
 * resource's file, kind, metadata and data keys (the rules, dashboards and catalog inside are covered by the
 * golden files of test/toolkit/generate/golden and by bundle-artifacts.test.ts). Accept intended changes with:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/toolkit/generate/bundle
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { describe, it } from 'vitest';
import { bundleFiles } from '../../../../src/toolkit/generate/bundle/bundle-artifacts.js';
import type { BundleOptions } from '../../../../src/toolkit/generate/bundle/bundle-options.js';
import { REPO_ROOT } from '../../../support/cli.js';
import { CATALOG_DIR } from '../prometheus/rule-files.js';
import { bundleOptions, document, generateBundles, SLOTH_CRD } from './bundle-support.js';

const GOLDEN_DIR = path.join(REPO_ROOT, 'test/toolkit/generate/bundle/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const UPDATE_HINT = 'If the change is intended, regenerate and review the diff: UPDATE_GOLDEN=1 npx vitest run test/toolkit/generate/bundle';

const CASES: { name: string; paths: string[]; options: BundleOptions }[] = [
  {
    name: 'slo-definitions',
    paths: [CATALOG_DIR],
    options: bundleOptions({ ruleLabels: { release: 'kube-prometheus-stack' }, namespace: 'shop', alertmanagerConfig: true }),
  },
  { name: 'sloth-operator-crd', paths: [SLOTH_CRD], options: bundleOptions() },
];

function objects(files: ReadonlyMap<string, string>): string {
  const summary = [...files]
    .filter(([name]) => name !== bundleFiles.kustomization)
    .map(([file, content]) => {
      const doc = document(content);
      return { file, apiVersion: doc.apiVersion, kind: doc.kind, metadata: doc.metadata, ...(doc.data ? { dataKeys: Object.keys(doc.data) } : {}) };
    });
  return stringify(summary, { lineWidth: 0 });
}

async function goldenFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

describe('golden files of the bundles', () => {
  it.each(CASES)('$name', async ({ name, paths, options }) => {
    const dir = path.join(GOLDEN_DIR, name);
    const { bundles } = await generateBundles(paths, options);
    const expected = new Map<string, string>();
    for (const [service, files] of bundles) {
      expected.set(`${service}/${bundleFiles.kustomization}`, files.get(bundleFiles.kustomization) ?? '');
      expected.set(`${service}/objects.yaml`, objects(files));
    }
    const existing = await goldenFiles(dir);
    if (UPDATE) {
      for (const [relative, content] of expected) {
        await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
        await writeFile(path.join(dir, relative), content);
      }
      for (const stale of existing.filter((f) => !expected.has(f))) await rm(path.join(dir, stale));
      return;
    }
    const problems: string[] = [];
    for (const [relative, content] of expected) {
      const golden = await readFile(path.join(dir, relative), 'utf8').catch(() => undefined);
      if (golden === undefined) problems.push(`missing golden file test/toolkit/generate/bundle/golden/${name}/${relative}`);
      else if (golden !== content) problems.push(createTwoFilesPatch(`golden/${name}/${relative}`, `generated/${relative}`, golden, content, '', '', { context: 3 }));
    }
    for (const stale of existing.filter((f) => !expected.has(f))) problems.push(`stale golden file test/toolkit/generate/bundle/golden/${name}/${stale}`);
    if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${UPDATE_HINT}`);
  });
});
