/** Row shapes of the paging tables (migration 002), as kysely sees them. Timestamps are epoch milliseconds. */
import type { ColumnType, Generated } from 'kysely';
import type { EpochMs } from './database.js';

type NullableEpochMs = ColumnType<number | string | null, number | null, number | null>;

export interface PagingStateTable {
  dedup_key: string;
  slo_id: string;
  /** Canonical JSON of the group labels (group-key.ts). */
  group_key: string;
  team: string;
  triggered_at: EpochMs;
  clear_since: NullableEpochMs;
  /** Migration 005: the catalog it was triggered, or last evaluated, under (the newest such); NULL before 005. */
  catalog_version: string | null;
}

export interface PagingOutboxTable {
  id: Generated<number | string>;
  dedup_key: string;
  action: 'trigger' | 'resolve';
  team: string;
  slo_id: string;
  /** The Events v2 body as JSON, without the routing key. */
  body: string;
  decided_at: EpochMs;
  status: 'pending' | 'sent' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: EpochMs;
  claimed_by: string | null;
  claimed_until: NullableEpochMs;
  last_error: string | null;
  finished_at: NullableEpochMs;
}

/** A type alias, not an interface: kysely's withTables() needs an index-compatible record. */
export type PagingTables = {
  paging_state: PagingStateTable;
  paging_outbox: PagingOutboxTable;
};
