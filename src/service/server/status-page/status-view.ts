/**
 * What the status page shows, built from the same in-memory latest evaluation the API serves: every
 * SLO's definition joined with its snapshots, burn rates beside the alert thresholds, and a gate per
 * service. Nothing is recomputed: values come from the engine's snapshots as they are.
 */
import type { CatalogConflict, CatalogSlo, CatalogSourceInfo, LoadedCatalog } from '../../catalog/load-catalog.js';
import type { BudgetSnapshot } from '../../engine/types.js';
import type { Evaluation } from '../../scheduler/evaluator.js';
import { clusterWarnings, sloDefinition, type ClusterWarning, type SloStatus, snapshotLookup, type SnapshotLookup } from '../slo-views.js';
import { budgetColour, isSpent, type BudgetColour } from './budget-colour.js';
import { gateDecision, type GateDecision } from './gate-decision.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';
import { groupDisplayText } from '../../engine/group-labels.js';
import type { BudgetTrends } from './budget-trends.js';
import type { TrendPoint } from './render-trend.js';

/** A groupBy SLO can have thousands of groups; the page shows the worst ones. */
export const MAX_GROUPS_SHOWN = 50;

export interface BudgetView {
  status: SloStatus;
  /** No cluster answered: the counts are unknown (an outage), which the page must not show as "no data". */
  unknown: boolean;
  sli: number | null;
  remainingRatio: number | null;
  colour: BudgetColour;
  secondsToExhaustion: number | null;
  staleClusters: { cluster: string; error?: string }[];
}

export interface AlertPairView {
  tier: string;
  speed: string;
  enabled: boolean;
  longWindow: string;
  shortWindow: string;
  factor: number;
  longRate: number | null;
  shortRate: number | null;
  /** Both windows burn faster than the factor: the rule's condition (before its minimum-events guard). */
  over: boolean;
}

export interface SloView extends BudgetView {
  id: string;
  name: string;
  service: string;
  team: string;
  description: string;
  objectivePercent: number;
  window: string;
  sliKind: string;
  /** What the budget counts: "events" or time slices ("1m slices"). */
  counted: string;
  groupBy: string[];
  runbookUrl?: string;
  dashboardUrl?: string;
  alertPairs: AlertPairView[];
  groups: (BudgetView & { labels: string })[];
  groupCount: number;
  /** Remaining ratio over the recent past, the latest evaluation last; undefined when the store could not say. */
  trend?: TrendPoint[];
}

export interface StatusView {
  catalogVersion: string;
  evaluatedAt: Date | null;
  /** Set when the latest evaluation ran against an older catalog than the one now loaded. */
  evaluatedCatalogVersion?: string;
  now: Date;
  slos: SloView[];
  gates: { service: string; decision: GateDecision; summary: string }[];
  /** Discovered catalogs only (undefined for one catalog file): every source, its state and SLO count. */
  catalogSources?: (CatalogSourceInfo & { refused: number })[];
  /** SLO ids several sources define: refused in all of them, so not on the page otherwise. */
  conflicts: CatalogConflict[];
  /** Clusters the latest evaluation found listed twice (an HA pair's two replicas): their counts are doubled. */
  clusterWarnings: ClusterWarning[];
}

export function budgetView(slo: CatalogSlo, snapshot: BudgetSnapshot | undefined): BudgetView {
  const status: SloStatus = !hasEventCounts(slo.sli) ? 'unsupported' : (snapshot?.status ?? 'pending');
  const remainingRatio = snapshot?.budget.remainingRatio ?? null;
  return {
    status,
    unknown: status === 'no-data' && snapshot?.totalEvents === null,
    sli: snapshot?.sli ?? null,
    remainingRatio,
    colour: budgetColour(remainingRatio),
    secondsToExhaustion: snapshot?.secondsToExhaustion ?? null,
    staleClusters: (snapshot?.clusters ?? []).filter((c) => c.status === 'stale').map((c) => ({ cluster: c.cluster, ...(c.error ? { error: c.error } : {}) })),
  };
}

export function alertPairs(slo: CatalogSlo, snapshot: BudgetSnapshot | undefined): AlertPairView[] {
  const rate = (window: string) => snapshot?.burnRates.find((r) => r.window === window)?.burnRate ?? null;
  return slo.alertWindows.map((w) => {
    const longRate = rate(w.longWindow);
    const shortRate = rate(w.shortWindow);
    const over = longRate !== null && shortRate !== null && longRate > w.factor && shortRate > w.factor;
    const enabled = (w.tier === 'page' || w.tier === 'ticket') && slo.alerting[w.tier].enabled;
    return { tier: w.tier, speed: w.speed, enabled, longWindow: w.longWindow, shortWindow: w.shortWindow, factor: w.factor, longRate, shortRate, over };
  });
}

/** Worst first: no data, then least budget left. */
function worstFirst(a: BudgetView, b: BudgetView): number {
  return (a.remainingRatio ?? -Infinity) - (b.remainingRatio ?? -Infinity);
}

function trendOf(slo: CatalogSlo, whole: BudgetSnapshot | undefined, trends: BudgetTrends | undefined): TrendPoint[] | undefined {
  if (!trends || !hasEventCounts(slo.sli)) return undefined;
  const ratios = trends.ratios.get(slo.id) ?? [];
  const stored = trends.at.map((at, i) => ({ at, ratio: ratios[i] ?? null }));
  return whole ? [...stored, { at: whole.at, ratio: whole.budget.remainingRatio }] : stored;
}

export function sloView(slo: CatalogSlo, lookup: SnapshotLookup, trends?: BudgetTrends): SloView {
  const { whole, groups } = lookup(slo.id);
  const trend = trendOf(slo, whole, trends);
  const groupViews = groups.map((g) => ({ labels: groupDisplayText(g.group), ...budgetView(slo, g) })).sort(worstFirst);
  return {
    ...budgetView(slo, whole),
    ...sloDefinition(slo),
    ...(slo.runbookUrl ? { runbookUrl: slo.runbookUrl } : {}),
    ...(slo.dashboardUrl ? { dashboardUrl: slo.dashboardUrl } : {}),
    alertPairs: alertPairs(slo, whole),
    groups: groupViews.slice(0, MAX_GROUPS_SHOWN),
    groupCount: groupViews.length,
    ...(trend ? { trend } : {}),
  };
}

export function statusView(catalog: LoadedCatalog, evaluation: Evaluation | undefined, now: Date, trends?: BudgetTrends): StatusView {
  const lookup = snapshotLookup(evaluation);
  const byService = new Map<string, CatalogSlo[]>();
  for (const slo of catalog.slos) byService.set(slo.service, [...(byService.get(slo.service) ?? []), slo]);
  return {
    catalogVersion: catalog.version,
    evaluatedAt: evaluation?.at ?? null,
    ...(evaluation && evaluation.catalogVersion !== catalog.version ? { evaluatedCatalogVersion: evaluation.catalogVersion } : {}),
    now,
    slos: [...catalog.slos].sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name)).map((slo) => sloView(slo, lookup, trends)),
    gates: [...byService.keys()].sort().map((service) => {
      const gate = gateDecision(byService.get(service) ?? [], evaluation, 0, lookup);
      return { service, decision: gate.decision, summary: gate.summary };
    }),
    ...(catalog.sources ? { catalogSources: catalog.sources.map((source) => ({ ...source, refused: (catalog.conflicts ?? []).filter((c) => c.sources.includes(source.name)).length })) } : {}),
    conflicts: [...(catalog.conflicts ?? [])],
    clusterWarnings: clusterWarnings(evaluation),
  };
}

/** What the filter box matches: service, team, id and name. */
export function searchText(slo: Pick<SloView, 'service' | 'team' | 'id' | 'name'>): string {
  return `${slo.service} ${slo.team} ${slo.id} ${slo.name}`.toLowerCase();
}

/** Every whitespace-separated term of the query occurs in the SLO's search text. */
export function matchesQuery(slo: Pick<SloView, 'service' | 'team' | 'id' | 'name'>, query: string): boolean {
  const text = searchText(slo);
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((term) => text.includes(term));
}

/** Budget state for the headline counts: spent beats burning beats the data status. */
export function headline(slo: SloView): 'spent' | 'burning' | SloStatus {
  if (slo.remainingRatio !== null && isSpent(slo.remainingRatio)) return 'spent';
  if (slo.alertPairs.some((p) => p.over)) return 'burning';
  return slo.status;
}
