/** The counter queries other formats write, read as the counter whose increase Burnrate records. */
import { describe, expect, it } from 'vitest';
import { readCounterQuery, readSampleQuery } from '../../../src/toolkit/load/counter-query.js';

describe('readCounterQuery', () => {
  it('reads sum(x) and sum by (...) (x) as the counter x, the same as x itself', () => {
    const bare = readCounterQuery('http_requests_total{code=~"5.."}');
    const summed = readCounterQuery('sum(http_requests_total{code=~"5.."})');
    expect(summed).toEqual(bare);
    expect(summed).toEqual({ ok: true, query: { selector: 'http_requests_total{code=~"5.."}', groupBy: [] } });
    expect(readCounterQuery('sum by (route, code) (http_requests_total)')).toEqual({ ok: true, query: { selector: 'http_requests_total', groupBy: ['route', 'code'] } });
  });

  it('still reads rate() and increase(), and refuses other aggregations and functions', () => {
    expect(readCounterQuery('sum(rate(x_total[5m]))')).toEqual({ ok: true, query: { selector: 'x_total', groupBy: [], range: '5m', fn: 'Rate' } });
    expect(readCounterQuery('avg(x_total)')).toMatchObject({ ok: false, reason: expect.stringContaining('only sum(...) keeps event counts') });
    expect(readCounterQuery('sum without (pod) (x_total)')).toMatchObject({ ok: false, reason: 'sum without (...) is not supported; use sum by (...)' });
    expect(readCounterQuery('sum(delta(x[5m]))')).toMatchObject({ ok: false, reason: expect.stringContaining('delta() does not count events') });
  });
});

describe('readSampleQuery', () => {
  it('reads count_over_time and sum_over_time of one gauge, for 0/1 gauges', () => {
    expect(readSampleQuery('sum(count_over_time(probe_success[1h]))')).toEqual({ ok: true, query: { selector: 'probe_success', groupBy: [], range: '1h', fn: 'CountOverTime' } });
    expect(readSampleQuery('sum_over_time(up{job="a"}[5m])')).toMatchObject({ ok: true, query: { fn: 'SumOverTime' } });
    expect(readSampleQuery('rate(x_total[5m])')).toMatchObject({ ok: false });
  });
});
