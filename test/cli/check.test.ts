/** `burnrate check` on a copy of the example catalog: clean after generate, a unified diff on every kind of drift. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { copyCatalog } from './catalog-copy.js';

const TIMEOUT_MS = 180_000;
const RULES = 'alerts/prometheus/checkout.rules.yaml';

let repo: { dir: string; remove: () => Promise<void> };
const inRepo = (args: string[]) => runCli(args, { cwd: repo.dir });
const file = (relative: string) => path.join(repo.dir, relative);

beforeAll(async () => {
  repo = await copyCatalog();
  const generate = await inRepo(['generate']);
  expect(generate.code, generate.stderr).toBe(0);
}, TIMEOUT_MS);

afterAll(async () => {
  await repo.remove();
});

describe('burnrate check', () => {
  it('passes on freshly generated files with a one-line summary', async () => {
    const result = await inRepo(['check']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^6 SLOs valid; \d+ generated files up to date\n$/);
  }, TIMEOUT_MS);

  it('fails with a unified diff when a generated file was edited by hand', async () => {
    const original = await readFile(file(RULES), 'utf8');
    const edited = original.replace('> (14.4 * (1 - 0.999))', '> (20 * (1 - 0.999))');
    expect(edited).not.toBe(original);
    await writeFile(file(RULES), edited);
    try {
      const result = await inRepo(['check']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`--- a/${RULES}\n+++ b/${RULES}\n@@ `);
      expect(result.stdout).toMatch(/\n-\s+\(burnrate:slo_total_events\{slo="checkout-availability",window="1h"\} >= 100\)\) > \(20 \* \(1 - 0\.999\)\)\n/);
      expect(result.stdout).toMatch(/\n\+\s+\(burnrate:slo_total_events\{slo="checkout-availability",window="1h"\} >= 100\)\) > \(14\.4 \* \(1 - 0\.999\)\)\n/);
      expect(result.stdout.trim().split('\n').at(-1)).toBe('1 generated file is out of date (1 stale, 0 missing, 0 extra): run `burnrate generate` and commit the result');
    } finally {
      await writeFile(file(RULES), original);
    }
  }, TIMEOUT_MS);

  it('fails when a definition changed without regenerating, naming only the files it affects', async () => {
    const definition = file('slo-definitions/checkout.slo.ts');
    const original = await readFile(definition, 'utf8');
    await writeFile(definition, original.replace('objective: 99.9,', 'objective: 99.95,'));
    try {
      const result = await inRepo(['check', '--json']);
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as { ok: boolean; drifted: { file: string; status: string; patch: string }[]; upToDate: string[] };
      expect(json.ok).toBe(false);
      const drifted = json.drifted.map((d) => d.file);
      expect(drifted).toContain(RULES);
      expect(drifted).toContain('alerts/catalog.json');
      expect(drifted.filter((f) => f.includes('storefront') || f.includes('search'))).toEqual([]);
      expect(json.drifted.every((d) => d.status === 'stale')).toBe(true);
      const rules = json.drifted.find((d) => d.file === RULES)?.patch ?? '';
      expect(rules).toMatch(/\n-.*\(14\.4 \* \(1 - 0\.999\)\)/);
      expect(rules).toMatch(/\n\+.*\(14\.4 \* \(1 - 0\.9995\)\)/);
      expect(json.upToDate).toContain('alerts/prometheus/storefront.rules.yaml');
    } finally {
      await writeFile(definition, original);
    }
  }, TIMEOUT_MS);

  it('reports missing and extra generated files', async () => {
    const original = await readFile(file(RULES), 'utf8');
    const extra = 'alerts/prometheus/retired.rules.yaml';
    await rm(file(RULES));
    await writeFile(file(extra), original);
    try {
      const result = await inRepo(['check']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`--- /dev/null\n+++ b/${RULES}\n`);
      expect(result.stdout).toContain(`--- a/${extra}\n+++ /dev/null\n`);
      expect(result.stdout.trim().split('\n').at(-1)).toBe('2 generated files are out of date (0 stale, 1 missing, 1 extra): run `burnrate generate` and commit the result');
    } finally {
      await writeFile(file(RULES), original);
      await rm(file(extra));
    }
  }, TIMEOUT_MS);

  it('compares against --root, as generate --out run from the same directory writes it', async () => {
    const definitions = file('slo-definitions');
    const generate = await runCli(['generate', '--out', repo.dir, definitions], { cwd: REPO_ROOT });
    expect(generate.code, generate.stderr).toBe(0);
    try {
      const result = await runCli(['check', '--root', repo.dir, definitions], { cwd: REPO_ROOT });
      expect(result.code, result.stdout).toBe(0);
    } finally {
      expect((await inRepo(['generate'])).code).toBe(0);
    }
  }, TIMEOUT_MS);

  it('does not compare when a definition is invalid', async () => {
    const definition = file('slo-definitions/search.slo.ts');
    const original = await readFile(definition, 'utf8');
    await writeFile(definition, original.replace("threshold: '500ms'", "threshold: '500 ms'"));
    try {
      const result = await inRepo(['check']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('error: slo-definitions/search.slo.ts:15:9 › search-query-latency › sli.threshold: must be a latency above 0 such as "300ms" or "1.5s", got "500 ms"; did you mean "500ms"?');
      expect(result.stderr.trim().split('\n').at(-1)).toBe('1 error; generated files not compared');
      expect(result.stdout).toBe('');
    } finally {
      await writeFile(definition, original);
    }
  }, TIMEOUT_MS);
});
