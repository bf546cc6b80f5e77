/** promtool input values of a time-slice scenario's series, sampled every `sampleMs`. */
import { roundRatio } from '../../../core/model/slo.js';
import type { SliceSeries } from '../../../core/synthetic/slice-series.js';
import type { SliceTimeline } from './slice-model.js';

/**
 * Sample k of a counter gains the step of the slice its interval [(k−1)·δ, k·δ) lies in, so a slice's
 * increase holds only its own events; sample k of a gauge reads the slice that ends at or after k·δ.
 */
function samples(series: SliceSeries, timeline: SliceTimeline, sampleMs: number): number[] {
  const { sliceMs, states } = timeline;
  const count = (states.length * sliceMs) / sampleMs;
  const stateAt = (ms: number) => states[Math.min(states.length - 1, Math.max(0, Math.floor(ms / sliceMs)))] ?? 'good';
  const values: number[] = [];
  if (series.kind === 'gauge') {
    values.push(series.step(stateAt(0)));
    for (let k = 1; k <= count; k++) values.push(series.step(stateAt(k * sampleMs - 1)));
    return values;
  }
  values.push(0);
  for (let k = 1; k <= count; k++) values.push(roundRatio((values[k - 1] ?? 0) + series.step(stateAt((k - 1) * sampleMs))));
  return values;
}

/** Runs of a constant step as `a+bxn` (n+1 samples a, a+b, ..., a+nb). */
function runs(values: readonly number[]): string {
  const tokens: string[] = [];
  for (let i = 0; i < values.length; ) {
    const first = values[i] ?? 0;
    const step = i + 1 < values.length ? roundRatio((values[i + 1] ?? 0) - first) : 0;
    let j = i + 1;
    while (j < values.length && roundRatio((values[j] ?? 0) - (values[j - 1] ?? 0)) === step) j++;
    const n = j - i - 1;
    tokens.push(n === 0 ? String(first) : `${first}${step < 0 ? '' : '+'}${step}x${n}`);
    i = j;
  }
  return tokens.join(' ');
}

export function sliceSeriesValues(series: SliceSeries, timeline: SliceTimeline, sampleMs: number): string {
  return runs(samples(series, timeline, sampleMs));
}
