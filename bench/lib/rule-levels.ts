/**
 * Orders recording rules by dependency: a rule reads the series another rule records when its expression
 * selects that rule's metric name with equality matchers its static labels agree with. Level 1 reads raw
 * series only; level n reads the output of level n-1 at most. Backfilling level by level is exact.
 */
import type { RecordingRuleSpec } from './rule-file.js';

const SELECTOR = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?/g;
const EQUALITY = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"([^"]*)"/g;

interface Selector {
  metric: string;
  equal: Record<string, string>;
}

function selectors(expr: string): Selector[] {
  const found: Selector[] = [];
  for (const match of expr.matchAll(SELECTOR)) {
    const metric = match[1] ?? '';
    if (!metric.includes(':')) continue; // recorded series carry a colon by convention (ours and Sloth's)
    const equal: Record<string, string> = {};
    for (const [, k, v] of (match[2] ?? '').matchAll(EQUALITY)) equal[k ?? ''] = v ?? '';
    found.push({ metric, equal });
  }
  return found;
}

function reads(rule: RecordingRuleSpec, selector: Selector): boolean {
  if (rule.record !== selector.metric) return false;
  return Object.entries(selector.equal).every(([k, v]) => rule.labels[k] === undefined || rule.labels[k] === v);
}

export function dependencies(rule: { expr: string }, all: readonly RecordingRuleSpec[]): RecordingRuleSpec[] {
  const sels = selectors(rule.expr);
  return all.filter((other) => other !== rule && sels.some((s) => reads(other, s)));
}

/** Rules grouped by level, level 1 first. Throws on a dependency cycle. */
export function ruleLevels(rules: readonly RecordingRuleSpec[]): RecordingRuleSpec[][] {
  const level = new Map<RecordingRuleSpec, number>();
  const visiting = new Set<RecordingRuleSpec>();
  const visit = (rule: RecordingRuleSpec): number => {
    const known = level.get(rule);
    if (known !== undefined) return known;
    if (visiting.has(rule)) throw new Error(`dependency cycle at ${rule.record}`);
    visiting.add(rule);
    const own = 1 + Math.max(0, ...dependencies(rule, rules).map(visit));
    visiting.delete(rule);
    level.set(rule, own);
    return own;
  };
  const levels: RecordingRuleSpec[][] = [];
  for (const rule of rules) {
    const n = visit(rule);
    (levels[n - 1] ??= []).push(rule);
  }
  return levels.map((l) => l ?? []);
}

/** The recording rules some expressions need, transitively. */
export function closureOf(exprs: readonly string[], rules: readonly RecordingRuleSpec[]): RecordingRuleSpec[] {
  const needed = new Set<RecordingRuleSpec>();
  const stack = exprs.flatMap((expr) => dependencies({ expr }, rules));
  while (stack.length > 0) {
    const rule = stack.pop() as RecordingRuleSpec;
    if (needed.has(rule)) continue;
    needed.add(rule);
    stack.push(...dependencies(rule, rules));
  }
  return rules.filter((r) => needed.has(r));
}
