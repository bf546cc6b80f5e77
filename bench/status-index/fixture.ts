/**
 * The status-index benchmark's data: N SLOs × G groups (10 services, 10 teams) evaluated by the real
 * engine, with a mix of states (a tenth burning, some spent, some with a stale cluster, some without
 * data), and 7 days of stored history: whole SLOs every 5 minutes for 2 days and hourly before (what
 * retention leaves), groups hourly. History rows are bulk-inserted straight into the SQLite file.
 */
import Database from 'better-sqlite3';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog.js';
import type { CatalogSlo } from '../../src/service/catalog/load-catalog.js';
import { computeSnapshot, type ClusterCounts, type SloObservation } from '../../src/service/engine/index.js';
import { groupStoreKey } from '../../src/service/engine/group-labels.js';
import type { Evaluation } from '../../src/service/scheduler/evaluator.js';
import { catalogOf } from '../../test/service/support/test-catalog.js';
import { okCluster, staleCluster, sumClusters, type Traffic } from '../../test/service/server/status-page/support/traffic.js';

const HOUR = 3_600_000;

export function indexCatalog(slos: number, groups: number): CompiledCatalog {
  const services = 10;
  return catalogOf(
    Array.from({ length: services }, (_, s) => ({
      service: `service-${s}`,
      team: `team-${s}`,
      slos: Object.fromEntries(
        Array.from({ length: Math.ceil(slos / services) }, (_, i) => [
          `slo-${s * Math.ceil(slos / services) + i}`,
          {
            objective: 99.9,
            ...(groups > 0 ? { groupBy: ['route'] } : {}),
            sli: { kind: 'ratio' as const, errors: `http_requests_total{job="s${s}-${i}",code=~"5.."}`, total: `http_requests_total{job="s${s}-${i}"}` },
          },
        ]),
      ),
    })),
  );
}

/** Deterministic states: every 10th burning, every 13th spent, every 17th without data. */
function traffic(i: number, g: number): Traffic {
  if (i % 17 === 5) return { perMinute: 0, baseRatio: 0 };
  if (i % 13 === 3) return { perMinute: 500 + g, baseRatio: 0.003 };
  if (i % 10 === 1) return { perMinute: 500 + g, baseRatio: 0.0003, incidentRatio: 0.05, incidentMinutes: 90 };
  return { perMinute: 100 + 10 * g + i, baseRatio: 0.0001 * ((i + g) % 7) };
}

export function indexEvaluation(catalog: CompiledCatalog, groups: number, at: Date): Evaluation {
  const slos = catalog.slos as CatalogSlo[];
  const snapshots = slos.flatMap((slo, i) => {
    const perGroup: ClusterCounts[][] = Array.from({ length: Math.max(1, groups) }, (_, g) => [
      okCluster('us-east-1', slo, at, traffic(i, g)),
      i % 23 === 7 ? staleCluster('eu-west-1', 'query timed out after 10s') : okCluster('eu-west-1', slo, at, traffic(i, g)),
    ]);
    const observed: SloObservation[] = [{ sloId: slo.id, group: {}, clusters: sumClusters(perGroup) }];
    if (groups > 0) perGroup.forEach((clusters, g) => observed.push({ sloId: slo.id, group: { route: `/api/v1/resource-${g}` }, clusters }));
    return observed.map((o) => computeSnapshot(slo, o, at));
  });
  return { at, catalogVersion: catalog.version, durationMs: 1000, snapshots, clusters: [] };
}

/** A slow wave per SLO: the numbers differ between points, as real budgets do. */
const ratioAt = (i: number, t: number) => 0.2 + 0.6 * (0.5 + 0.5 * Math.sin(t / (9 * HOUR) + i));

export function insertHistory(file: string, evaluation: Evaluation, days = 7): number {
  const db = new Database(file);
  const insert = db.prepare(
    `insert into budget_snapshots (slo_id, group_key, at, period_start, sli, remaining_ratio, good_events, total_events, status, resolution)
     values (?, ?, ?, null, 0.999, ?, 1000, 1000, 'ok', ?)`,
  );
  const end = evaluation.at.getTime();
  const ids = [...new Set(evaluation.snapshots.map((s) => s.sloId))];
  let rows = 0;
  db.transaction(() => {
    ids.forEach((id, i) => {
      for (let t = end - days * 24 * HOUR; t < end; t += t < end - 2 * 24 * HOUR ? HOUR : 5 * 60_000) {
        insert.run(id, '{}', t, ratioAt(i, t), t < end - 2 * 24 * HOUR ? 'hourly' : 'raw');
        rows++;
      }
    });
    for (const s of evaluation.snapshots.filter((x) => Object.keys(x.group).length > 0)) {
      for (let t = end - days * 24 * HOUR; t < end; t += HOUR) {
        insert.run(s.sloId, groupStoreKey(s.group), t, ratioAt(rows % 97, t), 'hourly');
        rows++;
      }
    }
  })();
  db.close();
  return rows;
}
