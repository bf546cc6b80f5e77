/** What the service needs from its history store (kysely: SQLite embedded, PostgreSQL in production). */
import type { BudgetSnapshot, GroupLabels } from '../engine/types.js';

export interface HistoryPoint {
  at: Date;
  sli: number | null;
  remainingRatio: number | null;
  goodEvents: number;
  totalEvents: number;
  status: BudgetSnapshot['status'];
  /** "raw" points are kept for the retention's raw period, then downsampled to "hourly" and "daily". */
  resolution: 'raw' | 'hourly' | 'daily';
}

export interface CatalogVersionRecord {
  version: string;
  sloCount: number;
  loadedAt: Date;
}

export interface SnapshotStore {
  migrate(): Promise<void>;
  saveSnapshots(snapshots: readonly BudgetSnapshot[]): Promise<void>;
  history(query: { sloId: string; group?: GroupLabels; from: Date; to: Date }): Promise<HistoryPoint[]>;
  recordCatalogVersion(record: CatalogVersionRecord): Promise<void>;
  catalogVersions(limit: number): Promise<CatalogVersionRecord[]>;
  /** Downsamples and deletes old points; `now` is injected. */
  applyRetention(now: Date): Promise<{ downsampled: number; deleted: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
