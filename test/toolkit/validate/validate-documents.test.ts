/** Value and shape checks in-process: exact messages, errors kept apart from warnings, frozen results. */
import { describe, expect, it } from 'vitest';
import type { LoadedDocument } from '../../../src/toolkit/load/document.js';
import { formatProblem } from '../../../src/core/diagnostics/problem.js';
import { validateDocuments } from '../../../src/toolkit/validate/validate-documents.js';

const RATIO = { kind: 'ratio', errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' };

function doc(slos: Record<string, unknown>, extra: Record<string, unknown> = {}, file = 'checkout.slo.ts'): LoadedDocument {
  return { file, format: 'typescript', sets: [{ service: 'checkout', team: 'payments', ...extra, slos }], problems: [] };
}

function lines(docs: LoadedDocument[], severity: 'error' | 'warning' = 'error'): string[] {
  return validateDocuments(docs).problems.filter((p) => p.severity === severity).map(formatProblem);
}

describe('shape', () => {
  it('reports a typo once, as an unknown field with a hint, not also as a missing field', () => {
    expect(lines([doc({ a: { objectiv: 99, sli: RATIO } })])).toEqual(['checkout.slo.ts › checkout-a › objectiv: unknown field; did you mean "objective"?']);
  });

  it('hints typos at every level: sli, window, alerting and its options', () => {
    const slo = { objective: 99, window: { calender: 'month' }, sli: { ...RATIO, totl: 'x_total' }, alerting: { noData: { forr: '5m' }, minEvnts: 5 } };
    expect(lines([doc({ a: slo })])).toEqual([
      'checkout.slo.ts › checkout-a › window.calender: unknown field; did you mean "calendar"?',
      'checkout.slo.ts › checkout-a › sli.totl: unknown field; did you mean "total"?',
      'checkout.slo.ts › checkout-a › alerting.noData.forr: unknown field; did you mean "for"?',
      'checkout.slo.ts › checkout-a › alerting.minEvnts: unknown field; did you mean "minEvents"?',
    ]);
  });

  it('says what a field expects when its type is wrong', () => {
    const slo = { objective: 99, groupBy: 'route', sli: { kind: 'latency', histogram: 'x_seconds', threshold: 300 }, alerting: { page: 'yes' } };
    expect(lines([doc({ a: slo })])).toEqual([
      'checkout.slo.ts › checkout-a › sli.threshold: must be a latency (string) such as "300ms", got the number 300',
      'checkout.slo.ts › checkout-a › groupBy: must be a list of label names such as ["route"], got the string "route"',
      'checkout.slo.ts › checkout-a › alerting.page: must be true, false or { severity: "..." }, got the string "yes"',
    ]);
  });

  it('rejects a set that is not an object and a set without SLOs', () => {
    expect(lines([{ file: 'x.slo.ts', format: 'typescript', sets: ['checkout'], problems: [] }])).toEqual([
      'x.slo.ts: must export an SLO set made with defineSlos({ service, team, slos }), got the string "checkout"',
    ]);
    expect(lines([doc({})])).toEqual(['checkout.slo.ts › slos: must define at least one SLO, e.g. slos: { availability: { objective: 99.9, sli: {...} } }']);
  });
});

describe('values', () => {
  it('checks ratio selectors: both or neither of good/errors', () => {
    expect(lines([doc({ a: { objective: 99, sli: { kind: 'ratio', total: 'x_total' } } })])).toEqual([
      'checkout.slo.ts › checkout-a › sli: give "good" (a selector of good events) or "errors" (of bad events) next to "total"',
    ]);
  });

  it('checks bucket lists and groupBy lists', () => {
    const slo = { objective: 99, groupBy: ['route', 'route'], sli: { kind: 'latency', histogram: 'x_seconds', threshold: '300ms', buckets: [0.1, 0.5, 0.3] } };
    expect(lines([doc({ a: slo })])).toEqual([
      'checkout.slo.ts › checkout-a › groupBy[1]: "route" is listed twice',
      'checkout.slo.ts › checkout-a › sli.buckets[2]: bucket boundaries must be positive seconds in ascending order without repeats, got 0.3 after 0.5',
    ]);
  });

  it('allows trace SLIs to group by route only', () => {
    expect(lines([doc({ a: { objective: 99, groupBy: ['tenant'], sli: { kind: 'traces', service: 'api' } } })])).toEqual([
      'checkout.slo.ts › checkout-a › groupBy: trace SLIs can group by "route" only (the span counters burnrate_spans_total carry slo and route), got tenant',
    ]);
  });

  it('checks set-level links and labels, which spoil every SLO of the set', () => {
    const result = validateDocuments([doc({ a: { objective: 99, sli: RATIO } }, { dashboardUrl: 'ftp://grafana', labels: { env: '' } })]);
    expect(result.problems.map(formatProblem)).toEqual([
      'checkout.slo.ts › labels.env: an empty value removes the label in Prometheus; give a value or drop the label',
      'checkout.slo.ts › dashboardUrl: must be an absolute http(s) URL such as "https://runbooks.example.com/checkout", got "ftp://grafana"',
    ]);
    expect(result.validSlos).toEqual([]);
  });
});

describe('native-histogram latency', () => {
  const native = (threshold: string, extra: Record<string, unknown> = {}) => ({ objective: 99, sli: { kind: 'latency', histogram: 'rpc_duration_seconds', threshold, native: true, ...extra } });

  it('accepts any threshold: no le bucket has to exist, so none is warned about', () => {
    const thresholds = ['437ms', '1.2s', '0.75s', '3s'];
    const result = validateDocuments([doc(Object.fromEntries(thresholds.map((t, i) => [`t${i}`, native(t)])))]);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.slos.map((s) => s.sli)).toEqual(
      [0.437, 1.2, 0.75, 3].map((seconds) => ({ kind: 'latency', histogram: 'rpc_duration_seconds', thresholdSeconds: seconds, native: true })),
    );
    // The same thresholds on a classic histogram are not default buckets, so they are warned about there.
    const classic = Object.fromEntries(thresholds.map((t, i) => [`t${i}`, { objective: 99, sli: { kind: 'latency', histogram: 'rpc_duration_seconds', threshold: t } }]));
    expect(lines([doc(classic)], 'warning')).toHaveLength(thresholds.length);
  });

  it('refuses buckets, and reports the SLO\'s other problems with it', () => {
    expect(lines([doc({ a: native('fast', { buckets: [0.1, 0.3] }), b: native('300ms', { buckets: [0.3] }) })])).toEqual([
      'checkout.slo.ts › checkout-a › sli.threshold: must be a latency above 0 such as "300ms" or "1.5s", got "fast"',
      'checkout.slo.ts › checkout-a › sli.buckets: a native histogram has no fixed buckets: any threshold works, so leave "buckets" out',
      'checkout.slo.ts › checkout-b › sli.buckets: a native histogram has no fixed buckets: any threshold works, so leave "buckets" out',
    ]);
  });

  it('words the milliseconds warning for histogram_fraction', () => {
    const slo = { objective: 99, sli: { kind: 'latency', histogram: 'rpc_duration_milliseconds', threshold: '100ms', native: true } };
    expect(lines([doc({ ms: slo })], 'warning')).toEqual([
      'checkout.slo.ts › checkout-ms › sli.histogram: "rpc_duration_milliseconds" seems to measure milliseconds, but Burnrate passes the threshold in seconds to histogram_fraction; make sure the histogram\'s observations are in seconds',
    ]);
  });
});

describe('warnings', () => {
  it('flags things that work but are likely mistakes, without failing', () => {
    const slos = {
      ratio: { objective: 0.999, sli: { kind: 'ratio', errors: 'x_sum{code="5"}', total: 'x_count' } },
      zone: { objective: 99, window: { calendar: 'week', timeZone: 'CET' }, sli: RATIO },
      raw: { objective: 99, sli: { kind: 'raw', errorRatio: 'sum(rate(e_total[{{window}}])) / sum(rate(t_total[1h]))' } },
      ms: { objective: 99, sli: { kind: 'latency', histogram: 'rpc_duration_milliseconds', threshold: '100ms' } },
      quiet: { objective: 99, sli: RATIO, alerting: { page: false, ticket: false, noData: { for: '30s' } } },
      same: { objective: 99, sli: RATIO, alerting: { page: { severity: 'critical' }, ticket: { severity: 'critical' } } },
      probe: { objective: 99, sli: { kind: 'boolGauge', metric: 'probe_failures_total' } },
    };
    const result = validateDocuments([doc(slos)]);
    expect(result.ok).toBe(true);
    expect(result.slos).toHaveLength(7);
    expect(lines([doc(slos)], 'warning')).toEqual([
      'checkout.slo.ts › checkout-ratio › objective: 0.999 looks like a ratio; objectives are percentages (did you mean 99.9?)',
      'checkout.slo.ts › checkout-ratio › sli.errors: "x_sum" adds up observed values, not events; count events with x_count',
      'checkout.slo.ts › checkout-zone › window.timeZone: "CET" is an abbreviation (it resolves to Europe/Brussels); name the region, e.g. "Europe/Berlin", so the period starts where you expect',
      'checkout.slo.ts › checkout-raw › sli.errorRatio: the range [1h] does not follow the alert windows; write [{{window}}]',
      'checkout.slo.ts › checkout-ms › sli.histogram: "rpc_duration_milliseconds" seems to measure milliseconds, but Burnrate reads the bucket le="<threshold in seconds>"; make sure the histogram\'s buckets are in seconds',
      'checkout.slo.ts › checkout-quiet › alerting: page and ticket are both off: nobody hears about this SLO burning its budget',
      'checkout.slo.ts › checkout-quiet › alerting.noData.for: 30s is shorter than one rule evaluation interval (about 1m), so one late scrape raises a no-data alert; "5m" or more is usual',
      'checkout.slo.ts › checkout-same › alerting.ticket.severity: page and ticket alerts share severity "critical", so Alertmanager cannot route pages and tickets apart',
      'checkout.slo.ts › checkout-probe › sli.metric: "probe_failures_total" looks like a counter; boolGauge SLIs read a 0/1 gauge such as probe_success or up',
    ]);
  });
});

describe('across files', () => {
  it('finds duplicate ids even when one of the SLOs is invalid, and warns about a service split between teams', () => {
    const a = doc({ availability: { objective: 99, sli: RATIO } }, {}, 'a.slo.ts');
    const b = doc({ availability: { objective: 100, sli: RATIO } }, { team: 'web' }, 'b.slo.ts');
    const result = validateDocuments([a, b]);
    expect(result.problems.map((p) => `${p.severity}: ${formatProblem(p)}`)).toEqual([
      'error: b.slo.ts › checkout-availability › objective: must be below 100 (100% leaves no error budget), got 100',
      'error: b.slo.ts › checkout-availability: SLO id "checkout-availability" is already defined in a.slo.ts; ids (<service>-<name>) must be unique across files',
      'warning: b.slo.ts › checkout-availability › team: service "checkout" belongs to team "payments" in a.slo.ts but to "web" here; alerts of one service route to one team',
    ]);
    expect(result.slos).toEqual([]);
    expect(result.validSlos).toEqual([]);
  });

  it('freezes valid SLOs and sorts them by id; keeps valid ones apart when others fail', () => {
    const result = validateDocuments([doc({ zeta: { objective: 99, sli: RATIO }, alpha: { objective: 99.5, sli: RATIO }, bad: { objective: -1, sli: RATIO } })]);
    expect(result.ok).toBe(false);
    expect(result.slos).toEqual([]);
    expect(result.validSlos.map((s) => s.id)).toEqual(['checkout-alpha', 'checkout-zeta']);
    expect(Object.isFrozen(result.validSlos[0]?.sli)).toBe(true);
  });
});
