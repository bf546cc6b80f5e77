/** PromQL analysis on the Prometheus Lezer grammar: error positions, type errors, surviving labels. */
import { describe, expect, it } from 'vitest';
import { labelsLost, pinnedLabels } from '../../../src/core/promql/promql-labels.js';
import { findPromqlError, findSyntaxError, findTypeError } from '../../../src/core/promql/promql-syntax.js';
import { parseSelector, renderSelector } from '../../../src/core/promql/promql.js';

describe('syntax errors', () => {
  it.each([
    ['sum(rate(x[5m])', 15, 'unexpected end of expression; a closing ) is missing'],
    ['x{job="a"', 9, 'unexpected end of expression; a closing } is missing'],
    ['x{job=a}', 6, 'label values must be quoted strings, e.g. job="a"'],
    ['foo_bar(x)', 7, 'unknown function "foo_bar"'],
    ['x{job="a"} )', 11, 'unexpected ")"'],
    ['', 0, 'the expression is empty'],
  ])('%j fails at offset %i: %s', (expr, offset, reason) => {
    const error = findSyntaxError(expr);
    expect(error).toMatchObject({ kind: 'syntax', offset, reason, line: 1, column: offset + 1 });
    expect(error?.excerpt).toEqual([expr, `${' '.repeat(offset)}^`]);
  });

  it('gives line and column in multi-line expressions', () => {
    const error = findSyntaxError('sum(rate(a[5m]))\n/\nsum(rate(b[5m])');
    expect(error).toMatchObject({ line: 3, column: 16, offset: 34, excerpt: ['sum(rate(b[5m])', `${' '.repeat(15)}^`] });
  });

  it('accepts valid expressions', () => {
    for (const expr of ['up', 'sum by (route) (rate(x_total{code=~"5.."}[5m])) / sum by (route) (rate(x_total[5m]))', 'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))']) {
      expect(findPromqlError(expr), expr).toBeUndefined();
    }
  });
});

describe('type errors Prometheus rejects at rule load', () => {
  it.each([
    ['rate(x)', 5, 'rate() needs a range vector such as x[5m], got an instant vector'],
    ['quantile_over_time(0.9, x)', 24, 'quantile_over_time() needs a range vector such as x[5m], got an instant vector'],
    ['sum(x[5m])', 4, 'sum() needs an instant vector; wrap the range in a function such as rate(x[5m])'],
    ['x[5m]', 0, 'the expression must give an instant vector, not a range; wrap it in a function such as rate(...)'],
    ['rate(sum(x)[5m])', 11, 'a range [...] can only follow a metric selector; for an expression use a subquery such as (expr)[1h:5m]'],
  ])('%j at offset %i', (expr, offset, reason) => {
    expect(findTypeError(expr)).toMatchObject({ kind: 'type', offset, reason });
  });

  it('accepts ranges where they belong', () => {
    expect(findTypeError('sum(rate(x[5m] offset 1h)) / sum(increase(y[1h:5m]))')).toBeUndefined();
  });
});

describe('labels that survive to the top', () => {
  it.each([
    ['sum(rate(e[5m])) / sum(rate(t[5m]))', ['route']],
    ['sum by (route) (rate(e[5m])) / sum by (route) (rate(t[5m]))', []],
    ['sum(rate(e[5m])) by (route) / on (route) sum(rate(t[5m])) by (route)', []],
    ['sum by (route) (rate(e[5m])) / on (job) sum by (route, job) (rate(t[5m]))', ['route']],
    ['sum by (route) (rate(e[5m])) / ignoring (code) group_left sum(rate(t[5m]))', []],
    ['sum without (instance) (rate(e[5m])) / sum without (route) (rate(t[5m]))', ['route']],
    ['1 - (sum by (route) (rate(g[5m])) / sum by (route) (rate(t[5m])))', []],
    ['rate(e[5m]) / rate(t[5m])', []],
    ['topk(3, sum by (route) (x))', []],
    ['label_replace(sum(x), "route", "$1", "path", "(.*)")', []],
    ['sum by (route) (x) or vector(0)', ['route']],
  ])('%j loses %j', (expr, lost) => {
    expect(labelsLost(expr, ['route'])).toEqual(lost);
  });

  it('finds selectors that pin a groupBy label to one value', () => {
    expect(pinnedLabels('sum by (route) (rate(e{route="/pay"}[5m])) / sum by (route) (rate(t{route=~"/pay"}[5m]))', ['route'])).toEqual([{ label: 'route', matcher: 'route="/pay"' }]);
    expect(pinnedLabels('e{route=~"/pay|/refund"}', ['route'])).toEqual([]);
    expect(pinnedLabels('e{route=~"/pay"}', ['route'])).toEqual([{ label: 'route', matcher: 'route=~"/pay"' }]);
  });
});

describe('selectors (the API the rule generator relies on)', () => {
  it('parses and renders plain selectors, refusing anything else', () => {
    const selector = parseSelector('http_requests_total{job="checkout",code=~"5.."}');
    expect(selector).toEqual({ metric: 'http_requests_total', matchers: [{ name: 'job', op: '=', value: 'checkout' }, { name: 'code', op: '=~', value: '5..' }] });
    expect(renderSelector(selector!, { suffix: '_x', extra: [{ name: 'le', op: '=', value: '0.3' }] })).toBe('http_requests_total_x{job="checkout",code=~"5..",le="0.3"}');
    expect(parseSelector('rate(x[5m])')).toBeUndefined();
    expect(parseSelector('x{')).toBeUndefined();
  });
});
