/** Loads and validates definitions for a command, printing problems the same way everywhere. */
import { loadDefinitions } from '../load/load-definitions.js';
import { validateDocuments, type ValidationResult } from '../validate/validate-documents.js';
import { formatProblem, type Problem } from '../validate/problem.js';

export const DEFAULT_DEFINITIONS = ['slo-definitions'];

export async function loadAndValidate(paths: readonly string[]): Promise<ValidationResult> {
  const docs = await loadDefinitions(paths.length > 0 ? paths : DEFAULT_DEFINITIONS);
  return validateDocuments(docs);
}

export function printProblems(problems: readonly Problem[], write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  for (const problem of problems) write(`${problem.severity}: ${formatProblem(problem)}`);
}

export function problemsJson(problems: readonly Problem[]) {
  return problems.map((p) => ({ ...p, text: formatProblem(p) }));
}
