/** A throwaway copy of the example catalog that resolves `import ... from 'burnrate'` like a user's repo. */
import { cp, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../support/cli.js';
import { makeTempDir } from '../support/temp-dir.js';

export async function copyCatalog(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const tmp = await makeTempDir('burnrate-catalog-');
  await cp(path.join(REPO_ROOT, 'slo-definitions'), path.join(tmp.dir, 'slo-definitions'), { recursive: true });
  // What `npm install burnrate` gives a user's repository.
  await mkdir(path.join(tmp.dir, 'node_modules'));
  await symlink(REPO_ROOT, path.join(tmp.dir, 'node_modules/burnrate'), 'dir');
  return tmp;
}
