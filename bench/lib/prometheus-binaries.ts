/**
 * The Prometheus line the benchmarks measure: 3.x (built by bin/setup-stack-tools) unless BENCH_PROMETHEUS=2.x
 * picks Debian's 2.x, to show where the older line differs. Server and promtool always come from the same line.
 */
import { execFileSync } from 'node:child_process';
import { prometheusLines, type PrometheusLine } from '../../test/support/stack-tools.js';

function benchLine(): PrometheusLine {
  const wanted = process.env.BENCH_PROMETHEUS ?? '3.x';
  const line = prometheusLines().find((l) => l.name === wanted);
  if (!line) throw new Error(`BENCH_PROMETHEUS=${wanted}: expected 2.x or 3.x`);
  return line;
}

export const benchPrometheus = (): string => benchLine().prometheus;
export const benchPromtool = (): string => benchLine().promtool;

/** "prometheus, version 3.16.0 (…)" → "Prometheus 3.16.0", for the results' header. */
export function benchPrometheusVersion(): string {
  const banner = execFileSync(benchPrometheus(), ['--version'], { encoding: 'utf8' });
  return `Prometheus ${/version (\S+)/.exec(banner)?.[1] ?? 'unknown'}`;
}
