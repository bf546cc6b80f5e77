/**
 * Ours → Sloth prometheus/v1 → Sloth loader → shared validation gives the same model for every SLO Sloth
 * can express; for the others the export warns, naming the SLO and the field. Sloth itself (v0.16.0,
 * `.tools/bin/sloth`, installed by bin/setup) accepts what the export writes.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSloth } from '../../../src/toolkit/export/sloth.js';
import { formatProblem } from '../../../src/core/diagnostics/problem.js';
import type { Slo } from '../../../src/core/model/slo.js';
import type { SloInput, SloSetInput } from '../../../src/toolkit/sdk/types.js';
import { validateDocuments } from '../../../src/toolkit/validate/validate-documents.js';
import { REPO_ROOT } from '../../support/cli.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { loadFixture, yamlText } from '../load/load-support.js';

const SLOTH = path.join(REPO_ROOT, '.tools/bin/sloth');

function throughSloth(slos: readonly Slo[]) {
  const exported = exportSloth(slos);
  return { exported, result: yamlText(exported.content, 'exported.yml') };
}

function withoutSource(slos: readonly Slo[]) {
  return slos.map(({ source: _source, ...rest }) => rest);
}

let tmp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  tmp = await makeTempDir('burnrate-sloth-export-');
});
afterAll(async () => {
  await tmp.remove();
});

async function slothAccepts(content: string, name: string): Promise<string | true> {
  const file = path.join(tmp.dir, name);
  await writeFile(file, content);
  return promisify(execFile)(SLOTH, ['validate', '--no-log', '-i', file]).then(
    () => true,
    (error: { stderr?: string }) => error.stderr ?? 'refused',
  );
}

const SLOTH_FIXTURES = ['checkout.yml', 'home-wifi.yml', 'api-gateway-by-route.yml', 'search-crd.yml', 'multi-document.yml', 'multi-crd.yml'].map((f) => `sloth/${f}`);

describe('export to Sloth', () => {
  it('gives back every SLO of the Sloth fixtures unchanged, without a warning', async () => {
    const original = await loadFixture(...SLOTH_FIXTURES);
    expect(original.ok).toBe(true);
    const { exported, result } = throughSloth(original.slos);
    expect(exported.problems.map(formatProblem)).toEqual([]);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(withoutSource(result.slos)).toEqual(withoutSource(original.slos));
    expect(await slothAccepts(exported.content, 'fixtures.yml')).toBe(true);
  });

  it('warns per SLO and field about what Sloth cannot hold; the rest of slo-definitions comes back unchanged', async () => {
    const original = await loadFixture('../../slo-definitions');
    const { exported, result } = throughSloth(original.slos);
    expect(exported.problems.map((p) => `${p.slo} › ${p.field}`)).toEqual([
      'checkout-latency-by-route › window',
      'checkout-latency-by-route › sli.buckets',
      'search-query-latency › window',
      'search-traced-requests › sli',
      'search-traced-requests › alerting.minEvents',
      'storefront-homepage-probe › dashboardUrl',
      'storefront-homepage-probe › alerting.minEvents',
      'storefront-homepage-probe › alerting.noData',
      'storefront-monthly-availability › window',
      'storefront-monthly-availability › dashboardUrl',
    ]);
    expect(exported.problems.every((p) => p.severity === 'warning' && p.message.startsWith('is not kept: Sloth'))).toBe(true);
    const lossless = original.slos.filter((slo) => !exported.problems.some((p) => p.slo === slo.id));
    expect(lossless.map((slo) => slo.id)).toEqual(['checkout-availability']);
    expect(withoutSource(result.slos.filter((slo) => lossless.some((l) => l.id === slo.id)))).toEqual(withoutSource(lossless));
    expect(await slothAccepts(exported.content, 'slo-definitions.yml')).toBe(true);
  });
});

describe('SLOs Sloth cannot express', () => {
  it('refuses time-slice and threshold SLOs with an error naming each, and writes only the others', async () => {
    const original = await loadFixture('time-slices', 'definitions/ratio-good.slo.ts');
    expect(original.ok).toBe(true);
    const { exported, result } = throughSloth(original.slos);
    expect(exported.problems.filter((p) => p.severity === 'error').map((p) => `${p.slo} › ${p.field}`)).toEqual([
      'checkout-good-minutes › timeSlices',
      'checkout-p99-latency › sli',
      'checkout-queue-depth › sli',
      'checkout-replication-lag › sli',
      'checkout-slice-ratio › timeSlices',
    ]);
    expect(exported.problems.find((p) => p.slo === 'checkout-good-minutes')?.message).toContain('Sloth counts events only and has no time slices');
    expect(result.slos.map((slo) => slo.service)).toEqual(['orders']);
    expect(exported.documents).toBe(1);
  });
});

const sliInput = fc.oneof(
  fc.record({ kind: fc.constant('ratio' as const), errors: fc.constant('req_total{code=~"5.."}'), total: fc.constant('req_total') }),
  fc.record({ kind: fc.constant('ratio' as const), good: fc.constant('req_total{code!~"5.."}'), total: fc.constant('req_total') }),
  fc.record({ kind: fc.constant('latency' as const), histogram: fc.constantFrom('lat_seconds{job="a"}', 'lat_seconds'), threshold: fc.constantFrom('100ms', '250ms', '1s', '2.5s') }),
  fc.record({ kind: fc.constant('latency' as const), histogram: fc.constantFrom('lat_seconds{job="a"}', 'lat_seconds'), threshold: fc.constantFrom('100ms', '437ms', '1.2s'), native: fc.constant(true) }),
  fc.record({ kind: fc.constant('boolGauge' as const), metric: fc.constant('probe_success{job="blackbox"}') }),
  fc.record({ kind: fc.constant('raw' as const), errorRatio: fc.constant('sum(rate(e_total[{{window}}])) / sum(rate(a_total[{{window}}]))') }),
);
const tier = fc.oneof(fc.boolean(), fc.record({ severity: fc.constantFrom('critical', 'warning', 'info', 'page') }, { requiredKeys: [] }));

/** What Sloth can express: a 30-day window, no dashboard, Burnrate's defaults for what Sloth lacks. */
const sloInput: fc.Arbitrary<SloInput> = fc
  .record(
    {
      description: fc.constantFrom('Requests succeed.', ''),
      objective: fc.constantFrom(90, 99, 99.5, 99.9, 99.95, 99.99),
      sli: sliInput,
      labels: fc.constantFrom<Record<string, string>>({}, { component: 'edge' }),
      runbookUrl: fc.constant('https://runbooks.example.com/x'),
      alerting: fc.record({ page: tier, ticket: tier, labels: fc.constantFrom<Record<string, string>>({}, { category: 'availability' }) }, { requiredKeys: [] }),
    },
    { requiredKeys: ['objective', 'sli'] },
  )
  .map((slo) => ({ ...slo, window: '30d' as const, ...(slo.sli.kind === 'raw' ? {} : { groupBy: ['route'] }) }));

describe('native-histogram latency to Sloth', () => {
  it('writes histogram_fraction over the rate, which Sloth accepts and the Sloth loader reads back unchanged', async () => {
    const set: SloSetInput = {
      service: 'shop',
      team: 'web',
      slos: { fast: { objective: 99, window: '30d', groupBy: ['route'], sli: { kind: 'latency', histogram: 'lat_seconds{job="a"}', threshold: '437ms', native: true } } },
    };
    const original = validateDocuments([{ file: 'shop.slo.ts', format: 'typescript', sets: [set], problems: [] }]);
    const { exported, result } = throughSloth(original.slos);
    expect(exported.content).toContain('error_query: histogram_fraction(0.437, +Inf, sum by (route)(rate(lat_seconds{job="a"}[{{.window}}]))) * histogram_count(sum by (route)(rate(lat_seconds{job="a"}[{{.window}}])))');
    expect(exported.problems.map(formatProblem)).toEqual([]);
    expect(withoutSource(result.slos)).toEqual(withoutSource(original.slos));
    expect(await slothAccepts(exported.content, 'native.yml')).toBe(true);
  });
});

describe('Sloth round trip property', () => {
  it('any SLO set Sloth can express comes back from Sloth as the same model, without a warning', () => {
    fc.assert(
      fc.property(fc.array(sloInput, { minLength: 1, maxLength: 4 }), fc.constantFrom('payments', 'web'), (slos, team) => {
        const set: SloSetInput = { service: 'shop', team, labels: { tier_level: '1' }, slos: Object.fromEntries(slos.map((s, i) => [`slo-${i}`, s])) };
        const original = validateDocuments([{ file: 'shop.slo.ts', format: 'typescript', sets: [set], problems: [] }]);
        expect(original.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const { exported, result } = throughSloth(original.slos);
        expect(exported.problems).toEqual([]);
        expect(withoutSource(result.slos)).toEqual(withoutSource(original.slos));
      }),
      { numRuns: 100 },
    );
  });
});
