import type { Command } from 'commander';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('fail when a definition is invalid or a generated file is stale, missing or extra; prints a unified diff of the drift')
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .option('--root <dir>', 'root holding the committed alerts/ and dashboards/ (as given to generate --out)', '.')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 valid and up to date, 1 invalid definitions or drift, 2 usage error.')
    .action(async (paths: string[], options: { root: string; json?: boolean }) => {
      const { runCheck } = await import('../check/run-check.js');
      await runCheck(paths, options);
    });
}
