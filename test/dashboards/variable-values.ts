/** Values for a dashboard's own variables, as Grafana would send them to Prometheus. */
type Json = Record<string, unknown>;

export type Selection = 'all' | 'one';

/** Example values when one option is picked; `cluster` comes from Thanos/`external_labels`. */
const PICKED: Record<string, string> = { cluster: 'eu-west-1' };

function optionsOf(variable: Json): string[] {
  return typeof variable.query === 'string' && variable.type === 'custom' ? variable.query.split(',') : [];
}

/**
 * "all": include-all variables take their allValue, or (custom variables without one) every option as a
 * regex alternation, which is how Grafana formats multi values for Prometheus. "one": a single option.
 */
export function variableValues(dashboard: Json, selection: Selection, example: { service: string; slo: string }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variable of ((dashboard.templating as Json).list as Json[]) ?? []) {
    const name = String(variable.name);
    if (variable.type === 'datasource') values[name] = `${name}-uid`;
    else if (variable.type === 'constant') values[name] = String(variable.query);
    else if (selection === 'all' && variable.includeAll) {
      values[name] = typeof variable.allValue === 'string' ? variable.allValue : `(${optionsOf(variable).join('|')})`;
    } else {
      values[name] = optionsOf(variable)[0] ?? PICKED[name] ?? (name === 'service' ? example.service : example.slo);
    }
  }
  return values;
}
