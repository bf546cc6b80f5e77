/**
 * An evaluation as the text the leader stores and standby replicas read back: JSON, with the dates of the
 * evaluation and of its snapshots restored on the way in.
 */
import type { BudgetSnapshot } from '../engine/types.js';
import type { Evaluation } from './evaluator.js';

type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K] };
type StoredSnapshot = Stored<BudgetSnapshot>;
type StoredEvaluation = Omit<Stored<Evaluation>, 'snapshots'> & { snapshots: StoredSnapshot[] };

export function encodeEvaluation(evaluation: Evaluation): string {
  const { storeError: _local, ...shared } = evaluation;
  return JSON.stringify(shared);
}

function snapshotFrom({ periodStart, ...stored }: StoredSnapshot): BudgetSnapshot {
  return {
    ...stored,
    at: new Date(stored.at),
    windowStart: new Date(stored.windowStart),
    ...(periodStart !== undefined ? { periodStart: new Date(periodStart) } : {}),
  };
}

export function decodeEvaluation(text: string): Evaluation {
  const stored = JSON.parse(text) as StoredEvaluation;
  return { ...stored, at: new Date(stored.at), snapshots: stored.snapshots.map(snapshotFrom) };
}
