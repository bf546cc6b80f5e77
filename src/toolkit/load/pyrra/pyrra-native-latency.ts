/**
 * Pyrra's `latencyNative` as a native latency SLI. Pyrra reads `latency` as a Prometheus duration ("300ms",
 * "1s"); a bare number is taken as seconds, the unit of the histogram. Burnrate's threshold is written in
 * ms or s, so the value is rewritten that way and must be above zero.
 */
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import { parseDurationMs, parseLatencySeconds } from '../../../core/model/duration.js';
import type { LatencySliInput } from '../../sdk/types.js';
import { latencyText } from '../latency-text.js';

function seconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const ms = parseDurationMs(trimmed);
  return ms !== undefined ? ms / 1000 : parseLatencySeconds(trimmed);
}

export function pyrraNativeLatency(histogram: string, latency: string, field: string, sink: ProblemSink): LatencySliInput | undefined {
  const value = seconds(latency);
  if (value === undefined || !(value > 0)) {
    sink.error('pyrra-latency-native', field, `must be a latency above zero such as "300ms", "1s" or "0.3" (seconds), got ${JSON.stringify(latency)}`);
    return undefined;
  }
  return { kind: 'latency', histogram, threshold: latencyText(value), native: true };
}
