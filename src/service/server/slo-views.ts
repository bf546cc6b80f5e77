/** What the API shows of an SLO: its definition joined with the latest evaluation's snapshots. */
import { countedUnit } from '../../core/sli/slice-queries.js';
import type { CatalogSlo } from '../catalog/load-catalog.js';
import { snapshotsOfSlo, type SloSnapshots } from '../engine/snapshot-index.js';
import type { BudgetSnapshot } from '../engine/types.js';
import { windowText } from '../../core/windows/window-text.js';
import type { Evaluation } from '../scheduler/evaluator.js';
import { hasEventCounts } from '../../core/sli/sli-kinds.js';

export type SloStatus = BudgetSnapshot['status'] | 'pending' | 'unsupported';

export type { SloSnapshots };

export function snapshotsOf(evaluation: Evaluation | undefined, sloId: string): SloSnapshots {
  return snapshotsOfSlo(evaluation?.snapshots, sloId);
}

/** Snapshots of one SLO, for views that look up many SLOs of one evaluation. */
export type SnapshotLookup = (sloId: string) => SloSnapshots;

export function snapshotLookup(evaluation: Evaluation | undefined): SnapshotLookup {
  return (sloId) => snapshotsOf(evaluation, sloId);
}

function statusOf(slo: CatalogSlo, whole: BudgetSnapshot | undefined): SloStatus {
  if (!hasEventCounts(slo.sli)) return 'unsupported';
  return whole?.status ?? 'pending';
}

/** The definition fields every view of an SLO starts with (API and status page). */
export function sloDefinition(slo: CatalogSlo) {
  return {
    id: slo.id,
    name: slo.name,
    service: slo.service,
    team: slo.team,
    description: slo.description,
    objectivePercent: slo.objectivePercent,
    window: windowText(slo.window),
    sliKind: slo.sli.kind,
    counted: countedUnit(slo),
    groupBy: [...slo.groupBy],
    labels: { ...slo.labels },
  };
}

export function snapshotJson(s: BudgetSnapshot) {
  return {
    group: s.group,
    at: s.at.toISOString(),
    status: s.status,
    objectiveRatio: s.objectiveRatio,
    windowStart: s.windowStart.toISOString(),
    windowSeconds: s.windowSeconds,
    ...(s.periodStart ? { periodStart: s.periodStart.toISOString() } : {}),
    goodEvents: s.goodEvents,
    totalEvents: s.totalEvents,
    sli: s.sli,
    budget: s.budget,
    burnRates: s.burnRates,
    secondsToExhaustion: s.secondsToExhaustion,
    clusters: s.clusters,
  };
}

export function sloSummary(slo: CatalogSlo, evaluation: Evaluation | undefined) {
  const { whole, groups } = snapshotsOf(evaluation, slo.id);
  return {
    ...sloDefinition(slo),
    status: statusOf(slo, whole),
    evaluatedAt: whole ? whole.at.toISOString() : null,
    sli: whole?.sli ?? null,
    goodEvents: whole?.goodEvents ?? null,
    totalEvents: whole?.totalEvents ?? null,
    budget: whole?.budget ?? null,
    secondsToExhaustion: whole?.secondsToExhaustion ?? null,
    groups: groups.length,
    staleClusters: whole?.clusters.filter((c) => c.status === 'stale').map((c) => c.cluster) ?? [],
  };
}

export function sloDetail(slo: CatalogSlo, evaluation: Evaluation | undefined) {
  const { whole, groups } = snapshotsOf(evaluation, slo.id);
  return {
    ...sloDefinition(slo),
    ...(slo.runbookUrl ? { runbookUrl: slo.runbookUrl } : {}),
    ...(slo.dashboardUrl ? { dashboardUrl: slo.dashboardUrl } : {}),
    source: slo.source,
    alertWindows: slo.alertWindows,
    status: statusOf(slo, whole),
    evaluatedAt: whole ? whole.at.toISOString() : null,
    snapshot: whole ? snapshotJson(whole) : null,
    groups: groups.map(snapshotJson),
  };
}

/** Two configured clusters that look like one Prometheus (pair) listed twice: their counts are doubled. */
export interface ClusterWarning {
  clusters: string[];
  message: string;
}

/** The duplicated clusters the latest evaluation found (ha-replicas.ts), each pair once. */
export function clusterWarnings(evaluation: Evaluation | undefined): ClusterWarning[] {
  const seen = new Map<string, ClusterWarning>();
  for (const report of evaluation?.clusters ?? []) {
    for (const duplicate of report.duplicates ?? []) {
      if (!seen.has(duplicate.message)) seen.set(duplicate.message, { clusters: [report.cluster, duplicate.cluster].sort(), message: duplicate.message });
    }
  }
  return [...seen.values()];
}

/** The duplicated clusters the latest evaluation found, by name: what `burnrate_cluster_duplicate` reports. */
export function duplicatedClusters(evaluation: Evaluation | undefined): { cluster: string; duplicate: boolean }[] {
  return (evaluation?.clusters ?? []).map((c) => ({ cluster: c.cluster, duplicate: (c.duplicates?.length ?? 0) > 0 }));
}
