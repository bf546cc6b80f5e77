/**
 * Reads the counter selector out of the queries other SLO formats write: a plain selector `x_total{...}`,
 * `rate(x_total{...}[5m])`, `increase(...)`, optionally inside `sum(...)` or `sum by (a, b) (...)`.
 * `sum(x_total)` means the same as `x_total`: both name the counter whose increase Burnrate records.
 * Anything else is not a count of events Burnrate can record, and the caller says so.
 */
import { promqlTree } from '../../core/promql/promql-tree.js';
import type { SyntaxNode } from '@lezer/common';
import { syntaxErrorOffset } from '../../core/promql/promql.js';

export interface CounterQuery {
  /** The selector exactly as written, e.g. `http_requests_total{job="api"}`. */
  selector: string;
  /** Labels of a `sum by (...)`; empty for no aggregation or a plain `sum`. */
  groupBy: string[];
  /** The range of rate()/increase() as written, e.g. "5m"; absent for a plain selector. */
  range?: string;
  /** The function around the selector, e.g. "Rate" (the PromQL grammar's name); absent for a plain selector. */
  fn?: string;
}

export type CounterQueryResult = { ok: true; query: CounterQuery } | { ok: false; reason: string };

/** Sloth's template for the range (also written by Sloth's OpenSLO input): `{{.window}}`, `{{ .window }}`. */
export const SLOTH_WINDOW = /\{\{\s*\.window\s*\}\}/g;

export const COUNTER_QUERY_SHAPES = 'a counter selector, or rate()/increase() of one selector, optionally inside sum(...) or sum by (...)';

function unwrapParens(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.name === 'ParenExpr' && current.firstChild) current = current.firstChild;
  return current;
}

/** The only argument of a call or aggregation body, or undefined when there is not exactly one. */
function onlyArgument(body: SyntaxNode | null): SyntaxNode | undefined {
  const first = body?.firstChild;
  if (!first || first.nextSibling) return undefined;
  return unwrapParens(first);
}

function groupingLabels(expr: string, modifier: SyntaxNode): string[] {
  const labels: string[] = [];
  const grouping = modifier.getChild('GroupingLabels');
  for (let child = grouping?.firstChild; child; child = child.nextSibling) {
    if (child.name === 'LabelName') labels.push(expr.slice(child.from, child.to));
  }
  return labels;
}

const COUNTER_FUNCTIONS = ['Rate', 'Increase'];

function readCall(expr: string, node: SyntaxNode, functions: readonly string[], shapes: string): CounterQuery | string {
  if (node.name === 'VectorSelector') return { selector: expr.slice(node.from, node.to), groupBy: [] };
  if (node.name !== 'FunctionCall') return `expected ${shapes}`;
  const fn = node.getChild('FunctionIdentifier')?.firstChild?.name;
  const name = expr.slice(node.from, node.to).split('(')[0]?.trim();
  if (fn === undefined || !functions.includes(fn)) return `${name}() does not count events; expected ${shapes}`;
  const matrix = onlyArgument(node.getChild('FunctionCallBody'));
  const vector = matrix?.name === 'MatrixSelector' ? matrix.getChild('VectorSelector') : null;
  const range = matrix?.getChild('DurationExpr');
  if (!matrix || !vector || !range) return `expected a range selector such as x_total[5m] inside ${name}()`;
  return { selector: expr.slice(vector.from, vector.to), groupBy: [], range: expr.slice(range.from, range.to), fn };
}

function readQuery(expr: string, functions: readonly string[], shapes: string): CounterQueryResult {
  const text = expr.trim();
  const offset = syntaxErrorOffset(text);
  if (offset !== undefined) return { ok: false, reason: `PromQL syntax error at offset ${offset}` };
  const top = promqlTree(text).topNode.firstChild;
  if (!top) return { ok: false, reason: 'is empty' };
  let node = unwrapParens(top);
  let groupBy: string[] = [];
  if (node.name === 'AggregateExpr') {
    const op = node.getChild('AggregateOp')?.firstChild?.name;
    if (op !== 'Sum') return { ok: false, reason: `only sum(...) keeps event counts; expected ${shapes}` };
    const modifier = node.getChild('AggregateModifier');
    if (modifier?.getChild('Without')) return { ok: false, reason: 'sum without (...) is not supported; use sum by (...)' };
    if (modifier) groupBy = groupingLabels(text, modifier);
    const inner = onlyArgument(node.getChild('FunctionCallBody'));
    if (!inner) return { ok: false, reason: `sum() must wrap one expression; expected ${shapes}` };
    node = inner;
  }
  const read = readCall(text, node, functions, shapes);
  if (typeof read === 'string') return { ok: false, reason: read };
  return { ok: true, query: { ...read, groupBy } };
}

export function readCounterQuery(expr: string): CounterQueryResult {
  return readQuery(expr, COUNTER_FUNCTIONS, COUNTER_QUERY_SHAPES);
}

/** `count_over_time(g[w])` or `sum_over_time(g[w])` of one gauge, optionally inside sum(...): samples of a 0/1 gauge. */
export function readSampleQuery(expr: string): CounterQueryResult {
  return readQuery(expr, ['CountOverTime', 'SumOverTime'], 'count_over_time() or sum_over_time() of one selector, optionally inside sum(...)');
}

/** `A - B` where both sides are counter queries (or, with `read`, other queries), e.g. all requests minus the fast ones. */
export function readCounterDifference(expr: string, read = readCounterQuery): { minuend: CounterQuery; subtrahend: CounterQuery } | undefined {
  const text = expr.trim();
  if (syntaxErrorOffset(text) !== undefined) return undefined;
  const top = promqlTree(text).topNode.firstChild;
  const node = top ? unwrapParens(top) : undefined;
  if (node?.name !== 'BinaryExpr' || !node.getChild('Sub') || node.getChild('BoolModifier') || node.getChild('MatchingModifierClause')) return undefined;
  const sides: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name !== 'Sub') sides.push(child);
  const [left, right] = sides;
  if (sides.length !== 2 || !left || !right) return undefined;
  const minuend = read(text.slice(left.from, left.to));
  const subtrahend = read(text.slice(right.from, right.to));
  return minuend.ok && subtrahend.ok ? { minuend: minuend.query, subtrahend: subtrahend.query } : undefined;
}
