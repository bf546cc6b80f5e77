/**
 * Joins the SLO sets that imported files give for one service into one set, so each service gets one
 * `<service>.slo.ts`. Sets can only join when they agree on everything but their SLOs.
 */
import { isDeepStrictEqual } from 'node:util';
import type { LoadedDocument } from '../load/document.js';
import type { SloSetInput } from '../sdk/types.js';
import type { Problem } from '../validate/problem.js';

export interface MergedSet {
  set: SloSetInput;
  files: string[];
}

export function mergeSets(docs: readonly LoadedDocument[]): { merged: MergedSet[]; problems: Problem[] } {
  const byService = new Map<string, MergedSet>();
  const problems: Problem[] = [];
  for (const doc of docs) {
    for (const input of doc.sets as SloSetInput[]) {
      const { slos, ...head } = input;
      const existing = byService.get(input.service);
      if (!existing) {
        byService.set(input.service, { set: { ...head, slos: { ...slos } }, files: [doc.file] });
        continue;
      }
      const { slos: _slos, ...existingHead } = existing.set;
      if (!isDeepStrictEqual(head, existingHead)) {
        problems.push({
          severity: 'error',
          code: 'import-set-conflict',
          file: doc.file,
          message: `service "${input.service}" is also defined in ${existing.files.join(', ')} with a different team, labels or links; one .slo.ts file holds one team and one set of service labels, so align them`,
        });
        continue;
      }
      Object.assign(existing.set.slos, slos);
      if (!existing.files.includes(doc.file)) existing.files.push(doc.file);
    }
  }
  const merged = [...byService.values()].sort((a, b) => a.set.service.localeCompare(b.set.service));
  return { merged, problems };
}
