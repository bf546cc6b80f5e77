/**
 * An evaluation written once by the leader: its snapshots appended to the history and the whole evaluation
 * kept as the latest, in one transaction fenced by the leader's lease, so a replica that lost its lease
 * writes nothing. Standby replicas read the latest to serve the same budgets.
 */
import type { Kysely } from 'kysely';
import type { BudgetSnapshot } from '../engine/types.js';
import type { Fence } from '../leadership/lease-types.js';
import type { StoreDatabase } from './database.js';
import { checkFence } from './lease-store.js';
import type { LeadershipTables } from './leadership-tables.js';
import { snapshotRow } from './snapshot-rows.js';

/** Rows per INSERT: 10 parameters each stays far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;
const LATEST = 'evaluator';

export interface StoredEvaluation {
  at: Date;
  catalogVersion: string;
  /** The leader epoch it was written under. */
  epoch: number;
  /** The evaluation as JSON. */
  body: string;
}

export interface EvaluationWrite {
  at: Date;
  catalogVersion: string;
  snapshots: readonly BudgetSnapshot[];
  body: string;
}

type Db = Kysely<StoreDatabase & LeadershipTables>;

export async function appendSnapshots(db: Kysely<StoreDatabase>, snapshots: readonly BudgetSnapshot[]): Promise<void> {
  if (snapshots.length === 0) return;
  const rows = snapshots.map(snapshotRow);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('budget_snapshots').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  });
}

export async function saveFencedEvaluation(base: Kysely<StoreDatabase>, write: EvaluationWrite, fence: Fence, now: Date): Promise<void> {
  const db: Db = base.withTables<LeadershipTables>();
  const rows = write.snapshots.map(snapshotRow);
  await db.transaction().execute(async (trx) => {
    await checkFence(trx, fence, now);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('budget_snapshots').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    const latest = { epoch: fence.epoch, at: write.at.getTime(), catalog_version: write.catalogVersion, body: write.body };
    await trx
      .insertInto('latest_evaluation')
      .values({ name: LATEST, ...latest })
      .onConflict((oc) => oc.column('name').doUpdateSet(latest))
      .execute();
  });
}

/** The latest evaluation's time only: standbys poll it and read the body when it changed. */
export async function latestEvaluationAt(base: Kysely<StoreDatabase>): Promise<Date | undefined> {
  const row = await base.withTables<LeadershipTables>().selectFrom('latest_evaluation').select('at').where('name', '=', LATEST).executeTakeFirst();
  return row ? new Date(Number(row.at)) : undefined;
}

export async function latestEvaluation(base: Kysely<StoreDatabase>): Promise<StoredEvaluation | undefined> {
  const row = await base.withTables<LeadershipTables>().selectFrom('latest_evaluation').selectAll().where('name', '=', LATEST).executeTakeFirst();
  return row ? { at: new Date(Number(row.at)), catalogVersion: row.catalog_version, epoch: Number(row.epoch), body: row.body } : undefined;
}
