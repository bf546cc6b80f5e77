/**
 * Event Orchestration paths as the REST API returns and accepts them
 * (GET/PUT /event_orchestrations/{id}/router and /global: `{ orchestration_path: { sets, catch_all } }`).
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

const ruleSchema = z
  .object({
    id: z.string().optional(),
    label: z.string().nullish(),
    conditions: z.array(z.object({ expression: z.string() }).passthrough()).default([]),
    actions: z.record(z.string(), z.unknown()).default({}),
    disabled: z.boolean().nullish(),
  })
  .passthrough();

const pathSchema = z
  .object({
    sets: z.array(z.object({ id: z.string(), rules: z.array(ruleSchema).default([]) }).passthrough()),
    catch_all: z.object({ actions: z.record(z.string(), z.unknown()).default({}) }).passthrough(),
  })
  .passthrough();

export type OrchestrationRule = z.infer<typeof ruleSchema>;
export type OrchestrationPath = z.infer<typeof pathSchema>;
export type PathName = 'router' | 'global';

export const START_SET = 'start';

export function orchestrationPathUrl(orchestrationId: string, path: PathName): string {
  return `/event_orchestrations/${encodeURIComponent(orchestrationId)}/${path}`;
}

export function parseOrchestrationPath(data: unknown, what: string): OrchestrationPath {
  const result = z.object({ orchestration_path: pathSchema }).safeParse(data);
  if (!result.success) throw new Error(`Unexpected answer from PagerDuty for ${what}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data.orchestration_path;
}

/** Drops what the API fills in on its own (null actions, false flags, empty lists) before comparing. */
export function compactActions(actions: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.entries(actions).filter(([, value]) => {
    if (value === null || value === undefined || value === false || value === '') return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'object') return Object.keys(value).length > 0;
    return true;
  });
  return Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What a rule does, without its id: two rules with equal keys behave the same. */
export function ruleKey(rule: OrchestrationRule): unknown {
  return {
    label: rule.label ?? '',
    conditions: rule.conditions.map((c) => c.expression),
    actions: compactActions(rule.actions),
    disabled: rule.disabled ?? false,
  };
}

export function sameRules(a: readonly OrchestrationRule[], b: readonly OrchestrationRule[]): boolean {
  return isDeepStrictEqual(a.map(ruleKey), b.map(ruleKey));
}

/** The body of a PUT: only what the API accepts, rules keeping their ids. */
export function pathBody(path: OrchestrationPath): { orchestration_path: { sets: unknown[]; catch_all: unknown } } {
  return {
    orchestration_path: {
      sets: path.sets.map((set) => ({
        id: set.id,
        rules: set.rules.map((rule) => ({
          ...(rule.id ? { id: rule.id } : {}),
          label: rule.label ?? '',
          conditions: rule.conditions.map((c) => ({ expression: c.expression })),
          actions: compactActions(rule.actions),
          disabled: rule.disabled ?? false,
        })),
      })),
      catch_all: { actions: compactActions(path.catch_all.actions) },
    },
  };
}
