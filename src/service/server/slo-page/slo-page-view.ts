/**
 * Everything one SLO page shows, read once per request: the definition and latest snapshot (memory),
 * the stored history over the chosen range and the paging timeline (store). Values are passed through
 * as stored; the charts plot exactly what GET /api/v1/slos/:id/history returns for the same range.
 */
import type { CatalogAlertWindow } from '../../../core/catalog/compiled-catalog.js';
import type { CatalogSlo } from '../../catalog/load-catalog.js';
import { calendarPeriod } from '../../engine/calendar-period.js';
import { groupDisplayText, groupGaugeValue, groupStoreKey, type GroupLabels } from '../../engine/group-labels.js';
import type { BudgetSnapshot } from '../../engine/types.js';
import type { Evaluation } from '../../scheduler/evaluator.js';
import type { HistoryPoint } from '../../store/types.js';
import { snapshotLookup } from '../slo-views.js';
import { alertPairs, budgetView, sloView, type AlertPairView, type BudgetView, type SloView } from '../status-page/status-view.js';
import { prometheusRuleFilePath, rulesFilePath } from '../../../core/conventions/rule-files.js';
import type { PageRange } from './slo-page-range.js';
import type { Timeline } from './slo-page-timeline.js';

export interface SloPageView {
  slo: SloView;
  /** The group this page is about; undefined for the whole SLO. */
  group?: { labels: GroupLabels; text: string; query: string };
  /** The snapshot the header and cluster table describe (the group's, when one is chosen). */
  snapshot?: BudgetSnapshot;
  /** The budget of that snapshot as the status page reads it. */
  budget: BudgetView;
  /** Burn rates of that snapshot beside each alert window's threshold. */
  alertPairs: AlertPairView[];
  /** The SLO's alert windows and factors, which the burn-rate charts draw. */
  alertWindows: CatalogAlertWindow[];
  range: PageRange;
  /** Calendar SLOs: the current budget period and when the budget resets. */
  period?: { start: Date; reset: Date; timeZone: string };
  points: HistoryPoint[];
  timeline: Timeline;
  /** Group links of the breakdown table: ?group= values, worst budget first. */
  groupLinks: Map<string, string>;
  rulesFiles: string[];
  now: Date;
}

export function sloPageView(input: {
  slo: CatalogSlo;
  group?: GroupLabels;
  latest: Evaluation | undefined;
  range: PageRange;
  points: HistoryPoint[];
  timeline: Timeline;
  now: Date;
}): SloPageView {
  const { slo, group, latest, range, points, timeline, now } = input;
  const lookup = snapshotLookup(latest);
  const { whole, groups } = lookup(slo.id);
  const snapshot = group ? groups.find((g) => groupStoreKey(g.group) === groupStoreKey(group)) : whole;
  const groupLinks = new Map(groups.map((g) => [groupDisplayText(g.group), groupGaugeValue(g.group)]));
  return {
    slo: sloView(slo, lookup),
    ...(group ? { group: { labels: group, text: groupDisplayText(group), query: groupGaugeValue(group) } } : {}),
    ...(snapshot ? { snapshot } : {}),
    budget: budgetView(slo, snapshot),
    alertPairs: alertPairs(slo, snapshot),
    alertWindows: slo.alertWindows.filter((w) => slo.alerting[w.tier as 'page' | 'ticket']?.enabled ?? true),
    range,
    ...(slo.window.kind === 'calendar'
      ? { period: { ...periodOf(slo.window, now), timeZone: slo.window.timeZone } }
      : {}),
    points,
    timeline,
    groupLinks,
    rulesFiles: [rulesFilePath(slo.service), prometheusRuleFilePath(slo.service)],
    now,
  };
}

function periodOf(window: Extract<CatalogSlo['window'], { kind: 'calendar' }>, now: Date): { start: Date; reset: Date } {
  const { start, end } = calendarPeriod(window, now);
  return { start, reset: end };
}
