/**
 * Golden files: every artifact generated from each fixture in test/fixtures/definitions/ is compared with
 * test/toolkit/generate/golden/<fixture>/<artifact path>. Whatever generateArtifacts returns is covered, so new artifact kinds
 * get golden files on the next update. Accept intended changes with:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/toolkit/generate/golden
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { describe, it } from 'vitest';
import { generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { REPO_ROOT } from '../../../support/cli.js';
import { FIXTURE_DIR, loadSlos } from '../prometheus/rule-files.js';

const GOLDEN_DIR = path.join(REPO_ROOT, 'test/toolkit/generate/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FIXTURE_PATTERN = /\.(slo\.ts|ya?ml)$/;
/** A fixed generation time: calendar rules carry their zone's DST changes around it. */
const GENERATED_AT = new Date('2026-01-01T00:00:00Z');
const UPDATE_HINT = 'If the change is intended, regenerate and review the diff: UPDATE_GOLDEN=1 npx vitest run test/toolkit/generate/golden';

const fixtures = (await readdir(FIXTURE_DIR)).filter((f) => FIXTURE_PATTERN.test(f)).sort();

async function goldenFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

async function update(dir: string, artifacts: Map<string, string>, existing: readonly string[]): Promise<void> {
  for (const [relative, content] of artifacts) {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), content);
  }
  for (const stale of existing.filter((f) => !artifacts.has(f))) await rm(path.join(dir, stale));
}

describe('golden files of the generated artifacts', () => {
  it('there is at least one fixture', ({ expect }) => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)('%s', async (fixture) => {
    const name = fixture.replace(FIXTURE_PATTERN, '');
    const dir = path.join(GOLDEN_DIR, name);
    const artifacts = generateArtifacts(await loadSlos([path.join(FIXTURE_DIR, fixture)]), { now: GENERATED_AT });
    const existing = await goldenFiles(dir);
    if (UPDATE) return update(dir, artifacts, existing);
    const problems: string[] = [];
    for (const [relative, content] of artifacts) {
      const golden = await readFile(path.join(dir, relative), 'utf8').catch(() => undefined);
      if (golden === undefined) problems.push(`missing golden file test/toolkit/generate/golden/${name}/${relative} (a new artifact)`);
      else if (golden !== content) problems.push(createTwoFilesPatch(`test/toolkit/generate/golden/${name}/${relative}`, `generated/${relative}`, golden, content, '', '', { context: 3 }));
    }
    for (const stale of existing.filter((f) => !artifacts.has(f))) problems.push(`stale golden file test/toolkit/generate/golden/${name}/${stale} (no longer generated)`);
    if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${UPDATE_HINT}`);
  });
});
