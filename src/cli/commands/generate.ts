import type { Command } from 'commander';
import { EXIT, ExitError } from '../exit-codes.js';
import { printJson, printLine } from '../output.js';
import { addBundleOptions, bundleOptionsFrom, type BundleFlags } from './generate-bundle-options.js';

export function registerGenerate(program: Command): void {
  const command = program
    .command('generate')
    .description('write Prometheus rules, promtool tests, dashboards, routing and the compiled catalog; nothing is written when a definition is invalid')
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .option('-o, --out <dir>', 'root directory to write alerts/ and dashboards/ into', '.')
    .option('--json', 'print the result as JSON on stdout');
  addBundleOptions(command, 'generate')
    .addHelpText('after', '\nExit codes: 0 written, 1 invalid definitions (nothing written), 2 usage error.')
    .action(async (paths: string[], options: { out: string; json?: boolean } & BundleFlags) => {
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
      const { artifactDirs, generateArtifacts } = await import('../../toolkit/generate/artifacts.js');
      const { writeArtifacts } = await import('../../toolkit/generate/write-artifacts.js');
      const generateOptions = bundle ? { bundle } : {};
      const report = await writeArtifacts(options.out, generateArtifacts(result.slos, generateOptions), artifactDirs(generateOptions));
      if (options.json) {
        printJson({ ...validationJson(result), slos: result.slos.length, ...report });
        return;
      }
      printProblems(result.problems);
      for (const file of report.written) printLine(`wrote   ${file}`);
      for (const file of report.removed) printLine(`removed ${file}`);
      printLine(`${result.slos.length} SLOs: ${report.written.length} files written, ${report.unchanged.length} unchanged, ${report.removed.length} removed`);
    });
}
