/** `burnrate init`: an example definition, a CI workflow and a tsconfig.json in a team's repository. */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { printJson, printLine } from '../output.js';
import { CI_WORKFLOW, EXAMPLE_DEFINITION, TSCONFIG } from './init-templates.js';

const DEFINITIONS_DIR = 'slo-definitions';
const EXAMPLE = `${DEFINITIONS_DIR}/example.slo.ts`;

const FILES: readonly (readonly [string, string])[] = [
  [EXAMPLE, EXAMPLE_DEFINITION],
  ['.github/workflows/slos.yml', CI_WORKFLOW],
  ['tsconfig.json', TSCONFIG],
];

interface InitReport {
  created: string[];
  overwritten: string[];
  kept: string[];
}

/** A catalog that already has definitions needs no example service added to it. */
function hasDefinitions(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => /\.slo\.ts$|\.ya?ml$/.test(f));
}

export async function scaffold(root: string, force: boolean): Promise<InitReport> {
  const report: InitReport = { created: [], overwritten: [], kept: [] };
  const catalogExists = hasDefinitions(path.join(root, DEFINITIONS_DIR));
  for (const [file, text] of FILES) {
    const target = path.join(root, file);
    const fileExists = existsSync(target);
    if (!force && (fileExists || (file === EXAMPLE && catalogExists))) {
      report.kept.push(fileExists ? file : `${DEFINITIONS_DIR}/`);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    (fileExists ? report.overwritten : report.created).push(file);
  }
  return report;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`start SLOs in this repository: ${EXAMPLE}, a CI workflow (.github/workflows/slos.yml) and a tsconfig.json; existing files are kept`)
    .option('--root <dir>', 'repository root to write into', '.')
    .option('--force', 'overwrite existing files')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 written or kept, 1 a file could not be written, 2 usage error.')
    .action(async (options: { root: string; force?: boolean; json?: boolean }) => {
      const report = await scaffold(options.root, options.force === true);
      if (options.json) {
        printJson(report);
        return;
      }
      for (const file of report.created) printLine(`created     ${file}`);
      for (const file of report.overwritten) printLine(`overwritten ${file}`);
      for (const file of report.kept) {
        printLine(file.endsWith('/') ? `kept        ${file} (has definitions; no example added)` : `kept        ${file} (exists; --force overwrites)`);
      }
      printLine('next: npx burnrate validate, then npx burnrate generate and commit alerts/ and dashboards/');
    });
}
