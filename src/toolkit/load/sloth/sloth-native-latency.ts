/**
 * The native-histogram latency form of Sloth event queries, as Burnrate's Sloth export writes it:
 * error `histogram_fraction(<seconds>, +Inf, Q) * histogram_count(Q)` over total `histogram_count(Q)`,
 * Q being `sum(rate(histogram[{{.window}}]))` (or `sum by (...)`) of one selector, the same in all three places.
 */
import type { LatencySliInput } from '../../sdk/types.js';
import { latencyText } from '../latency-text.js';

const TOTAL = /^histogram_count\s*\((.*)\)$/s;
const ERROR = /^histogram_fraction\s*\(\s*([^,\s]+)\s*,\s*\+Inf\s*,\s*(.*)\)\s*\*\s*histogram_count\s*\((.*)\)$/s;

const squeezed = (text: string) => text.replace(/\s+/g, '');

/** The threshold and the rate query Q when both queries have the form, else undefined. */
export function nativeLatencyParts(error: string, total: string): { thresholdSeconds: number; rates: string } | undefined {
  const all = TOTAL.exec(total.trim());
  const errors = ERROR.exec(error.trim());
  if (!all?.[1] || !errors?.[1] || errors[2] === undefined || errors[3] === undefined) return undefined;
  const rates = all[1];
  if (![errors[2], errors[3]].every((q) => squeezed(q) === squeezed(rates))) return undefined;
  const thresholdSeconds = Number(errors[1]);
  return Number.isFinite(thresholdSeconds) && thresholdSeconds > 0 ? { thresholdSeconds, rates } : undefined;
}

export function nativeLatencySli(histogram: string, thresholdSeconds: number): LatencySliInput {
  return { kind: 'latency', histogram, threshold: latencyText(thresholdSeconds), native: true };
}
