/**
 * A scrape target for the fixture SLOs (fixture-slos.ts): counters that grow with time, a histogram, a probe
 * gauge and the span counters the service exports, in the Prometheus text format.
 */
import http from 'node:http';
import { SPAN_COUNTERS } from '../../../../src/core/conventions/metrics.js';

interface Series {
  name: string;
  labels: Record<string, string>;
  /** Increase per second (counters) or constant value (gauges, perSecond 0). */
  perSecond: number;
  value?: number;
}

function counters(name: string, labels: Record<string, string>, perSecond: number): Series {
  return { name, labels, perSecond };
}

/** Groups with different error rates, so "worst group" panels have a worst group to find. */
const TENANTS = [
  { tenant: 'acme', region: 'eu', errorsPerSecond: 0.05 },
  { tenant: 'globex', region: 'us', errorsPerSecond: 0.4 },
];

function fixtureSeries(): Series[] {
  const series: Series[] = [];
  for (const { errorsPerSecond, ...t } of TENANTS) {
    series.push(counters('http_requests_total', { job: 'payments', code: '200', ...t }, 20));
    series.push(counters('http_requests_total', { job: 'payments', code: '503', ...t }, errorsPerSecond));
  }
  for (const [le, share] of [['0.1', 0.6], ['0.25', 0.97], ['1', 0.999], ['+Inf', 1]] as const) {
    series.push(counters('http_request_duration_seconds_bucket', { job: 'payments', le }, 10 * share));
  }
  series.push(counters('http_request_duration_seconds_count', { job: 'payments' }, 10));
  series.push({ name: 'probe_success', labels: { job: 'blackbox', instance: 'https://shop.example.com/' }, perSecond: 0, value: 1 });
  series.push(counters('queue_processed_total', {}, 5), counters('queue_failed_total', {}, 0.001));
  const spans = [
    ['overview-traces-by-route', '/search/{query}', 7.99],
    ['overview-traces-by-route', '/search', 7.9],
    ['overview-traces-errors-only', '/', 7.995],
  ] as const;
  for (const [slo, route, good] of spans) {
    series.push(counters(SPAN_COUNTERS.total, { slo, route }, 8));
    series.push(counters(SPAN_COUNTERS.good, { slo, route }, good));
  }
  series.push(counters('jobs_total', {}, 3), counters('jobs_failed_total', {}, 0.002));
  return series;
}

function render(series: readonly Series[], elapsedSeconds: number): string {
  return series
    .map((s) => {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
      const value = s.value ?? 1000 + s.perSecond * elapsedSeconds;
      return `${s.name}{${labels}} ${value}`;
    })
    .join('\n')
    .concat('\n');
}

export async function startExposition(port: number): Promise<{ stop: () => Promise<void> }> {
  const started = Date.now();
  const series = fixtureSeries();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(render(series, (Date.now() - started) / 1000));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
