/**
 * Compares an orchestration path with the rules Burnrate wants and computes the path to PUT. Pure.
 * Burnrate's rules (label prefix "burnrate: ") come first in the start set, in the definitions' order;
 * every other rule, set and catch-all stays as it is unless the mapping sets the router's catch-all.
 */
import { isDeepStrictEqual } from 'node:util';
import { MANAGED_LABEL_PREFIX, type DesiredRule } from '../generate/pagerduty-orchestration/orchestration-rules.js';
import { compactActions, ruleKey, sameRules, START_SET, type OrchestrationPath, type OrchestrationRule, type PathName } from './orchestration-path.js';

export interface RuleChange {
  kind: 'add' | 'change' | 'remove';
  label: string;
  before?: OrchestrationRule;
  after?: OrchestrationRule;
}

export interface PathPlan {
  path: PathName;
  changes: RuleChange[];
  /** Same rules, different order: first match wins, so the order matters. */
  reordered: boolean;
  catchAll?: { before: Record<string, unknown>; after: Record<string, unknown> };
  unchanged: number;
  /** Rules in the path that Burnrate does not own. */
  unmanaged: number;
  /** The whole path to PUT when `changed`. */
  next: OrchestrationPath;
  changed: boolean;
}

export function isManaged(rule: OrchestrationRule): boolean {
  return (rule.label ?? '').startsWith(MANAGED_LABEL_PREFIX);
}

function toRule(desired: DesiredRule, id: string | undefined): OrchestrationRule {
  return { ...(id ? { id } : {}), label: desired.label, conditions: desired.conditions, actions: desired.actions, disabled: false };
}

export function planPath(path: PathName, current: OrchestrationPath, desired: readonly DesiredRule[], catchAllActions?: Record<string, unknown>): PathPlan {
  const start = current.sets.find((set) => set.id === START_SET) ?? { id: START_SET, rules: [] };
  const managed = start.rules.filter(isManaged);
  const others = start.rules.filter((rule) => !isManaged(rule));
  const currentByLabel = new Map<string, OrchestrationRule>();
  const duplicates: OrchestrationRule[] = [];
  for (const rule of managed) {
    if (currentByLabel.has(rule.label ?? '')) duplicates.push(rule);
    else currentByLabel.set(rule.label ?? '', rule);
  }
  const desiredLabels = new Set(desired.map((rule) => rule.label));

  const nextManaged = desired.map((rule) => toRule(rule, currentByLabel.get(rule.label)?.id));
  const changes: RuleChange[] = [];
  let unchanged = 0;
  for (const rule of nextManaged) {
    const before = currentByLabel.get(rule.label ?? '');
    if (!before) changes.push({ kind: 'add', label: rule.label ?? '', after: rule });
    else if (!isDeepStrictEqual(ruleKey(before), ruleKey(rule))) changes.push({ kind: 'change', label: rule.label ?? '', before, after: rule });
    else unchanged += 1;
  }
  for (const rule of [...currentByLabel.values(), ...duplicates]) {
    if (!desiredLabels.has(rule.label ?? '') || duplicates.includes(rule)) changes.push({ kind: 'remove', label: rule.label ?? '', before: rule });
  }
  const nextStart = [...nextManaged, ...others];
  const reordered = changes.length === 0 && !sameRules(start.rules, nextStart);

  const beforeCatchAll = compactActions(current.catch_all.actions);
  const afterCatchAll = catchAllActions ? compactActions(catchAllActions) : beforeCatchAll;
  const catchAllChanged = !isDeepStrictEqual(beforeCatchAll, afterCatchAll);

  const sets = current.sets.some((set) => set.id === START_SET) ? current.sets : [start, ...current.sets];
  const next: OrchestrationPath = {
    ...current,
    sets: sets.map((set) => (set.id === START_SET ? { ...set, rules: nextStart } : set)),
    catch_all: { ...current.catch_all, actions: afterCatchAll },
  };
  return {
    path,
    changes,
    reordered,
    ...(catchAllChanged ? { catchAll: { before: beforeCatchAll, after: afterCatchAll } } : {}),
    unchanged,
    unmanaged: others.length,
    next,
    changed: changes.length > 0 || reordered || catchAllChanged,
  };
}
