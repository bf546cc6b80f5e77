/** `burnrate diff --base` in a throwaway git repository: SLO and rule changes as Markdown and JSON. */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { copyCatalog } from './catalog-copy.js';

const TIMEOUT_MS = 180_000;
const MARKER = '<!-- burnrate-diff -->';
const PAYMENTS = `import { defineSlos } from 'burnrate';

export default defineSlos({
  service: 'payments',
  team: 'payments',
  slos: {
    refunds: {
      objective: 99.5,
      sli: { kind: 'ratio', errors: 'refunds_total{status="failed"}', total: 'refunds_total' },
    },
  },
});
`;

let repo: { dir: string; remove: () => Promise<void> };
const inRepo = (args: string[]) => runCli(args, { cwd: repo.dir });

function git(...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repo.dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function edit(relative: string, from: string, to: string): Promise<void> {
  const file = path.join(repo.dir, relative);
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

beforeAll(async () => {
  repo = await copyCatalog();
  await writeFile(path.join(repo.dir, '.gitignore'), 'node_modules\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'SLOs as on main');
  git('checkout', '-q', '-b', 'pr');
  // The pull request: tighter objective and shorter window, a new service, a removed one, a guard tuned.
  await edit('slo-definitions/checkout.slo.ts', "objective: 99.9,\n      window: '30d',", "objective: 99.95,\n      window: '28d',");
  await edit('slo-definitions/storefront.slo.ts', 'minEvents: 20', 'minEvents: 50');
  await rm(path.join(repo.dir, 'slo-definitions/search.slo.ts'));
  await writeFile(path.join(repo.dir, 'slo-definitions/payments.slo.ts'), PAYMENTS);
}, TIMEOUT_MS);

afterAll(async () => {
  await repo.remove();
});

describe('burnrate diff', () => {
  it('prints Markdown for a PR comment: summary, SLO fields before → after, rules per SLO, files', async () => {
    const result = await inRepo(['diff', '--base', 'main']);
    expect(result.code, result.stderr).toBe(0);
    const md = result.stdout;
    expect(md.split('\n').slice(0, 2)).toEqual([MARKER, '### Burnrate: SLO changes against `main`']);
    expect(md).toMatch(/\n\*\*SLOs: 1 added, 2 removed, 2 changed · rules: \d+ added, \d+ removed, \d+ changed · generated files: \d+ added, \d+ removed, \d+ changed\*\*\n/);
    expect(md).toContain('| added | `payments-refunds` | 99.5% over 30d, ratio SLI (`slo-definitions/payments.slo.ts`) |');
    expect(md).toContain('| changed | `checkout-availability` | objective: 99.9 → 99.95<br>window: 30d → 28d |');
    expect(md).toContain('| changed | `storefront-homepage-probe` | alerting.minEvents: 20 → 50 |');
    expect(md).toContain('| removed | `search-query-latency` | was 99.5% over 7d, latency SLI (`slo-definitions/search.slo.ts`) |');
    expect(md).toContain('| removed | `search-traced-requests` | was 99% over 30d, traces SLI by route (`slo-definitions/search.slo.ts`) |');
    expect(md).toMatch(/\| `payments-refunds` \| [1-9]\d* \| 0 \| 0 \|/);
    expect(md).toMatch(/\| `search-query-latency` \| 0 \| [1-9]\d* \| 0 \|/);
    expect(md).toContain('| `alerts/prometheus/payments.rules.yaml` | added |');
    expect(md).toContain('| `alerts/prometheus/search.rules.yaml` | removed |');
    expect(md).toContain('| `alerts/prometheus/checkout.rules.yaml` | changed |');
    expect(md).toContain('| `alerts/prometheus/storefront.rules.yaml` | changed |');
    // The scratch copy of the base lives in the git directory only while diff runs.
    expect((await readdir(path.join(repo.dir, '.git'))).filter((f) => f.startsWith('burnrate-base-'))).toEqual([]);
  }, TIMEOUT_MS);

  it('--json gives the same report as data, rules keyed by name and identifying labels', async () => {
    const result = await inRepo(['diff', '--base', 'main', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      ok: boolean;
      baseCommit: string;
      summary: string;
      slos: { id: string; status: string; changes: { field: string; before?: string; after?: string }[] }[];
      rules: { added: { key: string }[]; removed: { key: string }[]; changed: { key: string; fields: string[] }[] };
    };
    expect(json.ok).toBe(true);
    expect(json.baseCommit).toBe(git('rev-parse', 'main').trim());
    expect(json.slos.map((s) => `${s.status} ${s.id}`)).toEqual([
      'added payments-refunds',
      'changed checkout-availability',
      'changed storefront-homepage-probe',
      'removed search-query-latency',
      'removed search-traced-requests',
    ]);
    expect(json.slos[1]?.changes).toEqual([
      { field: 'objective', before: '99.9', after: '99.95' },
      { field: 'window', before: '30d', after: '28d' },
    ]);
    expect(json.rules.added.map((r) => r.key)).toContain('SloErrorBudgetBurnPage{slo="payments-refunds"}');
    expect(json.rules.removed.map((r) => r.key)).toContain('SloNoData{slo="search-query-latency"}');
    expect(json.rules.changed).toContainEqual(expect.objectContaining({ key: 'SloErrorBudgetBurnPage{slo="storefront-homepage-probe"}', fields: ['expr'] }));
    expect(json.rules.changed.find((r) => r.key === 'SloErrorBudgetBurnPage{slo="checkout-availability"}')?.fields).toContain('expr');
    expect(json.summary).toMatch(/^SLOs: 1 added, 2 removed, 2 changed · /);
  }, TIMEOUT_MS);

  it('limits the comparison to the given paths and says so when nothing changed', async () => {
    const result = await inRepo(['diff', '--base', 'main', 'slo-definitions/storefront.slo.ts']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('**SLOs: 0 added, 0 removed, 1 changed · ');
    git('add', '-A', 'slo-definitions');
    git('commit', '-q', '-m', 'the pull request');
    const unchanged = await inRepo(['diff', '--base', 'pr', 'slo-definitions/storefront.slo.ts']);
    expect(unchanged.stdout).toContain('**SLOs: 0 added, 0 removed, 0 changed · rules: 0 added, 0 removed, 0 changed · generated files: 0 added, 0 removed, 0 changed**');
    expect(unchanged.stdout).toContain('No SLO changes.');
  }, TIMEOUT_MS);

  it('shows the problems instead of a diff when the working tree is invalid, and exits 1', async () => {
    await edit('slo-definitions/payments.slo.ts', 'objective: 99.5', 'objective: 100');
    try {
      const result = await inRepo(['diff', '--base', 'main']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('**1 definition error**: fix it to see what this change does to SLOs and rules.');
      expect(result.stdout).toContain('- **error**: slo-definitions/payments.slo.ts:8:7 › payments-refunds › objective: must be below 100 (100% leaves no error budget), got 100');
      expect(result.stderr).toContain('error: slo-definitions/payments.slo.ts:8:7 › payments-refunds › objective: must be below 100');
      expect(result.stderr.trim().split('\n').at(-1)).toBe('1 error');
    } finally {
      await edit('slo-definitions/payments.slo.ts', 'objective: 100', 'objective: 99.5');
    }
  }, TIMEOUT_MS);

  it('exits 2 for a ref that names no commit and outside a git repository', async () => {
    const unknown = await inRepo(['diff', '--base', 'origin/nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--base origin/nope names no commit here');
    const outside = await makeTempDir();
    try {
      const result = await runCli(['diff', '--base', 'main'], { cwd: outside.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('not inside a git repository');
    } finally {
      await outside.remove();
    }
  }, TIMEOUT_MS);
});
