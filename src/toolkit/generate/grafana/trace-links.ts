/**
 * Trace SLIs: Jaeger searches for the spans the SLI counts as bad, as panels on the Jaeger datasource
 * variable and as data links that open the same search in Explore.
 */
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import { DashboardLinkBuilder } from './sdk.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Sli, Slo } from '../../../core/model/slo.js';
import { JAEGER, VARIABLES } from './datasources.js';

type TracesSli = Extract<Sli, { kind: 'traces' }>;

/** The Jaeger datasource's query model (Grafana's JaegerQuery, "search" query type). */
export interface JaegerSearch {
  refId: string;
  datasource: typeof JAEGER;
  queryType: 'search';
  service: string;
  operation?: string;
  /** logfmt, e.g. `error=true span.kind=server`. */
  tags?: string;
  minDuration?: string;
  limit: number;
}

const TRACE_LIMIT = 20;

export function tracesSli(slo: Slo): TracesSli | undefined {
  return slo.sli.kind === 'traces' ? slo.sli : undefined;
}

function logfmtValue(value: string): string {
  return /^[A-Za-z0-9_.:/-]+$/.test(value) ? value : JSON.stringify(value);
}

/** Failed spans (status ERROR) or, with `slow`, spans over the SLI's latency threshold. */
export function jaegerSearch(sli: TracesSli, bad: 'failed' | 'slow'): JaegerSearch {
  const tags = [
    ...(bad === 'failed' ? ['error=true'] : []),
    ...(sli.spanKind ? [`span.kind=${sli.spanKind}`] : []),
    ...(sli.route ? [`http.route=${logfmtValue(sli.route)}`] : []),
  ];
  return {
    refId: 'A',
    datasource: { ...JAEGER },
    queryType: 'search',
    service: sli.spanService,
    ...(sli.spanName ? { operation: sli.spanName } : {}),
    ...(tags.length > 0 ? { tags: tags.join(' ') } : {}),
    ...(bad === 'slow' && sli.latencyThresholdSeconds !== undefined
      ? { minDuration: formatDuration(sli.latencyThresholdSeconds * 1000) }
      : {}),
    limit: TRACE_LIMIT,
  };
}

/** Builder for the Jaeger query (the SDK has none): the plain query object. */
export function jaegerTarget(search: JaegerSearch): Builder<Dataquery> {
  return { build: () => ({ ...search, _implementsDataqueryVariant() {} }) };
}

/** Percent-encodes the JSON but keeps `${var}` intact so Grafana still interpolates it. */
function encodeKeepingVariables(text: string): string {
  return encodeURIComponent(text).replace(/%24%7B([A-Za-z0-9_:.]+)%7D/g, '${$1}');
}

/** An Explore URL (`left=` form, which Grafana 10 to 13 all parse) running the search over the dashboard's time range. */
export function exploreUrl(search: JaegerSearch): string {
  const state = {
    datasource: `\${${VARIABLES.jaeger}}`,
    queries: [search],
    range: { from: '${__from}', to: '${__to}' },
  };
  return `/explore?left=${encodeKeepingVariables(JSON.stringify(state))}`;
}

/** Data links to the failed (and, with a latency threshold, slow) spans of a trace SLI. */
export function traceDataLinks(slo: Slo): DashboardLinkBuilder[] {
  const sli = tracesSli(slo);
  if (!sli) return [];
  const links = [new DashboardLinkBuilder('Failed spans in Jaeger').url(exploreUrl(jaegerSearch(sli, 'failed'))).targetBlank(true)];
  if (sli.latencyThresholdSeconds !== undefined) {
    links.push(new DashboardLinkBuilder('Slow spans in Jaeger').url(exploreUrl(jaegerSearch(sli, 'slow'))).targetBlank(true));
  }
  return links;
}
