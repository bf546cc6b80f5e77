/** A metricSource's Prometheus query, with its type taken from the source or from a DataSource in the file. */
import type { ProblemSink } from '../../../core/diagnostics/problem.js';
import type { MetricSpec } from './openslo-schema.js';

/** DataSource objects of the file: name → type. */
export type DataSourceTypes = ReadonlyMap<string, string>;

export function prometheusQuery(metric: MetricSpec, path: string, dataSources: DataSourceTypes, sink: ProblemSink): string | undefined {
  const source = metric.metricSource;
  const at = `${path}.metricSource`;
  let type = source.type;
  if (type === undefined && source.metricSourceRef !== undefined) {
    type = dataSources.get(source.metricSourceRef);
    if (type === undefined) {
      sink.error('missing-ref', `${at}.metricSourceRef`, `names no DataSource in this file ("${source.metricSourceRef}"); add the DataSource or give type: Prometheus`);
      return undefined;
    }
  }
  if (type === undefined) {
    sink.error('missing-field', `${at}.type`, 'is required: Burnrate reads Prometheus metric sources (type: Prometheus)');
    return undefined;
  }
  if (type.toLowerCase() !== 'prometheus') {
    sink.error('unsupported-source', `${at}.type`, `Burnrate reads Prometheus metrics only, got ${JSON.stringify(type)}`);
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(source.spec)) {
    if (key !== 'query') {
      sink.error('unknown-field', `${at}.spec.${key}`, 'is not supported for a Prometheus metric source; Burnrate reads spec.query only');
      ok = false;
    }
  }
  const query = source.spec.query;
  if (typeof query !== 'string' || query.trim() === '') {
    sink.error('missing-field', `${at}.spec.query`, 'is required: a PromQL query');
    return undefined;
  }
  return ok ? query.trim() : undefined;
}
