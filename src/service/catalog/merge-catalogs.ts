/**
 * Merges the discovered catalogs into one LoadedCatalog, the shape the evaluator, API and paging already
 * read. An SLO id that several sources define is refused in all of them (neither wins, so no team can take
 * over another's SLO by publishing the same id) and reported; every other SLO keeps working. The version is
 * a hash of each source's name, version and content hash: any change of any source makes a new version.
 */
import { createHash } from 'node:crypto';
import type { CatalogConflict, CatalogSlo, CatalogSourceInfo, LoadedCatalog } from './load-catalog.js';
import { stateOf, type SourceEntry } from './sources/source-entries.js';

export const DISCOVERED_SOURCE = 'discovered catalogs';

export function mergeCatalogs(entries: readonly SourceEntry[], now: Date): LoadedCatalog {
  const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));
  const definedBy = new Map<string, string[]>();
  for (const entry of sorted) {
    for (const slo of entry.catalog?.slos ?? []) {
      const names = definedBy.get(slo.id) ?? [];
      if (!names.includes(entry.name)) names.push(entry.name);
      definedBy.set(slo.id, names);
    }
  }
  const conflicts: CatalogConflict[] = [...definedBy.entries()]
    .filter(([, names]) => names.length > 1)
    .map(([id, names]) => ({ id, sources: names }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const refused = new Set(conflicts.map((c) => c.id));

  const slos: CatalogSlo[] = [];
  const sloSources: Record<string, string> = {};
  const hash = createHash('sha256');
  for (const entry of sorted) {
    if (!entry.catalog) continue;
    hash.update(`${entry.name}\0${entry.catalog.version}\0${entry.hash ?? ''}\n`);
    for (const slo of entry.catalog.slos) {
      if (refused.has(slo.id)) continue;
      slos.push(slo);
      sloSources[slo.id] = entry.name;
    }
  }
  const sources: CatalogSourceInfo[] = sorted.map((entry) => ({
    name: entry.name,
    kind: entry.kind,
    state: stateOf(entry),
    ...(entry.catalog ? { version: entry.catalog.version } : {}),
    sloCount: entry.catalog?.slos.length ?? 0,
    ...(entry.error !== undefined ? { error: entry.error } : {}),
  }));
  return Object.freeze({
    version: `merged-${hash.digest('hex').slice(0, 16)}`,
    slos: Object.freeze(slos),
    source: DISCOVERED_SOURCE,
    loadedAt: now,
    sources: Object.freeze(sources),
    conflicts: Object.freeze(conflicts),
    sloSources: Object.freeze(sloSources),
  });
}
