/**
 * The latest evaluation's snapshots indexed by SLO once, so a page of 1,000 SLOs with their groups does
 * not scan every snapshot for every SLO.
 */
import type { BudgetSnapshot } from '../../engine/types.js';
import type { Evaluation } from '../../scheduler/evaluator.js';
import type { SloSnapshots } from '../slo-views.js';

export type SnapshotLookup = (sloId: string) => SloSnapshots;

export function snapshotLookup(evaluation: Evaluation | undefined): SnapshotLookup {
  const byId = new Map<string, SloSnapshots>();
  for (const snapshot of evaluation?.snapshots ?? []) {
    let entry = byId.get(snapshot.sloId);
    if (!entry) byId.set(snapshot.sloId, (entry = { whole: undefined, groups: [] as BudgetSnapshot[] }));
    if (Object.keys(snapshot.group).length === 0) entry.whole ??= snapshot;
    else entry.groups.push(snapshot);
  }
  return (sloId) => byId.get(sloId) ?? { whole: undefined, groups: [] };
}
