/** Values for a dashboard's own variables, as Grafana would send them to Prometheus. */
type Json = Record<string, unknown>;

export type Selection = 'all' | 'one';

/** Label values that exist: what a query variable's options would be. */
export interface KnownValues {
  service: string[];
  slo: string[];
}

/** `cluster` comes from Thanos/`external_labels`; no Burnrate rule sets it. */
const CLUSTERS = ['eu-west-1', 'us-east-1'];

function optionsOf(variable: Json, known: KnownValues): string[] {
  if (variable.type === 'custom' && typeof variable.query === 'string') return variable.query.split(',');
  const name = String(variable.name);
  return name === 'cluster' ? CLUSTERS : (known[name as keyof KnownValues] ?? []);
}

/**
 * "all": include-all variables take their allValue, or else every option as a regex alternation (how Grafana
 * formats multi values for Prometheus). "one": the first option.
 */
export function variableValues(dashboard: Json, selection: Selection, known: KnownValues): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variable of ((dashboard.templating as Json).list as Json[]) ?? []) {
    const name = String(variable.name);
    const options = optionsOf(variable, known);
    if (variable.type === 'datasource') values[name] = `${name}-uid`;
    else if (variable.type === 'constant') values[name] = String(variable.query);
    else if (selection === 'all' && variable.includeAll) {
      values[name] = typeof variable.allValue === 'string' ? variable.allValue : `(${options.join('|')})`;
    } else if (options[0] !== undefined) values[name] = options[0];
    else throw new Error(`no value for variable ${name}`);
  }
  return values;
}
