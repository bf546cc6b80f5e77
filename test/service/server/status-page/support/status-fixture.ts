/**
 * A realistic catalog and one evaluation of it, computed by the real engine from cluster counts:
 * an SLO within budget, one burning over its page thresholds, one spent, one partial (a stale cluster),
 * one without data, a grouped SLO (with a hostile label value), and a raw SLI the service cannot count.
 */
import { computeSnapshot, type SloObservation } from '../../../../../src/service/engine/index.js';
import type { CatalogSlo } from '../../../../../src/service/catalog/load-catalog.js';
import type { CompiledCatalog } from '../../../../../src/core/catalog/compiled-catalog.js';
import type { Evaluation } from '../../../../../src/service/scheduler/evaluator.js';
import { catalogOf } from '../../../support/test-catalog.js';
import { okCluster, staleCluster, sumClusters, type Traffic } from './traffic.js';

export const EVALUATED_AT = new Date('2026-03-10T09:30:00Z');
export const HOSTILE_ROUTE = '/search"><img src="http://203.0.113.9/x.png" onerror="alert(1)">';

export const catalog: CompiledCatalog = catalogOf([
  {
    service: 'checkout',
    team: 'web-shop',
    runbookUrl: 'https://runbooks.example.com/checkout',
    slos: {
      availability: { objective: 99.9, sli: { kind: 'ratio', errors: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' } },
      latency: { objective: 99, window: '7d', sli: { kind: 'latency', histogram: 'http_request_duration_seconds{job="checkout"}', threshold: '300ms' } },
    },
  },
  {
    service: 'payments',
    team: 'payments',
    slos: { authorize: { objective: 99.95, sli: { kind: 'ratio', errors: 'authorize_total{result="error"}', total: 'authorize_total' } } },
  },
  { service: 'search', team: 'discovery', slos: { query: { objective: 99.5, sli: { kind: 'ratio', errors: 'search_total{code="500"}', total: 'search_total' } } } },
  { service: 'inventory', team: 'logistics', slos: { sync: { objective: 99, sli: { kind: 'boolGauge', metric: 'inventory_sync_up' } } } },
  {
    service: 'storefront',
    team: 'web-shop',
    slos: { pages: { objective: 99.9, groupBy: ['route'], sli: { kind: 'ratio', errors: 'page_total{code="500"}', total: 'page_total' } } },
  },
  {
    service: 'billing',
    team: 'payments',
    slos: { legacy: { objective: 99, sli: { kind: 'raw', errorRatio: 'sum(rate(billing_errors_total[{{window}}])) / sum(rate(billing_total[{{window}}]))' } } },
  },
]);

const byId = (id: string): CatalogSlo => {
  const slo = catalog.slos.find((s) => s.id === id);
  if (!slo) throw new Error(`fixture: no SLO ${id}`);
  return slo;
};

const CLUSTERS = ['us-east-1', 'eu-west-1'];
const both = (id: string, t: Traffic, now: Date) => CLUSTERS.map((c) => okCluster(c, byId(id), now, t));

export const ROUTE_TRAFFIC: Record<string, Traffic> = {
  '/': { perMinute: 900, baseRatio: 0.0002 },
  '/cart': { perMinute: 300, baseRatio: 0.0009, incidentRatio: 0.02, incidentMinutes: 30 },
  [HOSTILE_ROUTE]: { perMinute: 40, baseRatio: 0 },
};

/** The observations a collector would return at `now`. */
export function observations(now: Date): SloObservation[] {
  const groups = Object.entries(ROUTE_TRAFFIC).map(([route, t]) => ({ route, clusters: both('storefront-pages', t, now) }));
  return [
    { sloId: 'checkout-availability', group: {}, clusters: both('checkout-availability', { perMinute: 1200, baseRatio: 0.00025 }, now) },
    {
      sloId: 'checkout-latency',
      group: {},
      clusters: both('checkout-latency', { perMinute: 800, baseRatio: 0.006, incidentRatio: 0.16, incidentMinutes: 40 }, now),
    },
    { sloId: 'payments-authorize', group: {}, clusters: both('payments-authorize', { perMinute: 500, baseRatio: 0.0008 }, now) },
    {
      sloId: 'search-query',
      group: {},
      clusters: [okCluster('us-east-1', byId('search-query'), now, { perMinute: 600, baseRatio: 0.001 }), staleCluster('eu-west-1', 'query timed out after 10s')],
    },
    { sloId: 'inventory-sync', group: {}, clusters: both('inventory-sync', { perMinute: 0, baseRatio: 0 }, now) },
    { sloId: 'storefront-pages', group: {}, clusters: sumClusters(groups.map((g) => g.clusters)) },
    ...groups.map((g) => ({ sloId: 'storefront-pages', group: { route: g.route }, clusters: g.clusters })),
  ];
}

/** One evaluation as the evaluator builds it: the real engine over every observation. */
export function evaluationAt(now: Date, observed = observations(now)): Evaluation {
  return {
    at: now,
    catalogVersion: catalog.version,
    durationMs: 840,
    snapshots: observed.map((o) => computeSnapshot(byId(o.sloId), o, now)),
    clusters: CLUSTERS.map((cluster) => ({ cluster, queries: 24, failedQueries: cluster === 'eu-west-1' ? 2 : 0, durationMs: 310 })),
  };
}
