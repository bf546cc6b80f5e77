/**
 * The validated, normalised SLO model. Every generator and the service consume this, never raw input.
 * Objects of these types are frozen after validation.
 */

export type SloWindow =
  | { kind: 'rolling'; days: number }
  | { kind: 'calendar'; unit: 'month' | 'week'; timeZone: string };

/** A PromQL vector selector over a counter, e.g. `http_requests_total{job="api"}`. */
export type Selector = string;

export type Sli =
  | { kind: 'ratio'; good?: Selector; errors?: Selector; total: Selector }
  | {
      kind: 'latency';
      histogram: Selector;
      thresholdSeconds: number;
      buckets?: number[];
      /** A Prometheus native histogram: good events are read with histogram_fraction, no `le` bucket needed. */
      native?: true;
    }
  | { kind: 'boolGauge'; metric: Selector }
  | { kind: 'raw'; errorRatio: string }
  /** Time slices only: a slice is good when the measured value compares to `value` as `op` says. */
  | { kind: 'threshold'; measure: ThresholdMeasure; op: ThresholdOp; value: number }
  | {
      kind: 'traces';
      spanService: string;
      spanName?: string;
      route?: string;
      spanKind?: 'server' | 'client' | 'consumer' | 'producer' | 'internal';
      /** Spans slower than this are bad; absent means only the status counts. */
      latencyThresholdSeconds?: number;
    };

export type SliKind = Sli['kind'];

/** What a threshold SLI measures per slice. */
export type ThresholdMeasure =
  /** A quantile of a histogram over the slice, e.g. p99 latency; `native`: a Prometheus native histogram. */
  | { of: 'quantile'; histogram: Selector; quantile: number; native?: true }
  /** A gauge averaged over the slice, e.g. queue depth. */
  | { of: 'gauge'; metric: Selector }
  /** Any PromQL instant-vector expression; `{{window}}` stands for the slice length. */
  | { of: 'query'; query: string };

/** OpenSLO's comparison operators: a slice is good when `measured op value`. */
export type ThresholdOp = 'lt' | 'lte' | 'gt' | 'gte';

/**
 * Budgeting by time slices: every slice of `sliceSeconds` is judged once, and the budget counts slices
 * instead of events. Slices without data are not judged.
 */
export interface TimeSlices {
  sliceSeconds: number;
  /**
   * A slice is good when its SLI ratio is at least this (OpenSLO Timeslices). Absent: each slice counts as
   * its own ratio, so the SLI is the mean of the slices' ratios (OpenSLO RatioTimeslices). Threshold SLIs
   * judge their slices by their threshold and have none.
   */
  sliceTarget?: number;
}

export interface AlertTier {
  enabled: boolean;
  severity: string;
  /** Page tier only: seconds a firing page is held after its condition clears (0: resolve at once). */
  keepFiringForSeconds?: number;
  /** Labels on this tier's alert only (e.g. a Sloth page_alert's routing labels); absent when none. */
  labels?: Record<string, string>;
  /** Annotations on this tier's alert; one named like Burnrate's own (summary, …) replaces it. Absent when none. */
  annotations?: Record<string, string>;
}

export interface AlertingPolicy {
  page: AlertTier;
  ticket: AlertTier;
  /** Extra labels on every alert of this SLO. */
  labels: Record<string, string>;
  /** Burn alerts stay quiet while the long window holds fewer events than this. */
  minEvents: number;
  noData: { enabled: boolean; forSeconds: number; severity: string };
  budgetExhausted: { enabled: boolean; severity: string };
  /**
   * Name of both burn alerts, page and ticket (told apart by the label burnrate_tier), kept from a Sloth or
   * Pyrra spec; absent: Burnrate's names SloErrorBudgetBurnPage and SloErrorBudgetBurnTicket.
   */
  burnAlertName?: string;
}

export type SourceFormat = 'typescript' | 'openslo' | 'sloth' | 'pyrra';

/**
 * Where a Kubernetes object an SLO was read from lived (a Sloth PrometheusServiceLevel, a Pyrra
 * ServiceLevelObjective): the generated PrometheusRule goes to the same namespace with the same labels, so
 * the Prometheus operator's ruleSelector (and ruleNamespaceSelector) still selects it.
 */
export interface KubernetesOrigin {
  namespace?: string;
  labels?: Record<string, string>;
}

export interface Slo {
  /** Globally unique: `<service>-<name>`. */
  id: string;
  name: string;
  service: string;
  team: string;
  description: string;
  objectivePercent: number;
  window: SloWindow;
  sli: Sli;
  /** Present: the budget counts time slices (OpenSLO Timeslices, RatioTimeslices); absent: events. */
  timeSlices?: TimeSlices;
  groupBy: string[];
  labels: Record<string, string>;
  runbookUrl?: string;
  dashboardUrl?: string;
  alerting: AlertingPolicy;
  source: { file: string; format: SourceFormat; kubernetes?: KubernetesOrigin };
}

/** The fraction of events allowed to fail, e.g. 0.001 for 99.9%. */
export function errorBudgetRatio(slo: Pick<Slo, 'objectivePercent'>): number {
  return roundRatio(1 - slo.objectivePercent / 100);
}

export function objectiveRatio(slo: Pick<Slo, 'objectivePercent'>): number {
  return roundRatio(slo.objectivePercent / 100);
}

/** Removes float noise such as 0.0010000000000000009 while keeping every meaningful digit. */
export function roundRatio(value: number): number {
  // Integers below 10^12 have no float noise and 12 digits keep them whole: skip the costly string round trip
  // (promtool input series call this for every counter value they write).
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return value || 0; // -0 becomes 0, as through the string
  return Number(value.toPrecision(12));
}
