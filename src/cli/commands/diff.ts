import type { Command } from 'commander';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('describe what the working tree changes against a git ref: SLOs added, removed and changed (field by field) and generated rules, as Markdown for a pull-request comment')
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .requiredOption('--base <ref>', 'git ref to compare with, e.g. origin/main (read locally with git; nothing is fetched)')
    .option('--json', 'print the same report as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 report printed, 1 the working tree has invalid definitions, 2 usage error (missing --base, unknown ref, not a git repository).')
    .action(async (paths: string[], options: { base: string; json?: boolean }) => {
      const { runDiff } = await import('../diff/run-diff.js');
      await runDiff(paths, options);
    });
}
