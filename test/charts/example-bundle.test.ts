/**
 * deploy/example-bundle: the repository's example SLOs (slo-definitions/) shipped the way every team ships its
 * own, as the GitOps bundles `burnrate generate --bundle` writes, applied next to the chart (which carries no
 * SLOs). The committed files must equal a fresh generate, like the committed alerts/ and dashboards/.
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/charts/example-bundle.test.ts` (or run
 * `npx burnrate generate --bundle deploy/example-bundle` at the repository root).
 */
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';

/** The flags the committed bundle is generated with (docs/install.md). */
const EXAMPLE_BUNDLE_FLAGS = ['--bundle', 'deploy/example-bundle'];
const BUNDLE = 'deploy/example-bundle';
const TIMEOUT_MS = 180_000;
// Hand-written, not generated: the kustomization that applies every service's bundle at once.
const AGGREGATE = 'kustomization.yaml';

let temp: { dir: string; remove: () => Promise<void> };
let fresh: string[];

const files = (root: string) =>
  readdirSync(path.join(root, BUNDLE), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');
// The example's services, as the generated rule files name them.
const services = () =>
  readdirSync(path.join(temp.dir, 'alerts/prometheus'))
    .filter((f) => f.endsWith('.rules.yaml'))
    .map((f) => f.replace(/\.rules\.yaml$/, ''))
    .sort();

beforeAll(async () => {
  temp = await makeTempDir('burnrate-example-bundle-');
  const result = await runCli(['generate', 'slo-definitions', '--out', temp.dir, ...EXAMPLE_BUNDLE_FLAGS], { cwd: REPO_ROOT });
  expect(result.code, result.stderr).toBe(0);
  fresh = files(temp.dir);
  if (process.env.UPDATE_GOLDEN) {
    for (const entry of readdirSync(path.join(REPO_ROOT, BUNDLE), { withFileTypes: true })) {
      if (entry.isDirectory()) rmSync(path.join(REPO_ROOT, BUNDLE, entry.name), { recursive: true });
    }
    for (const file of fresh) cpSync(path.join(temp.dir, file), path.join(REPO_ROOT, file));
  }
}, TIMEOUT_MS);

afterAll(async () => {
  await temp?.remove();
});

describe('deploy/example-bundle', () => {
  it('equals a fresh `burnrate generate --bundle deploy/example-bundle` of slo-definitions/, file for file', () => {
    expect(fresh.length).toBeGreaterThan(0);
    expect(files(REPO_ROOT).filter((f) => f !== `${BUNDLE}/${AGGREGATE}`)).toEqual(fresh);
    for (const file of fresh) expect(read(REPO_ROOT, file), `${file} is stale: regenerate (see the top of this file)`).toBe(read(temp.dir, file));
  });

  it('holds one bundle per example service, and a kustomization applying them all', () => {
    const dirs = readdirSync(path.join(REPO_ROOT, BUNDLE), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(dirs).toEqual(services());
    const aggregate = parse(read(REPO_ROOT, `${BUNDLE}/${AGGREGATE}`)) as Record<string, unknown>;
    // No namespace of its own: `kubectl apply -k deploy/example-bundle -n <namespace>` puts it where a team would.
    expect(aggregate).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: dirs });
  });

  it('carries the rule groups, dashboards and catalog generate writes into alerts/ and dashboards/, nothing else', () => {
    // Compared with the same fresh generate: whether the committed alerts/ and dashboards/ are current is
    // `burnrate check`'s and their own tests' business.
    const example = JSON.parse(read(temp.dir, 'alerts/catalog.json')) as CompiledCatalog;
    const ids: string[] = [];
    for (const service of services()) {
      const dir = `${BUNDLE}/${service}`;
      const rule = parse(read(REPO_ROOT, `${dir}/prometheusrule.yaml`)) as { metadata: Record<string, any>; spec: { groups: unknown[] } };
      expect(rule.metadata.namespace).toBeUndefined();
      expect(rule.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'burnrate', 'burnrate.dev/service': service });
      expect(rule.spec.groups).toEqual((parse(read(temp.dir, `alerts/prometheus/${service}.rules.yaml`)) as { groups: unknown[] }).groups);

      const board = parse(read(REPO_ROOT, `${dir}/dashboard-burnrate-${service}.configmap.yaml`)) as { metadata: Record<string, any>; data: Record<string, string> };
      expect(board.metadata.labels.grafana_dashboard).toBe('1');
      expect(JSON.parse(board.data[`burnrate-${service}.json`] ?? '')).toEqual(JSON.parse(read(temp.dir, `dashboards/burnrate-${service}.json`)));

      const catalog = parse(read(REPO_ROOT, `${dir}/catalog.configmap.yaml`)) as { metadata: Record<string, any>; data: Record<string, string> };
      expect(catalog.metadata.labels['burnrate.dev/catalog']).toBe('true');
      ids.push(...(JSON.parse(catalog.data['catalog.json'] ?? '') as CompiledCatalog).slos.map((s) => s.id));

      // No AlertmanagerConfig: it needs each team's PagerDuty Secrets, so a team opts in with --alertmanager-config.
      expect(readdirSync(path.join(REPO_ROOT, dir)).sort()).toEqual(['catalog.configmap.yaml', `dashboard-burnrate-${service}.configmap.yaml`, 'kustomization.yaml', 'prometheusrule.yaml']);
    }
    expect(ids.sort()).toEqual(example.slos.map((s) => s.id).sort());
  });
});
