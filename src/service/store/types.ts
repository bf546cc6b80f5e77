/** What the service needs from its history store (kysely: SQLite embedded, PostgreSQL in production). */
import type { BudgetSnapshot } from '../engine/types.js';
import type { GroupLabels } from '../engine/group-labels.js';
import type { PagingStore } from '../paging/paging-types.js';
import type { Fence, LeaseStore } from '../leadership/lease-types.js';
import type { EvaluationWrite, StoredEvaluation } from './evaluation-rows.js';
import type { TrendQuery, Trends } from './trend-rows.js';

export interface HistoryPoint {
  at: Date;
  sli: number | null;
  remainingRatio: number | null;
  /** null: no cluster answered this evaluation (an outage), unknown rather than zero. */
  goodEvents: number | null;
  totalEvents: number | null;
  status: BudgetSnapshot['status'];
  /** "raw" points are kept for the retention's raw period, then downsampled to "hourly" and "daily". */
  resolution: 'raw' | 'hourly' | 'daily';
  /** Burn rate per alert window ("5m", "1h", ...) at this point; windows without events are left out. */
  burnRates: Record<string, number>;
  /** The group this point belongs to (always set by the store; tells groups apart when the query names none). */
  group?: GroupLabels;
}

export interface CatalogVersionRecord {
  version: string;
  sloCount: number;
  loadedAt: Date;
}

export interface SnapshotStore {
  migrate(): Promise<void>;
  saveSnapshots(snapshots: readonly BudgetSnapshot[]): Promise<void>;
  /** The leader's write of one evaluation: snapshots and the latest, refused (FencedOut) once the lease is lost. */
  saveEvaluation(write: EvaluationWrite, fence: Fence, now: Date): Promise<void>;
  latestEvaluationAt(): Promise<Date | undefined>;
  latestEvaluation(): Promise<StoredEvaluation | undefined>;
  /** Points with from ≤ at ≤ to, oldest first; without `group`, every group of the SLO. */
  history(query: { sloId: string; group?: GroupLabels; from: Date; to: Date }): Promise<HistoryPoint[]>;
  /** Many SLOs' remaining ratio at a few sample times, in few statements (the status page's trends). */
  budgetTrends(query: TrendQuery): Promise<Trends>;
  /**
   * A replica loaded (or reloaded) this catalog: kept in the history when it differs from the latest, and
   * announced (paging.catalogOrder) every time, so the catalog loaded last counts as the newest.
   */
  recordCatalogVersion(record: CatalogVersionRecord): Promise<void>;
  catalogVersions(limit: number): Promise<CatalogVersionRecord[]>;
  /**
   * Downsamples and deletes old points; `now` is injected. `downsampled`: points folded into a coarser one
   * (removed); `deleted`: points older than the whole retention.
   */
  applyRetention(now: Date): Promise<{ downsampled: number; deleted: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Paging state and the PagerDuty outbox, in the same database. */
  paging: PagingStore;
  /** The evaluator's lease: one replica evaluates and pages, the others stand by. */
  leases: LeaseStore;
}
