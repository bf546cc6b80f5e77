/**
 * The example GitHub Actions workflow: its job runs `burnrate diff` and `burnrate check`, pins every action,
 * and its comment script creates one sticky comment and updates it on later pushes (GitHub itself cannot
 * run here, so the script runs against a recording stand-in for the REST client it is given).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/toolkit/diff/render-markdown.js';
import { REPO_ROOT } from '../support/cli.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}

interface Workflow {
  on: { pull_request?: { paths?: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

async function loadWorkflow(): Promise<Workflow> {
  return parse(await readFile(path.join(REPO_ROOT, 'docs/examples/github-workflow.yml'), 'utf8')) as Workflow;
}

function stepsOf(workflow: Workflow): Step[] {
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0]?.steps ?? [];
}

describe('docs/examples/github-workflow.yml', () => {
  it('runs on pull requests, may comment, and runs diff against the base branch before check', async () => {
    const workflow = await loadWorkflow();
    expect(workflow.on.pull_request?.paths).toContain('slo-definitions/**');
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const steps = stepsOf(workflow);
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const diff = steps.findIndex((s) => /npx burnrate diff --base "origin\/\$BASE_REF"/.test(s.run ?? ''));
    const check = steps.findIndex((s) => /^npx burnrate check$/.test(s.run?.trim() ?? ''));
    expect(diff).toBeGreaterThan(0);
    expect(check).toBeGreaterThan(diff);
    expect(steps[diff]?.env?.BASE_REF).toBe('${{ github.base_ref }}');
    expect(steps[diff]?.['continue-on-error']).toBe(true);
    expect(steps.at(-1)?.run?.trim()).toBe('npx burnrate check');
  });

  it('pins every action to a full version', async () => {
    const uses = stepsOf(await loadWorkflow()).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+\.\d+\.\d+$/);
  });

  it('creates one comment with the report, then updates it in place, and skips an empty report', async () => {
    const steps = stepsOf(await loadWorkflow());
    const comment = steps.find((s) => s.uses?.startsWith('actions/github-script@'));
    const script = String(comment?.with?.script ?? '');
    expect(script).toContain(`const marker = '${COMMENT_MARKER}'`);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'burnrate-workflow-'));
    const report = path.join(dir, 'burnrate-diff.md');
    const calls: { method: string; args: Record<string, unknown> }[] = [];
    let existing: { id: number; body: string; user: { type: string } }[] = [{ id: 1, body: 'LGTM', user: { type: 'User' } }];
    const github = {
      paginate: async (method: (args: Record<string, unknown>) => Promise<unknown>, args: Record<string, unknown>) => {
        await method(args);
        return existing;
      },
      rest: {
        issues: {
          listComments: async (args: Record<string, unknown>) => calls.push({ method: 'listComments', args }),
          createComment: async (args: Record<string, unknown>) => calls.push({ method: 'createComment', args }),
          updateComment: async (args: Record<string, unknown>) => calls.push({ method: 'updateComment', args }),
        },
      },
    };
    const warnings: string[] = [];
    const core = { warning: (message: string) => warnings.push(message) };
    const context = { repo: { owner: 'acme', repo: 'shop' }, issue: { number: 42 } };
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
    const run = new AsyncFunction('github', 'context', 'core', 'require', script);
    const previousEnv = process.env.BURNRATE_DIFF;
    process.env.BURNRATE_DIFF = report;
    try {
      const body = `${COMMENT_MARKER}\n### Burnrate: SLO changes against \`origin/main\`\n`;
      await writeFile(report, body);
      await run(github, context, core, createRequire(import.meta.url));
      expect(calls.map((c) => c.method)).toEqual(['listComments', 'createComment']);
      expect(calls[1]?.args).toEqual({ owner: 'acme', repo: 'shop', issue_number: 42, body });

      calls.length = 0;
      existing = [...existing, { id: 7, body: `${COMMENT_MARKER}\nold report`, user: { type: 'Bot' } }];
      await run(github, context, core, createRequire(import.meta.url));
      expect(calls.map((c) => c.method)).toEqual(['listComments', 'updateComment']);
      expect(calls[1]?.args).toEqual({ owner: 'acme', repo: 'shop', comment_id: 7, body });

      calls.length = 0;
      await writeFile(report, '');
      await run(github, context, core, createRequire(import.meta.url));
      expect(calls).toEqual([]);
      expect(warnings).toEqual(['burnrate diff printed no report; see the step above']);
    } finally {
      if (previousEnv === undefined) delete process.env.BURNRATE_DIFF;
      else process.env.BURNRATE_DIFF = previousEnv;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
