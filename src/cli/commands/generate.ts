import { InvalidArgumentError, type Command } from 'commander';
import type { WriteReport } from '../../toolkit/generate/write-artifacts.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { plural, printJson, printLine } from '../output.js';
import { addBundleOptions, bundleOptionsFrom, type BundleFlags } from './generate-bundle-options.js';

export function registerGenerate(program: Command): void {
  const command = program
    .command('generate')
    .description('write Prometheus rules, promtool tests, dashboards, routing and the compiled catalog; nothing is written when a definition is invalid')
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .option('-o, --out <dir>', 'root directory to write alerts/ and dashboards/ into', '.')
    .option('--json', 'print the result as JSON on stdout')
    .option('-j, --jobs <threads>', 'threads that render files (default: one per core, at most 4; 1 renders on the main thread alone)', parseJobs);
  addBundleOptions(command, 'generate')
    .addHelpText('after', '\nExit codes: 0 written, 1 invalid definitions (nothing written), 2 usage error.')
    .action(async (paths: string[], options: { out: string; json?: boolean; jobs?: number } & BundleFlags) => {
      const bundle = bundleOptionsFrom('generate', options);
      // Loaded on use, so other commands and --help start fast.
      const { loadAndValidate, printProblems, problemSummary, validationJson } = await import('../definitions.js');
      const result = await loadAndValidate(paths);
      if (!result.ok) {
        if (options.json) printJson({ ...validationJson(result), written: [], unchanged: [], removed: [] });
        else {
          printProblems(result.problems);
          process.stderr.write(`${problemSummary(result)}; nothing written\n`);
        }
        throw new ExitError(EXIT.invalid);
      }
      const { generateToDisk } = await import('../../toolkit/generate/parallel/generate-to-disk.js');
      const { startGenerateWorkers, workerCount } = await import('../../toolkit/generate/parallel/generate-workers.js');
      const workers = startGenerateWorkers(workerCount(result.slos.length, options.jobs));
      let report: WriteReport;
      try {
        report = await generateToDisk(options.out, result.slos, bundle ? { bundle } : {}, workers);
      } finally {
        await workers.close();
      }
      if (options.json) {
        printJson({ ...validationJson(result), slos: result.slos.length, ...report });
        return;
      }
      printProblems(result.problems);
      for (const file of report.written) printLine(`wrote   ${file}`);
      for (const file of report.removed) printLine(`removed ${file}`);
      printLine(`${plural(result.slos.length, 'SLO')}: ${report.written.length} files written, ${report.unchanged.length} unchanged, ${report.removed.length} removed`);
    });
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new InvalidArgumentError('a whole number of threads from 1 to 64');
  return jobs;
}
