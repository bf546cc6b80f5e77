/** Finds definition files under the given paths: `*.slo.ts`, OpenSLO and Sloth YAML. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const DEFINITION_FILE = /\.slo\.ts$|\.ya?ml$/;

export async function discoverFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const given of paths) {
    const info = await stat(given);
    if (info.isFile()) {
      found.push(path.resolve(given));
      continue;
    }
    const entries = await readdir(given, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && DEFINITION_FILE.test(entry.name) && !entry.parentPath.includes('node_modules')) {
        found.push(path.resolve(entry.parentPath, entry.name));
      }
    }
  }
  return [...new Set(found)].sort();
}
