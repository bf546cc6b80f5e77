/**
 * An evaluation's snapshots indexed by SLO once, so readers of 1,000 SLOs with their groups (the API, the
 * status page, the gate, the per-SLO gauges) never scan every snapshot for every SLO.
 */
import type { BudgetSnapshot } from './types.js';

export interface SloSnapshots {
  /** The whole-SLO snapshot (group {}). */
  whole: BudgetSnapshot | undefined;
  /** One per group of a grouped SLO, in evaluation order. */
  groups: BudgetSnapshot[];
}

const NONE: SloSnapshots = Object.freeze({ whole: undefined, groups: [] as BudgetSnapshot[] });
/** Keyed by the evaluation's snapshot array, which is never changed after the evaluation. */
const indexes = new WeakMap<readonly BudgetSnapshot[], Map<string, SloSnapshots>>();

export function snapshotsBySlo(snapshots: readonly BudgetSnapshot[]): ReadonlyMap<string, SloSnapshots> {
  let index = indexes.get(snapshots);
  if (!index) {
    index = new Map();
    for (const s of snapshots) {
      let entry = index.get(s.sloId);
      if (!entry) index.set(s.sloId, (entry = { whole: undefined, groups: [] }));
      if (Object.keys(s.group).length === 0) entry.whole ??= s;
      else entry.groups.push(s);
    }
    indexes.set(snapshots, index);
  }
  return index;
}

export function snapshotsOfSlo(snapshots: readonly BudgetSnapshot[] | undefined, sloId: string): SloSnapshots {
  return (snapshots && snapshotsBySlo(snapshots).get(sloId)) ?? NONE;
}
