/**
 * PromQL errors with a position and a reason: syntax errors from the Prometheus Lezer grammar, then the
 * type errors Prometheus itself rejects when it loads a rule (a range where an instant vector belongs, or
 * the reverse). The grammar cannot say what it expected, so the reason describes what it found.
 */
import { promqlTree } from './promql-tree.js';
import type { SyntaxNode } from '@lezer/common';
import { positionOf, type TextPosition } from '../diagnostics/text-position.js';

export interface PromqlError extends TextPosition {
  kind: 'syntax' | 'type';
  reason: string;
}

const CLOSERS: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

function missingCloser(expr: string): string | undefined {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (CLOSERS[ch]) stack.push(CLOSERS[ch]);
    else if (ch === stack.at(-1)) stack.pop();
  }
  if (quote) return quote;
  return stack.at(-1);
}

function foundAt(expr: string, from: number): string {
  const rest = expr.slice(from);
  const word = /^[A-Za-z_:][A-Za-z0-9_:]*|^\d[\w.]*|^\S/.exec(rest);
  return word ? word[0] : rest.slice(0, 1);
}

function syntaxReason(expr: string, node: SyntaxNode): string {
  const at = node.from;
  if (expr.slice(at).trim() === '') {
    const closer = missingCloser(expr);
    return closer ? `unexpected end of expression; a closing ${closer} is missing` : 'unexpected end of expression';
  }
  const prev = node.prevSibling;
  const found = foundAt(expr, at);
  if (prev?.name === 'MatchOp') return `label values must be quoted strings, e.g. ${expr.slice(node.parent?.from ?? at, at)}"${found}"`;
  if (found === '(' && prev && expr.slice(prev.to, at).trim() === '') {
    const name = expr.slice(prev.from, prev.to);
    if (/^[A-Za-z_]\w*$/.test(name)) return `unknown function "${name}"`;
  }
  return `unexpected ${JSON.stringify(found)}`;
}

/** The first syntax error, or undefined when the grammar accepts the expression. */
export function findSyntaxError(expr: string): PromqlError | undefined {
  if (expr.trim() === '') return { kind: 'syntax', reason: 'the expression is empty', ...positionOf(expr, 0) };
  const tree = promqlTree(expr);
  let error: SyntaxNode | undefined;
  tree.iterate({
    enter(ref) {
      if (!error && ref.type.isError) error = ref.node;
      return error === undefined;
    },
  });
  return error ? { kind: 'syntax', reason: syntaxReason(expr, error), ...positionOf(expr, error.from) } : undefined;
}

const RANGE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'changes', 'resets', 'predict_linear', 'holt_winters', 'double_exponential_smoothing']);
const WRAPPERS = new Set(['ParenExpr', 'OffsetExpr', 'StepInvariantExpr']);

function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (WRAPPERS.has(current.name) && current.firstChild) {
    current = current.firstChild;
  }
  return current;
}

function isRange(node: SyntaxNode): boolean {
  const inner = unwrap(node);
  return inner.name === 'MatrixSelector' || inner.name === 'SubqueryExpr';
}

/** Arguments of a call body (punctuation is not part of the tree). */
export function callArguments(body: SyntaxNode | null): SyntaxNode[] {
  const args: SyntaxNode[] = [];
  for (let child = body?.firstChild; child; child = child.nextSibling) args.push(child);
  return args;
}

function typeReason(expr: string, node: SyntaxNode): { at: number; reason: string } | undefined {
  if (node.name === 'MatrixSelector' && node.firstChild && unwrap(node.firstChild).name !== 'VectorSelector') {
    const bracket = expr.indexOf('[', node.firstChild.to);
    return { at: bracket, reason: 'a range [...] can only follow a metric selector; for an expression use a subquery such as (expr)[1h:5m]' };
  }
  if (node.name === 'FunctionCall') {
    const name = expr.slice(node.from, node.firstChild?.to ?? node.from);
    const args = callArguments(node.getChild('FunctionCallBody'));
    const rangeIndex = name === 'quantile_over_time' ? 1 : 0;
    const needsRange = RANGE_FUNCTIONS.has(name) || name.endsWith('_over_time');
    const arg = args[rangeIndex];
    if (needsRange && arg && !isRange(arg)) {
      return { at: arg.from, reason: `${name}() needs a range vector such as ${expr.slice(arg.from, arg.to)}[5m], got an instant vector` };
    }
    const misplaced = args.find((a, i) => isRange(a) && !(needsRange && i === rangeIndex));
    if (misplaced) return { at: misplaced.from, reason: `${name}() takes an instant vector here, got the range ${expr.slice(misplaced.from, misplaced.to)}` };
  }
  if (node.name === 'AggregateExpr') {
    const args = callArguments(node.getChild('FunctionCallBody'));
    const last = args.at(-1);
    const op = expr.slice(node.from, node.firstChild?.to ?? node.from);
    if (last && isRange(last)) return { at: last.from, reason: `${op}() needs an instant vector; wrap the range in a function such as rate(${expr.slice(last.from, last.to)})` };
  }
  if (node.name === 'BinaryExpr') {
    const operand = [node.firstChild, node.lastChild].find((n) => n && isRange(n));
    if (operand) return { at: operand.from, reason: `operators need instant vectors; wrap the range in a function such as rate(${expr.slice(operand.from, operand.to)})` };
  }
  return undefined;
}

/** The first type error Prometheus would reject, or undefined. Assumes the expression parses. */
export function findTypeError(expr: string): PromqlError | undefined {
  const tree = promqlTree(expr);
  let found: { at: number; reason: string } | undefined;
  tree.iterate({
    enter(ref) {
      if (!found) found = typeReason(expr, ref.node);
      return found === undefined;
    },
  });
  const top = tree.topNode.firstChild;
  if (!found && top && isRange(top)) {
    found = { at: top.from, reason: 'the expression must give an instant vector, not a range; wrap it in a function such as rate(...)' };
  }
  return found ? { kind: 'type', reason: found.reason, ...positionOf(expr, found.at) } : undefined;
}

/** Syntax first, then types. */
export function findPromqlError(expr: string): PromqlError | undefined {
  return findSyntaxError(expr) ?? findTypeError(expr);
}
