import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { mergeSets } from '../../toolkit/export/merge-sets.js';
import { migrationNotes } from '../../toolkit/export/migration-notes.js';
import { renderSloSetFile } from '../../toolkit/export/typescript-set.js';
import { discoverFiles } from '../../toolkit/load/discover.js';
import type { LoadedDocument } from '../../toolkit/load/document.js';
import { loadYamlFile } from '../../toolkit/load/yaml-loader.js';
import type { SourceFormat } from '../../core/model/slo.js';
import type { SloSetInput } from '../../toolkit/sdk/types.js';
import { validateDocuments } from '../../toolkit/validate/validate-documents.js';
import { plural } from '../output.js';
import { errorsOf, warningsOf, type Problem } from '../../core/diagnostics/problem.js';
import { printProblems, problemsJson } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';

const FROM: Record<string, { format: SourceFormat; name: string }> = {
  sloth: { format: 'sloth', name: 'Sloth' },
  openslo: { format: 'openslo', name: 'OpenSLO' },
  pyrra: { format: 'pyrra', name: 'Pyrra' },
};

function formatName(format: SourceFormat): string {
  return Object.values(FROM).find((f) => f.format === format)?.name ?? format;
}

interface ImportOptions {
  from: string;
  out: string;
  force?: boolean;
  json?: boolean;
  keepAlertNames?: boolean;
}

/** The set without the burn alert names read from Sloth or Pyrra: the SLOs take Burnrate's own names. */
function withoutAlertNames(set: SloSetInput): SloSetInput {
  const slos = Object.fromEntries(
    Object.entries(set.slos).map(([name, slo]) => {
      if (slo.alerting?.burnAlertName === undefined) return [name, slo];
      const { burnAlertName: _name, ...alerting } = slo.alerting;
      const { alerting: _alerting, ...rest } = slo;
      return [name, Object.keys(alerting).length > 0 ? { ...rest, alerting } : rest];
    }),
  );
  return { ...set, slos };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

async function loadInputs(inputs: readonly string[], from: { format: SourceFormat; name: string }): Promise<LoadedDocument[]> {
  for (const input of inputs) {
    if (!(await exists(input))) throw new ExitError(EXIT.usage, `burnrate import: cannot read ${input}`);
  }
  const files = (await discoverFiles(inputs)).filter((file) => /\.ya?ml$/.test(file));
  if (files.length === 0) throw new ExitError(EXIT.usage, 'burnrate import: no .yaml or .yml files in the given paths');
  const docs: LoadedDocument[] = [];
  for (const file of files) {
    const doc = await loadYamlFile(file, path.relative(process.cwd(), file) || file);
    const unreadable = doc.problems.some((p) => p.code === 'yaml-syntax' || p.code === 'unknown-format');
    if (doc.format !== from.format && !unreadable) {
      const name = formatName(doc.format);
      const problem: Problem = { severity: 'error', code: 'import-format', file: doc.file, message: `is ${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} file, not ${from.name}; use --from ${doc.format}` };
      docs.push({ ...doc, sets: [], problems: [problem] });
    } else docs.push(doc);
  }
  return docs;
}

function fail(problems: readonly Problem[], json: boolean | undefined): never {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, problems: problemsJson(problems) }, null, 2)}\n`);
  else printProblems(problems);
  const errors = errorsOf(problems).length;
  throw new ExitError(EXIT.invalid, `${errors} error${errors === 1 ? '' : 's'}; nothing written`);
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('convert Sloth, OpenSLO or Pyrra YAML into <service>.slo.ts definitions; nothing is written when an input is invalid')
    .argument('<paths...>', 'Sloth, OpenSLO or Pyrra files, or directories of them')
    .requiredOption('--from <format>', `input format: ${Object.keys(FROM).join(', ')}`)
    .option('-o, --out <dir>', 'directory to write the .slo.ts files into', 'slo-definitions')
    .option('--force', 'overwrite existing .slo.ts files')
    .option('--keep-alert-names', "keep Sloth's and Pyrra's alert names as the names of the page and ticket burn alerts (default: Burnrate's names)")
    .option('--json', 'print the result as JSON')
    .action(async (inputs: string[], options: ImportOptions) => {
      const from = FROM[options.from];
      if (!from) throw new ExitError(EXIT.usage, `burnrate import: --from must be one of ${Object.keys(FROM).join(', ')}, got "${options.from}"`);
      const docs = await loadInputs(inputs, from);
      const result = validateDocuments(docs);
      if (!result.ok) fail(result.problems, options.json);
      const { merged, problems } = mergeSets(docs);
      if (problems.length > 0) fail([...result.problems, ...problems], options.json);
      const keep = options.keepAlertNames === true;
      const outputs = merged.map(({ set: read, files }) => ({ set: keep ? read : withoutAlertNames(read), files })).map(({ set, files }) => ({
        file: path.join(options.out, `${set.service}.slo.ts`),
        slos: Object.keys(set.slos).length,
        content: renderSloSetFile(set, [
          `Imported by \`burnrate import --from ${options.from}\` from ${files.join(', ')}.`,
          'This file is now the definition: edit it here and run `burnrate generate`.',
        ]),
      }));
      const taken = [];
      for (const output of outputs) if (await exists(output.file)) taken.push(output.file);
      if (taken.length > 0 && !options.force) {
        throw new ExitError(EXIT.invalid, `burnrate import: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; pass --force to overwrite. Nothing written.`);
      }
      await mkdir(options.out, { recursive: true });
      for (const output of outputs) await writeFile(output.file, output.content);
      const warnings = warningsOf(result.problems);
      const notes = migrationNotes(result.slos, keep);
      if (options.json) {
        const written = outputs.map(({ file, slos }) => ({ file, slos }));
        process.stdout.write(`${JSON.stringify({ ok: true, written, problems: problemsJson(warnings), ...(notes.length > 0 ? { update: notes } : {}) }, null, 2)}\n`);
        return;
      }
      printProblems(warnings);
      for (const output of outputs) process.stdout.write(`wrote ${output.file} (${output.slos} SLO${output.slos === 1 ? '' : 's'})\n`);
      process.stdout.write(`${plural(result.slos.length, 'SLO')} imported into ${plural(outputs.length, 'file')}\n`);
      for (const line of notes) process.stdout.write(`${line}\n`);
    });
}
