/** `burnrate serve` through the real CLI: config errors exit 1 naming the field; it serves, reloads on SIGHUP, stops on SIGTERM. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { freePort } from '../support/ports.js';
import { startProcess, waitFor } from '../support/processes.js';
import { makeTempDir } from '../support/temp-dir.js';
import { catalogOf, writeCatalog } from '../service/support/test-catalog.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const one = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);
const two = catalogOf([{ service: 'shop', team: 'web', slos: { availability: { objective: 99, sli: { kind: 'ratio', errors: 'e_total', total: 't_total' } } } }]);

beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(async () => temp?.remove());

describe('burnrate serve', () => {
  it('exits 1 with every invalid field named', async () => {
    const config = path.join(temp.dir, 'bad.yaml');
    await writeFile(config, 'clusters:\n  - name: eu\n    url: ftp://x\nevaluation:\n  interval: never\n');
    const result = await runCli(['serve', '--config', config], { env: { PORT: '99999' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('burnrate serve: invalid configuration:');
    expect(result.stderr).toContain('PORT (server.port): Too big');
    expect(result.stderr).toContain(`config ${config}: clusters[0].url: expected an http(s) URL`);
    expect(result.stderr).toContain(`config ${config}: evaluation.interval: expected a positive duration`);
  });

  it('exits 1 when the catalog cannot be loaded', async () => {
    const result = await runCli(['serve', '--catalog', path.join(temp.dir, 'missing.json'), '--port', '0'], { env: { BURNRATE_SQLITE_PATH: ':memory:' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/burnrate serve: catalog .*missing\.json: cannot read/);
  });

  it('serves the API, reloads the catalog on SIGHUP and stops on SIGTERM', async () => {
    const catalog = path.join(temp.dir, 'catalog.json');
    await writeCatalog(catalog, one);
    const port = await freePort();
    // File watching off: only SIGHUP can reload the catalog here.
    const config = path.join(temp.dir, 'serve.yaml');
    await writeFile(config, `catalog:\n  path: ${catalog}\n  watch: false\nserver:\n  host: 127.0.0.1\n`);
    const serve = startProcess(process.execPath, [path.join(REPO_ROOT, 'bin/burnrate.mjs'), 'serve', '--config', config, '--port', String(port)], {
      cwd: REPO_ROOT,
      env: { BURNRATE_FROM_SOURCE: '1', BURNRATE_SQLITE_PATH: path.join(temp.dir, 'serve.db') },
    });
    try {
      const catalogVersion = async () => ((await (await fetch(`http://127.0.0.1:${port}/api/v1/catalog`)).json()) as { version: string }).version;
      await waitFor('serve', async () => (await catalogVersion()) === one.version, 60_000, serve.output);
      await waitFor('ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 30_000, serve.output);
      await writeCatalog(catalog, two);
      await new Promise((r) => setTimeout(r, 500));
      expect(await catalogVersion()).toBe(one.version);
      serve.child.kill('SIGHUP');
      await waitFor('reload', async () => (await catalogVersion()) === two.version, 30_000, serve.output);
      const exited = new Promise<number | null>((resolve) => serve.child.on('exit', (code) => resolve(code)));
      serve.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = serve.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['burnrate service started', 'catalog reloaded', 'stopping']));
    } finally {
      await serve.stop();
    }
  });
});
