/** Builds a real compiled catalog from SLO sets in the authoring shape, through the real validator. */
import { writeFile } from 'node:fs/promises';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog.js';
import { compileCatalog } from '../../../src/toolkit/generate/compile-catalog.js';
import type { SloSetInput } from '../../../src/toolkit/sdk/types.js';
import { validateDocuments } from '../../../src/toolkit/validate/validate-documents.js';

export function catalogOf(sets: readonly SloSetInput[], file = 'test.slo.ts'): CompiledCatalog {
  const result = validateDocuments([{ file, format: 'typescript', sets: [...sets], problems: [] }]);
  if (!result.ok) throw new Error(`test SLOs invalid: ${JSON.stringify(result.problems)}`);
  return compileCatalog(result.slos);
}

export async function writeCatalog(path: string, catalog: CompiledCatalog): Promise<void> {
  await writeFile(path, `${JSON.stringify(catalog, null, 2)}\n`);
}
