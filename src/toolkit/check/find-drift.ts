/** Compares freshly generated files with the ones committed under a root: stale, missing and extra files. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { existingGenerated } from '../generate/write-artifacts.js';

export type DriftStatus = 'stale' | 'missing' | 'extra';

export interface FileDrift {
  file: string;
  status: DriftStatus;
  /** Unified diff from the committed file to what `generate` would write. */
  patch: string;
}

export interface DriftReport {
  upToDate: string[];
  drifted: FileDrift[];
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function patch(file: string, before: string | undefined, after: string | undefined): string {
  const from = before === undefined ? '/dev/null' : `a/${file}`;
  const to = after === undefined ? '/dev/null' : `b/${file}`;
  return createTwoFilesPatch(from, to, before ?? '', after ?? '', undefined, undefined, { headerOptions: FILE_HEADERS_ONLY, context: 3 });
}

export async function findDrift(root: string, artifacts: ReadonlyMap<string, string>, ownedDirs: readonly string[]): Promise<DriftReport> {
  const report: DriftReport = { upToDate: [], drifted: [] };
  for (const [file, content] of artifacts) {
    const committed = await readIfExists(path.join(root, file));
    if (committed === content) report.upToDate.push(file);
    else report.drifted.push({ file, status: committed === undefined ? 'missing' : 'stale', patch: patch(file, committed, content) });
  }
  // Files carrying the generated header that generate would no longer write (it would delete them).
  for (const [file, content] of await existingGenerated(root, ownedDirs)) {
    const relative = file.split(path.sep).join('/');
    if (!artifacts.has(relative)) report.drifted.push({ file: relative, status: 'extra', patch: patch(relative, content, undefined) });
  }
  report.drifted.sort((a, b) => a.file.localeCompare(b.file));
  return report;
}
