/** Mapping between engine snapshots, table rows and history points. */
import type { Insertable, Selectable } from 'kysely';
import type { BudgetSnapshot } from '../engine/types.js';
import type { BudgetSnapshotsTable } from './database.js';
import type { HistoryPoint } from './types.js';
import { groupStoreKey, parseGroupStoreKey } from '../engine/group-labels.js';

export function snapshotRow(snapshot: BudgetSnapshot): Insertable<BudgetSnapshotsTable> {
  return {
    slo_id: snapshot.sloId,
    group_key: groupStoreKey(snapshot.group),
    at: snapshot.at.getTime(),
    period_start: snapshot.periodStart ? snapshot.periodStart.getTime() : null,
    sli: snapshot.sli,
    remaining_ratio: snapshot.budget.remainingRatio,
    good_events: snapshot.goodEvents,
    total_events: snapshot.totalEvents,
    status: snapshot.status,
    resolution: 'raw',
  };
}

type HistoryRow = Pick<
  Selectable<BudgetSnapshotsTable>,
  'group_key' | 'at' | 'sli' | 'remaining_ratio' | 'good_events' | 'total_events' | 'status' | 'resolution'
>;

export function historyPoint(row: HistoryRow): HistoryPoint {
  return {
    at: new Date(Number(row.at)),
    sli: row.sli,
    remainingRatio: row.remaining_ratio,
    goodEvents: row.good_events === null ? null : Number(row.good_events),
    totalEvents: row.total_events === null ? null : Number(row.total_events),
    status: row.status,
    resolution: row.resolution,
    group: parseGroupStoreKey(row.group_key),
  };
}
