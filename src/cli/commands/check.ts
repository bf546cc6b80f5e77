import type { Command } from 'commander';
import { addBundleOptions, bundleOptionsFrom, type BundleFlags } from './generate-bundle-options.js';

export function registerCheck(program: Command): void {
  const command = program
    .command('check')
    .description('fail when a definition is invalid or a generated file is stale, missing or extra; prints a unified diff of the drift')
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .option('--root <dir>', 'root holding the committed alerts/ and dashboards/ (as given to generate --out)', '.')
    .option('--json', 'print the result as JSON on stdout');
  addBundleOptions(command, 'check')
    .addHelpText('after', '\nExit codes: 0 valid and up to date, 1 invalid definitions or drift, 2 usage error.')
    .action(async (paths: string[], options: { root: string; json?: boolean } & BundleFlags) => {
      const bundle = bundleOptionsFrom('check', options);
      const { runCheck } = await import('../check/run-check.js');
      await runCheck(paths, { root: options.root, ...(options.json ? { json: true } : {}), ...(bundle ? { bundle } : {}) });
    });
}
