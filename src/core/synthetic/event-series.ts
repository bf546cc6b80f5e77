/**
 * Which synthetic series feed an SLI, and what each one counts. Built from the very selectors the
 * recording rules read (event-queries.ts), so a test series is counted exactly as production ones are.
 */
import type { Slo, ThresholdMeasure } from '../model/slo.js';
import { metricNames, parseSelector, type ParsedSelector } from '../promql/promql.js';
import { latencySelectors, tracesSelectors } from '../sli/event-queries.js';
import { matchesSelector, type LabelSet } from './label-matching.js';
import { labelValue, synthesizeLabels, violateSelector } from './label-sets.js';
import { SLI_KINDS, unreachableSliKind } from '../sli/sli-kinds.js';

/**
 * good/bad/total: counters of those events; gauge: a 0/1 gauge, one event per sample; histogram: a native
 * histogram holding good and bad events on either side of the latency threshold.
 */
export type SeriesRole = 'good' | 'bad' | 'total' | 'gauge' | 'histogram';

export interface SyntheticSeries {
  labels: LabelSet;
  role: SeriesRole;
}

export type EventSource =
  | { ok: true; series: SyntheticSeries[]; groupLabels: LabelSet; gauge: boolean }
  | { ok: false; reason: string };

/** Value every groupBy label gets unless the selectors demand another. */
export const GROUP_LABEL_VALUE = '/test';

interface CountSelectors {
  total: string;
  part: string;
  /** What the part selector counts. */
  partRole: 'good' | 'bad';
  /** Labels the part series should carry (the `le` of a latency bucket). */
  partLabels?: LabelSet;
}

function countSelectors(slo: Slo): CountSelectors | undefined {
  const { sli } = slo;
  switch (sli.kind) {
    case 'ratio':
      return sli.good !== undefined
        ? { total: sli.total, part: sli.good, partRole: 'good' }
        : { total: sli.total, part: sli.errors ?? '', partRole: 'bad' };
    case 'traces': {
      const { good, total } = tracesSelectors(slo);
      return { total, part: good, partRole: 'good' };
    }
    case 'latency': {
      if (sli.native) return undefined;
      const { bucket, count } = latencySelectors(sli);
      return { total: count, part: bucket, partRole: 'good', partLabels: { le: String(sli.thresholdSeconds) } };
    }
    case 'boolGauge':
    case 'raw':
    case 'threshold':
      return undefined;
    default:
      return unreachableSliKind(sli);
  }
}

/** Every selector an SLI reads; raw SLIs yield bare metric names. */
export function sliSelectors(slo: Slo): ParsedSelector[] {
  const { sli } = slo;
  if (sli.kind === 'raw') return metricNames(sli.errorRatio).map((metric) => ({ metric, matchers: [] }));
  const single = singleSeriesSelector(slo);
  if (single !== undefined) return [parseSelector(single.selector)].filter((s): s is ParsedSelector => s !== undefined);
  if (sli.kind === 'threshold') return thresholdSelectors(sli.measure);
  const selectors = countSelectors(slo);
  return [selectors?.total, selectors?.part].map((s) => (s === undefined ? undefined : parseSelector(s))).filter((s): s is ParsedSelector => s !== undefined);
}

function thresholdSelectors(measure: ThresholdMeasure): ParsedSelector[] {
  if (measure.of === 'query') return metricNames(measure.query.replaceAll('{{window}}', '5m')).map((metric) => ({ metric, matchers: [] }));
  const selector = parseSelector(measure.of === 'quantile' ? measure.histogram : measure.metric);
  if (!selector) return [];
  return [measure.of === 'quantile' && !measure.native ? { ...selector, metric: `${selector.metric ?? ''}_bucket` } : selector];
}

/** SLIs read from one series that carries good and bad events alike: a 0/1 gauge or a native histogram. */
function singleSeriesSelector(slo: Slo): { selector: string; role: 'gauge' | 'histogram' } | undefined {
  const { sli } = slo;
  if (sli.kind === 'boolGauge') return { selector: sli.metric, role: 'gauge' };
  if (sli.kind === 'latency' && sli.native) return { selector: sli.histogram, role: 'histogram' };
  return undefined;
}

/** One value per groupBy label that all selectors accept, so every series lands in the same group. */
export function groupLabels(slo: Slo, selectors: readonly ParsedSelector[]): LabelSet | undefined {
  const labels: Record<string, string> = {};
  for (const name of slo.groupBy) {
    const value = labelValue(
      selectors.flatMap((s) => s.matchers.filter((m) => m.name === name)),
      GROUP_LABEL_VALUE,
    );
    if (value === undefined || value === '') return undefined;
    labels[name] = value;
  }
  return labels;
}

function countSeries(slo: Slo, spec: CountSelectors, group: LabelSet): SyntheticSeries[] | string {
  const total = parseSelector(spec.total);
  const part = parseSelector(spec.part);
  if (!total || !part) return 'its selectors could not be parsed';
  const other = spec.partRole === 'good' ? 'bad' : 'good';
  const both = synthesizeLabels([total, part], { ...group, ...spec.partLabels });
  if (both) {
    // Same metric: one series counted by both selectors, one counted by the total only.
    const rest = violateSelector(both, total, part, slo.groupBy);
    if (!rest) return `no series can match ${spec.total} without also matching ${spec.part}`;
    return [
      { labels: both, role: spec.partRole },
      { labels: rest, role: other },
    ];
  }
  const partOnly = synthesizeLabels([part], { ...group, ...spec.partLabels });
  const totalOnly = synthesizeLabels([total], group);
  if (!partOnly || !totalOnly) return `no series matches ${partOnly ? spec.total : spec.part}`;
  if (matchesSelector(partOnly, total) || matchesSelector(totalOnly, part)) return 'its selectors overlap in a way the synthesizer cannot separate';
  return [
    { labels: partOnly, role: spec.partRole },
    { labels: totalOnly, role: 'total' },
  ];
}

function sameGroup(series: readonly SyntheticSeries[], group: LabelSet): boolean {
  return series.every((s) => Object.entries(group).every(([name, value]) => s.labels[name] === value));
}

export function eventSource(slo: Slo): EventSource {
  const { noSyntheticSeries } = SLI_KINDS[slo.sli.kind];
  if (noSyntheticSeries !== undefined) return { ok: false, reason: noSyntheticSeries };
  const group = groupLabels(slo, sliSelectors(slo));
  if (!group) return { ok: false, reason: `no value of the groupBy labels (${slo.groupBy.join(', ')}) satisfies every selector` };
  const single = singleSeriesSelector(slo);
  if (single) {
    const selector = parseSelector(single.selector);
    const labels = selector && synthesizeLabels([selector], group);
    if (!labels) return { ok: false, reason: `no series matches ${single.selector}` };
    return { ok: true, series: [{ labels, role: single.role }], groupLabels: group, gauge: single.role === 'gauge' };
  }
  const spec = countSelectors(slo);
  const series = spec ? countSeries(slo, spec, group) : 'it has no event selectors';
  if (typeof series === 'string') return { ok: false, reason: series };
  if (!sameGroup(series, group)) return { ok: false, reason: 'the selectors put the good and total series in different groups' };
  return { ok: true, series, groupLabels: group, gauge: false };
}
