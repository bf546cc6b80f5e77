/**
 * The real app on 127.0.0.1 with a SQLite store holding 30 days of history at the stored resolution
 * (a point a minute for the raw period, hourly before), pages and tickets, and the status fixture's
 * latest evaluation: what the screenshots and the SLO page bench look at.
 */
import { groupStoreKey, type GroupLabels } from '../../src/service/engine/group-labels.js';
import type { Evaluation } from '../../src/service/scheduler/evaluator.js';
import { DEFAULT_RETENTION } from '../../src/service/store/retention.js';
import { catalog, EVALUATED_AT, evaluationAt } from '../service/server/status-page/support/status-fixture.js';
import { startStatusApp, type StatusApp } from '../service/server/status-page/support/status-app.js';
import { seedHistory } from './slo-history.js';
import { seedPages } from './slo-pages.js';

const HOUR = 3_600_000;
export const DEMO_SLO = 'checkout-availability';
export const DEMO_GROUPED_SLO = 'storefront-pages';

const INCIDENT_SHARE = 0.2;

/** The history ends where the latest evaluation is, so the page's facts and its charts agree. */
function drainTo(latest: Evaluation, sloId: string, group: GroupLabels): number {
  const snapshot = latest.snapshots.find((s) => s.sloId === sloId && groupStoreKey(s.group) === groupStoreKey(group));
  return Math.max(0, 1 - (snapshot?.budget.remainingRatio ?? 1) - INCIDENT_SHARE);
}

export async function startSloPageDemo(): Promise<StatusApp & { points: number }> {
  const latest = evaluationAt(EVALUATED_AT);
  const app = await startStatusApp(catalog, { latest, now: EVALUATED_AT });
  const slo = catalog.slos.find((s) => s.id === DEMO_SLO)!;
  const grouped = catalog.slos.find((s) => s.id === DEMO_GROUPED_SLO)!;
  const shape = { now: EVALUATED_AT, days: 30, stepMs: 60_000, rawDays: DEFAULT_RETENTION.raw / (24 * HOUR), incident: INCIDENT_SHARE };
  const points = await seedHistory(app.store, slo, { ...shape, drain: drainTo(latest, slo.id, {}) });
  const cart = { route: '/cart' };
  await seedHistory(app.store, grouped, { ...shape, group: cart, drain: drainTo(latest, grouped.id, cart) });
  const at = (hoursAgo: number) => new Date(EVALUATED_AT.getTime() - hoursAgo * HOUR);
  await seedPages(app.store.paging, slo, [
    { triggeredAt: at(30.5), resolvedAt: at(29) },
    { triggeredAt: at(31), resolvedAt: at(27), tier: 'ticket' },
    { triggeredAt: at(2), tier: 'ticket' },
  ]);
  await seedPages(app.store.paging, grouped, [{ triggeredAt: at(30.5), resolvedAt: at(28.5), group: { route: '/cart' } }]);
  return { ...app, points };
}
