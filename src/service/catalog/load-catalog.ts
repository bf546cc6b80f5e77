/** Reads and checks the compiled catalog; the SLOs come back frozen, as the model promises. */
import { readFile } from 'node:fs/promises';
import type { CompiledCatalog } from '../../core/catalog/compiled-catalog.js';
import { catalogSchema } from '../../core/catalog/catalog-schema.js';
import { describeIssue } from './catalog-issues.js';

export type CatalogSlo = CompiledCatalog['slos'][number];

/** One discovered catalog source (a file of the directory, or a ConfigMap `namespace/name`). */
export interface CatalogSourceInfo {
  name: string;
  kind: 'file' | 'configmap';
  /** ok: serving its current content; stale: its new content is broken, the last good one serves; failed: broken, nothing serves. */
  state: 'ok' | 'stale' | 'failed';
  version?: string;
  sloCount: number;
  error?: string;
}

/** An SLO id that several sources define: refused in all of them until only one does. */
export interface CatalogConflict {
  id: string;
  sources: readonly string[];
}

export interface LoadedCatalog {
  version: string;
  slos: readonly CatalogSlo[];
  source: string;
  loadedAt: Date;
  /** Discovered catalogs only: each source, the refused ids, and which source each SLO id comes from. */
  sources?: readonly CatalogSourceInfo[];
  conflicts?: readonly CatalogConflict[];
  sloSources?: Readonly<Record<string, string>>;
}

/** Carries the file path: meant for logs and the start-up error, never for an HTTP response. */
export class CatalogError extends Error {
  readonly code = 'CATALOG_INVALID';
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export async function readCatalogFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CatalogError(`catalog ${file}: cannot read: ${(error as Error).message}`);
  }
}

/** Checks the file's bytes; `file` only names the source in errors and in the result. */
export function parseCatalog(bytes: Buffer, file: string, now: Date): LoadedCatalog {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new CatalogError(`catalog ${file}: invalid JSON: ${(error as Error).message}`);
  }
  const result = catalogSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues.slice(0, 5).map((issue) => describeIssue(issue, json));
    throw new CatalogError(`catalog ${file}: not a burnrate catalog: ${first.join('; ')} (run \`burnrate generate\`)`);
  }
  const slos = result.data.slos as CatalogSlo[];
  return deepFreeze({ version: result.data.version, slos, source: file, loadedAt: now }) as LoadedCatalog;
}

export async function loadCatalog(file: string, now: Date): Promise<LoadedCatalog> {
  return parseCatalog(await readCatalogFile(file), file, now);
}
