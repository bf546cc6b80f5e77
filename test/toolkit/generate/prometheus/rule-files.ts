/** Generates artifacts from definitions into a temp dir and runs promtool on them, several at a time. */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACT_DIRS, generateArtifacts, type Artifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { writeArtifacts } from '../../../../src/toolkit/generate/write-artifacts.js';
import { loadDefinitions } from '../../../../src/toolkit/load/load-definitions.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { validateDocuments } from '../../../../src/toolkit/validate/validate-documents.js';
import { REPO_ROOT } from '../../../support/cli.js';

export const FIXTURE_DIR = path.join(REPO_ROOT, 'test/fixtures/definitions');
export const CATALOG_DIR = path.join(REPO_ROOT, 'slo-definitions');

export async function loadSlos(paths: readonly string[]): Promise<Slo[]> {
  const result = validateDocuments(await loadDefinitions(paths, REPO_ROOT));
  if (!result.ok) throw new Error(`invalid definitions: ${JSON.stringify(result.problems, null, 2)}`);
  return result.slos;
}

/** Generates the artifacts of `paths` and writes them under `outDir`, as `burnrate generate --out` does. */
export async function generateInto(outDir: string, paths: readonly string[]): Promise<{ slos: Slo[]; artifacts: Artifacts }> {
  const slos = await loadSlos(paths);
  const artifacts = generateArtifacts(slos);
  await writeArtifacts(outDir, artifacts, ARTIFACT_DIRS);
  return { slos, artifacts };
}

export async function filesIn(dir: string, suffix: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith(suffix)).sort().map((n) => path.join(dir, n));
}

export interface PromtoolResult {
  file: string;
  code: number;
  output: string;
}

export function promtoolAsync(binary: string, args: readonly string[], cwd?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** `promtool <command> rules <file>` for every file with `binary` (a line's promtool), two at a time (two cores). */
export async function promtoolEach(binary: string, command: 'check' | 'test', files: readonly string[], concurrency = 2): Promise<PromtoolResult[]> {
  const results: PromtoolResult[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const { code, output } = await promtoolAsync(binary, [command, 'rules', path.basename(file)], path.dirname(file));
      results.push({ file, code, output });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results.sort((a, b) => a.file.localeCompare(b.file));
}
