/**
 * Which labels survive to the top of a PromQL expression. A groupBy label must survive every aggregation
 * and vector match, or the SLO collapses into one series; a selector pinning it to one value makes the
 * grouping pointless.
 */
import { promqlTree } from './promql-tree.js';
import type { SyntaxNode } from '@lezer/common';
import { callArguments } from './promql-syntax.js';
import { readSelector } from './promql.js';

const PASS_THROUGH = new Set(['ParenExpr', 'OffsetExpr', 'StepInvariantExpr', 'MatrixSelector', 'SubqueryExpr', 'AnchoredExpr', 'SmoothedExpr']);
const SCALAR_FUNCTIONS = new Set(['scalar', 'time', 'pi']);
const LABELLESS_FUNCTIONS = new Set(['vector', 'absent', 'absent_over_time']);
const KEEP_SERIES_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

function text(expr: string, node: SyntaxNode | null | undefined): string {
  return node ? expr.slice(node.from, node.to) : '';
}

function groupingLabels(expr: string, node: SyntaxNode | null): string[] {
  const labels: string[] = [];
  for (let child = node?.firstChild; child; child = child.nextSibling) labels.push(text(expr, child).replace(/^"|"$/g, ''));
  return labels;
}

function isScalar(expr: string, node: SyntaxNode): boolean {
  if (node.name === 'NumberDurationLiteral' || node.name === 'StringLiteral') return true;
  if (node.name === 'ParenExpr' || node.name === 'UnaryExpr') return node.lastChild ? isScalar(expr, node.lastChild) : false;
  if (node.name === 'FunctionCall') return SCALAR_FUNCTIONS.has(text(expr, node.firstChild));
  if (node.name === 'BinaryExpr') return !!node.firstChild && !!node.lastChild && isScalar(expr, node.firstChild) && isScalar(expr, node.lastChild);
  return false;
}

function union(...sets: Set<string>[]): Set<string> {
  return new Set(sets.flatMap((s) => [...s]));
}

function lostInFunction(expr: string, node: SyntaxNode, wanted: readonly string[]): Set<string> {
  const name = text(expr, node.firstChild);
  const args = callArguments(node.getChild('FunctionCallBody'));
  if (LABELLESS_FUNCTIONS.has(name)) return new Set(wanted);
  if ((name === 'label_replace' || name === 'label_join') && args[0]) {
    const target = text(expr, args[1]).slice(1, -1);
    const lost = lostBelow(expr, args[0], wanted);
    lost.delete(target);
    return lost;
  }
  return union(...args.filter((a) => !isScalar(expr, a)).map((a) => lostBelow(expr, a, wanted)));
}

function lostInAggregation(expr: string, node: SyntaxNode, wanted: readonly string[]): Set<string> {
  const op = text(expr, node.firstChild);
  const inner = callArguments(node.getChild('FunctionCallBody')).at(-1);
  const below = inner ? lostBelow(expr, inner, wanted) : new Set<string>();
  if (KEEP_SERIES_AGGREGATIONS.has(op)) return below;
  const modifier = node.getChild('AggregateModifier');
  if (!modifier) return new Set(wanted);
  const labels = groupingLabels(expr, modifier.getChild('GroupingLabels'));
  const isBy = modifier.getChild('By') !== null;
  return union(below, new Set(wanted.filter((l) => (isBy ? !labels.includes(l) : labels.includes(l)))));
}

function lostInBinary(expr: string, node: SyntaxNode, wanted: readonly string[]): Set<string> {
  const left = node.firstChild;
  const right = node.lastChild;
  if (!left || !right) return new Set();
  if (isScalar(expr, left)) return lostBelow(expr, right, wanted);
  if (isScalar(expr, right)) return lostBelow(expr, left, wanted);
  const op = left.nextSibling?.name ?? '';
  if (op === 'And' || op === 'Unless') return lostBelow(expr, left, wanted);
  const both = union(lostBelow(expr, left, wanted), lostBelow(expr, right, wanted));
  if (op === 'Or') return both;
  const matching = node.getChild('MatchingModifierClause');
  if (!matching) return both;
  if (matching.getChild('GroupLeft')) return lostBelow(expr, left, wanted);
  if (matching.getChild('GroupRight')) return lostBelow(expr, right, wanted);
  const labels = groupingLabels(expr, matching.getChild('GroupingLabels'));
  const isOn = matching.getChild('On') !== null;
  return union(both, new Set(wanted.filter((l) => (isOn ? !labels.includes(l) : labels.includes(l)))));
}

function lostBelow(expr: string, node: SyntaxNode, wanted: readonly string[]): Set<string> {
  if (PASS_THROUGH.has(node.name) || node.name === 'UnaryExpr') {
    const inner = node.name === 'UnaryExpr' ? node.lastChild : node.firstChild;
    return inner ? lostBelow(expr, inner, wanted) : new Set();
  }
  if (node.name === 'AggregateExpr') return lostInAggregation(expr, node, wanted);
  if (node.name === 'BinaryExpr') return lostInBinary(expr, node, wanted);
  if (node.name === 'FunctionCall') return lostInFunction(expr, node, wanted);
  return new Set();
}

/** Labels of `wanted` that do not reach the top of the expression, in `wanted` order. */
export function labelsLost(expr: string, wanted: readonly string[]): string[] {
  if (wanted.length === 0) return [];
  const top = promqlTree(expr).topNode.firstChild;
  const lost = top ? lostBelow(expr, top, wanted) : new Set<string>();
  return wanted.filter((l) => lost.has(l));
}

export interface PinnedLabel {
  label: string;
  matcher: string;
}

const REGEX_META = /[.*+?()|[\]{}^$\\]/;

/** groupBy labels that a selector fixes to a single value (`route="/pay"`, or a regex without metacharacters). */
export function pinnedLabels(expr: string, wanted: readonly string[]): PinnedLabel[] {
  const pinned = new Map<string, string>();
  promqlTree(expr).iterate({
    enter(ref) {
      if (ref.name !== 'VectorSelector') return true;
      for (const m of readSelector(expr, ref.node).matchers) {
        const single = m.op === '=' || (m.op === '=~' && !REGEX_META.test(m.value));
        if (single && m.value !== '' && wanted.includes(m.name) && !pinned.has(m.name)) pinned.set(m.name, `${m.name}${m.op}${JSON.stringify(m.value)}`);
      }
      return false;
    },
  });
  return [...pinned].map(([label, matcher]) => ({ label, matcher }));
}
