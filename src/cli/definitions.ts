/** Loads and validates definitions for a command, printing problems the same way everywhere. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { discoverFiles } from '../toolkit/load/discover.js';
import { loadDefinitions } from '../toolkit/load/load-definitions.js';
import { validateDocuments, withoutSources, type ValidationResult } from '../toolkit/validate/validate-documents.js';
import { errorsOf, formatProblem, warningsOf, type Problem } from '../core/diagnostics/problem.js';
import { plural } from './output.js';

export const DEFAULT_DEFINITIONS = ['slo-definitions'];

function pathProblem(given: string, message: string): Problem {
  return { severity: 'error', code: 'no-definitions', file: given, message };
}

/** Loads everything under `paths` (default slo-definitions/), relative to `cwd`; names files relative to it. */
export async function loadAndValidate(paths: readonly string[], cwd = process.cwd()): Promise<ValidationResult> {
  const given = paths.length > 0 ? paths : DEFAULT_DEFINITIONS;
  const missing = given.filter((p) => !existsSync(path.resolve(cwd, p)));
  if (missing.length > 0) {
    const problems = missing.map((p) => pathProblem(p, paths.length > 0 ? 'no such file or directory' : 'no such directory; pass the files or directories of your definitions'));
    return { slos: [], validSlos: [], problems, ok: false, locate: withoutSources };
  }
  const absolute = given.map((p) => path.resolve(cwd, p));
  // An empty selection must not look like "no SLOs": generate would delete every generated file.
  const files = await discoverFiles(absolute);
  if (files.length === 0) {
    const problems = [pathProblem(given.join(', '), 'no definition files (*.slo.ts, OpenSLO or Sloth YAML) found')];
    return { slos: [], validSlos: [], problems, ok: false, locate: withoutSources };
  }
  return validateDocuments(await loadDefinitions(absolute, cwd));
}

export type Write = (line: string) => void;
const toStderr: Write = (line) => process.stderr.write(`${line}\n`);

/** Errors first, then warnings; each one line, with any excerpt indented below it. */
export function printProblems(problems: readonly Problem[], write: Write = toStderr): void {
  for (const problem of [...errorsOf(problems), ...warningsOf(problems)]) {
    write(`${problem.severity}: ${formatProblem(problem)}`);
    for (const line of problem.excerpt ?? []) write(`    ${line}`);
  }
}

/** "1 warning", or nothing when there is none: the tail of every count line. */
function warningCount(problems: readonly Problem[]): string[] {
  const warnings = warningsOf(problems).length;
  return warnings ? [plural(warnings, 'warning')] : [];
}

/** "2 errors, 1 warning". */
export function problemCount(problems: readonly Problem[]): string {
  return [plural(errorsOf(problems).length, 'error'), ...warningCount(problems)].join(', ');
}

/** "2 errors, 1 warning" or "6 SLOs valid, 1 warning". */
export function problemSummary(result: ValidationResult): string {
  return result.ok ? [`${plural(result.slos.length, 'SLO')} valid`, ...warningCount(result.problems)].join(', ') : problemCount(result.problems);
}

export function problemsJson(problems: readonly Problem[]) {
  return problems.map((p) => ({ ...p, text: formatProblem(p) }));
}

/** The `problems` part every --json output shares. */
export function validationJson(result: ValidationResult) {
  return {
    ok: result.ok,
    errors: errorsOf(result.problems).length,
    warnings: warningsOf(result.problems).length,
    problems: problemsJson(result.problems),
  };
}
