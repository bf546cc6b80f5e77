/** The desired orchestration rules and the plan against what an account has, without the network. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES, globalRules, routerRules, type PagerDutyMapping } from '../../../src/toolkit/generate/pagerduty-orchestration/orchestration-rules.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { loadMapping } from '../../../src/toolkit/pagerduty-sync/mapping-file.js';
import type { OrchestrationPath } from '../../../src/toolkit/pagerduty-sync/orchestration-path.js';
import { planPath } from '../../../src/toolkit/pagerduty-sync/plan.js';
import { makeSlo } from '../../service/engine/slo-fixture.js';
import { makeTempDir } from '../../support/temp-dir.js';

function slo(service: string, team: string, tiers: Partial<Record<'page' | 'ticket' | 'noData' | 'budgetExhausted', boolean>> = {}): Slo {
  const base = makeSlo(99.9);
  return {
    ...base,
    id: `${service}-availability`,
    service,
    team,
    alerting: {
      ...base.alerting,
      page: { ...base.alerting.page, enabled: tiers.page ?? true },
      ticket: { ...base.alerting.ticket, enabled: tiers.ticket ?? true },
      noData: { ...base.alerting.noData, enabled: tiers.noData ?? true },
      budgetExhausted: { ...base.alerting.budgetExhausted, enabled: tiers.budgetExhausted ?? true },
    },
  };
}

const mapping: PagerDutyMapping = { orchestrationId: 'E1', teams: { payments: 'PPAY', "O'Brien crew": 'POBR' }, services: { refunds: 'PREF' }, severities: DEFAULT_SEVERITIES };

function path0(rules: OrchestrationPath['sets'][number]['rules'], catchAll: Record<string, unknown> = { route_to: 'unrouted' }): OrchestrationPath {
  return { sets: [{ id: 'start', rules }], catch_all: { actions: catchAll } };
}

describe('desired rules', () => {
  it('routes each team and service pair, a service mapping overriding its team, with PCL-quoted values', () => {
    const { rules, unmapped } = routerRules([slo('checkout', 'payments'), slo('refunds', 'payments'), slo('checkout', 'payments'), slo('pubs', "O'Brien crew"), slo('x', 'ghosts')], mapping);
    expect(rules.map((r) => [r.label, r.actions.route_to])).toEqual([
      ["burnrate: team O'Brien crew, service pubs", 'POBR'],
      ['burnrate: team payments, service checkout', 'PPAY'],
      ['burnrate: team payments, service refunds', 'PREF'],
    ]);
    expect(rules[0]?.conditions).toEqual([{ expression: "event.custom_details.team matches 'O\\'Brien crew' and event.custom_details.service matches 'pubs'" }]);
    expect(unmapped).toEqual([{ team: 'ghosts', service: 'x', slo: 'x-availability' }]);
  });

  it('sets a severity for each tier some SLO uses, and only those', () => {
    const rules = globalRules([slo('a', 'payments', { page: false, budgetExhausted: false })], { ...mapping, severities: { ...DEFAULT_SEVERITIES, ticket: 'error' } });
    expect(rules.map((r) => [r.label, r.actions.severity, r.conditions[0]?.expression])).toEqual([
      ['burnrate: tier ticket', 'error', "event.custom_details.burnrate_tier matches 'ticket' and event.custom_details.slo exists"],
      ['burnrate: tier nodata', 'warning', "event.custom_details.burnrate_tier matches 'nodata' and event.custom_details.slo exists"],
    ]);
  });
});

describe('plan', () => {
  const desired = routerRules([slo('checkout', 'payments'), slo('refunds', 'payments')], mapping).rules;
  const asStored = (index: number, id: string) => ({ id, label: desired[index]?.label ?? '', conditions: desired[index]?.conditions ?? [], actions: { route_to: desired[index]?.actions.route_to, dynamic_route_to: null, suppress: false }, disabled: false });

  it('sees no change when the account has the rules, whatever defaults the API fills in', () => {
    const plan = planPath('router', path0([asStored(0, 'r1'), asStored(1, 'r2')]), desired);
    expect(plan.changed).toBe(false);
    expect(plan.unchanged).toBe(2);
  });

  it('puts rules back in order, since the first match wins', () => {
    const plan = planPath('router', path0([asStored(1, 'r2'), asStored(0, 'r1')]), desired);
    expect(plan.changes).toEqual([]);
    expect(plan.reordered).toBe(true);
    expect(plan.next.sets[0]?.rules.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('removes duplicates of a Burnrate rule and keeps the ids of the rest', () => {
    const plan = planPath('router', path0([asStored(0, 'r1'), asStored(0, 'dup'), asStored(1, 'r2')]), desired);
    expect(plan.changes.map((c) => [c.kind, c.before?.id])).toEqual([['remove', 'dup']]);
    expect(plan.next.sets[0]?.rules.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('changes the catch-all only when the mapping sets one, and leaves other sets alone', () => {
    const current: OrchestrationPath = { sets: [{ id: 'start', rules: [asStored(0, 'r1'), asStored(1, 'r2')] }, { id: 'step-two', rules: [{ label: 'theirs', conditions: [], actions: { severity: 'info' } }] }], catch_all: { actions: { route_to: 'unrouted' } } };
    expect(planPath('router', current, desired).changed).toBe(false);
    const plan = planPath('router', current, desired, { route_to: 'PPAY' });
    expect(plan.catchAll).toEqual({ before: { route_to: 'unrouted' }, after: { route_to: 'PPAY' } });
    expect(plan.next.sets[1]).toEqual(current.sets[1]);
  });
});

describe('mapping file', () => {
  const temp = makeTempDir('burnrate-mapping-');
  afterAll(async () => (await temp).remove());

  it('fills default severities and rejects unknown keys, bad ids and bad severities with the field', async () => {
    const dir = (await temp).dir;
    const good = path.join(dir, 'good.yaml');
    await writeFile(good, 'orchestration: E1A2B3C\nteams:\n  payments: PABC123\nseverities:\n  budget: warning\n');
    expect(await loadMapping(good)).toEqual({ orchestrationId: 'E1A2B3C', teams: { payments: 'PABC123' }, services: {}, severities: { ...DEFAULT_SEVERITIES, budget: 'warning' } });

    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'orchestration: E1A2B3C\nteams:\n  payments: not-an-id\nseverities:\n  page: urgent\nrouting: x\n');
    const error = (await loadMapping(bad).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`${bad}: teams.payments: must be a PagerDuty id such as "PABC123"`);
    expect(error.message).toContain(`${bad}: severities.page:`);
    expect(error.message).toContain('routing');
    await expect(loadMapping(path.join(dir, 'missing.yaml'))).rejects.toThrow('cannot read the PagerDuty mapping');
  });
});
