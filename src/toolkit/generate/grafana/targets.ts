/** Query builders with the datasource variable and a stable refId on every query. */
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import { LokiQuery, PromQuery, PromQueryFormat, QueryEditorMode } from './sdk.js';
import { LOKI, PROMETHEUS } from './datasources.js';

export interface PromTarget {
  expr: string;
  legend?: string;
  /** Instant queries for stats and tables: one evaluation instead of a range. */
  instant?: boolean;
  table?: boolean;
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function refId(index: number): string {
  return REF_IDS[index] ?? `Q${index}`;
}

export function promTargets(targets: readonly PromTarget[]): Builder<Dataquery>[] {
  return targets.map((t, index) => {
    const query = new PromQuery().datasource(PROMETHEUS).refId(refId(index)).editorMode(QueryEditorMode.Code).expr(t.expr);
    if (t.legend !== undefined) query.legendFormat(t.legend);
    if (t.instant) query.instant();
    else query.range();
    if (t.table) query.format(PromQueryFormat.Table);
    return query;
  });
}

export function lokiTarget(expr: string): Builder<Dataquery> {
  return new LokiQuery().datasource(LOKI).refId(refId(0)).expr(expr);
}
