/**
 * What a PromQL range selector holds on each Prometheus line, for tests whose exact expected values depend on
 * it. Prometheus 3 made ranges left-open: `x[5m]` at t holds the samples in (t-5m, t], where 2.x held the
 * closed [t-5m, t], so a sample on the boundary drops out and increase() extrapolates over the missing step.
 * Expectations computed from the samples a test writes, through its line's rule, hold on both lines; constants
 * read off one line's output do not.
 */
import type { PrometheusLine } from './stack-tools.js';

export type LineName = PrometheusLine['name'];

/** One sample: milliseconds, value. */
export interface Sample {
  t: number;
  v: number;
}

/** The samples `[rangeMs]` selects at `evalMs`: 2.x closed [t-w, t], 3.x left-open (t-w, t]. */
export function rangeSamples(line: LineName, samples: readonly Sample[], evalMs: number, rangeMs: number): Sample[] {
  const start = evalMs - rangeMs;
  return samples.filter((s) => s.t <= evalMs && (line === '2.x' ? s.t >= start : s.t > start));
}

/**
 * `increase(counter[rangeMs])` at `evalMs`, extrapolated as Prometheus does: to the range's edges when the
 * first and last samples are within 1.1 sample intervals of them (else half an interval), never below the
 * counter's zero point. 2.x caps at the zero point before the 1.1-interval test, 3.x after it.
 */
export function increase(line: LineName, samples: readonly Sample[], evalMs: number, rangeMs: number): number | undefined {
  const s = rangeSamples(line, samples, evalMs, rangeMs);
  const first = s[0];
  const last = s.at(-1);
  if (!first || !last || s.length < 2) return undefined;
  let delta = last.v - first.v;
  for (let i = 1; i < s.length; i++) if (s[i]!.v < s[i - 1]!.v) delta += s[i - 1]!.v; // counter reset
  const sampled = (last.t - first.t) / 1000;
  const average = sampled / (s.length - 1);
  const toZero = delta > 0 && first.v >= 0 ? sampled * (first.v / delta) : Infinity;
  let toStart = (first.t - (evalMs - rangeMs)) / 1000;
  let toEnd = (evalMs - last.t) / 1000;
  if (line === '2.x') toStart = Math.min(toStart, toZero);
  if (toStart >= average * 1.1) toStart = average / 2;
  if (line === '3.x') toStart = Math.min(toStart, toZero);
  if (toEnd >= average * 1.1) toEnd = average / 2;
  return delta * ((sampled + toStart + toEnd) / sampled);
}

/** `avg_over_time(series[rangeMs])` at `evalMs`. */
export function avgOverTime(line: LineName, samples: readonly Sample[], evalMs: number, rangeMs: number): number | undefined {
  const s = rangeSamples(line, samples, evalMs, rangeMs);
  return s.length === 0 ? undefined : s.reduce((sum, x) => sum + x.v, 0) / s.length;
}
