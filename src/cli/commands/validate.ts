import type { Command } from 'commander';
import { EXIT, ExitError } from '../exit-codes.js';
import { printJson } from '../output.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check SLO definitions (*.slo.ts, OpenSLO v1 and Sloth YAML) and list every problem at once')
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error.')
    .action(async (paths: string[], options: { json?: boolean }) => {
      // Loaded on use, so other commands and --help start fast.
      const { loadAndValidate, printProblems, problemSummary, validationJson } = await import('../definitions.js');
      const result = await loadAndValidate(paths);
      if (options.json) {
        printJson({ ...validationJson(result), slos: result.slos.map((s) => s.id) });
      } else {
        printProblems(result.problems);
        process.stderr.write(`${problemSummary(result)}\n`);
      }
      if (!result.ok) throw new ExitError(EXIT.invalid);
    });
}
