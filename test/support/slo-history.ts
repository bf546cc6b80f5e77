/**
 * A known, deterministic history for one SLO, as the evaluator would have stored it: a point every
 * `stepMs` over `days` (budget draining slowly, an incident that burns a fifth of it, a short outage
 * with unknown counts), then the store's own retention folds old points to hourly ones, so the store
 * holds the stored resolution a real service would. Shared by the SLO page tests, bench and screenshots.
 */
import type { CatalogSlo } from '../../src/service/catalog/load-catalog.js';
import type { GroupLabels } from '../../src/service/engine/group-labels.js';
import type { BudgetSnapshot } from '../../src/service/engine/types.js';
import type { SnapshotStore } from '../../src/service/store/types.js';
import { parseDurationMs } from '../../src/core/model/duration.js';

const MINUTE_MS = 60_000;
const BATCH = 2000;

export interface HistoryShape {
  now: Date;
  days: number;
  stepMs: number;
  /** Points older than this many days are written an hour apart: retention keeps one an hour there anyway. */
  rawDays?: number;
  group?: GroupLabels;
  perMinute?: number;
  /** Share of the budget the steady drain spends over `days` (default 0.35) and the incident (default 0.2). */
  drain?: number;
  incident?: number;
}

/** Share of the budget spent by `at`: a steady drain plus an incident 30–31 h before `now`. */
function spentShare(at: number, start: number, now: number, shape: HistoryShape): number {
  const steady = (shape.drain ?? 0.35) * ((at - start) / (now - start));
  const incidentStart = now - 31 * 3_600_000;
  const incident = Math.min(1, Math.max(0, (at - incidentStart) / 3_600_000)) * (shape.incident ?? 0.2);
  return steady + incident;
}

/** The outage: 20 minutes, 12 h ago, when no cluster answered. */
function unknownAt(at: number, now: number): boolean {
  return at > now - 12 * 3_600_000 - 20 * MINUTE_MS && at <= now - 12 * 3_600_000;
}

/** Each alert window's burn rate: the budget share spent in the window over the window's share of the period. */
function burnRates(slo: CatalogSlo, at: number, start: number, now: number, windowSeconds: number, shape: HistoryShape): BudgetSnapshot['burnRates'] {
  const windows = [...new Set(slo.alertWindows.flatMap((w) => [w.shortWindow, w.longWindow]))];
  return windows.map((window) => {
    const ms = parseDurationMs(window) ?? 0;
    const spent = spentShare(at, start, now, shape) - spentShare(Math.max(start, at - ms), start, now, shape);
    const burnRate = Math.round((spent / (ms / 1000 / windowSeconds)) * 1e6) / 1e6;
    return { window, errorRatio: burnRate * (1 - slo.objectivePercent / 100), burnRate };
  });
}

export function historySnapshot(slo: CatalogSlo, at: Date, shape: HistoryShape): BudgetSnapshot {
  const now = shape.now.getTime();
  const start = now - shape.days * 86_400_000;
  const windowSeconds = (slo.window.kind === 'rolling' ? slo.window.days : 30) * 86_400;
  const total = Math.round((shape.perMinute ?? 1000) * (windowSeconds / 60));
  const allowed = (1 - slo.objectivePercent / 100) * total;
  const unknown = unknownAt(at.getTime(), now);
  const consumed = Math.round(spentShare(at.getTime(), start, now, shape) * allowed);
  return {
    sloId: slo.id,
    group: shape.group ?? {},
    at,
    objectiveRatio: slo.objectivePercent / 100,
    windowStart: new Date(at.getTime() - windowSeconds * 1000),
    windowSeconds,
    goodEvents: unknown ? null : total - consumed,
    totalEvents: unknown ? null : total,
    sli: unknown ? null : (total - consumed) / total,
    budget: {
      allowedBadEvents: allowed,
      consumedBadEvents: consumed,
      remainingRatio: unknown ? null : 1 - consumed / allowed,
      remainingMinutesOfOutage: null,
    },
    burnRates: unknown ? [] : burnRates(slo, at.getTime(), start, now, windowSeconds, shape),
    secondsToExhaustion: null,
    status: unknown ? 'no-data' : 'ok',
    clusters: [],
  };
}

/** Writes the history and applies retention at `now`; returns how many points the store keeps. */
export async function seedHistory(store: SnapshotStore, slo: CatalogSlo, shape: HistoryShape): Promise<number> {
  const now = shape.now.getTime();
  let batch: BudgetSnapshot[] = [];
  const fineFrom = now - (shape.rawDays ?? shape.days) * 86_400_000;
  for (let at = now - shape.days * 86_400_000; at <= now; at += at < fineFrom ? 3_600_000 : shape.stepMs) {
    batch.push(historySnapshot(slo, new Date(at), shape));
    if (batch.length === BATCH) {
      await store.saveSnapshots(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.saveSnapshots(batch);
  await store.applyRetention(shape.now);
  const points = await store.history({ sloId: slo.id, group: shape.group ?? {}, from: new Date(now - shape.days * 86_400_000), to: shape.now });
  return points.length;
}
