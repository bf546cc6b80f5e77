/**
 * PromQL the dashboards run, built from the same conventions the rule generator writes with.
 * Clusters are merged by summing counts (as the service does); each groupBy value is its own SLO, so
 * SLO-level panels show the worst group while breakdown panels show every group.
 */
import { alertNamesOf } from '../../../core/conventions/alert-names.js';
import {
  ALERT_STATE_LABEL,
  ALERTS_SERIES,
  CLUSTER_LABEL,
  RECORDED,
  SLO_LABEL,
  WINDOW_LABEL,
} from '../../../core/conventions/metrics.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import { BASE_WINDOW_MS } from '../../../core/windows/alert-windows.js';
import { budgetText } from '../../../core/promql/promql-text.js';
import { windowCountText } from '../../../core/promql/window-count-text.js';
import { alertCountPlan } from '../../../core/windows/count-windows.js';
import { VARIABLES, variableRef } from './datasources.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';

/** A recorded window (`5m`, `1h`, ...) or the whole SLO window. */
export type Span = { windowMs: number } | 'slo-window';

const CLUSTER_MATCHER = `${CLUSTER_LABEL}=~"${variableRef(VARIABLES.cluster)}"`;

/** An exact label value, or a regex (typically a multi-value variable). */
export type MatcherValue = string | { regex: string };

function matcher(name: string, value: MatcherValue): string {
  return typeof value === 'string' ? `${name}=${JSON.stringify(value)}` : `${name}=~${JSON.stringify(value.regex)}`;
}

/** `metric{cluster=~"$cluster",a="b"}`: every dashboard selector follows the cluster variable. */
export function selector(metric: string, labels: Record<string, MatcherValue> = {}): string {
  const matchers = [CLUSTER_MATCHER, ...Object.entries(labels).map(([name, value]) => matcher(name, value))];
  return `${metric}{${matchers.join(',')}}`;
}

export function aggregate(op: 'sum' | 'avg' | 'max' | 'min' | 'count', by: readonly string[], expr: string): string {
  return by.length > 0 ? `${op} by (${by.join(', ')}) (${expr})` : `${op}(${expr})`;
}

function windowSelector(slo: Slo, metric: string, windowMs: number): string {
  return selector(metric, { [SLO_LABEL]: slo.id, [WINDOW_LABEL]: formatDuration(windowMs) });
}

/** A recorded window's series, or for counts of a window the rules do not record, the tiles composing it. */
function spanSeries(slo: Slo, span: Span, metrics: { windowed: string; whole: string }): string {
  if (span === 'slo-window') return selector(metrics.whole, { [SLO_LABEL]: slo.id });
  if (metrics.windowed === RECORDED.errorRatio) return windowSelector(slo, metrics.windowed, span.windowMs);
  const composed = windowCountText(alertCountPlan(slo), span.windowMs, (tileMs) => windowSelector(slo, metrics.windowed, tileMs));
  return composed ?? windowSelector(slo, metrics.windowed, span.windowMs);
}

function rawErrorRatio(slo: Slo, span: Span, by: readonly string[]): string {
  return aggregate('avg', by, spanSeries(slo, span, { windowed: RECORDED.errorRatio, whole: RECORDED.windowErrorRatio }));
}

/** Good over total events per group, both summed over the selected clusters (raw SLIs: 1 − averaged error ratio). */
export function successRatioByGroup(slo: Slo, span: Span, by: readonly string[] = slo.groupBy): string {
  if (!hasEventCounts(slo.sli)) return `1 - ${rawErrorRatio(slo, span, by)}`;
  const good = aggregate('sum', by, spanSeries(slo, span, { windowed: RECORDED.goodEvents, whole: RECORDED.windowGoodEvents }));
  const total = aggregate('sum', by, spanSeries(slo, span, { windowed: RECORDED.totalEvents, whole: RECORDED.windowTotalEvents }));
  return `${good} / ${total}`;
}

/** Error ratio per group over the span, from the same sums. */
export function errorRatioByGroup(slo: Slo, span: Span, by: readonly string[] = slo.groupBy): string {
  if (!hasEventCounts(slo.sli)) return rawErrorRatio(slo, span, by);
  return `1 - ${grouped(successRatioByGroup(slo, span, by))}`;
}

/** Wraps an expression in parentheses unless it already is one group or one call: `(a)`, `max(a)`. */
export function grouped(expr: string): string {
  const open = /^[a-z_]*\(/.exec(expr);
  if (open && expr.endsWith(')')) {
    let depth = 0;
    for (let i = open[0].length - 1; i < expr.length; i++) {
      if (expr[i] === '(') depth++;
      else if (expr[i] === ')') depth--;
      if (depth === 0) return i === expr.length - 1 ? expr : `(${expr})`;
    }
  }
  return `(${expr})`;
}

/** Error ratio of the worst group (the only group when there is no groupBy). */
export function worstErrorRatio(slo: Slo, span: Span): string {
  const perGroup = errorRatioByGroup(slo, span);
  return slo.groupBy.length > 0 ? `max(${perGroup})` : grouped(perGroup);
}

/** SLI of the worst group (the only group when there is no groupBy). */
export function sliExpr(slo: Slo, span: Span): string {
  const perGroup = successRatioByGroup(slo, span);
  return slo.groupBy.length > 0 ? `min(${perGroup})` : perGroup;
}

/** 1 untouched, 0 spent, negative overspent; the budget is written from the objective like in the rules. */
export function budgetRemainingExpr(slo: Slo, errorRatio: string = worstErrorRatio(slo, 'slo-window')): string {
  return `1 - ${grouped(errorRatio)} / ${budgetText(slo)}`;
}

export function burnRateExpr(slo: Slo, errorRatio: string): string {
  return `${grouped(errorRatio)} / ${budgetText(slo)}`;
}

export function objectiveExpr(slo: Slo): string {
  return `max(${selector(RECORDED.objective, { [SLO_LABEL]: slo.id })})`;
}

/** Events per second from the five-minute counts. */
/** Good or total events (judged slices, for time slices) in the five-minute counts, summed over groups. */
export function eventCountExpr(slo: Slo, which: 'good' | 'total'): string {
  const metric = which === 'good' ? RECORDED.goodEvents : RECORDED.totalEvents;
  return `sum(${selector(metric, { [SLO_LABEL]: slo.id, [WINDOW_LABEL]: formatDuration(BASE_WINDOW_MS) })})`;
}

export function eventRateExpr(slo: Slo, which: 'good' | 'total'): string {
  return `${eventCountExpr(slo, which)} / ${BASE_WINDOW_MS / 1000}`;
}

/** Every alert name the rules of these SLOs can fire (Burnrate's, and burn alert names kept from Sloth or Pyrra), as a regex alternative. */
export function alertNameRegex(slos: readonly Slo[]): string {
  return [...alertNamesOf(slos)].sort().join('|');
}

/** Firing alerts of `slos` among the SLOs matched by `labels`. */
export function firingAlertsSelector(slos: readonly Slo[], labels: Record<string, MatcherValue>): string {
  return selector(ALERTS_SERIES, { alertname: { regex: alertNameRegex(slos) }, [ALERT_STATE_LABEL]: 'firing', ...labels });
}
