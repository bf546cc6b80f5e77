/**
 * Every PromQL query a dashboard runs (panel targets, variable queries, annotations), with Grafana's
 * variables replaced by values like the ones Grafana sends, ready for the PromQL parser.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { parseSelector, syntaxErrorOffset, type ParsedSelector } from '../../../../src/core/promql/promql.js';

export interface DashboardQuery {
  /** Where it sits, for failure messages: "panel 3 'Page burn rate' A". */
  where: string;
  /** As written in the dashboard. */
  raw: string;
  /** With variables substituted. */
  expr: string;
}

type Json = Record<string, unknown>;

/** Grafana's global variables, with realistic values. */
const GLOBALS: Record<string, string> = {
  __range: '30d',
  __range_s: '2592000',
  __rate_interval: '1m',
  __interval: '30s',
  __interval_ms: '30000',
};

const VARIABLE = /\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]/g;

/**
 * Replaces `$x`, `${x}`, `${x:fmt}`, `[[x]]`; throws on a variable that has no value, so typos fail the test.
 * `$1` is a `label_replace` capture group, which Grafana leaves alone (no variable is named by digits).
 */
export function substitute(text: string, values: Record<string, string>): string {
  return text.replace(VARIABLE, (match: string, a?: string, b?: string, c?: string) => {
    const name = a ?? b ?? c ?? '';
    if (/^\d+$/.test(name)) return match;
    const value = values[name] ?? GLOBALS[name];
    if (value === undefined) throw new Error(`unknown variable $${name} in ${text}`);
    return value;
  });
}

export function variableNames(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

function isPrometheus(ds: unknown): boolean {
  return typeof ds === 'object' && ds !== null && (ds as Json).type === 'prometheus';
}

/** `label_values(selector, label)` → the selector; plain PromQL otherwise. */
export function variablePromql(query: string): string | undefined {
  const labelValues = /^label_values\((.*),\s*\w+\s*\)$/s.exec(query);
  if (labelValues) return labelValues[1];
  if (/^label_values\(\s*\w+\s*\)$/.test(query) || /^(label_names|metrics)\(/.test(query)) return undefined;
  const result = /^query_result\((.*)\)$/s.exec(query);
  return result ? result[1] : query;
}

export function allPanels(dashboard: Json): Json[] {
  const panels = (dashboard.panels as Json[] | undefined) ?? [];
  return panels.flatMap((p) => [p, ...((p.panels as Json[] | undefined) ?? [])]);
}

export function prometheusQueries(dashboard: Json, values: Record<string, string>): DashboardQuery[] {
  const found: { where: string; raw: string }[] = [];
  for (const panel of allPanels(dashboard)) {
    for (const target of (panel.targets as Json[] | undefined) ?? []) {
      const ds = target.datasource ?? panel.datasource;
      if (isPrometheus(ds) && typeof target.expr === 'string') {
        found.push({ where: `panel ${String(panel.id)} '${String(panel.title)}' ${String(target.refId)}`, raw: target.expr });
      }
    }
  }
  for (const variable of ((dashboard.templating as Json).list as Json[]) ?? []) {
    if (variable.type !== 'query' || !isPrometheus(variable.datasource)) continue;
    const query = typeof variable.query === 'string' ? variable.query : String((variable.query as Json).query);
    const promql = variablePromql(query);
    if (promql !== undefined) found.push({ where: `variable ${String(variable.name)}`, raw: promql });
  }
  for (const annotation of ((dashboard.annotations as Json).list as Json[]) ?? []) {
    if (!isPrometheus(annotation.datasource)) continue;
    for (const expr of [annotation.expr, (annotation.target as Json | undefined)?.expr]) {
      if (typeof expr === 'string') found.push({ where: `annotation ${String(annotation.name)}`, raw: expr });
    }
  }
  return found.map((q) => ({ ...q, expr: substitute(q.raw, values) }));
}

export function parseError(expr: string): string | undefined {
  const offset = syntaxErrorOffset(expr);
  return offset === undefined ? undefined : `syntax error at ${offset}: ${expr.slice(Math.max(0, offset - 30), offset)}⟨here⟩${expr.slice(offset, offset + 30)}`;
}

/** Every vector selector in an expression (also inside range vectors and subqueries). */
export function selectorsOf(expr: string): ParsedSelector[] {
  const selectors: ParsedSelector[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.name !== 'VectorSelector') return true;
      const parsed = parseSelector(expr.slice(node.from, node.to));
      if (!parsed) throw new Error(`cannot read selector ${expr.slice(node.from, node.to)}`);
      selectors.push(parsed);
      return false;
    },
  });
  return selectors;
}
