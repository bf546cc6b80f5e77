/**
 * Writes generated files all or nothing: everything goes to a staging directory first, then each file is
 * renamed into place, and generated files that are no longer produced are removed. The file operations are
 * synchronous: a thousand small files one after another cost far less that way than as a thousand round
 * trips through the thread pool.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isGenerated } from './header.js';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** Generated files under the owned directories, relative to root. */
export async function existingGenerated(root: string, ownedDirs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const dir of ownedDirs) {
    for (const file of await listFiles(path.join(root, dir))) {
      const content = readFileSync(file, 'utf8');
      if (isGenerated(content)) found.set(path.relative(root, file), content);
    }
  }
  return found;
}

export async function writeArtifacts(root: string, artifacts: Map<string, string>, ownedDirs: readonly string[]): Promise<WriteReport> {
  const before = await existingGenerated(root, ownedDirs);
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  mkdirSync(root, { recursive: true });
  const staging = await mkdtemp(path.join(root, '.burnrate-staging-'));
  try {
    const changed: string[] = [];
    const madeDirs = new Set<string>();
    const makeDir = (dir: string) => {
      if (madeDirs.has(dir)) return;
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    };
    for (const [relative, content] of artifacts) {
      if (before.get(relative) === content) {
        report.unchanged.push(relative);
        continue;
      }
      const staged = path.join(staging, relative);
      makeDir(path.dirname(staged));
      writeFileSync(staged, content);
      changed.push(relative);
    }
    for (const relative of changed) {
      const target = path.join(root, relative);
      makeDir(path.dirname(target));
      renameSync(path.join(staging, relative), target);
      report.written.push(relative);
    }
    for (const relative of before.keys()) {
      if (!artifacts.has(relative)) {
        await rm(path.join(root, relative));
        report.removed.push(relative);
      }
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return report;
}
