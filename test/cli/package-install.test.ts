/**
 * Burnrate as a team installs it: `npm pack` of this project, installed into a fresh repository, where
 * `npx burnrate init`, `validate`, `generate`, `check` and the repository's own `tsc --noEmit` all pass.
 * Packs the dist/ that bin/test (bin/setup) has just built; it does not build.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const exec = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// Installing some 300 packages on a busy two-core machine takes minutes.
const INSTALL_TIMEOUT = 20 * 60_000;
const COMMAND_TIMEOUT = 5 * 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  // Neither the project's BURNRATE_* switches nor npm's per-script settings reach the team's repository.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BURNRATE_') && !k.startsWith('npm_')));
  try {
    const { stdout, stderr } = await exec(command, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

function ok(result: Run): string {
  return `exit ${result.code}\n${result.stdout}\n${result.stderr}`;
}

let tmp: { dir: string; remove: () => Promise<void> };
let repo: string;
let packed: string[];

beforeAll(async () => {
  const entry = path.join(REPO_ROOT, 'dist/src/cli/main.js');
  if (!existsSync(entry) || !existsSync(path.join(REPO_ROOT, 'dist/src/toolkit/sdk/index.d.ts'))) {
    throw new Error('dist/ is not built (with declarations): run `npm run build` first (bin/test does)');
  }
  tmp = await makeTempDir('burnrate-package-');
  // --ignore-scripts: pack the dist/ that is there; prepack would rebuild it under other running tests.
  const pack = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir], REPO_ROOT);
  expect(pack.code, ok(pack)).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path);

  repo = path.join(tmp.dir, 'team-repo');
  await mkdir(repo);
  const init = await run(NPM, ['init', '-y'], repo);
  expect(init.code, ok(init)).toBe(0);
  const ourTypeScript = (JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies
    .typescript;
  // With the dependencies' install scripts, as a team's `npm install` runs them: better-sqlite3 (the service's
  // store) downloads a prebuilt binary or, offline, compiles itself against the local Node headers (minutes on
  // two cores); protobufjs checks its own install.
  const install = await run(
    NPM,
    ['install', '--save-dev', path.join(tmp.dir, info!.filename), `typescript@${ourTypeScript}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    repo,
  );
  expect(install.code, ok(install)).toBe(0);
}, INSTALL_TIMEOUT);

afterAll(async () => {
  await tmp?.remove();
});

describe('the npm package', () => {
  it('holds the compiled CLI, the SDK with its declarations and no sources or tests', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/burnrate.mjs', 'dist/src/cli/main.js', 'dist/src/toolkit/sdk/index.js', 'dist/src/toolkit/sdk/index.d.ts']));
    const others = packed.filter((f) => !f.startsWith('dist/src/') && !['package.json', 'README.md', 'bin/burnrate.mjs'].includes(f) && !f.startsWith('LICENSE'));
    expect(others).toEqual([]);
  });

  it("ran the dependencies' install scripts: the service's SQLite driver is built and opens a database", async () => {
    const sqlite = await run(process.execPath, ['-e', "const D = require('better-sqlite3'); console.log(new D(':memory:').prepare('select 41 + 1 as x').get().x)"], repo);
    expect(sqlite.code, ok(sqlite)).toBe(0);
    expect(sqlite.stdout.trim()).toBe('42');
  }, COMMAND_TIMEOUT);

  it('burnrate init scaffolds a definition, a CI workflow and a tsconfig.json, then keeps them', async () => {
    const first = await run(NPX, ['burnrate', 'init'], repo);
    expect(first.code, ok(first)).toBe(0);
    expect(first.stdout).toContain('created     slo-definitions/example.slo.ts');
    expect(first.stdout).toContain('created     .github/workflows/slos.yml');
    expect(first.stdout).toContain('created     tsconfig.json');
    expect(await readFile(path.join(repo, 'slo-definitions/example.slo.ts'), 'utf8')).toContain("import { defineSlos } from 'burnrate';");
    const workflow = parse(await readFile(path.join(repo, '.github/workflows/slos.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run));
    expect(runs).toEqual(expect.arrayContaining(['npx burnrate validate', 'npx burnrate check']));

    await writeFile(path.join(repo, 'tsconfig.json'), `${await readFile(path.join(repo, 'tsconfig.json'), 'utf8')}\n`);
    const again = await run(NPX, ['burnrate', 'init'], repo);
    expect(again.code, ok(again)).toBe(0);
    expect(again.stdout).toContain('kept        tsconfig.json (exists; --force overwrites)');
    expect(again.stdout).not.toContain('created');
    expect((await readFile(path.join(repo, 'tsconfig.json'), 'utf8')).endsWith('}\n\n')).toBe(true);
  }, COMMAND_TIMEOUT);

  it('validate, generate and check pass on the scaffolded definition, loading the installed SDK', async () => {
    const validate = await run(NPX, ['burnrate', 'validate'], repo);
    expect(validate.code, ok(validate)).toBe(0);
    expect(validate.stderr).toContain('1 SLO valid');

    const generate = await run(NPX, ['burnrate', 'generate'], repo);
    expect(generate.code, ok(generate)).toBe(0);
    expect(generate.stdout).toContain('wrote   alerts/prometheus/example.rules.yaml');
    expect(await readdir(path.join(repo, 'dashboards'))).toContain('burnrate-example.json');
    expect(await readFile(path.join(repo, 'alerts/prometheus/example.rules.yaml'), 'utf8')).toContain('record: burnrate:slo_good_events');

    const check = await run(NPX, ['burnrate', 'check'], repo);
    expect(check.code, ok(check)).toBe(0);
    expect(check.stdout + check.stderr).toContain('generated files up to date');
  }, COMMAND_TIMEOUT);

  it("the repository's own tsc --noEmit type-checks the definitions against the installed declarations", async () => {
    const clean = await run(NPX, ['tsc', '--noEmit'], repo);
    expect(clean.code, ok(clean)).toBe(0);
    await writeFile(path.join(repo, 'slo-definitions/wrong.slo.ts'), "import { defineSlos } from 'burnrate';\nexport default defineSlos({ service: 'x', team: 't', slos: { a: { objective: 'high' } } });\n");
    const wrong = await run(NPX, ['tsc', '--noEmit'], repo);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toContain('slo-definitions/wrong.slo.ts');
  }, COMMAND_TIMEOUT);
});
