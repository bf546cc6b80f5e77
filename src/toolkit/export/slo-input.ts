/**
 * The validated model back in the authoring shape, keeping only what differs from the defaults, so an
 * exported SLO reads like a hand-written one and loads back into the same model.
 * The defaults mirror validate/check-alerting.ts; the import/export round-trip test fails if they drift.
 */
import { formatDuration } from '../../core/model/duration.js';
import type { AlertTier, Sli, SliKind, Slo, ThresholdMeasure } from '../../core/model/slo.js';
import type { AlertingInput, Duration, PageTierInput, SliInput, ThresholdSliInput, TierInput } from '../sdk/types.js';
import { DEFAULT_MIN_EVENTS, DEFAULT_PAGE_KEEP_FIRING_SECONDS } from '../../core/model/alerting-defaults.js';
import { latencyText } from '../load/latency-text.js';
import { defaultSliceMinEvents } from '../validate/check-time-slices.js';

const DEFAULT_SEVERITY = { page: 'critical', ticket: 'warning', noData: 'warning', budgetExhausted: 'warning' } as const;
const DEFAULT_NO_DATA_FOR = '10m';

export function sliToInput(sli: Sli): SliInput {
  switch (sli.kind) {
    case 'ratio':
      return { kind: 'ratio', ...(sli.good !== undefined ? { good: sli.good } : { errors: sli.errors }), total: sli.total };
    case 'latency':
      return {
        kind: 'latency',
        histogram: sli.histogram,
        threshold: latencyText(sli.thresholdSeconds),
        ...(sli.buckets ? { buckets: [...sli.buckets] } : {}),
        ...(sli.native ? { native: true } : {}),
      };
    case 'boolGauge':
      return { kind: 'boolGauge', metric: sli.metric };
    case 'raw':
      return { kind: 'raw', errorRatio: sli.errorRatio };
    case 'threshold':
      return { kind: 'threshold', ...thresholdMeasureInput(sli.measure), op: sli.op, value: sli.value };
    case 'traces':
      return {
        kind: 'traces',
        service: sli.spanService,
        ...(sli.spanName !== undefined ? { spanName: sli.spanName } : {}),
        ...(sli.route !== undefined ? { route: sli.route } : {}),
        ...(sli.spanKind !== undefined ? { spanKind: sli.spanKind } : {}),
        ...(sli.latencyThresholdSeconds !== undefined ? { latencyThreshold: latencyText(sli.latencyThresholdSeconds) } : {}),
      };
  }
}

function thresholdMeasureInput(measure: ThresholdMeasure): Omit<ThresholdSliInput, 'kind' | 'op' | 'value'> {
  switch (measure.of) {
    case 'quantile':
      return { histogram: measure.histogram, quantile: measure.quantile, ...(measure.native ? { native: true } : {}) };
    case 'gauge':
      return { gauge: measure.metric };
    case 'query':
      return { query: measure.query };
  }
}

function tierInput(tier: AlertTier, defaultSeverity: string): TierInput | undefined {
  if (!tier.enabled) return false;
  const input = {
    ...(tier.severity === defaultSeverity ? {} : { severity: tier.severity }),
    ...(tier.labels ? { labels: { ...tier.labels } } : {}),
    ...(tier.annotations ? { annotations: { ...tier.annotations } } : {}),
  };
  return Object.keys(input).length > 0 ? input : undefined;
}

function pageInput(tier: AlertTier): PageTierInput | undefined {
  const base = tierInput(tier, DEFAULT_SEVERITY.page);
  const keep = tier.keepFiringForSeconds ?? DEFAULT_PAGE_KEEP_FIRING_SECONDS;
  if (base === false || keep === DEFAULT_PAGE_KEEP_FIRING_SECONDS) return base;
  return { ...(typeof base === 'object' ? base : {}), keepFiringFor: formatDuration(keep * 1000) as Duration };
}

/** The guard validation gives an SLO that sets none: time-slice SLOs count judged slices (check-time-slices.ts). */
function defaultMinEvents(slo: Pick<Slo, 'window' | 'timeSlices'>): number {
  return slo.timeSlices ? defaultSliceMinEvents(slo.window, slo.timeSlices.sliceSeconds) : DEFAULT_MIN_EVENTS;
}

/** Alerting options that differ from the defaults; undefined when everything is default. */
export function alertingToInput(slo: Pick<Slo, 'alerting' | 'sli' | 'window' | 'timeSlices'>): AlertingInput | undefined {
  const { alerting } = slo;
  const sliKind: SliKind = slo.sli.kind;
  const input: AlertingInput = {};
  if (alerting.burnAlertName !== undefined) input.burnAlertName = alerting.burnAlertName;
  const page = pageInput(alerting.page);
  const ticket = tierInput(alerting.ticket, DEFAULT_SEVERITY.ticket);
  if (page !== undefined) input.page = page;
  if (ticket !== undefined) input.ticket = ticket;
  if (Object.keys(alerting.labels).length > 0) input.labels = { ...alerting.labels };
  // Raw SLIs have no event counts: validation pins their guard to 0 whatever was written.
  if (sliKind !== 'raw' && alerting.minEvents !== defaultMinEvents(slo)) input.minEvents = alerting.minEvents;
  const noDataFor = formatDuration(alerting.noData.forSeconds * 1000);
  if (!alerting.noData.enabled) input.noData = false;
  else if (noDataFor !== DEFAULT_NO_DATA_FOR || alerting.noData.severity !== DEFAULT_SEVERITY.noData) {
    input.noData = {
      ...(noDataFor !== DEFAULT_NO_DATA_FOR ? { for: noDataFor as `${number}m` } : {}),
      ...(alerting.noData.severity !== DEFAULT_SEVERITY.noData ? { severity: alerting.noData.severity } : {}),
    };
  }
  if (!alerting.budgetExhausted.enabled) input.budgetExhausted = false;
  else if (alerting.budgetExhausted.severity !== DEFAULT_SEVERITY.budgetExhausted) input.budgetExhausted = { severity: alerting.budgetExhausted.severity };
  return Object.keys(input).length > 0 ? input : undefined;
}
