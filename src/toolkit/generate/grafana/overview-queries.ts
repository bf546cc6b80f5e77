/**
 * The overview table's queries: instant queries that each return one series per selected SLO, keyed by `slo`.
 * They select SLOs with `$slo`, never by id, so the overview stays the same size whatever the catalog's size;
 * what differs between SLOs (groupBy labels, the page window, hashed uids) is written once per distinct value.
 */
import { RECORDED, SERVICE_LABEL, SLO_LABEL, WINDOW_LABEL } from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';
import { sloAlertWindows } from '../../../core/windows/alert-windows.js';
import { windowLabel } from '../../../core/windows/window-text.js';
import { VARIABLES, variableRef } from './datasources.js';
import { aggregate, firingAlertsSelector, grouped, selector, type MatcherValue } from './promql.js';
import { serviceDashboardUid, UID_PREFIX } from './uid.js';

export const SELECTED_SLOS = { [SLO_LABEL]: { regex: variableRef(VARIABLES.slo) } };

/** Label the objective query adds: the uid of the SLO's service dashboard, for the table's link. */
export const DASHBOARD_LABEL = 'dashboard';

function selected(metric: string, labels: Record<string, MatcherValue> = {}): string {
  return selector(metric, { ...SELECTED_SLOS, ...labels });
}

/** `slo` and every groupBy label of the catalog: summing by all keeps each SLO's groups apart (a label an SLO lacks is empty). */
function groupsOf(slos: readonly Slo[]): string[] {
  return [SLO_LABEL, ...[...new Set(slos.flatMap((s) => s.groupBy))].sort()];
}

/** Which kinds of SLI are among `slos`: a query reads a recorded series only if some SLO records it. */
function kindsOf(slos: readonly Slo[]): { counts: boolean; raw: boolean } {
  return { counts: slos.some((s) => hasEventCounts(s.sli)), raw: slos.some((s) => !hasEventCounts(s.sli)) };
}

interface Series {
  good: string;
  total: string;
  /** Raw SLIs record a ratio instead of counts. */
  errorRatio: string;
}

const WHOLE_WINDOW: Series = { good: RECORDED.windowGoodEvents, total: RECORDED.windowTotalEvents, errorRatio: RECORDED.windowErrorRatio };
const RECORDED_WINDOW: Series = { good: RECORDED.goodEvents, total: RECORDED.totalEvents, errorRatio: RECORDED.errorRatio };

/**
 * Per group, the share of good (or bad) events: counts summed over the clusters like the service dashboards,
 * or for raw SLIs the averaged recorded error ratio. `or` joins the kinds, which never record the same series.
 */
function ratioPerGroup(slos: readonly Slo[], series: Series, want: 'good' | 'bad', labels: Record<string, MatcherValue> = {}): string {
  const by = groupsOf(slos);
  const kinds = kindsOf(slos);
  const parts: string[] = [];
  if (kinds.counts) {
    const good = `${aggregate('sum', by, selected(series.good, labels))} / ${aggregate('sum', by, selected(series.total, labels))}`;
    parts.push(want === 'good' ? good : `(1 - ${good})`);
  }
  if (kinds.raw) {
    const bad = aggregate('avg', by, selected(series.errorRatio, labels));
    parts.push(want === 'bad' ? bad : `(1 - ${bad})`);
  }
  return parts.join(' or ');
}

function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * Objective, with the service and window labels, and the service dashboard's uid as a label: `burnrate-<service>`,
 * overwritten for the few services whose uid is hashed (the hash cannot be computed in PromQL).
 */
export function objectiveColumnExpr(slos: readonly Slo[]): string {
  const objective = aggregate('max', [SLO_LABEL, SERVICE_LABEL, WINDOW_LABEL], selected(RECORDED.objective));
  // `$1` is Prometheus' capture group; Grafana leaves a `$` name that is no variable as it is.
  let expr = `label_replace(${objective}, "${DASHBOARD_LABEL}", "${UID_PREFIX}$1", "${SERVICE_LABEL}", "(.+)")`;
  const services = [...new Set(slos.map((s) => s.service))].sort();
  for (const service of services.filter((s) => serviceDashboardUid(s) !== `${UID_PREFIX}${s}`)) {
    const uid = JSON.stringify(serviceDashboardUid(service));
    expr = `label_replace(${expr}, "${DASHBOARD_LABEL}", ${uid}, "${SERVICE_LABEL}", ${JSON.stringify(escapeRegex(service))})`;
  }
  return expr;
}

/** SLI over the SLO window of the worst group. */
export function sliColumnExpr(slos: readonly Slo[]): string {
  return aggregate('min', [SLO_LABEL], ratioPerGroup(slos, WHOLE_WINDOW, 'good'));
}

/** Recorded budget of the worst group and cluster, as the summary's bar gauge shows it. */
export function budgetColumnExpr(): string {
  return aggregate('min', [SLO_LABEL], selected(RECORDED.budgetRemaining));
}

/**
 * Burn rate of the worst group over each SLO's fastest page window. That window follows from the SLO window
 * (1h for 30d, 14m for 7d, …), so each distinct page window reads the SLOs whose objective series carries one
 * of its SLO windows; the budget comes from the recorded objective.
 */
export function burnRateColumnExpr(slos: readonly Slo[]): string {
  const byPageWindow = new Map<number, Slo[]>();
  for (const slo of slos) {
    const page = sloAlertWindows(slo).find((w) => w.tier === 'page' && w.speed === 'fast');
    if (page) byPageWindow.set(page.longWindowMs, [...(byPageWindow.get(page.longWindowMs) ?? []), slo]);
  }
  const terms = [...byPageWindow].sort(([a], [b]) => a - b).map(([windowMs, members]) => {
    const errors = ratioPerGroup(members, RECORDED_WINDOW, 'bad', { [WINDOW_LABEL]: formatDuration(windowMs) });
    const sloWindows = [...new Set(members.map((s) => windowLabel(s.window)))].sort().join('|');
    return `${grouped(errors)} and on (${SLO_LABEL}) ${selected(RECORDED.objective, { [WINDOW_LABEL]: { regex: sloWindows } })}`;
  });
  const budget = `(1 - ${aggregate('max', [SLO_LABEL], selected(RECORDED.objective))})`;
  return `${aggregate('max', [SLO_LABEL], terms.join(' or '))} / ${budget}`;
}

/** Firing alerts of each SLO, 0 for an SLO with none (from its objective series, so every SLO has a row). */
export function firingColumnExpr(slos: readonly Slo[]): string {
  const firing = aggregate('count', [SLO_LABEL], firingAlertsSelector(slos, SELECTED_SLOS));
  return `${firing} or 0 * ${aggregate('max', [SLO_LABEL], selected(RECORDED.objective))}`;
}
