/** Writes a latency in seconds the way authors do ("300ms", "1.5s"), so it parses back to the same number. */
import { parseLatencySeconds } from '../../core/model/duration.js';
import type { LatencyThreshold } from '../sdk/types.js';

export function latencyText(seconds: number): LatencyThreshold {
  const ms = Number((seconds * 1000).toPrecision(12));
  if (seconds < 1 && Number.isInteger(ms) && parseLatencySeconds(`${ms}ms`) === seconds) return `${ms}ms`;
  const text: LatencyThreshold = `${seconds}s`;
  return parseLatencySeconds(text) === seconds ? text : `${ms}ms`;
}
