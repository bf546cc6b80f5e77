/**
 * Reads the account's Event Orchestration, plans Burnrate's router and global rules against it, and applies
 * the plan with one PUT per changed path. A second apply finds nothing to change and sends nothing.
 */
import { globalRules, routerRules, type PagerDutyMapping } from '../generate/pagerduty-orchestration/orchestration-rules.js';
import type { Slo } from '../../core/model/slo.js';
import { orchestrationPathUrl, parseOrchestrationPath, pathBody, sameRules, START_SET } from './orchestration-path.js';
import { planPath, type PathPlan } from './plan.js';
import type { PagerDutyRest } from './rest-client.js';

export interface OrchestrationPlan {
  orchestration: { id: string; name: string };
  plans: PathPlan[];
}

export class MappingGapError extends Error {}

function orchestrationName(data: unknown, id: string): string {
  const name = (data as { orchestration?: { name?: unknown } } | undefined)?.orchestration?.name;
  return typeof name === 'string' ? name : id;
}

/** Fails before any request when a team has SLOs but no PagerDuty service. */
export function desiredRules(slos: readonly Slo[], mapping: PagerDutyMapping) {
  const router = routerRules(slos, mapping);
  if (router.unmapped.length > 0) {
    const lines = router.unmapped.map((u) => `  team "${u.team}" (service ${u.service}, e.g. SLO ${u.slo}): add teams.${u.team} or services.${u.service}`);
    throw new MappingGapError(`The PagerDuty mapping has no service for:\n${lines.join('\n')}`);
  }
  return { router: router.rules, global: globalRules(slos, mapping) };
}

async function checkServicesExist(client: PagerDutyRest, mapping: PagerDutyMapping, serviceIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(serviceIds)].sort()) {
    await client.get(`/services/${encodeURIComponent(id)}`).catch((error: unknown) => {
      const owners = [...Object.entries(mapping.teams), ...Object.entries(mapping.services)].filter(([, v]) => v === id).map(([k]) => k);
      throw new Error(`PagerDuty service ${id} (mapped for ${owners.join(', ') || 'the catch-all'}) cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

export async function planOrchestration(client: PagerDutyRest, slos: readonly Slo[], mapping: PagerDutyMapping): Promise<OrchestrationPlan> {
  const desired = desiredRules(slos, mapping);
  const id = mapping.orchestrationId;
  const orchestration = await client.get(`/event_orchestrations/${encodeURIComponent(id)}`);
  const targets = desired.router.map((rule) => rule.actions.route_to ?? '');
  if (mapping.catchAll && mapping.catchAll !== 'unrouted') targets.push(mapping.catchAll);
  await checkServicesExist(client, mapping, targets);
  const router = parseOrchestrationPath(await client.get(orchestrationPathUrl(id, 'router')), `the router of ${id}`);
  const global = parseOrchestrationPath(await client.get(orchestrationPathUrl(id, 'global')), `the global orchestration of ${id}`);
  const catchAll = mapping.catchAll ? { route_to: mapping.catchAll } : undefined;
  return {
    orchestration: { id, name: orchestrationName(orchestration, id) },
    plans: [planPath('router', router, desired.router, catchAll), planPath('global', global, desired.global)],
  };
}

/** PUTs every changed path and checks PagerDuty kept Burnrate's rules as sent. */
export async function applyPlan(client: PagerDutyRest, plan: OrchestrationPlan): Promise<PathPlan[]> {
  const applied: PathPlan[] = [];
  for (const pathPlan of plan.plans.filter((p) => p.changed)) {
    const url = orchestrationPathUrl(plan.orchestration.id, pathPlan.path);
    const answer = parseOrchestrationPath(await client.put(url, pathBody(pathPlan.next)), `the updated ${pathPlan.path} of ${plan.orchestration.id}`);
    const sentStart = pathPlan.next.sets.find((s) => s.id === START_SET)?.rules ?? [];
    const keptStart = answer.sets.find((s) => s.id === START_SET)?.rules ?? [];
    if (!sameRules(sentStart, keptStart)) throw new Error(`PagerDuty answered the PUT of ${url} with different rules than were sent; run plan again`);
    applied.push(pathPlan);
  }
  return applied;
}
