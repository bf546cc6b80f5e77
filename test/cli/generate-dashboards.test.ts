/** `burnrate generate` writes the dashboards next to the rules and owns them like every generated file. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli, REPO_ROOT } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';

interface Report {
  written: string[];
  unchanged: string[];
  removed: string[];
}

let tmp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  tmp = await makeTempDir('burnrate-dashboards-');
});
afterAll(async () => tmp.remove());

async function generate(): Promise<Report> {
  const result = await runCli(['generate', path.join(REPO_ROOT, 'slo-definitions'), '--out', tmp.dir, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

test('writes one dashboard per service plus the overview, the same files as committed in dashboards/', async () => {
  const report = await generate();
  const written = report.written.filter((f) => f.startsWith('dashboards/')).sort();
  expect(written).toContain('dashboards/burnrate-overview.json');
  expect(written.length).toBe(new Set((await readdir(path.join(REPO_ROOT, 'slo-definitions'))).filter((f) => f.endsWith('.slo.ts'))).size + 1);
  for (const file of written) {
    const content = await readFile(path.join(tmp.dir, file), 'utf8');
    expect(content).toBe(await readFile(path.join(REPO_ROOT, file), 'utf8'));
  }
});

test('a second run leaves the dashboards unchanged, removes stale generated ones and keeps hand-written ones', async () => {
  const first = await readFile(path.join(tmp.dir, 'dashboards/burnrate-overview.json'), 'utf8');
  const stale = first.replace('"uid": "burnrate-overview"', '"uid": "burnrate-gone"');
  await mkdir(path.join(tmp.dir, 'dashboards'), { recursive: true });
  await writeFile(path.join(tmp.dir, 'dashboards/burnrate-gone.json'), stale);
  await writeFile(path.join(tmp.dir, 'dashboards/team-own.json'), '{"title": "hand-written", "panels": []}\n');
  const report = await generate();
  expect(report.written.filter((f) => f.startsWith('dashboards/'))).toEqual([]);
  expect(report.unchanged).toContain('dashboards/burnrate-overview.json');
  expect(report.removed).toEqual(['dashboards/burnrate-gone.json']);
  expect((await readdir(path.join(tmp.dir, 'dashboards'))).sort()).toContain('team-own.json');
});

test('counts what it wrote in words that fit the number: one SLO, then two', async () => {
  const out = path.join(tmp.dir, 'counted');
  const one = await runCli(['generate', path.join(REPO_ROOT, 'test/fixtures/definitions/ratio-good.slo.ts'), '--out', out]);
  expect(one.code, one.stderr).toBe(0);
  // The summary is the last line, after one line per file.
  expect(one.stdout.trim().split('\n').at(-1)).toMatch(/^1 SLO: \d+ files written, 0 unchanged, 0 removed$/);
  const two = await runCli(['generate', path.join(REPO_ROOT, 'test/fixtures/definitions/ratio-good.slo.ts'), path.join(REPO_ROOT, 'test/fixtures/definitions/latency.slo.ts'), '--out', out]);
  expect(two.code, two.stderr).toBe(0);
  expect(two.stdout.trim().split('\n').at(-1)).toMatch(/^2 SLOs: \d+ files written, \d+ unchanged, \d+ removed$/);
});
