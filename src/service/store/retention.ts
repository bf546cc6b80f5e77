/**
 * Retention: raw points become one point per hour, hourly points one per day, daily points expire.
 * A snapshot is a level (the budget of a whole window at that instant), not a delta, so a bucket keeps its
 * LAST snapshot, never a sum or an average: the last one with known counts when it has one (an outage's
 * unknown points must not hide what was measured), an unknown one only when all its points are unknown.
 * Buckets are whole UTC hours/days before an aligned cutoff, so each bucket is collapsed once and
 * completely (the scheduler writes points at "now", so no point arrives in an already collapsed bucket).
 * Calendar SLOs also split buckets by budget period, so the last point before a reset survives.
 */
import { type Kysely, sql } from 'kysely';
import type { StoreDatabase } from './database.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Ages in milliseconds (the service config's `retention` section). */
export interface RetentionPolicy {
  /** Raw points older than this become hourly. */
  raw: number;
  /** Hourly points older than this become daily. */
  hourly: number;
  /** Daily points older than this are deleted. */
  daily: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { raw: 2 * DAY_MS, hourly: 35 * DAY_MS, daily: 400 * DAY_MS };

export function retentionPolicy(overrides: Partial<RetentionPolicy> = {}): RetentionPolicy {
  const policy = { ...DEFAULT_RETENTION, ...overrides };
  const ordered = policy.raw > 0 && policy.raw <= policy.hourly && policy.hourly <= policy.daily;
  if (!ordered) throw new Error(`store retention must satisfy 0 < raw ≤ hourly ≤ daily (ms), got ${JSON.stringify(policy)}`);
  return policy;
}

type Resolution = 'raw' | 'hourly' | 'daily';

/** Sorts points with known counts before unknown ones (false < true on both engines). */
const KNOWN_FIRST = sql`(total_events is null)`;

/** Keeps the last `from` point of each bucket older than `cutoff` and relabels it `to`. */
async function collapse(db: Kysely<StoreDatabase>, from: Resolution, to: Resolution, bucketMs: number, cutoff: number): Promise<number> {
  const ranked = db
    .selectFrom('budget_snapshots')
    .select([
      'id',
      sql<number>`row_number() over (partition by slo_id, group_key, period_start, at / ${sql.lit(bucketMs)} order by ${KNOWN_FIRST}, at desc, id desc)`.as(
        'rank',
      ),
    ])
    .where('resolution', '=', from)
    .where('at', '<', cutoff);
  const removed = await db
    .deleteFrom('budget_snapshots')
    .where('id', 'in', db.selectFrom(ranked.as('ranked')).select('ranked.id').where('ranked.rank', '>', 1))
    .executeTakeFirst();
  await db.updateTable('budget_snapshots').set({ resolution: to }).where('resolution', '=', from).where('at', '<', cutoff).execute();
  return Number(removed.numDeletedRows);
}

export async function applyRetentionPolicy(db: Kysely<StoreDatabase>, policy: RetentionPolicy, now: Date): Promise<{ downsampled: number; deleted: number }> {
  const nowMs = now.getTime();
  return db.transaction().execute(async (trx) => {
    // Each stage ranks only the rows crossing its cutoff (the resolution/at index finds them), not all history.
    const hourly = await collapse(trx, 'raw', 'hourly', HOUR_MS, Math.floor((nowMs - policy.raw) / HOUR_MS) * HOUR_MS);
    const daily = await collapse(trx, 'hourly', 'daily', DAY_MS, Math.floor((nowMs - policy.hourly) / DAY_MS) * DAY_MS);
    const expired = await trx.deleteFrom('budget_snapshots').where('at', '<', nowMs - policy.daily).executeTakeFirst();
    return { downsampled: hourly + daily, deleted: Number(expired.numDeletedRows) };
  });
}
