/** Loads `*.slo.ts` modules with jiti (TypeScript without a build step) and picks their SLO sets. */
import { readFile } from 'node:fs/promises';
import { createJiti } from 'jiti';
import { isSloSet } from '../sdk/define-slos.js';
import { failedDocument, type LoadedDocument } from './document.js';
import { moduleLoadFailure } from './module-load-failure.js';
import type { SetSourceMap } from './source-map.js';
import { firstSetSpot, typeScriptSourceMaps } from './typescript-source-map.js';

const jiti = createJiti(import.meta.url, { moduleCache: false, interopDefault: false });

function looksLikeSet(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'service' in value && 'slos' in value;
}

export async function loadTypeScriptFile(file: string, displayName: string): Promise<LoadedDocument> {
  let module: Record<string, unknown>;
  try {
    module = (await jiti.import(file)) as Record<string, unknown>;
  } catch (error) {
    return moduleLoadFailure(displayName, file, error);
  }
  const exported = Object.values(module);
  const marked = exported.filter(isSloSet);
  const sets = marked.length > 0 ? marked : exported.filter(looksLikeSet);
  const unique = [...new Set(sets)];
  const text = await readFile(file, 'utf8');
  if (unique.length === 0) {
    const failed = failedDocument(displayName, 'typescript', 'no-slo-set', 'exports no SLO set; export the result of defineSlos({...})');
    const { line, column, excerpt } = firstSetSpot(text, displayName);
    return { ...failed, problems: failed.problems.map((problem) => ({ ...problem, line, column, excerpt })) };
  }
  let maps: SetSourceMap[] | undefined;
  return {
    file: displayName,
    format: 'typescript',
    sets: unique,
    problems: [],
    // Parsed on first read: validation asks only when a set has problems to locate.
    get sourceMaps() {
      maps ??= typeScriptSourceMaps(text, displayName, unique);
      return maps;
    },
  };
}
