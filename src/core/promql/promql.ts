/** PromQL parsing with the Prometheus project's own Lezer grammar: syntax errors and selector parts. */
import { promqlTree } from './promql-tree.js';
import type { SyntaxNode, Tree } from '@lezer/common';

export interface LabelMatcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface ParsedSelector {
  metric?: string;
  matchers: LabelMatcher[];
}

/** Offset of the first syntax error, or undefined when the expression parses. */
export function syntaxErrorOffset(expr: string): number | undefined {
  if (expr.trim() === '') return 0;
  const tree = promqlTree(expr);
  let offset: number | undefined;
  tree.iterate({
    enter(node) {
      if (offset === undefined && node.type.isError) offset = node.from;
      return offset === undefined;
    },
  });
  return offset;
}

function top(tree: Tree): SyntaxNode | null {
  return tree.topNode.firstChild;
}

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) return body;
  return body.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}

/** Metric name and matchers of a VectorSelector node. */
export function readSelector(expr: string, node: SyntaxNode): ParsedSelector {
  const selector: ParsedSelector = { matchers: [] };
  const identifier = node.getChild('Identifier');
  if (identifier) selector.metric = expr.slice(identifier.from, identifier.to);
  const matchers = node.getChild('LabelMatchers');
  for (let child = matchers?.firstChild; child; child = child.nextSibling) {
    const name = child.getChild('LabelName') ?? child.getChild('QuotedLabelName');
    const op = child.getChild('MatchOp');
    const value = child.getChild('StringLiteral');
    if (!name || !op || !value) continue;
    const rawName = expr.slice(name.from, name.to);
    selector.matchers.push({
      name: rawName.startsWith('"') ? unquote(rawName) : rawName,
      op: expr.slice(op.from, op.to) as LabelMatcher['op'],
      value: unquote(expr.slice(value.from, value.to)),
    });
  }
  const nameMatcher = selector.matchers.find((m) => m.name === '__name__' && m.op === '=');
  if (!selector.metric && nameMatcher) selector.metric = nameMatcher.value;
  return selector;
}

/** Validation, rules, tests and dashboards each parse the same selectors; results are frozen and shared. */
const parsedSelectors = new Map<string, ParsedSelector | undefined>();

/** Parses a plain vector selector such as `x_total{job="a"}`; undefined when the text is anything else. */
export function parseSelector(expr: string): ParsedSelector | undefined {
  if (parsedSelectors.has(expr)) return parsedSelectors.get(expr);
  const parsed = parseNewSelector(expr);
  if (parsed) {
    for (const matcher of parsed.matchers) Object.freeze(matcher);
    Object.freeze(parsed.matchers);
    Object.freeze(parsed);
  }
  if (parsedSelectors.size >= 100_000) parsedSelectors.clear();
  parsedSelectors.set(expr, parsed);
  return parsed;
}

function parseNewSelector(expr: string): ParsedSelector | undefined {
  if (syntaxErrorOffset(expr) !== undefined) return undefined;
  const tree = promqlTree(expr);
  const node = top(tree);
  if (!node || node.name !== 'VectorSelector' || node.nextSibling) return undefined;
  return readSelector(expr, node);
}

/** Renders a selector with a metric-name suffix and extra matchers, keeping the author's matchers. */
export function renderSelector(selector: ParsedSelector, options: { suffix?: string; extra?: LabelMatcher[] } = {}): string {
  const matchers = [...selector.matchers.filter((m) => !(m.name === '__name__' && m.op === '=')), ...(options.extra ?? [])];
  const body = matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(',');
  return `${selector.metric ?? ''}${options.suffix ?? ''}{${body}}`;
}

/** Metric names of every vector selector in an expression. */
export function metricNames(expr: string): string[] {
  const tree = promqlTree(expr);
  const names: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) names.push(expr.slice(id.from, id.to));
      }
    },
  });
  return names;
}
