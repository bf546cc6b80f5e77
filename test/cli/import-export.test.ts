import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/toolkit/load/load-definitions.js';
import { validateDocuments } from '../../src/toolkit/validate/validate-documents.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { FIXTURES, loadFixture } from '../toolkit/load/load-support.js';

let tmp: { dir: string; remove: () => Promise<void> };

/** A project directory where `import { defineSlos } from 'burnrate'` resolves, as after `npm install burnrate`. */
async function project(name: string): Promise<string> {
  const dir = path.join(tmp.dir, name);
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(REPO_ROOT, path.join(dir, 'node_modules/burnrate'), 'dir');
  return dir;
}

const SLOTH_VALID = ['checkout.yml', 'home-wifi.yml', 'api-gateway-by-route.yml', 'search-crd.yml'].map((f) => path.join(FIXTURES, 'sloth', f));
const OPENSLO_VALID = ['checkout.yaml', 'storefront.yaml'].map((f) => path.join(FIXTURES, 'openslo', f));

beforeAll(async () => {
  tmp = await makeTempDir('burnrate-import-export-');
});
afterAll(async () => {
  await tmp.remove();
});

describe('burnrate export', () => {
  it('prints OpenSLO YAML of the catalog to stdout that parses and names every SLO', async () => {
    const run = await runCli(['export', '--format', 'openslo']);
    expect(run.code, run.stderr).toBe(0);
    const docs = parseAllDocuments(run.stdout).map((d) => (Array.isArray(d) ? d[0] : d));
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    const objects = docs.map((d) => d.toJS() as { apiVersion: string; kind: string; metadata: { name: string } });
    expect(new Set(objects.map((o) => o.apiVersion))).toEqual(new Set(['openslo/v1']));
    const catalog = await loadFixture('../../slo-definitions');
    expect(objects.filter((o) => o.kind === 'SLO').map((o) => o.metadata.name)).toEqual(catalog.slos.map((s) => s.id));
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual([...new Set(catalog.slos.map((s) => s.service))]);
  });

  it('writes --out, which loads back as the same SLOs', async () => {
    const out = path.join(tmp.dir, 'export/openslo/catalog.yaml');
    const run = await runCli(['export', '--format', 'openslo', '--out', out, 'slo-definitions']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*catalog\.yaml: 6 SLOs in 9 OpenSLO documents\n$/);
    const reread = validateDocuments(await loadDefinitions([out]));
    expect(reread.ok).toBe(true);
    const catalog = await loadFixture('../../slo-definitions');
    expect(reread.slos.map((s) => s.id)).toEqual(catalog.slos.map((s) => s.id));
  });

  it('prints a JSON summary with the YAML, and refuses bad usage and invalid definitions', async () => {
    const json = await runCli(['export', '--format', 'openslo', '--json', 'test/fixtures/openslo/storefront.yaml']);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as { ok: boolean; slos: string[]; documents: number; content: string };
    expect(summary.ok).toBe(true);
    expect(summary.slos).toEqual(['storefront-api-routes', 'storefront-page-views', 'storefront-search-latency']);
    expect(summary.documents).toBe(4);
    expect(summary.content).toContain('name: storefront-search-latency');

    const unknown = await runCli(['export', '--format', 'nagios']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format must be one of openslo, sloth, got "nagios"');

    const invalid = await runCli(['export', '--format', 'openslo', 'test/fixtures/openslo/timeslices-invalid.yaml']);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('ratio-slices-with-target › spec.objectives[0].timeSliceTarget: applies to budgetingMethod: Timeslices');
    expect(invalid.stderr).toContain('8 errors; nothing exported');
  });
});

describe('burnrate export --format sloth', () => {
  it('writes prometheus/v1 specs that load back, warning about what Sloth cannot hold', async () => {
    const out = path.join(tmp.dir, 'export/sloth/catalog.yml');
    const run = await runCli(['export', '--format', 'sloth', '--out', out, 'slo-definitions']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`wrote ${out}: 6 SLOs in 3 Sloth documents\n`);
    // Located like validation problems: file:line:column of the field, and the line itself.
    expect(run.stderr).toMatch(/warning: slo-definitions\/search\.slo\.ts:\d+:\d+ › search-traced-requests › sli: is not kept: Sloth has no trace SLI.*\n\s+sli: \{\n\s+\^/);
    const reread = validateDocuments(await loadDefinitions([out]));
    expect(reread.ok).toBe(true);
    expect(reread.slos.map((s) => s.source.format)).toEqual(Array(6).fill('sloth'));
  });

  it('writes nothing when an SLO has time slices, which Sloth cannot express', async () => {
    const out = path.join(tmp.dir, 'export/sloth/time-slices.yml');
    const run = await runCli(['export', '--format', 'sloth', '--out', out, 'test/fixtures/time-slices']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/error: test\/fixtures\/time-slices\/checkout\.slo\.ts:\d+:\d+ › checkout-p99-latency › sli: Sloth has no threshold SLI/);
    expect(run.stderr).toContain('5 errors; nothing exported');
    expect(existsSync(out)).toBe(false);
  });
});

describe('burnrate import', () => {
  it('writes one <service>.slo.ts per Sloth service that validate accepts, with the same SLOs', async () => {
    const dir = await project('sloth');
    const run = await runCli(['import', '--from', 'sloth', ...SLOTH_VALID, '--out', 'slo-definitions'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('6 SLOs imported into 4 files');
    expect((await readdir(path.join(dir, 'slo-definitions'))).sort()).toEqual(['api-gateway.slo.ts', 'checkout.slo.ts', 'home-wifi.slo.ts', 'search.slo.ts']);
    const checkout = await readFile(path.join(dir, 'slo-definitions/checkout.slo.ts'), 'utf8');
    expect(checkout).toContain("import { defineSlos } from 'burnrate';");
    expect(checkout).toContain("    'requests-availability': {\n");

    const validate = await runCli(['validate', 'slo-definitions'], { cwd: dir });
    expect(validate.code, validate.stderr).toBe(0);
    const imported = validateDocuments(await loadDefinitions([path.join(dir, 'slo-definitions')], dir));
    const original = await loadFixture(...SLOTH_VALID.map((f) => path.relative(FIXTURES, f)));
    // Without --keep-alert-names the SLOs take Burnrate's alert names; everything else is the same.
    const strip = (slos: typeof imported.slos) =>
      slos.map(({ source: _source, alerting: { burnAlertName: _name, ...alerting }, ...rest }) => ({ ...rest, alerting }));
    expect(strip(imported.slos)).toEqual(strip(original.slos));
    expect(imported.slos.every((slo) => slo.alerting.burnAlertName === undefined)).toBe(true);
  });

  it('imports OpenSLO files into definitions with the same SLOs', async () => {
    const dir = await project('openslo');
    const run = await runCli(['import', '--from', 'openslo', ...OPENSLO_VALID, '--out', 'defs'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote defs/checkout.slo.ts (4 SLOs)');
    expect(run.stdout).toContain('wrote defs/storefront.slo.ts (3 SLOs)');
    const imported = validateDocuments(await loadDefinitions([path.join(dir, 'defs')], dir));
    expect(imported.ok).toBe(true);
    const original = await loadFixture('openslo/checkout.yaml', 'openslo/storefront.yaml');
    const strip = (slos: typeof imported.slos) => slos.map(({ source: _source, ...rest }) => rest);
    expect(strip(imported.slos)).toEqual(strip(original.slos));
  });

  it('imports OpenSLO time slices and thresholdMetrics into definitions with the same SLOs', async () => {
    const dir = await project('openslo-time-slices');
    const fixtures = ['timeslices.yaml', 'ratio-timeslices.yaml', 'threshold-timeslices.yaml', 'v1alpha-timeslices.yaml'].map((f) => `openslo/${f}`);
    const run = await runCli(['import', '--from', 'openslo', ...fixtures.map((f) => path.join(FIXTURES, f)), '--out', 'defs'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const checkout = await readFile(path.join(dir, 'defs/checkout.slo.ts'), 'utf8');
    // timeSlices right after the SLI it budgets, the threshold's measure before its comparison.
    expect(checkout).toContain("        op: 'lt',\n        value: 0.3,\n      },\n      timeSlices: { slice: '1m' },\n");
    const imported = validateDocuments(await loadDefinitions([path.join(dir, 'defs')], dir));
    expect(imported.ok).toBe(true);
    const original = await loadFixture(...fixtures);
    const strip = (slos: typeof imported.slos) => slos.map(({ source: _source, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));
    expect(strip(imported.slos)).toEqual(strip(original.slos));
    expect(imported.slos.filter((slo) => slo.timeSlices).length).toBe(6);
  });

  it('exits 1 with every problem and writes nothing when an input is invalid', async () => {
    const dir = await project('invalid');
    const run = await runCli(['import', '--from', 'sloth', path.join(FIXTURES, 'sloth'), '--out', 'slo-definitions'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("plugin.yml:11:7 › orders-requests-availability › slos[0].sli.plugin: SLI plugins run Sloth's Go code");
    // The source line with a caret under the column, as for PromQL excerpts.
    expect(run.stderr).toContain('located-errors.yml:39:5 › document 2 › basket-checkout-pay-latency › slos[1].objective: must be below 100');
    expect(run.stderr).toContain('\n        objective: 100\n        ^\n');
    // Labels that contradict the spec's team and service: one error each, naming both values.
    expect(run.stderr).toContain('conflicting-labels.yml:11:7 › payments-api-refund-availability › slos[0].labels.team: names team "finance" but the owning team is "payments"');
    expect(run.stderr).toContain('5 errors; nothing written');
    expect(existsSync(path.join(dir, 'slo-definitions'))).toBe(false);

    const wrongFormat = await runCli(['import', '--from', 'openslo', SLOTH_VALID[0] as string, '--out', 'slo-definitions'], { cwd: dir });
    expect(wrongFormat.code).toBe(1);
    expect(wrongFormat.stderr).toContain('is a Sloth file, not OpenSLO; use --from sloth');
    expect(existsSync(path.join(dir, 'slo-definitions'))).toBe(false);

    const usage = await runCli(['import', '--from', 'nobl9', SLOTH_VALID[0] as string], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--from must be one of sloth, openslo, pyrra');
  });

  it('carries line, column and document of each problem in --json', async () => {
    const dir = await project('json');
    const run = await runCli(['import', '--from', 'openslo', '--json', path.join(FIXTURES, 'openslo/located-errors.yaml')], { cwd: dir });
    expect(run.code).toBe(1);
    const { problems } = JSON.parse(run.stdout) as { problems: { field: string; line: number; column: number; document: number }[] };
    expect(problems.map((p) => `${p.document}:${p.line}:${p.column} ${p.field}`)).toEqual([
      '3:50:7 spec.objectives[0].targetPrecent',
      '3:45:7 spec.timeWindow[0].duration',
      '3:43:3 spec.indicatorRef',
      '2:35:7 spec.objectives[0].targetPercent',
      '2:15:5 metadata.annotations["burnrate.dev/runbook-url"]',
    ]);
  });

  it('imports Pyrra objects into definitions with the same SLOs', async () => {
    const dir = await project('pyrra');
    const inputs = ['checkout.yaml', 'plain-file.yaml'].map((f) => path.join(FIXTURES, 'pyrra', f));
    const run = await runCli(['import', '--from', 'pyrra', ...inputs, '--out', 'defs'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('wrote defs/checkout.slo.ts (3 SLOs)');
    expect(run.stdout).toContain('wrote defs/monitoring.slo.ts (1 SLO)');
    const imported = validateDocuments(await loadDefinitions([path.join(dir, 'defs')], dir));
    expect(imported.ok).toBe(true);
    const original = await loadFixture('pyrra/checkout.yaml', 'pyrra/plain-file.yaml');
    const strip = (slos: typeof imported.slos) => slos.map(({ source: _source, ...rest }) => rest);
    expect(strip(imported.slos)).toEqual(strip(original.slos));
    const wrong = await runCli(['import', '--from', 'sloth', inputs[0] as string], { cwd: dir });
    expect(wrong.stderr).toContain('is a Pyrra file, not Sloth; use --from pyrra');
  });

  it('does not overwrite an existing definition unless --force is given', async () => {
    const dir = await project('existing');
    const target = path.join(dir, 'slo-definitions/search.slo.ts');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, '// hand-written\n');
    const input = path.join(FIXTURES, 'sloth/search-crd.yml');
    const refused = await runCli(['import', '--from', 'sloth', input], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('slo-definitions/search.slo.ts already exists; pass --force to overwrite. Nothing written.');
    expect(await readFile(target, 'utf8')).toBe('// hand-written\n');
    const forced = await runCli(['import', '--from', 'sloth', input, '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(target, 'utf8')).toContain("service: 'search',");
  });
});
