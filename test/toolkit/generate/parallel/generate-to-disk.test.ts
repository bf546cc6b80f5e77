/**
 * Rendering on worker threads writes exactly what generateArtifacts returns: the same files, byte for byte, with
 * or without bundles; a second run leaves everything unchanged; a failure in any thread writes nothing.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Slo } from '../../../../src/core/model/slo.js';
import { artifactDirs, generateArtifacts, type GenerateOptions } from '../../../../src/toolkit/generate/artifacts.js';
import { generateToDisk } from '../../../../src/toolkit/generate/parallel/generate-to-disk.js';
import { startGenerateWorkers, workerCount, type GenerateWorkers } from '../../../../src/toolkit/generate/parallel/generate-workers.js';
import { FIXTURE_DIR, loadSlos } from '../prometheus/rule-files.js';

const NOW = new Date('2026-01-01T00:00:00Z');
let slos: Slo[];
let workers: GenerateWorkers;
let root: string;

async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  return new Map(await Promise.all(files.sort().map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as [string, string])));
}

beforeAll(async () => {
  slos = await loadSlos([FIXTURE_DIR]);
  workers = startGenerateWorkers(2);
  root = await mkdtemp(path.join(os.tmpdir(), 'burnrate-parallel-'));
});

afterAll(async () => {
  await workers.close();
  await rm(root, { recursive: true, force: true });
});

describe('generate on worker threads', () => {
  it.each<[string, GenerateOptions]>([
    ['plain', { now: NOW }],
    ['with bundles', { now: NOW, bundle: { dir: 'deploy/bundles', ruleLabels: { release: 'prom' }, dashboardLabels: { grafana_dashboard: '1' }, alertmanagerConfig: true } }],
  ])('writes what generateArtifacts returns (%s)', async (name, options) => {
    const out = path.join(root, name);
    const report = await generateToDisk(out, slos, options, workers);
    const expected = generateArtifacts(slos, options);
    const written = await tree(out);
    expect(new Set(slos.map((s) => s.service)).size).toBeGreaterThan(3);
    expect([...written.keys()]).toEqual([...expected.keys()].sort());
    for (const [file, content] of expected) expect(written.get(file), file).toBe(content);
    expect(report.written).toEqual([...expected.keys()]);
    expect(report.unchanged).toEqual([]);
  });

  it('leaves unchanged files alone and removes what is no longer generated', async ({ expect }) => {
    const out = path.join(root, 'again');
    const options = { now: NOW };
    await generateToDisk(out, slos, options, workers);
    const again = await generateToDisk(out, slos, options, workers);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toEqual([...generateArtifacts(slos, options).keys()]);
    const dropped = slos[0]!.service;
    const fewer = await generateToDisk(out, slos.filter((s) => s.service !== dropped), options, workers);
    expect(fewer.removed.length).toBeGreaterThan(0);
    expect(fewer.removed.every((f) => f.includes(dropped))).toBe(true);
    expect([...(await tree(out)).keys()].some((f) => f.includes(`/${dropped}.`))).toBe(false);
  });

  it('writes nothing when a thread fails', async ({ expect }) => {
    const out = path.join(root, 'failing');
    // Every SLO is broken, so every thread fails; the workers' failures are awaited before staging is removed.
    const broken = slos.map((slo) => ({ ...slo, sli: null }) as unknown as Slo);
    await expect(generateToDisk(out, broken, { now: NOW }, workers)).rejects.toThrow();
    expect(await readdir(out)).toEqual([]);
  });

  it('reports a failing worker with its error', async ({ expect }) => {
    const staging = { root, dir: path.join(root, 'unused'), existing: [] };
    const broken = { ...slos[0]!, sli: null } as unknown as Slo;
    const result = await workers.run(0, { services: [[broken.service, [broken]]], options: { now: NOW }, staging });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/TypeError/);
  });
});

describe('the staging directory', () => {
  it('is gone after a run: only the owned directories are left', async ({ expect }) => {
    const out = path.join(root, 'owned');
    await generateToDisk(out, slos, { now: NOW }, workers);
    expect((await readdir(out)).sort()).toEqual(artifactDirs({}).sort());
  });
});

describe('the thread count', () => {
  it('follows --jobs, and gives every thread at least 100 SLOs', ({ expect }) => {
    expect(workerCount(199, 4)).toBe(0);
    expect(workerCount(200, 4)).toBe(1);
    expect(workerCount(350, 4)).toBe(2);
    expect(workerCount(1000, 4)).toBe(3);
    expect(workerCount(1000, 1)).toBe(0);
    expect(workerCount(5)).toBe(0);
  });
});
