/**
 * Names shared by everything that writes a series (the rule generator, the service's span counters)
 * and everything that reads one (dashboards, the service's collectors). Change them here only.
 */

/** Label carrying the SLO id on every Burnrate series. */
export const SLO_LABEL = 'slo';
/** Label carrying the window (e.g. "5m", "1h") on windowed series. */
export const WINDOW_LABEL = 'window';
/** Label carrying the owning service on metadata series and alerts. */
export const SERVICE_LABEL = 'service';
/** External label (Prometheus `external_labels`, Thanos/Mimir) naming the cluster a series comes from. */
export const CLUSTER_LABEL = 'cluster';
/** Prometheus' own series of pending and firing alerts, and its state label. */
export const ALERTS_SERIES = 'ALERTS';
export const ALERT_STATE_LABEL = 'alertstate';
/** Loki stream label naming the service (OpenTelemetry `service.name`, Loki 3's default). */
export const LOG_SERVICE_LABEL = 'service_name';
/** Labels on every Burnrate alert, read by the Alertmanager routing and the PagerDuty orchestration. */
export const TEAM_LABEL = 'team';
export const SEVERITY_LABEL = 'severity';
/**
 * Which of an SLO's alerts fired. Namespaced, so an author's own `tier` label (Sloth's getting-started
 * example has one) is an ordinary label kept on every alert.
 */
export const TIER_LABEL = 'burnrate_tier';
/** Values of the tier label: which alert of an SLO fired (page and ticket burn, no data, budget spent). */
export const ALERT_TIERS = { page: 'page', ticket: 'ticket', noData: 'nodata', budgetExhausted: 'budget' } as const;
/** Label of the objective's metadata series naming the SLI kind (ratio, latency, …). */
export const SLI_KIND_LABEL = 'sli_kind';
/**
 * Labels a groupBy may not name: the series labels Burnrate records (slo, window, sli_kind), the histogram's
 * `le`, and the labels it sets on every alert, which would mask the group's value there.
 */
export const RESERVED_GROUP_BY_LABELS = [SLO_LABEL, WINDOW_LABEL, TIER_LABEL, SEVERITY_LABEL, TEAM_LABEL, SERVICE_LABEL, SLI_KIND_LABEL, '__name__', 'le'] as const;
/**
 * Labels an author's `labels` (which go on alerts only) may not name. `team`, `service` and `severity` are
 * not here: validation maps them onto the owning team, the service and the burn alerts' severity.
 * Names starting with `__` are Prometheus' own and refused everywhere.
 */
export const RESERVED_LABELS = [SLO_LABEL, TIER_LABEL] as const;
/** Author labels that name what Burnrate sets itself, read as that setting instead of being refused. */
export const MAPPED_LABELS = [TEAM_LABEL, SERVICE_LABEL, SEVERITY_LABEL] as const;

export const RECORDED = {
  /** Good events in a recorded window (a count, not a rate). Labels: slo, window, groupBy labels. */
  goodEvents: 'burnrate:slo_good_events',
  /** All events in a recorded window. Labels: slo, window, groupBy labels. */
  totalEvents: 'burnrate:slo_total_events',
  /**
   * Time-slice SLOs only: the judgment of the slice that just ended, 1 good and 0 bad (or the slice's own ratio
   * for ratio slices), 0 for a slice without data. Labels: slo, groupBy labels.
   */
  sliceGood: 'burnrate:slo_slice_good',
  /** Time-slice SLOs only: 1 when the slice that just ended had data (was judged), else 0. Labels: slo, groupBy labels. */
  sliceJudged: 'burnrate:slo_slice_judged',
  /** Raw SLIs only: share of bad events in the window, 0..1. Labels: slo, window, groupBy labels. */
  errorRatio: 'burnrate:slo_error_ratio',
  /** Good events over the whole SLO window (rolling or calendar period to date). */
  windowGoodEvents: 'burnrate:slo_window_good_events',
  /** All events over the whole SLO window. */
  windowTotalEvents: 'burnrate:slo_window_total_events',
  /** Raw SLIs only: error ratio over the whole SLO window (the SLI is 1 minus this). */
  windowErrorRatio: 'burnrate:slo_window_error_ratio',
  /** 1 − window error ratio / errorBudget of the worst group: 1 untouched, 0 spent, negative overspent. Labels: slo, window. */
  budgetRemaining: 'burnrate:slo_error_budget_remaining_ratio',
  /** Objective as a ratio (0.999). Labels: slo, service, team, sli_kind, window ("30d", "month", "week"). */
  objective: 'burnrate:slo_objective_ratio',
  /** Length of the SLO window in seconds (the current period for calendar windows). */
  windowSeconds: 'burnrate:slo_window_seconds',
} as const;

/** Counters the service exports for trace SLIs; the rule generator treats them as a ratio SLI. */
export const SPAN_COUNTERS = {
  total: 'burnrate_spans_total',
  good: 'burnrate_spans_good_total',
} as const;

export const ALERT_NAMES = {
  page: 'SloErrorBudgetBurnPage',
  ticket: 'SloErrorBudgetBurnTicket',
  noData: 'SloNoData',
  budgetExhausted: 'SloErrorBudgetExhausted',
} as const;

/** Rule groups per SLO: counts every evaluation, slow tiles and the whole window less often, alerts. */
export function recordingGroupName(sloId: string): string {
  return `burnrate-${sloId}-sli`;
}
export function slowRecordingGroupName(sloId: string): string {
  return `burnrate-${sloId}-window`;
}
export function alertingGroupName(sloId: string): string {
  return `burnrate-${sloId}-alerts`;
}

/** Label of the service's per-SLO gauges naming the group, e.g. `route=/cart`; "" is the whole SLO. */
export const GROUP_LABEL = 'group';
/** Label of span counters carrying the span's `http.route` (or its name when it has no route). */
export const ROUTE_LABEL = 'route';

/** Series the Burnrate service exports on its own /metrics (its budgets and its health). */
export const SERVICE_METRICS = {
  /** Per SLO and group: 1 − consumed / allowed bad events over the window. Labels: slo, group. */
  budgetRemaining: 'burnrate_slo_budget_remaining_ratio',
  /** Per SLO and group: good / total over the window. Labels: slo, group. */
  sli: 'burnrate_slo_sli_ratio',
  /** Per SLO, group and alert window: error ratio / error budget. Labels: slo, group, window. */
  burnRate: 'burnrate_slo_burn_rate',
  /** Per SLO and group: seconds until the budget is spent at the current burn. Labels: slo, group. */
  secondsToExhaustion: 'burnrate_slo_budget_exhaustion_seconds',
  /** Per SLO: 1 for the current status (ok, partial, no-data). Labels: slo, status. */
  status: 'burnrate_slo_status',
  /** Per SLO: groups left out of the per-group gauges by the cap. Labels: slo. */
  groupsOmitted: 'burnrate_slo_groups_omitted',
  evaluationDuration: 'burnrate_evaluation_duration_seconds',
  /** Evaluations by result: ok, failed, skipped (the previous run was still going). */
  evaluations: 'burnrate_evaluations_total',
  lastSuccessfulEvaluation: 'burnrate_last_successful_evaluation_timestamp_seconds',
  /** Failed queries per cluster (after retries). Labels: cluster. */
  collectorErrors: 'burnrate_collector_errors_total',
  /** 1 while a cluster's last collection failed. Labels: cluster. */
  clusterStale: 'burnrate_cluster_stale',
  clusterCollectDuration: 'burnrate_cluster_collect_duration_seconds',
  /** 1, labelled with the catalog version in use. Labels: version. */
  catalogInfo: 'burnrate_catalog_info',
  catalogSlos: 'burnrate_catalog_slos',
  catalogReloadFailures: 'burnrate_catalog_reload_failures_total',
  catalogLastReload: 'burnrate_catalog_last_reload_timestamp_seconds',
  /** Discovered catalogs: sources by state (ok, stale, failed). Labels: state. */
  catalogSources: 'burnrate_catalog_sources',
  /** Discovered catalogs: SLO ids several sources define, refused in all of them. */
  catalogConflicts: 'burnrate_catalog_conflicts',
  /** 1 when a configured cluster looks like another one's HA replica (or the same Prometheus): counts doubled. Labels: cluster. */
  clusterDuplicate: 'burnrate_cluster_duplicate',
  /** OTLP trace requests received by result (ok, rejected). Labels: result. */
  otlpRequests: 'burnrate_otlp_requests_total',
} as const;

/** Series of the service's PagerDuty paging (policy, outbox and sender) on its /metrics. */
export const PAGING_METRICS = {
  /** Events waiting in the outbox to be delivered (none are ever dropped). */
  outboxDepth: 'burnrate_paging_outbox_depth',
  /** Age of the oldest undelivered event; 0 when the outbox is drained. */
  oldestPendingAge: 'burnrate_paging_outbox_oldest_pending_age_seconds',
  /** Events PagerDuty refused (4xx other than 429), kept in the outbox as failed with its answer. */
  outboxFailed: 'burnrate_paging_outbox_failed',
  /** Failed delivery attempts by reason: rate_limited, server_error, network, rejected, no_routing_key. */
  sendFailures: 'burnrate_paging_send_failures_total',
  /** Events PagerDuty accepted, by action (trigger, resolve). */
  eventsSent: 'burnrate_paging_events_sent_total',
  /** Events the policy decided and wrote to the outbox, by action. */
  eventsDecided: 'burnrate_paging_events_decided_total',
  /** Pages open now (triggered, not yet resolved), as the paging state holds them. */
  openPages: 'burnrate_paging_open_pages',
  resolvesHeldBack: 'burnrate_paging_resolves_held_back_total', // per evaluation, pages whose SLO an older leader catalog lacks, kept open
} as const;
