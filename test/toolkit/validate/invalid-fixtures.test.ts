/**
 * Every fixture under test/fixtures/invalid/ through the real CLI: `validate` and `generate` both exit 1,
 * print exactly the expected problem lines (file › SLO › field: message), and generate writes nothing.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { makeTempDir } from '../../support/temp-dir.js';

const DIR = 'test/fixtures/invalid';
/** Two CLI runs per case; generous because the suite shares two cores with other CLI and server tests. */
const TIMEOUT_MS = 240_000;

interface Case {
  fixture: string;
  errors: string[];
  /** Lines printed under the last error (PromQL or source excerpts). */
  excerpt?: string[];
}

const CASES: Case[] = [
  { fixture: 'unknown-field-typo.slo.ts', errors: ['unknown-field-typo.slo.ts:9:7 › checkout-availability › objectiv: unknown field; did you mean "objective"?'] },
  { fixture: 'objective-100.slo.ts', errors: ['objective-100.slo.ts:9:7 › checkout-availability › objective: must be below 100 (100% leaves no error budget), got 100'] },
  { fixture: 'objective-string.slo.ts', errors: ['objective-string.slo.ts:9:7 › checkout-availability › objective: must be a percentage (number) such as 99.9, got the string "99.9"; write the number without quotes'] },
  { fixture: 'missing-objective.slo.ts', errors: ['missing-objective.slo.ts:8:5 › checkout-availability › objective: is required: a percentage (number) such as 99.9'] },
  { fixture: 'window-in-words.slo.ts', errors: ['window-in-words.slo.ts:10:7 › checkout-availability › window: must be whole days from 1d to 400d such as "30d", or { calendar: "month" }, got "30 days"; did you mean "30d"?'] },
  { fixture: 'unknown-time-zone.slo.ts', errors: ['unknown-time-zone.slo.ts:10:36 › storefront-monthly-availability › window.timeZone: must be an IANA time zone such as "Europe/Berlin", got "Europe/Berln"; did you mean "Europe/Berlin"?'] },
  { fixture: 'calendar-typo.slo.ts', errors: ['calendar-typo.slo.ts:10:17 › storefront-monthly-availability › window.calendar: must be "month" or "week", got "monthly"; did you mean "month"?'] },
  {
    fixture: 'promql-syntax-error.slo.ts',
    errors: ['promql-syntax-error.slo.ts:12:9 › checkout-availability › sli.errors: PromQL syntax error at offset 46: unexpected end of expression; a closing } is missing'],
    excerpt: ['    http_requests_total{job="checkout",code=~"5.."', `    ${' '.repeat(46)}^`],
  },
  {
    fixture: 'unquoted-label-value.slo.ts',
    errors: ['unquoted-label-value.slo.ts:13:9 › checkout-availability › sli.total: PromQL syntax error at offset 24: label values must be quoted strings, e.g. job="checkout"'],
    excerpt: ['    http_requests_total{job=checkout}', `    ${' '.repeat(24)}^`],
  },
  {
    fixture: 'not-a-selector.slo.ts',
    errors: ['not-a-selector.slo.ts:13:9 › checkout-availability › sli.total: must be a plain vector selector such as http_requests_total{job="api"}, got rate(http_requests_total{job="checkout"}[5m]); Burnrate adds increase(), the windows and sum by (groupBy) itself, so write http_requests_total{job="checkout"}'],
  },
  { fixture: 'good-and-errors.slo.ts', errors: ['good-and-errors.slo.ts:10:7 › checkout-availability › sli: give "good" or "errors" next to "total", not both'] },
  { fixture: 'good-equals-total.slo.ts', errors: ['good-equals-total.slo.ts:12:9 › checkout-availability › sli.good: selects the same series as sli.total, so the SLI would always be 100%; add the matcher that tells good events apart, e.g. code=~"5.."'] },
  { fixture: 'threshold-not-a-bucket.slo.ts', errors: ['threshold-not-a-bucket.slo.ts:13:9 › checkout-latency › sli.threshold: 250ms (0.25s) is not a bucket boundary of this histogram, so no le="0.25" series exists; nearest buckets are 0.1s and 0.3s'] },
  {
    fixture: 'native-histogram-buckets.slo.ts',
    errors: [
      'native-histogram-buckets.slo.ts:15:9 › checkout-latency › sli.buckets: a native histogram has no fixed buckets: any threshold works, so leave "buckets" out',
      'native-histogram-buckets.slo.ts:20:31 › checkout-latency-bucket › sli.histogram: give the histogram\'s base name without _bucket: http_request_duration_seconds{job="checkout"}',
    ],
  },
  { fixture: 'histogram-bucket-suffix.slo.ts', errors: ['histogram-bucket-suffix.slo.ts:12:9 › checkout-latency › sli.histogram: give the histogram\'s base name without _bucket: http_request_duration_seconds{job="checkout"}'] },
  { fixture: 'raw-without-window.slo.ts', errors: ['raw-without-window.slo.ts:12:9 › search-error-ratio › sli.errorRatio: must write its ranges as [{{window}}] so each alert window gets its own (found [5m]), e.g. sum(rate(errors_total[{{window}}])) / sum(rate(requests_total[{{window}}]))'] },
  { fixture: 'raw-drops-groupby.slo.ts', errors: ['raw-drops-groupby.slo.ts:13:9 › search-error-ratio-by-route › sli.errorRatio: drops the groupBy label "route": an aggregation or vector match loses it; keep it, e.g. sum by (route) (...)'] },
  {
    fixture: 'raw-rate-without-range.slo.ts',
    errors: ['raw-rate-without-range.slo.ts:12:9 › search-error-ratio › sli.errorRatio: PromQL type error at offset 9: rate() needs a range vector such as search_errors_total[5m], got an instant vector'],
    excerpt: ['    sum(rate(search_errors_total)) / sum(rate(search_requests_total[{{window}}]))', `    ${' '.repeat(9)}^`],
  },
  { fixture: 'reserved-label.slo.ts', errors: ['reserved-label.slo.ts:10:17 › checkout-availability › labels.slo: "slo" is set by Burnrate itself (reserved: slo, burnrate_tier and names starting with "__"); choose another label name'] },
  {
    fixture: 'conflicting-labels.slo.ts',
    errors: [
      'conflicting-labels.slo.ts:10:37 › checkout-availability › labels.service: is "cart" but the service is "checkout"; Burnrate labels every alert service="checkout", so remove the label or make it "checkout"',
      'conflicting-labels.slo.ts:10:17 › checkout-availability › labels.team: names team "storefront" but the owning team is "payments"; alerts route to one owning team, so remove the label or make the two the same',
    ],
  },
  { fixture: 'reserved-groupby.slo.ts', errors: ['reserved-groupby.slo.ts:10:17 › checkout-latency › groupBy[0]: "le" is set by Burnrate itself and cannot be grouped by (reserved: slo, window, burnrate_tier, severity, team, service, sli_kind, __name__, le)'] },
  { fixture: 'bad-label-name.slo.ts', errors: ['bad-label-name.slo.ts:7:13 › labels.cost-center: label names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with "__", got "cost-center"; did you mean "cost_center"?'] },
  { fixture: 'unknown-sli-kind.slo.ts', errors: ['unknown-sli-kind.slo.ts:11:9 › checkout-availability › sli.kind: must be one of ratio, latency, boolGauge, raw, threshold, traces, got the string "ratoi"; did you mean "ratio"?'] },
  { fixture: 'negative-min-events.slo.ts', errors: ['negative-min-events.slo.ts:15:19 › checkout-availability › alerting.minEvents: must be a whole number of events, 0 or more (0 switches the low-traffic guard off), got -5'] },
  { fixture: 'nodata-for-not-duration.slo.ts', errors: ['nodata-for-not-duration.slo.ts:11:29 › storefront-homepage-probe › alerting.noData.for: must be a duration above 0 such as "10m", got "10 minutes"; did you mean "10m"?'] },
  { fixture: 'nodata-longer-than-window.slo.ts', errors: ['nodata-longer-than-window.slo.ts:12:29 › storefront-homepage-probe › alerting.noData.for: must be shorter than the SLO window (7d), got 7d'] },
  { fixture: 'bad-runbook-url.slo.ts', errors: ['bad-runbook-url.slo.ts:10:7 › checkout-availability › runbookUrl: must be an absolute http(s) URL such as "https://runbooks.example.com/checkout", got "runbooks.example.com/checkout"; did you mean "https://runbooks.example.com/checkout"?'] },
  { fixture: 'uppercase-severity.slo.ts', errors: ['uppercase-severity.slo.ts:15:27 › checkout-availability › alerting.page.severity: must be a lowercase word such as "critical" or "warning", got "Critical"; did you mean "critical"?'] },
  { fixture: 'bad-service-name.slo.ts', errors: ['bad-service-name.slo.ts:5:3 › service: service names must be lowercase words joined by dashes such as "checkout", got "Checkout_API"; did you mean "checkout-api"?'] },
  {
    fixture: 'module-throws.slo.ts',
    errors: ["module-throws.slo.ts:4:38: the module threw while loading: TypeError: Cannot read properties of undefined (reading 'trim')"],
    excerpt: ['    const job = process.env.CHECKOUT_JOB!.trim();', `    ${' '.repeat(37)}^`],
  },
  { fixture: 'exports-nothing.slo.ts', errors: ['exports-nothing.slo.ts:4:1: exports no SLO set; export the result of defineSlos({...})'], excerpt: ['    defineSlos({', '    ^'] },
  {
    fixture: 'syntax-error.slo.ts',
    errors: ['syntax-error.slo.ts:7:3: cannot load the module: syntax error: Unexpected token, expected ","'],
    excerpt: ['      slos: {', '      ^'],
  },
  { fixture: 'duplicate-id', errors: ['duplicate-id/checkout.slo.ts:7:5 › checkout-availability: SLO id "checkout-availability" is already defined in test/fixtures/invalid/duplicate-id/checkout-copy.slo.ts; ids (<service>-<name>) must be unique across files'] },
];

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('error: '));
}

function expectProblems(stderr: string, c: Case): void {
  const expected = c.errors.map((e) => `error: ${DIR}/${e}`);
  expect(errorLines(stderr)).toEqual(expected);
  if (c.excerpt) {
    const lines = stderr.split('\n');
    const at = lines.indexOf(expected.at(-1) ?? '');
    expect(lines.slice(at + 1, at + 1 + c.excerpt.length)).toEqual(c.excerpt);
  }
}

describe.concurrent('invalid definitions', () => {
  it('covers every fixture in the folder', async () => {
    const entries = (await readdir(DIR)).filter((e) => e !== 'many-problems.slo.ts');
    expect(CASES.map((c) => c.fixture).sort()).toEqual(entries.sort());
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of CASES) {
    it(`${c.fixture}: validate and generate exit 1, name the problem, write nothing`, async () => {
      const file = `${DIR}/${c.fixture}`;
      const validate = await runCli(['validate', file]);
      expect(validate.code, validate.stderr).toBe(1);
      expectProblems(validate.stderr, c);

      const out = await makeTempDir();
      try {
        const generate = await runCli(['generate', '--out', out.dir, file]);
        expect(generate.code, generate.stderr).toBe(1);
        expectProblems(generate.stderr, c);
        expect(generate.stderr).toContain('nothing written');
        expect(await readdir(out.dir, { recursive: true })).toEqual([]);
      } finally {
        await out.remove();
      }
    }, TIMEOUT_MS);
  }
});
