import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exportOpenSlo } from '../../toolkit/export/openslo.js';
import { exportSloth } from '../../toolkit/export/sloth.js';
import type { Slo } from '../../core/model/slo.js';
import { errorsOf, warningsOf, type Problem } from '../../core/diagnostics/problem.js';
import { loadAndValidate, printProblems, problemsJson } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { plural } from '../output.js';

interface Exported {
  content: string;
  documents: number;
  /** What the format cannot hold (warnings), and SLOs it cannot express at all (errors). */
  problems: Problem[];
}

const FORMATS: Record<string, { name: string; write: (slos: readonly Slo[]) => Exported }> = {
  openslo: { name: 'OpenSLO', write: exportOpenSlo },
  sloth: { name: 'Sloth', write: exportSloth },
};

function refuse(problems: readonly Problem[], json: boolean | undefined): never {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, problems: problemsJson(problems) }, null, 2)}\n`);
  else printProblems(problems);
  throw new ExitError(EXIT.invalid, `${plural(errorsOf(problems).length, 'error')}; nothing exported`);
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the definitions as OpenSLO v1 (Service and SLO objects) or Sloth prometheus/v1 YAML, to stdout unless --out is given')
    .argument('[paths...]', 'files or directories of definitions (default: slo-definitions)')
    .requiredOption('--format <format>', `output format: ${Object.keys(FORMATS).join(', ')}`)
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--json', 'print a JSON summary (holding the YAML as "content" when there is no --out)')
    .action(async (paths: string[], options: { format: string; out?: string; json?: boolean }) => {
      const format = FORMATS[options.format];
      if (!format) {
        throw new ExitError(EXIT.usage, `burnrate export: --format must be one of ${Object.keys(FORMATS).join(', ')}, got "${options.format}"`);
      }
      const result = await loadAndValidate(paths);
      if (!result.ok) refuse(result.problems, options.json);
      if (result.slos.length === 0) throw new ExitError(EXIT.invalid, 'burnrate export: no SLO definitions found; nothing exported');
      const exported = format.write(result.slos);
      const problems = [...result.problems, ...result.locate(exported.problems)];
      // SLOs the format cannot express at all: writing the others would drop them without a trace.
      if (errorsOf(exported.problems).length > 0) refuse(problems, options.json);
      if (options.out) {
        await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
        await writeFile(options.out, exported.content);
      }
      if (options.json) {
        const summary = {
          ok: true,
          format: options.format,
          slos: result.slos.map((slo) => slo.id),
          documents: exported.documents,
          problems: problemsJson(warningsOf(problems)),
          ...(options.out ? { out: options.out } : { content: exported.content }),
        };
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      printProblems(problems);
      if (options.out) process.stdout.write(`wrote ${options.out}: ${plural(result.slos.length, 'SLO')} in ${plural(exported.documents, `${format.name} document`)}\n`);
      else process.stdout.write(exported.content);
    });
}
