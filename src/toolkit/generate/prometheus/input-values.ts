/** The promtool values of one synthetic input series over a scenario's timeline, sampled every `intervalMs`. */
import type { Slo } from '../../../core/model/slo.js';
import type { SyntheticSeries } from '../../../core/synthetic/event-series.js';
import { nativeHistogramValues } from './native-histogram-series.js';
import { counterValues, gaugeValues, type Timeline } from './synthetic-series.js';

export function inputValues(slo: Slo, role: SyntheticSeries['role'], timeline: Timeline, intervalMs: number): string {
  if (role === 'gauge') return gaugeValues(timeline, 60_000 / intervalMs);
  if (role === 'histogram' && slo.sli.kind === 'latency') return nativeHistogramValues(timeline, slo.sli.thresholdSeconds);
  return counterValues(timeline, role);
}

/** Native-histogram input, which promtool 2.x cannot read. */
export function needsPrometheus3(series: readonly SyntheticSeries[]): boolean {
  return series.some((s) => s.role === 'histogram');
}
