/** The documented exit codes: 0 for help, 2 for every kind of usage error, with a message saying which. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const TIMEOUT_MS = 120_000;

describe.concurrent('usage', () => {
  it.each([
    [['nope'], "error: unknown command 'nope'"],
    [['validate', '--bogus'], "error: unknown option '--bogus'"],
    [['generate', '--out'], "error: option '-o, --out <dir>' argument missing"],
    [['generate', '--jobs', '0'], "error: option '-j, --jobs <threads>' argument '0' is invalid. a whole number of threads from 1 to 64"],
    [['check', '--root'], "error: option '--root <dir>' argument missing"],
    [['diff'], "error: required option '--base <ref>' not specified"],
    [[], 'Usage: burnrate [options] [command]'],
  ])('burnrate %j exits 2: %s', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stdout).toBe('');
  }, TIMEOUT_MS);

  it.each(['validate', 'generate', 'check', 'diff'])('burnrate %s --help exits 0 and documents options and exit codes', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: burnrate ${command} [options] [paths...]`);
    expect(result.stdout).toContain('--json');
    expect(result.stdout).toMatch(/Exit codes: 0 .+, 1 .+, 2 usage error/);
  }, TIMEOUT_MS);

  it('burnrate --help lists the commands and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['validate', 'generate', 'check', 'diff']) expect(result.stdout).toMatch(new RegExp(`\\n  ${command} \\[options\\]`));
    expect(result.stdout).toContain('Exit codes:\n  0  success (warnings allowed)\n  1  invalid input');
  }, TIMEOUT_MS);
});
