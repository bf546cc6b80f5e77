/** The compiled catalog at run time: loaded from JSON, reloaded on change, a bad file never replaces a good one. */
import { mkdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogHolder } from '../../../src/service/catalog/catalog-holder.js';
import type { Logger } from '../../../src/service/telemetry/logger.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { waitFor } from '../../support/processes.js';
import { catalogOf, writeCatalog } from '../support/test-catalog.js';

const one = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);
const two = catalogOf([
  { service: 'shop', team: 'web', slos: { availability: { objective: 99.5, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } }, probe: { objective: 99, sli: { kind: 'boolGauge', metric: 'up' } } } },
]);

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

async function setup() {
  const temp = await makeTempDir();
  const file = path.join(temp.dir, 'catalog.json');
  await writeCatalog(file, one);
  const loaded: string[] = [];
  const failed: string[] = [];
  const warnings: string[] = [];
  const holder = new CatalogHolder({
    file,
    clock: () => new Date('2026-01-01T00:00:00Z'),
    onLoaded: (c) => void loaded.push(c.version),
    onFailed: (e) => void failed.push(e.message),
    logger: { debug: () => {}, warn: (_fields: object, message: string) => void warnings.push(message) } as unknown as Logger,
  });
  cleanup = temp.remove;
  return { file, holder, loaded, failed, warnings, dir: temp.dir };
}

describe('CatalogHolder', () => {
  it('loads the catalog, frozen, with its version, source and load time', async () => {
    const { holder, file } = await setup();
    const catalog = await holder.load();
    expect(catalog).toMatchObject({ version: one.version, source: file, loadedAt: new Date('2026-01-01T00:00:00Z') });
    expect(catalog.slos.map((s) => s.id)).toEqual(['shop-availability']);
    expect(Object.isFrozen(catalog.slos[0]!.sli)).toBe(true);
  });

  it('keeps the old catalog when the new file is not a catalog, and reports why', async () => {
    const { holder, file, failed } = await setup();
    await holder.load();
    await writeFile(file, JSON.stringify({ ...two, slos: [{ id: 'x' }] }));
    expect(await holder.reload()).toBe(false);
    await writeFile(file, '{ truncated');
    expect(await holder.reload()).toBe(false);
    expect(holder.current.version).toBe(one.version);
    expect(failed[0]).toMatch(/not a burnrate catalog: slos\.0\.name/);
    expect(failed[1]).toMatch(/invalid JSON/);
  });

  it('swaps to a new catalog on reload and skips reloads of unchanged bytes', async () => {
    const { holder, file, loaded } = await setup();
    await holder.load();
    expect(await holder.reload()).toBe(true);
    await writeCatalog(file, two);
    expect(await holder.reload()).toBe(true);
    expect(holder.current.slos).toHaveLength(2);
    expect(loaded).toEqual([one.version, two.version]);
  });

  it('reloads a changed file whose version field did not change, and says so', async () => {
    const { holder, file, loaded, warnings } = await setup();
    await holder.load();
    // A hand edit: the objective changes, the version (a hash the toolkit writes) does not.
    await writeFile(file, JSON.stringify({ ...one, slos: [{ ...one.slos[0]!, objectivePercent: 99 }] }));
    expect(await holder.reload()).toBe(true);
    expect(holder.current.slos[0]!.objectivePercent).toBe(99);
    expect(loaded).toEqual([one.version, one.version]);
    expect(warnings).toEqual([expect.stringMatching(/content changed but its version did not/)]);
  });

  it('skips a reload when the bytes are unchanged, and does not repeat a watch-triggered refusal of the same bytes', async () => {
    const { holder, file, loaded, failed } = await setup();
    await holder.load();
    expect(await holder.reload('watch')).toBe(true);
    expect(loaded).toEqual([one.version]);
    await writeFile(file, '{ truncated');
    expect(await holder.reload('watch')).toBe(false);
    expect(await holder.reload('watch')).toBe(false);
    expect(failed).toHaveLength(1);
    // An operator's SIGHUP still hears why.
    expect(await holder.reload()).toBe(false);
    expect(failed).toHaveLength(2);
  });

  it('names the SLO and the field of a non-http(s) link, and keeps the previous catalog', async () => {
    const { holder, file, failed } = await setup();
    await holder.load();
    for (const [field, url] of [
      ['runbookUrl', 'javascript:alert(1)'],
      ['dashboardUrl', 'data:text/html,<script>alert(1)</script>'],
      ['runbookUrl', '//evil.example/runbook'],
    ] as const) {
      await writeFile(file, JSON.stringify({ ...two, slos: [two.slos[0], { ...two.slos[1]!, [field]: url }] }));
      expect(await holder.reload()).toBe(false);
      expect(failed.at(-1)).toMatch(new RegExp(`slos\\.1\\.${field} \\(SLO "shop-probe"\\): must be an absolute http\\(s\\) URL`));
    }
    expect(holder.current.version).toBe(one.version);
    await writeFile(file, JSON.stringify({ ...two, slos: [{ ...two.slos[0]!, runbookUrl: 'https://runbooks.example.com/shop' }, two.slos[1]] }));
    expect(await holder.reload()).toBe(true);
  });

  it('reloads when a generator renames a new file into place', async () => {
    const { holder, file, loaded, dir } = await setup();
    await holder.load();
    const stop = holder.watch(50);
    try {
      const staged = path.join(dir, 'staged.json');
      await writeCatalog(staged, two);
      await rename(staged, file);
      await waitFor('catalog reload', async () => holder.current.version === two.version, 10_000);
      expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(two.version);
      expect(loaded).toEqual([one.version, two.version]);
    } finally {
      stop();
    }
  });

  it('reloads when a Kubernetes ConfigMap update swaps the ..data symlink', async () => {
    const { dir } = await setup();
    // The kubelet's layout: catalog.json -> ..data/catalog.json, ..data -> ..<timestamp>/ (swapped atomically).
    const mount = path.join(dir, 'mount');
    await mkdir(path.join(mount, '..v1'), { recursive: true });
    await writeCatalog(path.join(mount, '..v1', 'catalog.json'), one);
    await symlink('..v1', path.join(mount, '..data'));
    await symlink('..data/catalog.json', path.join(mount, 'catalog.json'));
    const holder = new CatalogHolder({ file: path.join(mount, 'catalog.json'), clock: () => new Date() });
    await holder.load();
    const stop = holder.watch(50);
    try {
      await mkdir(path.join(mount, '..v2'));
      await writeCatalog(path.join(mount, '..v2', 'catalog.json'), two);
      await symlink('..v2', path.join(mount, '..data_tmp'));
      await rename(path.join(mount, '..data_tmp'), path.join(mount, '..data'));
      await waitFor('catalog reload', async () => holder.current.version === two.version, 10_000);
    } finally {
      stop();
    }
  });
});
