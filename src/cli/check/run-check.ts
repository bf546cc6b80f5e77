/** `burnrate check`: valid definitions and generated files that match them, or a diff of what drifted. */
import { artifactDirs, generateArtifacts } from '../../toolkit/generate/artifacts.js';
import { DEFAULT_BUNDLE_DIR, type BundleOptions } from '../../toolkit/generate/bundle/bundle-options.js';
import { existingGenerated } from '../../toolkit/generate/write-artifacts.js';
import { loadAndValidate, printProblems, problemSummary, validationJson } from '../definitions.js';
import { EXIT, ExitError } from '../exit-codes.js';
import { printJson, printLine } from '../output.js';
import { findDrift, type DriftStatus } from '../../toolkit/check/find-drift.js';

export interface CheckOptions {
  root: string;
  json?: boolean;
  /** The bundles generate was asked for (`--bundle` and its flags); compared like every other generated file. */
  bundle?: BundleOptions;
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
  const generateOptions = options.bundle ? { bundle: options.bundle } : {};
  const artifacts = generateArtifacts(result.slos, generateOptions);
  const drift = await findDrift(options.root, artifacts, artifactDirs(generateOptions));
  const ok = drift.drifted.length === 0;
  if (options.json) {
    printJson({ ...validationJson(result), ok, slos: result.slos.length, ...drift });
  } else {
    printProblems(result.problems);
    if (!options.bundle && (await existingGenerated(options.root, [DEFAULT_BUNDLE_DIR])).size > 0) {
      process.stderr.write(`${DEFAULT_BUNDLE_DIR}/ holds generated bundles that were not compared: pass check the --bundle flags given to generate\n`);
    }
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
