/** Row shapes of the store's tables, as kysely sees them. Timestamps are epoch milliseconds. */
import type { ColumnType, Generated } from 'kysely';

/** PostgreSQL returns bigint as text; SQLite returns a number. Always written as a number. */
export type EpochMs = ColumnType<number | string, number, number>;

export interface BudgetSnapshotsTable {
  id: Generated<number | string>;
  slo_id: string;
  /** Canonical JSON of the group labels: keys sorted, "{}" for ungrouped SLOs. */
  group_key: string;
  at: EpochMs;
  /** Calendar windows: start of the budget period, so downsampling keeps the last point before a reset. */
  period_start: ColumnType<number | string | null, number | null, number | null>;
  sli: number | null;
  remaining_ratio: number | null;
  /** NULL (migration 004): no cluster answered, the counts are unknown; 0 is a quiet window. */
  good_events: number | null;
  total_events: number | null;
  status: 'ok' | 'partial' | 'no-data';
  resolution: 'raw' | 'hourly' | 'daily';
  /** JSON of the burn rate per alert window (migration 006); NULL before it. */
  burn_rates: string | null;
}

export interface CatalogVersionsTable {
  id: Generated<number | string>;
  version: string;
  slo_count: number;
  loaded_at: EpochMs;
}

export interface StoreDatabase {
  budget_snapshots: BudgetSnapshotsTable;
  catalog_versions: CatalogVersionsTable;
}

export type StoreDialect = 'sqlite' | 'postgres';
