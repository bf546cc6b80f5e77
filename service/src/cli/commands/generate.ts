import type { Command } from 'commander';
import { ARTIFACT_DIRS, generateArtifacts } from '../../generate/artifacts.js';
import { writeArtifacts } from '../../fsutil/write-artifacts.js';
import { errorsOf } from '../../validate/problem.js';
import { loadAndValidate, printProblems, problemsJson } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write Prometheus rules, promtool tests, dashboards, routing and the compiled catalog; nothing is written when a definition is invalid')
    .argument('[paths...]', 'files or directories of definitions', [])
    .option('-o, --out <dir>', 'root directory to write alerts/ and dashboards/ into', '.')
    .option('--json', 'print the result as JSON')
    .action(async (paths: string[], options: { out: string; json?: boolean }) => {
      const result = await loadAndValidate(paths);
      if (!result.ok) {
        if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, problems: problemsJson(result.problems) }, null, 2)}\n`);
        else printProblems(result.problems);
        process.stderr.write(`${errorsOf(result.problems).length} errors; nothing written\n`);
        throw new ExitError(EXIT.invalid);
      }
      const report = await writeArtifacts(options.out, generateArtifacts(result.slos), ARTIFACT_DIRS);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ok: true, slos: result.slos.length, ...report }, null, 2)}\n`);
        return;
      }
      printProblems(result.problems);
      for (const file of report.written) process.stdout.write(`wrote   ${file}\n`);
      for (const file of report.removed) process.stdout.write(`removed ${file}\n`);
      process.stdout.write(`${result.slos.length} SLOs: ${report.written.length} files written, ${report.unchanged.length} unchanged, ${report.removed.length} removed\n`);
    });
}
