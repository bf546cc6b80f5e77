/**
 * The definitions as they were at a git ref, written to a scratch directory. It lives inside the
 * repository's git directory, so `import ... from 'burnrate'` and the project's other packages resolve
 * exactly as they do for the working tree. Only git plumbing is used: no network, no checkout.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EXIT, ExitError } from '../exit-codes.js';

const exec = promisify(execFile);

export interface BaseTree {
  commit: string;
  /** Where the caller's working directory is inside the scratch copy. */
  cwd: string;
  remove: () => Promise<void>;
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await exec('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

async function gitBuffer(cwd: string, args: readonly string[]): Promise<Buffer> {
  const { stdout } = await exec('git', [...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' });
  return stdout;
}

async function resolveCommit(cwd: string, ref: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch {
    throw new ExitError(EXIT.usage, `burnrate diff: --base ${ref} names no commit here; fetch it first (e.g. git fetch origin ${ref.replace(/^origin\//, '')}) or pass a branch, tag or commit`);
  }
}

/** Copies every file under `paths` (relative to `cwd`) as of `ref` into a scratch directory. */
export async function extractBase(ref: string, paths: readonly string[], cwd = process.cwd()): Promise<BaseTree> {
  let top: string;
  try {
    top = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new ExitError(EXIT.usage, 'burnrate diff: not inside a git repository');
  }
  const commit = await resolveCommit(cwd, ref);
  const gitDir = (await git(cwd, ['rev-parse', '--absolute-git-dir'])).trim();
  const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
  const inside = !path.relative(top, gitDir).startsWith('..');
  const scratch = await mkdtemp(path.join(inside ? gitDir : top, 'burnrate-base-'));
  const remove = () => rm(scratch, { recursive: true, force: true });
  try {
    const pathspecs = paths.map((p) => path.relative(top, path.resolve(cwd, p)).split(path.sep).join('/') || '.');
    const listing = await git(top, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit, '--', ...pathspecs]);
    for (const file of listing.split('\0').filter(Boolean)) {
      const target = path.join(scratch, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, await gitBuffer(top, ['cat-file', 'blob', `${commit}:${file}`]));
    }
  } catch (error) {
    await remove();
    throw error;
  }
  const baseCwd = path.join(scratch, prefix);
  await mkdir(baseCwd, { recursive: true });
  return { commit, cwd: baseCwd, remove };
}
