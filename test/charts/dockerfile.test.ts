/** No container engine runs here: check the Dockerfile's promises against the repository instead. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+\s/.test(line));
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

describe('Dockerfile', () => {
  it('is multi-stage and runs the final stage as a numeric non-root user', () => {
    expect(instructions.filter((line) => line.startsWith('FROM ')).length).toBeGreaterThanOrEqual(2);
    const user = /\nUSER (\d+):(\d+)/.exec(finalStage);
    expect(Number(user?.[1])).toBeGreaterThan(0);
  });

  it('uses the same user id as the Helm chart', () => {
    const values = readFileSync(path.join(REPO_ROOT, 'charts/burnrate/values.yaml'), 'utf8');
    const chartUser = /runAsUser: (\d+)/.exec(values)?.[1];
    expect(/\nUSER (\d+):/.exec(finalStage)?.[1]).toBe(chartUser);
  });

  it('copies only paths that exist in the repository', () => {
    const sources = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
  });

  it('starts the CLI entry with the serve command', () => {
    expect(finalStage).toMatch(/ENTRYPOINT \[.*"\/app\/bin\/burnrate\.mjs"\]/);
    expect(finalStage).toContain('CMD ["serve"]');
  });
});
