import { describe, expect, it } from 'vitest';
import { sliceRangesAsWindow } from '../../../src/toolkit/load/openslo/openslo-threshold-slices.js';
import { byId, loadFixture, openSlo, texts } from './load-support.js';

describe('OpenSLO time slices', () => {
  it('Timeslices: timeSliceWindow and timeSliceTarget become the slice and its target, over a calendar month', async () => {
    const result = await loadFixture('openslo/timeslices.yaml');
    expect(result.problems).toEqual([]);
    const slo = byId(result.slos, 'web-availability');
    expect(slo.timeSlices).toEqual({ sliceSeconds: 60, sliceTarget: 0.99 });
    expect(slo.objectivePercent).toBe(99);
    expect(slo.window).toEqual({ kind: 'calendar', unit: 'month', timeZone: 'America/New_York' });
    expect(slo.sli.kind).toBe('ratio');
  });

  it('RatioTimeslices: a slice without target, from a referenced SLI', async () => {
    const result = await loadFixture('openslo/ratio-timeslices.yaml');
    expect(result.problems).toEqual([]);
    const slo = byId(result.slos, 'search-availability');
    expect(slo.timeSlices).toEqual({ sliceSeconds: 300 });
    expect(slo.objectivePercent).toBe(99.5);
    expect(slo.sli).toEqual({ kind: 'ratio', errors: 'search_requests_total{job="search",code=~"5.."}', total: 'search_requests_total{job="search"}' });
  });

  it('thresholdMetric under time slices: the query, op and value judge each slice; a range of one slice becomes {{window}}', async () => {
    const result = await loadFixture('openslo/threshold-timeslices.yaml');
    expect(result.problems).toEqual([]);
    const p99 = byId(result.slos, 'checkout-p99-latency');
    expect(p99.sli).toEqual({
      kind: 'threshold',
      measure: { of: 'query', query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[{{window}}])))' },
      op: 'lt',
      value: 0.3,
    });
    expect(p99.timeSlices).toEqual({ sliceSeconds: 60 });
    // A 5m average judged every minute keeps its own range.
    const queue = byId(result.slos, 'checkout-queue-depth');
    expect(queue.sli).toEqual({ kind: 'threshold', measure: { of: 'query', query: 'max(avg_over_time(checkout_queue_depth{job="worker"}[5m]))' }, op: 'lte', value: 100 });
    expect(queue.timeSlices).toEqual({ sliceSeconds: 60 });
    expect(queue.window).toEqual({ kind: 'calendar', unit: 'week', timeZone: 'Europe/Berlin' });
  });

  it('v1alpha: per-objective slices, Sloth\'s {{.window}} as the slice, and a number of minutes as timeSliceWindow', async () => {
    const result = await loadFixture('openslo/v1alpha-timeslices.yaml');
    expect(result.problems).toEqual([]);
    expect(byId(result.slos, 'ledger-postings').timeSlices).toEqual({ sliceSeconds: 60, sliceTarget: 0.95 });
    const balance = byId(result.slos, 'ledger-balance-p95');
    expect(balance.timeSlices).toEqual({ sliceSeconds: 60 });
    expect(balance.sli).toMatchObject({ kind: 'threshold', measure: { query: 'histogram_quantile(0.95, sum by (le) (rate(ledger_balance_duration_seconds_bucket[{{window}}])))' }, op: 'lte', value: 0.5 });
  });

  it('reports every setting it cannot honour at its field, in the document that holds it', async () => {
    const result = await loadFixture('openslo/timeslices-invalid.yaml');
    const at = (document: number, slo: string, field: string) => expect.stringMatching(new RegExp(`^test/fixtures/openslo/timeslices-invalid\\.yaml:\\d+:\\d+ › document ${document} › ${slo} › ${field.replace(/[[\].]/g, '\\$&')}: `));
    expect(texts(result.problems)).toEqual([
      at(2, 'ratio-slices-with-target', 'spec.objectives[0].timeSliceTarget'),
      at(3, 'slices-without-target', 'spec.objectives[0].timeSliceWindow'),
      at(3, 'slices-without-target', 'spec.objectives[0].timeSliceTarget'),
      at(4, 'threshold-slice-target', 'spec.objectives[0].timeSliceTarget'),
      at(5, 'threshold-on-a-counter', 'spec.objectives[0].op'),
      at(5, 'threshold-on-a-counter', 'spec.indicator.spec.thresholdMetric.metricSource.spec.query'),
      at(6, 'slices-counting-occurrences', 'spec.objectives[0].timeSliceWindow'),
      // Found by the shared validation on timeSlices.slice, reported where the author wrote it.
      expect.stringMatching(/^test\/fixtures\/openslo\/timeslices-invalid\.yaml:20:7 › document 1 › web-slice-too-long › spec\.objectives\[0\]\.timeSliceWindow: must divide every alert window .* 2m does not divide 5m/),
    ]);
    expect(result.problems.find((p) => p.code === 'time-slice-target')).toMatchObject({ line: 38, column: 7, document: 2 });
  });

  it('refuses a per-slice target for RatioTimeslices in v1alpha, where only Occurrences and Timeslices exist', () => {
    const alpha = {
      apiVersion: 'openslo/v1alpha',
      kind: 'SLO',
      metadata: { name: 'x', labels: { team: 'a' } },
      spec: {
        service: 'api',
        budgetingMethod: 'RatioTimeslices',
        objectives: [{ target: 0.99, timeSliceWindow: '1m', ratioMetrics: { good: { source: 'prometheus', query: 'ok_total' }, total: { source: 'prometheus', query: 'all_total' } } }],
      },
    };
    expect(texts(openSlo([alpha]).problems)).toEqual([expect.stringContaining('x › spec.budgetingMethod: must be Occurrences or Timeslices in OpenSLO v1alpha')]);
  });
});

describe('sliceRangesAsWindow', () => {
  it('rewrites range selectors of the slice length only: not other ranges, subqueries or label values', () => {
    expect(sliceRangesAsWindow('rate(x[1m]) / rate(y[60s]) + rate(z[5m])', 60_000)).toBe('rate(x[{{window}}]) / rate(y[{{window}}]) + rate(z[5m])');
    expect(sliceRangesAsWindow('max_over_time(x[1m:1m]) + on() y{path="[1m]"}', 60_000)).toBe('max_over_time(x[1m:1m]) + on() y{path="[1m]"}');
    expect(sliceRangesAsWindow('rate(x[{{window}}]) + rate(y[1m])', 60_000)).toBe('rate(x[{{window}}]) + rate(y[{{window}}])');
    expect(sliceRangesAsWindow('rate(x[1m]', 60_000)).toBe('rate(x[1m]'); // left for validation to report
  });
});
