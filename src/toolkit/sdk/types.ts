/**
 * Authoring types for `*.slo.ts` files. Every field is documented so an editor can guide the author.
 * These describe what people write; `burnrate validate` turns it into the frozen `Slo` model.
 */

/** A Prometheus duration such as "5m", "1h", "30d". */
export type Duration = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w'}${string}`;

/** A latency such as "300ms", "1s" or "1.5s"; it must equal a histogram bucket boundary (`le`). */
export type LatencyThreshold = `${number}${'ms' | 's'}`;

/** A rolling window of whole days ("30d", "28d", "7d"), or a calendar period that resets at its start. */
export type WindowInput =
  | `${number}d`
  | {
      /** Budgets reset at the start of each calendar month or ISO week (Monday). */
      calendar: 'month' | 'week';
      /** IANA time zone in which the period starts, e.g. "Europe/Berlin". Default "UTC". */
      timeZone?: string;
    };

/** Good events over all events, both PromQL selectors over counters. Give `good` or `errors`, not both. */
export interface RatioSliInput {
  kind: 'ratio';
  /** Selector of the counter of good events, e.g. `http_requests_total{job="checkout",code!~"5.."}`. */
  good?: string;
  /** Selector of the counter of bad events, e.g. `http_requests_total{job="checkout",code=~"5.."}`. */
  errors?: string;
  /** Selector of the counter of all events, e.g. `http_requests_total{job="checkout"}`. */
  total: string;
}

/** Requests faster than a threshold, read from a Prometheus histogram's `le` bucket. */
export interface LatencySliInput {
  kind: 'latency';
  /** Histogram base name with matchers, without `_bucket`: `http_request_duration_seconds{job="checkout"}`. */
  histogram: string;
  /** Requests at or under this latency are good. One of a classic histogram's bucket boundaries; any latency when `native`. */
  threshold: LatencyThreshold;
  /** The histogram's bucket boundaries in seconds, if known; validation then proves the threshold matches one. */
  buckets?: number[];
  /**
   * The histogram is a Prometheus native (exponential) histogram: good events are read from the histogram
   * itself with `histogram_fraction`, so any threshold works and no `le` bucket is needed.
   */
  native?: boolean;
}

/** A 0/1 gauge such as blackbox `probe_success`: each sample at 1 is a good event, each sample an event. */
export interface BoolGaugeSliInput {
  kind: 'boolGauge';
  /** Selector of the gauge, e.g. `probe_success{job="blackbox",instance="https://shop.example.com"}`. */
  metric: string;
}

/**
 * Escape hatch: a PromQL expression of the error ratio (0..1). Write `{{window}}` where the range goes,
 * e.g. `sum(rate(errors_total[{{window}}])) / sum(rate(requests_total[{{window}}]))`.
 * The whole-window SLI of a raw SLI is a time average of its 5-minute ratio, not traffic-weighted.
 */
export interface RawSliInput {
  kind: 'raw';
  /** Error ratio expression with `{{window}}` placeholders. */
  errorRatio: string;
}

/** Spans from OpenTelemetry traces; the Burnrate service counts them and exports the counts as metrics. */
export interface TracesSliInput {
  kind: 'traces';
  /** `service.name` resource attribute of the spans. */
  service: string;
  /** Span name to count, e.g. "POST /checkout". */
  spanName?: string;
  /** `http.route` attribute to count, e.g. "/api/orders/:id". */
  route?: string;
  /** Span kind to count; default "server". */
  spanKind?: 'server' | 'client' | 'consumer' | 'producer' | 'internal';
  /** Spans slower than this are bad as well as spans with status ERROR. */
  latencyThreshold?: LatencyThreshold;
}

/**
 * A value judged once per time slice against a threshold, e.g. "p99 latency under 300ms": needs `timeSlices`.
 * Measure one of: a histogram quantile (`histogram` and `quantile`), a gauge (`gauge`) or a PromQL `query`.
 */
export interface ThresholdSliInput {
  kind: 'threshold';
  /** Histogram base name with matchers (classic: without `_bucket`), e.g. `http_request_duration_seconds{job="api"}`. */
  histogram?: string;
  /** The quantile of the histogram, above 0 and below 1, e.g. 0.99. */
  quantile?: number;
  /** The histogram is a Prometheus native histogram. */
  native?: boolean;
  /** A gauge, averaged over each slice, e.g. `queue_depth{job="worker"}`. */
  gauge?: string;
  /** Any PromQL instant-vector expression; write `{{window}}` where the slice length goes. */
  query?: string;
  /** A slice is good when the measured value is below (lt), at most (lte), above (gt) or at least (gte) `value`. */
  op: 'lt' | 'lte' | 'gt' | 'gte';
  /** The threshold: a number, or a latency such as "300ms" when measuring a latency histogram's quantile. */
  value: number | LatencyThreshold;
}

export type SliInput = RatioSliInput | LatencySliInput | BoolGaugeSliInput | RawSliInput | ThresholdSliInput | TracesSliInput;

/**
 * Budget by time slices instead of events (OpenSLO Timeslices and RatioTimeslices): each slice is judged
 * good or bad once, and the objective is the share of good slices. A quiet minute weighs as much as a busy one.
 */
export interface TimeSlicesInput {
  /** Slice length such as "1m" or "5m"; it must divide every alert window (5m, 1h, ...) and the SLO window. */
  slice: Duration;
  /**
   * A slice is good when its SLI is at least this ratio, e.g. 0.99 (OpenSLO timeSliceTarget). Leave it out to
   * count each slice as its own ratio (OpenSLO RatioTimeslices). Threshold SLIs judge slices by their value.
   */
  target?: number;
}

/** A burn tier's own alert decoration: what an imported Sloth page_alert or ticket_alert carried. */
export interface TierDecoration {
  /** Labels on this tier's alert only, e.g. `{ routing_key: "payments" }` (not team, service, severity, slo). */
  labels?: Record<string, string>;
  /**
   * Annotations on this tier's alert. One named like Burnrate's own (summary, description, runbook_url,
   * dashboard_url) replaces it. Templates other than `{{ $labels.<name> }}` are not supported.
   */
  annotations?: Record<string, string>;
}

/** A tier switched on with defaults (`true`), off (`false`), or configured. */
export type TierInput = boolean | ({ /** Alert label `severity`. */ severity?: string } & TierDecoration);

/** The page tier, which can also hold a firing page through short dips (Prometheus `keep_firing_for`). */
export type PageTierInput =
  | boolean
  | ({
      /** Alert label `severity`. */
      severity?: string;
      /** Keep a page firing this long after its condition clears, so a flapping burn pages once. Default "5m"; "0s" resolves at once. */
      keepFiringFor?: Duration;
    } & TierDecoration);

/** The no-data and budget-exhausted alerts: on (`true`), off (`false`), or with their own severity. */
export type SeverityTierInput = boolean | { /** Alert label `severity`. */ severity?: string };

export interface AlertingInput {
  /**
   * Name of both burn alerts, page and ticket (the label burnrate_tier tells them apart), e.g. the name a
   * Sloth or Pyrra alert had, so routes and dashboards that match it keep working. Default: the names
   * SloErrorBudgetBurnPage and SloErrorBudgetBurnTicket.
   */
  burnAlertName?: string;
  /** Page on fast burns: 2% of the budget in 1h (with 5m), 5% in 6h (with 30m). Default on, severity "critical". */
  page?: PageTierInput;
  /** Ticket on slow burns: 10% of the budget in 1d (with 2h) or in 3d (with 6h). Default on, severity "warning". */
  ticket?: TierInput;
  /** Extra labels on every alert of this SLO, e.g. `{ component: "payments" }`. */
  labels?: Record<string, string>;
  /**
   * Low-traffic guard: burn alerts stay quiet while the long window holds fewer events than this,
   * so one failed request at night does not page. Default 100; 0 switches the guard off.
   */
  minEvents?: number;
  /** Alert when the SLI's series vanish (no data must never look like 100%). Default on, for 10m. */
  noData?: boolean | { /** How long data must be missing. Default "10m". */ for?: Duration; severity?: string };
  /** Alert when the whole-window budget is spent. Default on, severity "warning". */
  budgetExhausted?: SeverityTierInput;
}

export interface SloInput {
  /** One sentence for humans: what users experience when this SLO is met. */
  description?: string;
  /** Target in percent, e.g. 99.9. Above 0 and below 100. */
  objective: number;
  /** SLO window; default "30d". */
  window?: WindowInput;
  /** How good and total events are counted. */
  sli: SliInput;
  /** Budget by time slices instead of events; threshold SLIs need it. */
  timeSlices?: TimeSlicesInput;
  /** One SLO per value of these labels (per route, per tenant). The selectors must keep them. */
  groupBy?: string[];
  /**
   * Labels on every alert of this SLO (recorded series carry only slo, window and groupBy labels).
   * `team`, `service` and `severity` are read as for the service's labels.
   */
  labels?: Record<string, string>;
  /** Runbook for on-call; overrides the service default. */
  runbookUrl?: string;
  /** Dashboard for on-call; overrides the service default. */
  dashboardUrl?: string;
  /** Alerting options; every field has a sensible default. */
  alerting?: AlertingInput;
}

export interface SloSetInput {
  /** The service these SLOs belong to, e.g. "checkout". Lowercase, digits and dashes. */
  service: string;
  /**
   * The owning team; alerts route to it. Without it (and without a label `team`), alerts route to a team
   * named like the service, with a warning.
   */
  team?: string;
  /**
   * Labels on every alert of the service's SLOs. `team` names the owning team, `service` must be the service,
   * `severity` is the severity of page and ticket alerts that set none of their own.
   */
  labels?: Record<string, string>;
  /** Default runbook for the service's SLOs. */
  runbookUrl?: string;
  /** Default dashboard for the service's SLOs. */
  dashboardUrl?: string;
  /** The SLOs, keyed by name; the SLO id is `<service>-<name>`. */
  slos: Record<string, SloInput>;
}
