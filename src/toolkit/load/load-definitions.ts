/** Reads every definition file under the given paths, whatever its format. */
import path from 'node:path';
import { discoverFiles } from './discover.js';
import type { LoadedDocument } from './document.js';
import { loadTypeScriptFile } from './typescript-loader.js';
import { loadYamlFile } from './yaml-loader.js';

export async function loadDefinitions(paths: readonly string[], cwd = process.cwd()): Promise<LoadedDocument[]> {
  const files = await discoverFiles(paths);
  const docs: LoadedDocument[] = [];
  for (const file of files) {
    const display = path.relative(cwd, file) || file;
    docs.push(file.endsWith('.ts') ? await loadTypeScriptFile(file, display) : await loadYamlFile(file, display));
  }
  return docs;
}
