/**
 * The SLI-kind seam: adding a kind to the model must fail to type-check at every place that has to handle it.
 * A copy of src/ gets a new `probe` kind; tsc must name exactly the files listed in docs/architecture.md.
 */
import { execFile } from 'node:child_process';
import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/cli.js';
import { makeTempDir } from '../../support/temp-dir.js';

const run = promisify(execFile);
const MODEL = 'src/core/model/slo.ts';
const SDK_TYPES = 'src/toolkit/sdk/types.ts';

/** What a new kind must touch besides the model, as docs/architecture.md lists it. */
const FIRST_ROUND = [
  'src/core/catalog/catalog-schema.ts',
  'src/core/sli/event-queries.ts',
  'src/core/sli/sli-kinds.ts',
  'src/core/synthetic/event-series.ts',
  'src/stack/workload-plan.ts',
  'src/toolkit/export/openslo-indicator.ts',
  'src/toolkit/export/slo-input.ts',
  'src/toolkit/export/sloth-sli.ts',
  'src/toolkit/validate/input-schema.ts',
];

let temp: Awaited<ReturnType<typeof makeTempDir>>;

async function replaceIn(file: string, from: string, to: string): Promise<void> {
  const full = path.join(temp.dir, file);
  const text = await readFile(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update this test`);
  await writeFile(full, text.replace(from, to));
}

/** Files tsc reports errors in, relative to the copy. */
async function flaggedFiles(): Promise<string[]> {
  const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: temp.dir }).catch((error: { stdout: string }) => error);
  const files = [...result.stdout.matchAll(/^([^\s(]+)\(\d+,\d+\): error/gm)].map((m) => m[1]!);
  return [...new Set(files)].sort();
}

beforeAll(async () => {
  temp = await makeTempDir('burnrate-seam-');
  await cp(path.join(REPO_ROOT, 'src'), path.join(temp.dir, 'src'), { recursive: true });
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(temp.dir, 'node_modules'));
  // The package's "type": "module" decides how TypeScript resolves the ESM sources.
  await cp(path.join(REPO_ROOT, 'package.json'), path.join(temp.dir, 'package.json'));
  const tsconfig = JSON.parse(await readFile(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8'));
  await writeFile(path.join(temp.dir, 'tsconfig.json'), JSON.stringify({ ...tsconfig, include: ['src/**/*.ts'], exclude: [] }));
}, 120_000);

afterAll(() => temp?.remove());

describe('adding an SLI kind', () => {
  it('type-checks as it is', async () => {
    expect(await flaggedFiles()).toEqual([]);
  }, 120_000);

  it('is refused by the compiler at every place that must handle it', async () => {
    await replaceIn(MODEL, "  | { kind: 'boolGauge'; metric: Selector }", "  | { kind: 'boolGauge'; metric: Selector }\n  | { kind: 'probe'; metric: Selector }");
    expect(await flaggedFiles()).toEqual(FIRST_ROUND);
  }, 120_000);

  it('then, once the SDK accepts it, at validation too', async () => {
    await replaceIn(SDK_TYPES, '| ThresholdSliInput | TracesSliInput;', "| ThresholdSliInput | TracesSliInput | { kind: 'probe'; metric: string };");
    expect(await flaggedFiles()).toEqual([...FIRST_ROUND, 'src/toolkit/validate/check-sli.ts'].sort());
  }, 120_000);
});
