/** Row shapes of the leadership tables (migration 003), as kysely sees them. Timestamps are epoch milliseconds. */
import type { EpochMs } from './database.js';

export interface LeaderLeaseTable {
  name: string;
  holder: string;
  /** Raised by every takeover; a leader's writes carry the epoch they were decided under. */
  epoch: EpochMs;
  expires_at: EpochMs;
  acquired_at: EpochMs;
  catalog_version: string;
}

export interface LatestEvaluationTable {
  name: string;
  epoch: EpochMs;
  at: EpochMs;
  catalog_version: string;
  /** The evaluation as JSON (evaluation-codec.ts). */
  body: string;
}

export type LeadershipTables = {
  leader_lease: LeaderLeaseTable;
  latest_evaluation: LatestEvaluationTable;
};
