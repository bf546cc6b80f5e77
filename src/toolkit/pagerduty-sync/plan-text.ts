/** The plan as people read it: one line per rule added, changed or removed, with its condition and action. */
import { isDeepStrictEqual } from 'node:util';
import { compactActions, type OrchestrationRule } from './orchestration-path.js';
import type { PathPlan, RuleChange } from './plan.js';

export interface PlanTotals {
  add: number;
  change: number;
  remove: number;
}

function actionsText(actions: Record<string, unknown>): string {
  const entries = Object.entries(compactActions(actions));
  if (entries.length === 0) return 'no action';
  return entries.map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ');
}

function conditionText(rule: OrchestrationRule): string {
  return rule.conditions.map((c) => c.expression).join(' OR ') || 'always';
}

function changeLines(change: RuleChange): string[] {
  const { before, after } = change;
  if (change.kind === 'add' && after) return [`  + ${change.label}`, `      when ${conditionText(after)}`, `      then ${actionsText(after.actions)}`];
  if (change.kind === 'remove' && before) return [`  - ${change.label}`, `      was when ${conditionText(before)} then ${actionsText(before.actions)}`];
  if (!before || !after) return [];
  const lines = [`  ~ ${change.label}`];
  if (conditionText(before) !== conditionText(after)) lines.push(`      when ${conditionText(before)}`, `        -> ${conditionText(after)}`);
  if (!isDeepStrictEqual(compactActions(before.actions), compactActions(after.actions))) {
    lines.push(`      then ${actionsText(before.actions)} -> ${actionsText(after.actions)}`);
  }
  if ((before.disabled ?? false) !== (after.disabled ?? false)) lines.push(`      ${before.disabled ? 'disabled -> enabled' : 'enabled -> disabled'}`);
  return lines;
}

export function planTotals(plans: readonly PathPlan[]): PlanTotals {
  const count = (kind: RuleChange['kind']) => plans.reduce((n, p) => n + p.changes.filter((c) => c.kind === kind).length, 0);
  const extra = plans.filter((p) => p.reordered || p.catchAll).length;
  return { add: count('add'), change: count('change') + extra, remove: count('remove') };
}

export function formatPathPlan(plan: PathPlan): string[] {
  const kept = plan.unmanaged > 0 ? `, ${plan.unmanaged} rule${plan.unmanaged > 1 ? 's' : ''} not managed by Burnrate kept after Burnrate's` : '';
  if (!plan.changed) return [`${plan.path}: no changes (${plan.unchanged} Burnrate rules up to date${kept})`];
  const t = planTotals([plan]);
  const lines = [`${plan.path}: ${t.add} to add, ${t.change} to change, ${t.remove} to remove (${plan.unchanged} unchanged${kept})`];
  for (const change of plan.changes) lines.push(...changeLines(change));
  if (plan.reordered) lines.push("  ~ reorder Burnrate's rules to the definitions' order (first match wins)");
  if (plan.catchAll) lines.push(`  ~ catch-all: ${actionsText(plan.catchAll.before)} -> ${actionsText(plan.catchAll.after)}`);
  return lines;
}

export function formatSummary(plans: readonly PathPlan[]): string {
  if (!plans.some((p) => p.changed)) return 'No changes: the Event Orchestration matches the definitions.';
  const t = planTotals(plans);
  return `Plan: ${t.add} to add, ${t.change} to change, ${t.remove} to remove.`;
}
