/**
 * Budget trends of many SLOs at once, for the status page: for each SLO (the whole, not its groups) and
 * each sample time t, the last stored remaining ratio in (t − bucket, t]. One statement per chunk of SLOs
 * of index seeks on (slo_id, group_key, at): its cost grows with SLOs × samples, not with stored points.
 */
import { type Kysely, sql } from 'kysely';
import type { StoreDatabase } from './database.js';

/** SLO ids per statement: well below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;
const WHOLE_SLO = '{}';

export interface TrendQuery {
  sloIds: readonly string[];
  /** Sample times, oldest first. */
  at: readonly Date[];
  /** Each sample looks this far back for its point. */
  bucketMs: number;
}

/** Per SLO id, one remaining ratio per sample time (null: no point with a ratio in that bucket). */
export type Trends = Map<string, (number | null)[]>;

export async function readTrends(db: Kysely<StoreDatabase>, query: TrendQuery): Promise<Trends> {
  const trends: Trends = new Map(query.sloIds.map((id) => [id, query.at.map(() => null)]));
  if (query.at.length === 0) return trends;
  const index = new Map(query.at.map((t, i) => [t.getTime(), i]));
  const times = sql.join(query.at.map((t) => sql`(cast(${t.getTime()} as bigint))`));
  for (let i = 0; i < query.sloIds.length; i += CHUNK) {
    const ids = sql.join(query.sloIds.slice(i, i + CHUNK).map((id) => sql`(${id})`));
    const { rows } = await sql<{ slo_id: string; t: number | string; ratio: number | null }>`
      with s(slo_id) as (values ${ids}), b(t) as (values ${times})
      select s.slo_id, b.t, (
        select x.remaining_ratio from budget_snapshots x
        where x.slo_id = s.slo_id and x.group_key = ${WHOLE_SLO} and x.at <= b.t and x.at > b.t - ${query.bucketMs}
          and x.remaining_ratio is not null
        order by x.at desc limit 1
      ) as ratio
      from s cross join b`.execute(db);
    for (const row of rows) {
      const slot = index.get(Number(row.t));
      const series = trends.get(row.slo_id);
      if (series && slot !== undefined && row.ratio !== null) series[slot] = Number(row.ratio);
    }
  }
  return trends;
}
