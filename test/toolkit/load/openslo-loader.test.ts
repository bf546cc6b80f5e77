import { describe, expect, it } from 'vitest';
import { byId, loadFixture, openSlo, texts } from './load-support.js';

describe('OpenSLO v1 fixtures', () => {
  it('reads a multi-document file: Service, DataSource, a referenced SLI and inline indicators', async () => {
    const result = await loadFixture('openslo/checkout.yaml');
    expect(result.problems).toEqual([]);
    expect(result.slos.map((s) => s.id)).toEqual(['checkout-availability', 'checkout-latency', 'checkout-payments-standard', 'checkout-payments-stretch']);

    const availability = byId(result.slos, 'checkout-availability');
    expect(availability.service).toBe('checkout');
    expect(availability.team).toBe('payments'); // from the Service's team label
    expect(availability.objectivePercent).toBe(99.9); // target 0.999, without float noise
    expect(availability.window).toEqual({ kind: 'rolling', days: 28 });
    expect(availability.sli).toEqual({
      kind: 'ratio',
      errors: 'http_requests_total{job="checkout",code=~"5.."}',
      total: 'http_requests_total{job="checkout"}',
    });
    expect(availability.groupBy).toEqual([]);
    expect(availability.labels).toEqual({ criticality: 'high' }); // Service labels, team consumed
    expect(availability.runbookUrl).toBe('https://runbooks.example.com/checkout/availability');
    expect(availability.description).toBe('Checkout API requests complete without a server error.');
    expect(availability.source).toEqual({ file: 'test/fixtures/openslo/checkout.yaml', format: 'openslo' });

    const latency = byId(result.slos, 'checkout-latency');
    expect(latency.sli).toEqual({
      kind: 'latency',
      histogram: 'http_request_duration_seconds{job="checkout"}',
      thresholdSeconds: 0.3,
      buckets: [0.05, 0.1, 0.3, 0.5, 1, 2.5],
    });
    expect(latency.window).toEqual({ kind: 'rolling', days: 28 }); // 4w
    expect(latency.objectivePercent).toBe(99);
    expect(latency.alerting.ticket).toEqual({ enabled: true, severity: 'info' });
    expect(latency.alerting.page).toEqual({ enabled: true, severity: 'critical', keepFiringForSeconds: 300 });
  });

  it('turns an SLO with several objectives into one Burnrate SLO per objective', async () => {
    const result = await loadFixture('openslo/checkout.yaml');
    const standard = byId(result.slos, 'checkout-payments-standard');
    const stretch = byId(result.slos, 'checkout-payments-stretch');
    expect([standard.objectivePercent, stretch.objectivePercent]).toEqual([99, 99.5]);
    for (const slo of [standard, stretch]) {
      expect(slo.sli).toEqual({ kind: 'ratio', good: 'payment_authorisations_total{result="approved"}', total: 'payment_authorisations_total' });
      expect(slo.labels).toEqual({ criticality: 'high', component: 'payments-gateway' });
      expect(slo.window).toEqual({ kind: 'rolling', days: 30 });
    }
  });

  it('reads calendar windows, sum by (...) grouping, a threshold latency and a team annotation', async () => {
    const result = await loadFixture('openslo/storefront.yaml');
    expect(result.problems).toEqual([]);
    const pages = byId(result.slos, 'storefront-page-views');
    expect(pages.team).toBe('web');
    expect(pages.window).toEqual({ kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' });
    expect(pages.objectivePercent).toBe(99.95);
    expect(pages.labels).toEqual({ surface: 'public' });
    expect(pages.dashboardUrl).toBe('https://grafana.example.com/d/storefront');
    expect(pages.sli).toEqual({ kind: 'ratio', good: 'storefront_page_views_total{status!~"5.."}', total: 'storefront_page_views_total' });

    const routes = byId(result.slos, 'storefront-api-routes');
    expect(routes.window).toEqual({ kind: 'calendar', unit: 'week', timeZone: 'UTC' });
    expect(routes.groupBy).toEqual(['route']);
    expect(routes.objectivePercent).toBe(99.5);
    expect(routes.sli).toEqual({
      kind: 'ratio',
      errors: 'http_requests_total{job="storefront-api",code=~"5.."}',
      total: 'http_requests_total{job="storefront-api"}',
    });

    const search = byId(result.slos, 'storefront-search-latency');
    expect(search.sli).toEqual({ kind: 'latency', histogram: 'search_request_duration_seconds{job="storefront-search"}', thresholdSeconds: 0.5 });
    expect(search.window).toEqual({ kind: 'rolling', days: 7 });
    expect(search.objectivePercent).toBe(99);
  });

  it('names a missing indicatorRef and suggests the SLI that exists', async () => {
    const result = await loadFixture('openslo/missing-ref.yaml');
    expect(result.ok).toBe(false);
    expect(texts(result.problems)).toEqual([
      'test/fixtures/openslo/missing-ref.yaml:28:3 › document 2 › orders-availability › spec.indicatorRef: names no SLI in this file: "order-errors"; did you mean "orders-errors"?',
    ]);
  });
});

/** A valid SLO object; tests change one part at a time. */
function slo(overrides: { metadata?: object; spec?: object } = {}) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'api-availability', labels: { team: 'core' }, ...overrides.metadata },
    spec: {
      service: 'api',
      indicator: {
        metadata: { name: 'api-errors' },
        spec: {
          ratioMetric: {
            counter: true,
            bad: { metricSource: { type: 'Prometheus', spec: { query: 'requests_total{code=~"5.."}' } } },
            total: { metricSource: { type: 'Prometheus', spec: { query: 'requests_total' } } },
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.99 }],
      ...overrides.spec,
    },
  };
}

function thresholdIndicator(query: string) {
  return { metadata: { name: 'latency' }, spec: { thresholdMetric: { metricSource: { type: 'Prometheus', spec: { query } } } } };
}

function errorsOf(docs: unknown[]): string[] {
  return texts(openSlo(docs).problems);
}

describe('OpenSLO v1 mapping details', () => {
  it('accepts the base document', () => {
    const result = openSlo([slo()]);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]?.id).toBe('api-availability');
  });

  it('reads rate() queries and several spellings of the window', () => {
    const ratio = {
      ratioMetric: {
        good: { metricSource: { type: 'prometheus', spec: { query: 'rate(requests_total{code!~"5.."}[5m])' } } },
        total: { metricSource: { type: 'prometheus', spec: { query: '(increase(requests_total[1h]))' } } },
      },
    };
    const indicator = { metadata: { name: 'x' }, spec: ratio };
    const windows = { '2w': 14, '720h': 30, '7d': 7 } as Record<string, number>;
    for (const [duration, days] of Object.entries(windows)) {
      const result = openSlo([slo({ spec: { indicator, timeWindow: [{ duration, isRolling: true }] } })]);
      expect(result.slos[0]?.window).toEqual({ kind: 'rolling', days });
      expect(result.slos[0]?.sli).toEqual({ kind: 'ratio', good: 'requests_total{code!~"5.."}', total: 'requests_total' });
    }
  });

  it('maps ratioMetric raw to a raw SLI averaged over the window', () => {
    const indicator = {
      metadata: { name: 'x' },
      spec: { ratioMetric: { rawType: 'success', raw: { metricSource: { type: 'Prometheus', spec: { query: 'job:availability:ratio{job="api"}' } } } } },
    };
    const result = openSlo([slo({ spec: { indicator } })]);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]?.sli).toEqual({ kind: 'raw', errorRatio: '1 - avg_over_time(job:availability:ratio{job="api"}[{{window}}])' });
  });

  it('refuses what it cannot honour, naming the field in the source document', () => {
    const cases: [object, string][] = [
      [slo({ spec: { budgetingMethod: 'RatioTimeslices' } }), 'api-availability › spec.objectives[0].timeSliceWindow: is required with budgetingMethod: RatioTimeslices'],
      [slo({ spec: { budgetingMethod: 'Sometimes' } }), 'api-availability › spec.budgetingMethod: must be one of Occurrences, Timeslices, RatioTimeslices, got "Sometimes"'],
      [slo({ spec: { alertPolicies: [{ alertPolicyRef: 'page-on-call' }] } }), 'api-availability › spec.alertPolicies: OpenSLO alert policies are not supported'],
      [slo({ metadata: { labels: { team: 'core', region: ['eu', 'us'] } } }), 'api-availability › metadata.labels.region: holds 2 values'],
      [slo({ spec: { timeWindow: [{ duration: '1M', isRolling: true }] } }), 'spec.timeWindow[0].duration: a rolling window must be whole days'],
      [slo({ spec: { timeWindow: [{ duration: '1Q', isRolling: false, calendar: { timeZone: 'UTC' } }] } }), 'spec.timeWindow[0].duration: Burnrate calendar windows are one month ("1M") or one week ("1w")'],
      [slo({ spec: { timeWindow: [{ duration: '1M', calendar: { startTime: '2024-01-15 00:00:00', timeZone: 'UTC' } }] } }), 'spec.timeWindow[0].calendar.startTime: Burnrate calendar periods start at midnight on the 1st of a month'],
      [slo({ spec: { timeWindow: [{ duration: '1w', calendar: { startTime: '2024-01-03 00:00:00', timeZone: 'UTC' } }] } }), 'calendar.startTime: Burnrate calendar periods start at midnight on a Monday'],
      [slo({ spec: { objectives: [{ target: 0.99, targetPercent: 99 }] } }), 'spec.objectives[0]: give exactly one of target'],
      [slo({ spec: { objectives: [{ targetPercent: 99 }, { targetPercent: 99.9 }] } }), 'spec.objectives[0]: an SLO with several objectives becomes one Burnrate SLO per objective: give each a name or displayName'],
      [slo({ spec: { objectives: [{ indicatorRef: 'x', targetPercent: 99, compositeWeight: 1 }] } }), 'spec.objectives[0]: composite SLOs'],
      [slo({ spec: { objectives: [{ op: 'lte', value: 1, target: 0.99 }] } }), 'spec.objectives[0]: op and value apply to a thresholdMetric only'],
      [slo({ spec: { indicator: thresholdIndicator('histogram_quantile(0.99, sum by (le) (rate(h_seconds_bucket[5m])))'), objectives: [{ op: 'lte', value: 0.3, target: 0.99 }] } }), 'spec.indicator.spec.thresholdMetric.metricSource.spec.query: a quantile compared per evaluation needs time slices: set budgetingMethod: Timeslices'],
      [slo({ spec: { indicator: thresholdIndicator('h_seconds_bucket{job="api"}'), objectives: [{ op: 'lt', value: 0.3, target: 0.99 }] } }), 'spec.objectives[0].op: must be "lte" for a latency threshold (Prometheus buckets count observations at or below le'],
      [slo({ spec: { indicator: thresholdIndicator('queue_depth{job="api"}'), objectives: [{ op: 'lte', value: 10, target: 0.99 }] } }), 'thresholdMetric.metricSource.spec.query: thresholdMetric is supported for a Prometheus histogram in seconds'],
      [slo({ spec: { indicator: { metadata: { name: 'x' }, spec: { ratioMetric: { counter: false, good: {}, total: {} } } } } }), 'spec.indicator.spec.ratioMetric.good.metricSource: is required'],
      [slo({ spec: { indicatorRef: 'api-errors' } }), 'spec.indicator: give exactly one of indicator'],
      [slo({ metadata: { annotations: { 'burnrate.dev/runbook': 'https://x' } } }), 'metadata.annotations["burnrate.dev/runbook"]: is not a Burnrate annotation; did you mean "burnrate.dev/runbook-url"?'],
      [slo({ metadata: { annotations: { 'burnrate.dev/alerting': '{page: false}' } } }), 'metadata.annotations["burnrate.dev/alerting"]: must be JSON'],
      [slo({ spec: { objectivs: [] } }), 'spec.objectivs: is not a field of OpenSLO v1 here'],
      [{ ...slo(), apiVersion: 'openslo/v2alpha' }, 'api-availability › apiVersion: Burnrate reads openslo/v1 and openslo/v1alpha, got "openslo/v2alpha"'],
      [{ ...slo(), apiVersion: 'openslo/v1alpha' }, 'api-availability › spec.timeWindow: is not a field of OpenSLO v1alpha here'],
      [slo({ metadata: { name: 'API availability' } }), 'API availability › metadata.name: must be a DNS label (RFC 1123)'],
      [{ apiVersion: 'openslo/v1', kind: 'AlertPolicy', metadata: { name: 'page' }, spec: {} }, 'page › kind: AlertPolicy is not supported'],
    ];
    for (const [doc, expected] of cases) {
      expect(errorsOf([doc]), expected).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
    }
  });

  it('refuses counter: false and non-Prometheus sources', () => {
    const gauge = slo();
    (gauge.spec.indicator.spec.ratioMetric as { counter: boolean }).counter = false;
    expect(errorsOf([gauge])).toEqual([expect.stringContaining('spec.indicator.spec.ratioMetric.counter: counter: false (gauges) is not supported')]);

    const datadog = { metadata: { name: 'x' }, spec: { ratioMetric: { good: { metricSource: { type: 'Datadog', spec: { query: 'sum:hits{ok}' } } }, total: { metricSource: { type: 'Datadog', spec: { query: 'sum:hits{*}' } } } } } };
    expect(errorsOf([slo({ spec: { indicator: datadog } })])).toEqual([
      expect.stringContaining('ratioMetric.good.metricSource.type: Burnrate reads Prometheus metrics only, got "Datadog"'),
      expect.stringContaining('ratioMetric.total.metricSource.type: Burnrate reads Prometheus metrics only'),
    ]);
  });

  it('refuses queries that are not counts of events, quoting them', () => {
    const indicator = { metadata: { name: 'x' }, spec: { ratioMetric: { good: { metricSource: { type: 'Prometheus', spec: { query: 'avg(rate(ok_total[5m]))' } } }, total: { metricSource: { type: 'Prometheus', spec: { query: 'sum(rate(all_total[5m]))' } } } } } };
    expect(errorsOf([slo({ spec: { indicator } })])).toEqual([
      'inline.yaml › api-availability › spec.indicator.spec.ratioMetric.good.metricSource.spec.query: only sum(...) keeps event counts; expected a counter selector, or rate()/increase() of one selector, optionally inside sum(...) or sum by (...); got "avg(rate(ok_total[5m]))"',
    ]);
  });

  it('resolves metricSourceRef through a DataSource, and reports one that is missing', () => {
    const source = { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: { name: 'prom' }, spec: { type: 'Prometheus', connectionDetails: {} } };
    const viaRef = (ref: string) => ({ metadata: { name: 'x' }, spec: { ratioMetric: { bad: { metricSource: { metricSourceRef: ref, spec: { query: 'e_total' } } }, total: { metricSource: { metricSourceRef: ref, spec: { query: 'a_total' } } } } } });
    expect(openSlo([source, slo({ spec: { indicator: viaRef('prom') } })]).slos[0]?.sli).toEqual({ kind: 'ratio', errors: 'e_total', total: 'a_total' });
    expect(errorsOf([source, slo({ spec: { indicator: viaRef('thanos') } })])).toEqual(
      expect.arrayContaining([expect.stringContaining('ratioMetric.bad.metricSource.metricSourceRef: names no DataSource in this file ("thanos")')]),
    );
  });

  it('takes the exact SLI from burnrate.dev/sli and keeps groupBy from burnrate.dev/group-by', () => {
    const annotations = { 'burnrate.dev/sli': JSON.stringify({ kind: 'boolGauge', metric: 'probe_success{job="blackbox"}' }), 'burnrate.dev/group-by': 'instance' };
    const result = openSlo([slo({ metadata: { annotations } })]);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]?.sli).toEqual({ kind: 'boolGauge', metric: 'probe_success{job="blackbox"}' });
    expect(result.slos[0]?.groupBy).toEqual(['instance']);
  });

  it('strips a leading "<service>-" from names, so ids do not repeat the service', () => {
    const result = openSlo([slo({ metadata: { name: 'availability' } }), slo({ metadata: { name: 'api-api-latency' } })]);
    expect(result.slos.map((s) => s.id).sort()).toEqual(['api-api-latency', 'api-availability']);
    expect(texts(result.problems)).toEqual([]);
    expect(errorsOf([slo(), slo({ metadata: { name: 'availability' } })])).toEqual([
      'inline.yaml › document 2 › availability › metadata.name: becomes the Burnrate SLO "api-availability", which SLO "api-availability" in this file already defines',
    ]);
  });
});
