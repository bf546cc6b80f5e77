/** Template variable names and the datasource references panels use: always a variable, never a fixed uid. */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

export const VARIABLES = {
  prometheus: 'datasource',
  loki: 'loki',
  jaeger: 'jaeger',
  cluster: 'cluster',
  service: 'service',
  slo: 'slo',
} as const;

export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: `\${${VARIABLES.prometheus}}` };
export const LOKI: DataSourceRef = { type: 'loki', uid: `\${${VARIABLES.loki}}` };
export const JAEGER: DataSourceRef = { type: 'jaeger', uid: `\${${VARIABLES.jaeger}}` };

/** `$name`, as written inside queries. */
export function variableRef(name: string): string {
  return `$${name}`;
}
