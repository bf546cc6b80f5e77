import type { Command } from 'commander';
import { loadAndValidate, printProblems, problemsJson } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { errorsOf, warningsOf } from '../../validate/problem.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check SLO definitions (*.slo.ts, OpenSLO v1 and Sloth YAML) and list every problem')
    .argument('[paths...]', 'files or directories of definitions', [])
    .option('--json', 'print the result as JSON')
    .action(async (paths: string[], options: { json?: boolean }) => {
      const result = await loadAndValidate(paths);
      const errors = errorsOf(result.problems).length;
      const warnings = warningsOf(result.problems).length;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ok: result.ok, slos: result.slos.map((s) => s.id), problems: problemsJson(result.problems) }, null, 2)}\n`);
      } else {
        printProblems(result.problems);
        const summary = result.ok
          ? `${result.slos.length} SLOs valid${warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}`
          : `${errors} error${errors > 1 ? 's' : ''}${warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}`;
        process.stderr.write(`${summary}\n`);
      }
      if (!result.ok) throw new ExitError(EXIT.invalid);
    });
}
