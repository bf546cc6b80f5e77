/** Loads `*.slo.ts` modules with jiti (TypeScript without a build step) and picks their SLO sets. */
import { createJiti } from 'jiti';
import { isSloSet } from '../sdk/define-slos.js';
import { failedDocument, type LoadedDocument } from './document.js';
import { moduleLoadFailure } from './module-load-failure.js';

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
  if (unique.length === 0) {
    return failedDocument(displayName, 'typescript', 'no-slo-set', 'exports no SLO set; export the result of defineSlos({...})');
  }
  return { file: displayName, format: 'typescript', sets: unique, problems: [] };
}
