/**
 * Validation of PUT bodies for Event Orchestration router and global paths, as PagerDuty documents them:
 * `{ orchestration_path: { sets: [{ id, rules: [{ label, conditions: [{ expression }], actions }] }], catch_all } }`.
 * Router rules may only route_to a known service; global rules may set a known severity. Omitted rule ids
 * are assigned, as the API does.
 */
export interface StoredRule {
  id: string;
  label: string;
  conditions: { expression: string }[];
  actions: Record<string, unknown>;
  disabled: boolean;
}

export interface StoredPath {
  type: 'router' | 'global';
  parent: { id: string; type: string };
  sets: { id: string; rules: StoredRule[] }[];
  catch_all: { actions: Record<string, unknown> };
  version: string;
}

const ROUTER_ACTIONS = new Set(['route_to', 'dynamic_route_to']);
const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);

type Parsed = { sets: StoredPath['sets']; catch_all: StoredPath['catch_all'] } | { errors: string[] };

function checkActions(type: 'router' | 'global', where: string, actions: Record<string, unknown>, services: ReadonlySet<string>, errors: string[]): void {
  for (const [key, value] of Object.entries(actions)) {
    if (type === 'router' && !ROUTER_ACTIONS.has(key)) errors.push(`${where}.actions.${key} is not a router action`);
    if (key === 'route_to' && type === 'router' && value !== 'unrouted' && !services.has(String(value))) errors.push(`${where}.actions.route_to: service ${String(value)} not found`);
    if (key === 'severity' && !SEVERITIES.has(String(value))) errors.push(`${where}.actions.severity must be critical, error, warning or info`);
  }
}

export function validatePathBody(type: 'router' | 'global', body: unknown, services: ReadonlySet<string>, newId: () => string): Parsed {
  const path = (body as { orchestration_path?: { sets?: unknown; catch_all?: unknown } } | null)?.orchestration_path;
  if (typeof path !== 'object' || path === null) return { errors: ['orchestration_path is required'] };
  if (!Array.isArray(path.sets) || path.sets.length === 0) return { errors: ['orchestration_path.sets must be a non-empty array'] };
  const errors: string[] = [];
  if (type === 'router' && path.sets.length !== 1) errors.push('a router has exactly one set');
  const sets: StoredPath['sets'] = [];
  path.sets.forEach((set: { id?: unknown; rules?: unknown }, s: number) => {
    if (typeof set?.id !== 'string') errors.push(`sets[${s}].id is required`);
    if (!Array.isArray(set?.rules)) return errors.push(`sets[${s}].rules must be an array`);
    const rules: StoredRule[] = [];
    set.rules.forEach((rule: Partial<StoredRule> | null, r: number) => {
      const where = `sets[${s}].rules[${r}]`;
      if (typeof rule !== 'object' || rule === null) return errors.push(`${where} must be an object`);
      const conditions = Array.isArray(rule.conditions) ? rule.conditions : [];
      if (conditions.some((c) => typeof c?.expression !== 'string' || c.expression.trim() === '')) errors.push(`${where}.conditions need an expression`);
      const actions = typeof rule.actions === 'object' && rule.actions !== null ? rule.actions : {};
      checkActions(type, where, actions, services, errors);
      rules.push({ id: typeof rule.id === 'string' ? rule.id : newId(), label: String(rule.label ?? ''), conditions, actions, disabled: rule.disabled === true });
    });
    sets.push({ id: String(set.id), rules });
  });
  const catchAll = (path.catch_all as { actions?: Record<string, unknown> } | undefined)?.actions ?? {};
  checkActions(type, 'catch_all', catchAll, services, errors);
  if (type === 'router' && catchAll.route_to === undefined) errors.push('catch_all.actions.route_to is required for a router');
  return errors.length > 0 ? { errors } : { sets, catch_all: { actions: catchAll } };
}
