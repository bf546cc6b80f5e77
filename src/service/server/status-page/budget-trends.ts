/**
 * The status page's budget trends: every SLO's remaining ratio at 6-hour steps over the last 7 days, read
 * from the store in one bounded query and kept until the next step, so a page refresh (every 30 s, per
 * viewer) costs no database read. Sample times are aligned to whole steps: every replica and every refresh
 * reads the same points, and points written since the last step come from the in-memory evaluation.
 */
import type { SnapshotStore } from '../../store/types.js';

export const TREND_STEP_MS = 6 * 3_600_000;
export const TREND_SAMPLES = 28;
/** After a failed read, pages render without trends for this long before the store is asked again. */
const RETRY_AFTER_FAILURE_MS = 30_000;

export interface BudgetTrends {
  /** Sample times, oldest first; the page appends the latest evaluation as the last point. */
  at: Date[];
  ratios: Map<string, (number | null)[]>;
}

/** The aligned sample times for `now`: the last whole step and the 27 before it. */
export function trendTimes(now: Date): Date[] {
  const last = Math.floor(now.getTime() / TREND_STEP_MS) * TREND_STEP_MS;
  return Array.from({ length: TREND_SAMPLES }, (_, i) => new Date(last - (TREND_SAMPLES - 1 - i) * TREND_STEP_MS));
}

export type TrendReader = (sloIds: readonly string[], catalogVersion: string, now: Date) => Promise<BudgetTrends | undefined>;

/**
 * Reads once per step and catalog. While the next step's read runs, pages get the previous step's trends
 * (at most one step old) rather than waiting for it; only the very first read is waited for.
 */
export function createTrendReader(store: Pick<SnapshotStore, 'budgetTrends'>, onError: (error: unknown) => void): TrendReader {
  let current: { key: string; trends: BudgetTrends } | undefined;
  let loading: { key: string; done: Promise<BudgetTrends | undefined> } | undefined;
  let retryAt = 0;
  return async (sloIds, catalogVersion, now) => {
    const at = trendTimes(now);
    const key = `${catalogVersion}@${at.at(-1)?.getTime()}`;
    if (current?.key === key) return current.trends;
    if (loading?.key !== key && now.getTime() >= retryAt) {
      const read = store.budgetTrends({ sloIds, at, bucketMs: TREND_STEP_MS }).then(
        (ratios) => {
          current = { key, trends: { at, ratios } };
          return current.trends;
        },
        (error: unknown) => {
          onError(error);
          retryAt = now.getTime() + RETRY_AFTER_FAILURE_MS;
          return undefined;
        },
      );
      loading = { key, done: read.finally(() => (loading = undefined)) };
    }
    return current?.trends ?? (await loading?.done);
  };
}
