/**
 * Template variables. `cluster` reads the external label that Thanos/Mimir (or `external_labels`) add; its
 * "All" value is `.*`, which also matches series without the label, so a single Prometheus works unchanged.
 */
import {
  ConstantVariableBuilder,
  CustomVariableBuilder,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from './sdk.js';
import { CLUSTER_LABEL, RECORDED, SERVICE_LABEL, SLO_LABEL } from '../../../core/conventions/metrics.js';
import { PROMETHEUS, VARIABLES, variableRef } from './datasources.js';
import { selector } from './promql.js';

const ALL = { text: 'All', value: '$__all' };
/** Also matches series without the label (a single Prometheus has no `cluster`). */
const MATCH_ANY = '.*';

export function prometheusVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(VARIABLES.prometheus).label('Prometheus').type('prometheus');
}

export function logsAndTracesVariables(): DatasourceVariableBuilder[] {
  return [
    new DatasourceVariableBuilder(VARIABLES.loki).label('Loki').type('loki'),
    new DatasourceVariableBuilder(VARIABLES.jaeger).label('Jaeger').type('jaeger'),
  ];
}

/** Multi-value, "All" selected; `allValue` only where no other variable narrows the options. */
function labelValues(name: string, label: string, series: string, text: string, allValue?: string): QueryVariableBuilder {
  const query = `label_values(${series}, ${label})`;
  const variable = new QueryVariableBuilder(name)
    .label(text)
    .datasource(PROMETHEUS)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .current(ALL);
  return allValue === undefined ? variable : variable.allValue(allValue);
}

/** Clusters that carry Burnrate's metadata series. */
export function clusterVariable(): QueryVariableBuilder {
  return labelValues(VARIABLES.cluster, CLUSTER_LABEL, RECORDED.objective, 'Cluster', MATCH_ANY);
}

/** Overview: services and SLOs that exist in the selected clusters, read from the objective series. */
export function serviceQueryVariable(): QueryVariableBuilder {
  return labelValues(VARIABLES.service, SERVICE_LABEL, selector(RECORDED.objective), 'Service', MATCH_ANY);
}

/** "All" SLOs are the ones of the selected services: Grafana then sends every option, not `.*`. */
export function sloQueryVariable(): QueryVariableBuilder {
  const series = selector(RECORDED.objective, { [SERVICE_LABEL]: { regex: variableRef(VARIABLES.service) } });
  return labelValues(VARIABLES.slo, SLO_LABEL, series, 'SLO');
}

/** Service dashboard: the service is fixed, the SLO list is the service's own. */
export function serviceConstantVariable(service: string): ConstantVariableBuilder {
  return new ConstantVariableBuilder(VARIABLES.service).value(service);
}

export function sloCustomVariable(sloIds: readonly string[]): CustomVariableBuilder {
  return new CustomVariableBuilder(VARIABLES.slo).label('SLO').values(sloIds.join(',')).multi(true).includeAll(true).current(ALL);
}
