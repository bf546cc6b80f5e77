/**
 * What the synthetic workload exposes for each SLO of the catalog, derived from the SLI's own selectors
 * (the same synthesizer the promtool tests use): counters for ratio SLIs, real histograms for latency
 * SLIs, a 0/1 gauge for probe SLIs, and OTLP spans for trace SLIs. Raw SLIs cannot be fed generically.
 */
import { eventSource, sliSelectors, type SyntheticSeries } from '../core/synthetic/event-series.js';
import { matchesSelector, type LabelSet } from '../core/synthetic/label-matching.js';
import type { Slo } from '../core/model/slo.js';
import { unreachableSliKind } from '../core/sli/sli-kinds.js';

type TracesSli = Extract<Slo['sli'], { kind: 'traces' }>;

export type PlanItem =
  | { kind: 'counters'; slo: Slo; groups: SyntheticSeries[][] }
  | { kind: 'histogram'; slo: Slo; name: string; thresholdSeconds: number; buckets: number[]; groups: LabelSet[] }
  | { kind: 'gauge'; slo: Slo; groups: LabelSet[] }
  | { kind: 'spans'; slo: Slo; sli: TracesSli; routes: string[] }
  | { kind: 'skipped'; slo: Slo; reason: string };

const ROUTES = ['/cart', '/checkout', '/search', '/product/:id'];

function candidateValues(label: string): string[] {
  return label === 'route' || label === 'path' || label === 'handler' ? ROUTES.slice(0, 3) : [`${label}-a`, `${label}-b`, `${label}-c`];
}

const STATUS_LABELS = new Set(['code', 'status', 'status_code', 'response_code']);
const STATUS_VALUES = ['200', '201', '500', '503'];

/** Status-like labels get real HTTP codes instead of synthetic samples, where every selector agrees. */
function prettify(slo: Slo, series: SyntheticSeries[]): SyntheticSeries[] {
  const selectors = sliSelectors(slo);
  const pattern = (labels: LabelSet) => selectors.map((s) => matchesSelector(labels, s)).join();
  return series.map((s) => {
    let labels = s.labels;
    for (const name of Object.keys(labels).filter((n) => STATUS_LABELS.has(n))) {
      const value = STATUS_VALUES.find((v) => pattern({ ...labels, [name]: v }) === pattern(labels));
      if (value !== undefined) labels = { ...labels, [name]: value };
    }
    return { ...s, labels };
  });
}

/** The synthesizer's single group, copied to a few more values where the selectors treat them alike. */
function groupsOf(slo: Slo, series: SyntheticSeries[]): SyntheticSeries[][] {
  const [label] = slo.groupBy;
  if (slo.groupBy.length !== 1 || label === undefined) return [series];
  const selectors = sliSelectors(slo);
  const pattern = (labels: LabelSet) => selectors.map((s) => matchesSelector(labels, s)).join();
  const groups = candidateValues(label).flatMap((value) => {
    const moved = series.map((s) => ({ ...s, labels: { ...s.labels, [label]: value } }));
    return moved.every((m, i) => pattern(m.labels) === pattern(series[i]!.labels)) ? [moved] : [];
  });
  return groups.length > 0 ? groups : [series];
}

function withoutName(labels: LabelSet): LabelSet {
  const { __name__: _name, ...rest } = labels;
  return rest;
}

export function planItem(slo: Slo): PlanItem {
  const { sli } = slo;
  if (sli.kind === 'traces') {
    const routes = sli.route ? [sli.route] : slo.groupBy.includes('route') ? ROUTES.slice(0, 3) : ['/'];
    return { kind: 'spans', slo, sli, routes };
  }
  // The workload serves the text exposition format, which cannot carry a native histogram.
  if (sli.kind === 'latency' && sli.native) return { kind: 'skipped', slo, reason: 'the demo workload exposes classic histograms only, not native ones' };
  const source = eventSource(slo);
  if (!source.ok) return { kind: 'skipped', slo, reason: source.reason };
  const groups = groupsOf(slo, prettify(slo, source.series));
  switch (sli.kind) {
    case 'boolGauge':
      return { kind: 'gauge', slo, groups: groups.map((g) => g[0]!.labels) };
    case 'latency': {
      const count = groups.map((g) => g.find((s) => s.role === 'total')!.labels);
      const name = (count[0]?.__name__ ?? '').replace(/_count$/, '');
      const buckets = [...new Set([...(sli.buckets ?? [sli.thresholdSeconds / 4, sli.thresholdSeconds / 2, sli.thresholdSeconds * 2, sli.thresholdSeconds * 4]), sli.thresholdSeconds])];
      return { kind: 'histogram', slo, name, thresholdSeconds: sli.thresholdSeconds, buckets: buckets.sort((a, b) => a - b), groups: count.map(withoutName) };
    }
    case 'ratio':
    case 'raw':
      return { kind: 'counters', slo, groups };
    case 'threshold':
      return { kind: 'skipped', slo, reason: 'the demo workload has no threshold SLIs' };
    default:
      return unreachableSliKind(sli);
  }
}

export function workloadPlan(slos: readonly Slo[]): PlanItem[] {
  return slos.map(planItem);
}
