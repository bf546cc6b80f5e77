/**
 * Synthetic series for time-slice SLOs: which series feed the slice judgments and how each moves in a good
 * and in a bad slice. Counted SLIs reuse the event series (all events good, or all bad); threshold SLIs get
 * a classic histogram whose observations sit wholly under or over the threshold, or a gauge on either side.
 */
import type { Slo, ThresholdMeasure, ThresholdOp } from '../model/slo.js';
import { parseSelector, type ParsedSelector } from '../promql/promql.js';
import { eventSource, groupLabels, type SeriesRole } from './event-series.js';
import type { LabelSet } from './label-matching.js';
import { synthesizeLabels } from './label-sets.js';

export type SliceState = 'good' | 'bad';

/** counter: grows by `step(state)` each sample; gauge: reads `step(state)`. */
export interface SliceSeries {
  labels: LabelSet;
  kind: 'counter' | 'gauge';
  step: (state: SliceState) => number;
}

export type SliceSource = { ok: true; series: SliceSeries[]; groupLabels: LabelSet } | { ok: false; reason: string };

/** Events a counter gains per sample: enough that every slice holds many. */
const EVENTS_PER_SAMPLE = 10;

function counterStep(role: SeriesRole): SliceSeries['step'] {
  return (state) => (role === 'total' || role === state ? EVENTS_PER_SAMPLE : 0);
}

/** Good when the measured value is under the threshold (lt, lte), else over it. */
const goodIsLow = (op: ThresholdOp) => op === 'lt' || op === 'lte';

/**
 * Buckets at half, one and two times the threshold and +Inf. Low slices observe under half the threshold
 * (every bucket grows), high slices between one and two times it (only the upper two), so the estimated
 * quantile lies under or over the threshold whatever the quantile.
 */
function quantileSeries(selector: ParsedSelector, group: LabelSet, value: number, op: ThresholdOp): SliceSeries[] | undefined {
  const bucketSelector = { ...selector, metric: `${selector.metric ?? ''}_bucket` };
  const base = synthesizeLabels([bucketSelector], group);
  if (!base) return undefined;
  const bounds: [string, boolean][] = [
    [String(value / 2), false],
    [String(value), false],
    [String(value * 2), true],
    ['+Inf', true],
  ];
  return bounds.map(([le, countsHigh]) => ({
    labels: { ...base, le },
    kind: 'counter',
    step: (state) => {
      const low = (state === 'good') === goodIsLow(op);
      return low || countsHigh ? EVENTS_PER_SAMPLE : 0;
    },
  }));
}

function gaugeSeries(selector: ParsedSelector, group: LabelSet, value: number, op: ThresholdOp): SliceSeries[] | undefined {
  const labels = synthesizeLabels([selector], group);
  if (!labels) return undefined;
  const margin = Math.max(Math.abs(value) / 2, 1);
  return [{ labels, kind: 'gauge', step: (state) => ((state === 'good') === goodIsLow(op) ? value - margin : value + margin) }];
}

function thresholdSource(slo: Slo, measure: ThresholdMeasure, op: ThresholdOp, value: number): SliceSource {
  if (measure.of === 'query') return { ok: false, reason: 'a threshold query is arbitrary PromQL, so no input series can be derived from it' };
  if (measure.of === 'quantile' && measure.native) return { ok: false, reason: 'native-histogram quantile thresholds have no synthetic series yet' };
  const selector = parseSelector(measure.of === 'quantile' ? measure.histogram : measure.metric);
  const group = selector && groupLabels(slo, [selector]);
  if (!selector || !group) return { ok: false, reason: 'no series satisfies the selector and the groupBy labels' };
  const series = measure.of === 'quantile' ? quantileSeries(selector, group, value, op) : gaugeSeries(selector, group, value, op);
  return series ? { ok: true, series, groupLabels: group } : { ok: false, reason: 'no series matches the selector' };
}

export function sliceSource(slo: Slo): SliceSource {
  const { sli } = slo;
  if (sli.kind === 'threshold') return thresholdSource(slo, sli.measure, sli.op, sli.value);
  const source = eventSource(slo);
  if (!source.ok) return source;
  const series = source.series.map((s): SliceSeries =>
    s.role === 'gauge' ? { labels: s.labels, kind: 'gauge', step: (state) => (state === 'good' ? 1 : 0) } : { labels: s.labels, kind: 'counter', step: counterStep(s.role) },
  );
  return { ok: true, series, groupLabels: source.groupLabels };
}
