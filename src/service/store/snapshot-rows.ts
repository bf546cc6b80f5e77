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
    burn_rates: burnRatesJson(snapshot),
  };
}

/** The known burn rates as `{"5m": 0.4, ...}`; NULL when no window had events. */
function burnRatesJson(snapshot: BudgetSnapshot): string | null {
  const known = snapshot.burnRates.filter((r) => r.burnRate !== null).map((r) => [r.window, r.burnRate]);
  return known.length > 0 ? JSON.stringify(Object.fromEntries(known)) : null;
}

function parseBurnRates(text: string | null): Record<string, number> {
  if (text === null) return {};
  const parsed = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

type HistoryRow = Pick<
  Selectable<BudgetSnapshotsTable>,
  'group_key' | 'at' | 'sli' | 'remaining_ratio' | 'good_events' | 'total_events' | 'status' | 'resolution' | 'burn_rates'
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
    burnRates: parseBurnRates(row.burn_rates),
    group: parseGroupStoreKey(row.group_key),
  };
}
