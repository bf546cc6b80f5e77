/** Real compiled-catalog SLOs and real engine snapshots for paging tests: counts in, snapshots out. */
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import { burnRateWindows } from '../../../src/core/windows/burn-rate-windows.js';
import type { BudgetSnapshot, ClusterCounts, EventCounts } from '../../../src/service/engine/types.js';
import type { GroupLabels } from '../../../src/service/engine/group-labels.js';
import type { PagingSlo } from '../../../src/service/paging/page-condition.js';
import { catalogOf } from '../support/test-catalog.js';

export const catalog = catalogOf([
  {
    service: 'checkout',
    team: 'payments',
    runbookUrl: 'https://runbooks.example.com/checkout',
    dashboardUrl: 'https://grafana.example.com/d/burnrate-checkout',
    slos: {
      availability: {
        objective: 99.9,
        description: 'Checkout requests succeed.',
        sli: { kind: 'ratio', errors: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' },
      },
      latency: {
        objective: 99,
        groupBy: ['route'],
        sli: { kind: 'latency', histogram: 'http_request_duration_seconds{job="checkout"}', threshold: '300ms' },
        alerting: { page: { severity: 'sev2' }, minEvents: 50 },
      },
    },
  },
  {
    service: 'search',
    team: 'discovery',
    slos: { availability: { objective: 99.5, window: '7d', sli: { kind: 'ratio', errors: 'q_total{code="500"}', total: 'q_total' }, alerting: { page: false } } },
  },
]);

export function sloById(id: string): PagingSlo & (typeof catalog)['slos'][number] {
  const slo = catalog.slos.find((s) => s.id === id);
  if (!slo) throw new Error(`no SLO ${id} in the paging fixture catalog`);
  return slo;
}

export const availability = sloById('checkout-availability');
export const latency = sloById('checkout-latency');

/** Bad and total events of one window; `null` leaves the window unreported. */
export type WindowSpec = { bad: number; total: number } | null;

export interface SnapshotSpec {
  slo?: (typeof catalog)['slos'][number];
  at: Date;
  group?: GroupLabels;
  /** Per window key ("5m", "1h", …); windows not named get `fill`. */
  windows?: Record<string, WindowSpec>;
  /** Default for windows not named: healthy traffic. */
  fill?: WindowSpec;
  /** Whole-window counts; default 1,000,000 events, 0.05% bad. */
  window?: EventCounts;
  /** Add a stale second cluster: the snapshot is "partial". */
  staleCluster?: boolean;
}

export function snapshot({ slo = availability, at, group = {}, windows = {}, fill = { bad: 1, total: 10_000 }, window, staleCluster = false }: SnapshotSpec): BudgetSnapshot {
  const alertWindows: Record<string, EventCounts> = {};
  for (const { window: key } of burnRateWindows(slo)) {
    const spec = key in windows ? windows[key] : fill;
    if (spec) alertWindows[key] = { good: spec.total - spec.bad, total: spec.total };
  }
  const whole = window ?? { good: 999_500, total: 1_000_000 };
  const clusters: ClusterCounts[] = [{ cluster: 'eu', status: 'ok', window: whole, alertWindows }];
  if (staleCluster) clusters.push({ cluster: 'us', status: 'stale', error: 'timeout', alertWindows: {} });
  return computeSnapshot(slo, { sloId: slo.id, group, clusters }, at);
}

/** A snapshot with no events at all (every cluster answered, nothing counted). */
export function noDataSnapshot(at: Date, slo = availability, group: GroupLabels = {}): BudgetSnapshot {
  return computeSnapshot(slo, { sloId: slo.id, group, clusters: [{ cluster: 'eu', status: 'ok', window: { good: 0, total: 0 }, alertWindows: {} }] }, at);
}

/** 100 × the error budget in every window: every pair burns. */
export const BURNING: WindowSpec = { bad: 1000, total: 10_000 };
export const HEALTHY: WindowSpec = { bad: 1, total: 10_000 };

export const T0 = Date.parse('2025-06-02T10:00:00Z');
export const minutes = (m: number) => new Date(T0 + m * 60_000);
