/**
 * The Lezer tree of a PromQL expression, parsed once for its several readers: validation checks syntax,
 * selector form and pinned labels, and generation reads the selectors again. Trees are immutable; the
 * cache is bounded, so a long-lived process keeps only recent ones.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { Tree } from '@lezer/common';

const CACHE_LIMIT = 10_000;
const trees = new Map<string, Tree>();

export function promqlTree(expr: string): Tree {
  let tree = trees.get(expr);
  if (tree === undefined) {
    tree = parser.parse(expr);
    if (trees.size >= CACHE_LIMIT) trees.clear();
    trees.set(expr, tree);
  }
  return tree;
}
