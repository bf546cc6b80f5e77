/**
 * Catalogs discovered from a directory, through the real service: one file per team, watched; a broken file
 * keeps serving its last good catalog, an id two files define is refused in both (the rest keep working),
 * a removed file takes its SLOs with it.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { startHarness, type Harness } from '../support/service-harness.js';
import { catalogOf, writeCatalog } from '../support/test-catalog.js';

const ratio = { kind: 'ratio', errors: 'e_total', total: 't_total' } as const;
const payments = catalogOf([{ service: 'payments', team: 'pay', slos: { availability: { objective: 99.9, sli: ratio } } }]);
const search = catalogOf([{ service: 'search', team: 'find', slos: { availability: { objective: 99.5, sli: ratio } } }]);
const searchTwo = catalogOf([
  { service: 'search', team: 'find', slos: { availability: { objective: 99.5, sli: ratio }, probe: { objective: 99, sli: { kind: 'boolGauge', metric: 'up' } } } },
]);
const checkout = catalogOf([{ service: 'checkout', team: 'web', slos: { availability: { objective: 99, sli: ratio } } }]);

interface CatalogBody {
  version: string;
  sloCount: number;
  source: string;
  sources: { name: string; kind: string; state: string; sloCount: number; error?: string }[];
  conflicts: { id: string; sources: string[] }[];
  slos: { id: string; source: string }[];
}

let h: Harness;
let dir: string;
let removeDir: () => Promise<void>;
const write = (name: string, catalog: CompiledCatalog) => writeCatalog(path.join(dir, name), catalog);
const catalogBody = async () => (await h.service.app.inject({ url: '/api/v1/catalog' })).json() as CatalogBody;
const slos = async () => (await catalogBody()).slos;
const sloIds = async () => {
  await h.service.evaluator.evaluate();
  return ((await h.service.app.inject({ url: '/api/v1/slos' })).json() as { slos: { id: string }[] }).slos.map((s) => s.id).sort();
};
const metrics = async () => (await h.service.app.inject({ url: '/metrics' })).body;
const statusPage = async () => (await h.service.app.inject({ url: '/status' })).body;
/** The service's warning lines. */
const warnings: { msg: string; slo?: string; sources?: string[] }[] = [];

beforeAll(async () => {
  const temp = await makeTempDir('burnrate-catalogs-');
  dir = temp.dir;
  removeDir = temp.remove;
  await write('payments.json', payments);
  await write('search.json', search);
  // Not catalogs: another extension and a hidden name (a ConfigMap volume's `..data` and the like).
  await writeFile(path.join(dir, 'README.md'), 'not a catalog');
  await writeFile(path.join(dir, '.search.json.swp'), '{');
  const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (warnings.push(JSON.parse(chunk.toString()) as (typeof warnings)[number]), done()) }));
  h = await startHarness(payments, { catalog: { directory: dir, watch: true } }, { logger });
});

afterAll(async () => {
  await h?.stop();
  await removeDir?.();
});

describe('catalogs discovered from a directory', () => {
  it('serves the SLOs of every file, each with its source, under a combined version', async () => {
    const body = await catalogBody();
    expect(body.source).toBe('discovered catalogs');
    expect(body.version).toMatch(/^merged-[0-9a-f]{16}$/);
    expect(body.sources).toEqual([
      { name: 'payments.json', kind: 'file', state: 'ok', version: payments.version, sloCount: 1 },
      { name: 'search.json', kind: 'file', state: 'ok', version: search.version, sloCount: 1 },
    ]);
    expect(body.conflicts).toEqual([]);
    expect(body.slos).toEqual([
      { id: 'payments-availability', source: 'payments.json' },
      { id: 'search-availability', source: 'search.json' },
    ]);
    expect(await sloIds()).toEqual(['payments-availability', 'search-availability']);
    expect(await metrics()).toMatch(/burnrate_catalog_sources\{state="ok"\} 2/);
  });

  it('picks up an added file and an edited one', async () => {
    const before = (await catalogBody()).version;
    await write('checkout.json', checkout);
    await write('search.json', searchTwo);
    await expect.poll(slos).toEqual([
      { id: 'checkout-availability', source: 'checkout.json' },
      { id: 'payments-availability', source: 'payments.json' },
      { id: 'search-availability', source: 'search.json' },
      { id: 'search-probe', source: 'search.json' },
    ]);
    expect((await catalogBody()).version).not.toBe(before);
    expect(await sloIds()).toEqual(['checkout-availability', 'payments-availability', 'search-availability', 'search-probe']);
  });

  it('keeps serving the last good catalog of a file that breaks, and says so', async () => {
    const { version } = await catalogBody();
    await writeFile(path.join(dir, 'search.json'), '{ "truncated');
    await expect.poll(async () => (await catalogBody()).sources.find((s) => s.name === 'search.json')?.state).toBe('stale');
    const body = await catalogBody();
    expect(body.version).toBe(version);
    expect(body.sources.find((s) => s.name === 'search.json')?.error).toMatch(/^catalog file search\.json: invalid JSON/);
    expect(body.sources.find((s) => s.name === 'search.json')?.error).not.toContain(dir);
    expect(await sloIds()).toContain('search-probe');
    expect(await metrics()).toMatch(/burnrate_catalog_sources\{state="stale"\} 1/);
    // The status page says so too, and which SLOs still serve.
    const page = await statusPage();
    expect(page).toContain('<tr data-source="search.json"><td class="source-name"><code>search.json</code></td><td>file</td><td><span class="chip source-stale">broken: last good catalog serves</span></td><td class="count">2</td>');
    expect(page).toMatch(/<li class="source-problem" data-source="search.json">Catalog source <code>search.json<\/code> is broken; its last good catalog \(2 SLOs\) still serves: <span class="error">catalog file search.json: invalid JSON/);
    await write('search.json', searchTwo);
    await expect.poll(async () => (await catalogBody()).sources.find((s) => s.name === 'search.json')?.state).toBe('ok');
  });

  it('refuses an SLO id two files define, in both, while every other SLO keeps working', async () => {
    await write('payments-copy.json', payments);
    await expect.poll(async () => (await catalogBody()).conflicts).toEqual([{ id: 'payments-availability', sources: ['payments-copy.json', 'payments.json'] }]);
    expect(await sloIds()).toEqual(['checkout-availability', 'search-availability', 'search-probe']);
    expect(await metrics()).toMatch(/burnrate_catalog_conflicts 1/);
    expect(await metrics()).toMatch(/burnrate_catalog_sources\{state="ok"\} 4/);
    // Answered from memory, without the store (which /api/v1/catalog needs for its history).
    const sources = (await h.service.app.inject({ url: '/api/v1/catalog/sources' })).json() as { discovered: boolean; sources: { name: string; state: string }[]; conflicts: unknown };
    expect(sources.discovered).toBe(true);
    expect(sources.sources.map((s) => [s.name, s.state])).toEqual([['checkout.json', 'ok'], ['payments-copy.json', 'ok'], ['payments.json', 'ok'], ['search.json', 'ok']]);
    expect(sources.conflicts).toEqual([{ id: 'payments-availability', sources: ['payments-copy.json', 'payments.json'] }]);
    const page = await statusPage();
    expect(page).toContain('<li class="conflict" data-slo="payments-availability">SLO id <code>payments-availability</code> refused: defined by <code>payments-copy.json</code> and <code>payments.json</code>.');
    expect(page).toContain('<td class="count">1 <span class="refused">(1 refused)</span></td>');
    expect(page).not.toContain('id="slo-payments-availability"');
    expect(page).toContain('id="slo-search-probe"');
    expect(warnings).toContainEqual(
      expect.objectContaining({ msg: 'SLO id defined by several catalog sources: refused in all of them until only one defines it', slo: 'payments-availability', sources: ['payments-copy.json', 'payments.json'] }),
    );
    await rm(path.join(dir, 'payments-copy.json'));
    await expect.poll(async () => (await catalogBody()).conflicts).toEqual([]);
    expect(await statusPage()).not.toContain('id="problems"');
    expect(await sloIds()).toContain('payments-availability');
    expect(await metrics()).toMatch(/burnrate_catalog_conflicts 0/);
  });

  it('drops the SLOs of a removed file', async () => {
    await rm(path.join(dir, 'search.json'));
    await expect.poll(async () => (await slos()).map((s) => s.id)).toEqual(['checkout-availability', 'payments-availability']);
    expect((await catalogBody()).sources.map((s) => s.name)).toEqual(['checkout.json', 'payments.json']);
    expect(await sloIds()).toEqual(['checkout-availability', 'payments-availability']);
  });
});
