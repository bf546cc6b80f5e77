/**
 * Joins the SLO sets that imported files give for one service into one set, so each service gets one
 * `<service>.slo.ts`. Sets can only join when they agree on everything but their SLOs.
 */
import { isDeepStrictEqual } from 'node:util';
import type { LoadedDocument } from '../load/document.js';
import type { SloSetInput } from '../sdk/types.js';
import type { Problem } from '../../core/diagnostics/problem.js';

export interface MergedSet {
  set: SloSetInput;
  files: string[];
}

type SharedKey = 'runbookUrl' | 'dashboardUrl';

/**
 * Moves what every SLO of a set repeats (a label with the same value, the same runbook or dashboard) up to
 * the set, as an author would write it. The validated model is the same: SLO values override set values.
 */
export function hoistShared(set: SloSetInput): SloSetInput {
  const slos = Object.values(set.slos);
  if (slos.length < 2) return set;
  const result: SloSetInput = { ...set, labels: { ...set.labels }, slos: {} };
  const first = slos[0]?.labels ?? {};
  const common = Object.entries(first).filter(([name, value]) => slos.every((slo) => slo.labels?.[name] === value));
  for (const [name, value] of common) (result.labels as Record<string, string>)[name] = value;
  const hoisted = (['runbookUrl', 'dashboardUrl'] as SharedKey[]).filter((key) => set[key] === undefined && slos[0]?.[key] !== undefined && slos.every((slo) => slo[key] === slos[0]?.[key]));
  for (const key of hoisted) result[key] = slos[0]?.[key];
  for (const [name, slo] of Object.entries(set.slos)) {
    const labels = Object.fromEntries(Object.entries(slo.labels ?? {}).filter(([label]) => !common.some(([c]) => c === label)));
    const { labels: _labels, ...rest } = slo;
    const copy = { ...rest, ...(Object.keys(labels).length > 0 ? { labels } : {}) };
    for (const key of hoisted) delete copy[key];
    result.slos[name] = copy;
  }
  if (Object.keys(result.labels ?? {}).length === 0) delete result.labels;
  return result;
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
  const merged = [...byService.values()]
    .sort((a, b) => a.set.service.localeCompare(b.set.service))
    .map((entry) => ({ ...entry, set: hoistShared(entry.set) }));
  return { merged, problems };
}
