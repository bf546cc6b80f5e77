/**
 * Writes generated files all or nothing: everything goes to a staging directory first, then each file is
 * renamed into place, and generated files that are no longer produced are removed. Staging is split from the
 * commit so that worker threads can stage their share of the files (parallel/); only the commit renames. The
 * file operations are synchronous: a thousand small files one after another cost far less that way than as a
 * thousand round trips through the thread pool.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { isGenerated } from './header.js';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Files staged by one stager: changed ones wait in staging, unchanged ones are left alone. */
export interface StageReport {
  changed: string[];
  unchanged: string[];
}

/** A staging directory under `root` and what the owned directories held before. */
export interface Staging {
  root: string;
  dir: string;
  /** Every file under the owned directories, relative to root. */
  existing: string[];
  ownedDirs: readonly string[];
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** Generated files under the owned directories, relative to root. */
export async function existingGenerated(root: string, ownedDirs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const dir of ownedDirs) {
    for (const file of listFiles(path.join(root, dir))) {
      const content = readFileSync(file, 'utf8');
      if (isGenerated(content)) found.set(path.relative(root, file), content);
    }
  }
  return found;
}

export async function openStaging(root: string, ownedDirs: readonly string[]): Promise<Staging> {
  const existing = ownedDirs.flatMap((dir) => listFiles(path.join(root, dir)).map((file) => path.relative(root, file)));
  mkdirSync(root, { recursive: true });
  return { root, dir: await mkdtemp(path.join(root, '.burnrate-staging-')), existing, ownedDirs };
}

/** Stages every artifact whose file differs from what is there; safe to call from several threads at once. */
export function stageArtifacts(staging: Pick<Staging, 'root' | 'dir' | 'existing'>, artifacts: Iterable<[string, string]>): StageReport {
  const existing = new Set(staging.existing);
  const report: StageReport = { changed: [], unchanged: [] };
  const madeDirs = new Set<string>();
  for (const [relative, content] of artifacts) {
    if (existing.has(relative) && readFileSync(path.join(staging.root, relative), 'utf8') === content) {
      report.unchanged.push(relative);
      continue;
    }
    const staged = path.join(staging.dir, relative);
    const dir = path.dirname(staged);
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    writeFileSync(staged, content);
    report.changed.push(relative);
  }
  return report;
}

/** The order generateArtifacts lists paths in. */
const byPath = (a: string, b: string) => a.localeCompare(b);

/** Renames the staged files into place and removes generated files no longer produced. */
export function commitStaged(staging: Staging, staged: readonly StageReport[]): WriteReport {
  const report: WriteReport = { written: [], unchanged: staged.flatMap((s) => s.unchanged), removed: [] };
  const produced = new Set(report.unchanged);
  const madeDirs = new Set<string>();
  for (const relative of staged.flatMap((s) => s.changed).sort(byPath)) {
    const target = path.join(staging.root, relative);
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    renameSync(path.join(staging.dir, relative), target);
    report.written.push(relative);
    produced.add(relative);
  }
  for (const relative of staging.existing) {
    if (produced.has(relative)) continue;
    const file = path.join(staging.root, relative);
    if (!isGenerated(readFileSync(file, 'utf8'))) continue;
    rmSync(file);
    report.removed.push(relative);
  }
  report.unchanged.sort(byPath);
  return report;
}

export async function closeStaging(staging: Staging): Promise<void> {
  await rm(staging.dir, { recursive: true, force: true });
}

export async function writeArtifacts(root: string, artifacts: Map<string, string>, ownedDirs: readonly string[]): Promise<WriteReport> {
  const staging = await openStaging(root, ownedDirs);
  try {
    return commitStaged(staging, [stageArtifacts(staging, artifacts)]);
  } finally {
    await closeStaging(staging);
  }
}
