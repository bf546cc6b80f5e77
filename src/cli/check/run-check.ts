/** `burnrate check`: valid definitions and generated files that match them, or a diff of what drifted. */
import { ARTIFACT_DIRS, generateArtifacts } from '../../toolkit/generate/artifacts.js';
import { loadAndValidate, printProblems, problemSummary, validationJson } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { printJson, printLine } from '../output.js';
import { findDrift, type DriftStatus } from '../../toolkit/check/find-drift.js';

export interface CheckOptions {
  root: string;
  json?: boolean;
}

function count(list: readonly { status: DriftStatus }[], status: DriftStatus): number {
  return list.filter((d) => d.status === status).length;
}

export async function runCheck(paths: readonly string[], options: CheckOptions): Promise<void> {
  const result = await loadAndValidate(paths);
  if (!result.ok) {
    if (options.json) printJson({ ...validationJson(result), upToDate: [], drifted: [] });
    else {
      printProblems(result.problems);
      process.stderr.write(`${problemSummary(result)}; generated files not compared\n`);
    }
    throw new ExitError(EXIT.invalid);
  }
  const artifacts = generateArtifacts(result.slos);
  const drift = await findDrift(options.root, artifacts, ARTIFACT_DIRS);
  const ok = drift.drifted.length === 0;
  if (options.json) {
    printJson({ ...validationJson(result), ok, slos: result.slos.length, ...drift });
  } else {
    printProblems(result.problems);
    for (const file of drift.drifted) process.stdout.write(file.patch);
    const n = drift.drifted.length;
    printLine(
      ok
        ? `${problemSummary(result)}; ${artifacts.size} generated files up to date`
        : `${n} generated file${n === 1 ? ' is' : 's are'} out of date (${count(drift.drifted, 'stale')} stale, ${count(drift.drifted, 'missing')} missing, ${count(drift.drifted, 'extra')} extra): run \`burnrate generate\` and commit the result`,
    );
  }
  if (!ok) throw new ExitError(EXIT.invalid);
}
