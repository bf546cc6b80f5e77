/** `burnrate generate --bundle` and `burnrate check` with the same flags, on a copy of the example catalog. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyCatalog } from './catalog-copy.js';

const TIMEOUT_MS = 180_000;
const FLAGS = ['--bundle', 'deploy/slo', '--rule-label', 'release=kube-prometheus-stack', '--namespace', 'shop', '--alertmanager-config'];
const RULE = 'deploy/slo/checkout/prometheusrule.yaml';
const ROUTING = 'deploy/slo/checkout/alertmanagerconfig.yaml';

let repo: { dir: string; remove: () => Promise<void> };
const inRepo = (args: string[]) => runCli(args, { cwd: repo.dir });
const file = (relative: string) => path.join(repo.dir, relative);

beforeAll(async () => {
  repo = await copyCatalog();
}, TIMEOUT_MS);

afterAll(async () => {
  await repo.remove();
});

describe('burnrate generate --bundle', () => {
  it('writes one bundle per service next to the other artifacts', async () => {
    const result = await inRepo(['generate', ...FLAGS, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const written = (JSON.parse(result.stdout) as { written: string[] }).written.filter((f) => f.startsWith('deploy/slo/'));
    expect(written.sort()).toEqual(
      ['checkout', 'search', 'storefront'].flatMap((service) =>
        ['alertmanagerconfig.yaml', 'catalog.configmap.yaml', `dashboard-burnrate-${service}.configmap.yaml`, 'kustomization.yaml', 'prometheusrule.yaml'].map(
          (name) => `deploy/slo/${service}/${name}`,
        ),
      ),
    );
    const rule = parse(await readFile(file(RULE), 'utf8')) as { metadata: { namespace: string; labels: Record<string, string> } };
    expect(rule.metadata.namespace).toBe('shop');
    expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
  }, TIMEOUT_MS);

  it('is up to date for check given the same flags, and drifts under other flags', async () => {
    const same = await inRepo(['check', ...FLAGS]);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stderr).toBe('');

    const other = await inRepo(['check', '--bundle', 'deploy/slo', '--rule-label', 'release=prometheus', '--namespace', 'shop', '--alertmanager-config']);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain(`--- a/${RULE}\n+++ b/${RULE}\n`);
    expect(other.stdout).toContain('-    release: kube-prometheus-stack\n+    release: prometheus\n');
    expect(other.stdout).toMatch(/3 generated files are out of date \(3 stale, 0 missing, 0 extra\)/);
  }, TIMEOUT_MS);

  it('reports hand edits, deleted files and bundles no longer asked for', async () => {
    const original = await readFile(file(RULE), 'utf8');
    await writeFile(file(RULE), original.replace('release: kube-prometheus-stack', 'release: edited'));
    await rm(file('deploy/slo/search/kustomization.yaml'));
    try {
      const result = await inRepo(['check', ...FLAGS, '--json']);
      expect(result.code).toBe(1);
      const drifted = (JSON.parse(result.stdout) as { drifted: { file: string; status: string }[] }).drifted.map((d) => [d.file, d.status]);
      expect(drifted).toEqual([
        [RULE, 'stale'],
        ['deploy/slo/search/kustomization.yaml', 'missing'],
      ]);
      const withoutRouting = await inRepo(['check', ...FLAGS.filter((f) => f !== '--alertmanager-config'), '--json']);
      const extra = (JSON.parse(withoutRouting.stdout) as { drifted: { file: string; status: string }[] }).drifted.filter((d) => d.status === 'extra');
      expect(extra.map((d) => d.file)).toEqual(['deploy/slo/checkout/alertmanagerconfig.yaml', 'deploy/slo/search/alertmanagerconfig.yaml', 'deploy/slo/storefront/alertmanagerconfig.yaml']);
    } finally {
      const regenerate = await inRepo(['generate', ...FLAGS]);
      expect(regenerate.code, regenerate.stderr).toBe(0);
    }
  }, TIMEOUT_MS);

  it('removes the files of a bundle option dropped from generate', async () => {
    const result = await inRepo(['generate', ...FLAGS.filter((f) => f !== '--alertmanager-config')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`removed ${ROUTING}\n`);
    await expect(readFile(file(ROUTING), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readFile(file('deploy/slo/checkout/kustomization.yaml'), 'utf8')).not.toContain('alertmanagerconfig.yaml');
  }, TIMEOUT_MS);

  it('warns check without --bundle that bundles/ was not compared', async () => {
    const bundled = await inRepo(['generate', '--bundle', 'bundles']);
    expect(bundled.code, bundled.stderr).toBe(0);
    const result = await inRepo(['check']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toContain('bundles/ holds generated bundles that were not compared');
  }, TIMEOUT_MS);

  it.each([
    ['generate', ['--rule-label', 'release=x'], '--rule-label only shape bundles: add --bundle <dir>'],
    ['generate', ['--bundle', '../elsewhere'], '--bundle expects a directory inside the output root'],
    ['generate', ['--bundle', 'bundles', '--rule-label', 'release', '--namespace', 'Shop'], '--rule-label expects a Kubernetes label key=value'],
    ['check', ['--bundle', 'bundles', '--namespace', 'Shop'], '--namespace expects a Kubernetes namespace name'],
  ])('%s exits 2 on %j, writing nothing', async (command, args, message) => {
    const result = await inRepo([command, ...args, ...(command === 'generate' ? ['--out', 'never'] : [])]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`burnrate ${command}: ${message}`);
    await expect(readFile(file('never/alerts/catalog.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  }, TIMEOUT_MS);
});
