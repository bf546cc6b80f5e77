/** `burnrate pagerduty plan|apply` against a local PagerDuty REST API that enforces the documented contract. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORCHESTRATION, SERVICES, startAccount, type Account } from './account.js';

let account: Account;
beforeEach(async () => {
  account = await startAccount();
});
afterEach(async () => {
  await account.close();
});

const puts = () => account.fake.requests.filter((r) => r.method === 'PUT');
const router = () => account.fake.orchestrations.get(ORCHESTRATION)?.router;
const globalPath = () => account.fake.orchestrations.get(ORCHESTRATION)?.global;

describe('pagerduty apply', () => {
  it('plans on an empty account without changing it, applies, and a second apply changes nothing', async () => {
    const plan = await account.cli(['plan']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`Event Orchestration ${ORCHESTRATION} (Production)`);
    expect(plan.stdout).toContain('router: 3 to add, 0 to change, 0 to remove');
    expect(plan.stdout).toContain('+ burnrate: team payments, service checkout');
    expect(plan.stdout).toContain("when event.custom_details.team matches 'payments' and event.custom_details.service matches 'checkout'");
    expect(plan.stdout).toContain(`then route_to ${SERVICES.payments}`);
    expect(plan.stdout).toContain('global: 4 to add');
    expect(plan.stdout).toContain('+ burnrate: tier page');
    expect(plan.stdout).toContain('then severity critical');
    expect(plan.stdout).toContain('Plan: 7 to add, 0 to change, 0 to remove.');
    expect(puts()).toEqual([]);
    expect(router()?.sets[0]?.rules).toEqual([]);

    const first = await account.cli(['apply']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applied: 7 added, 0 changed, 0 removed (updated router and global).');
    const rules = router()?.sets[0]?.rules ?? [];
    expect(rules.map((r) => [r.label, r.actions.route_to])).toEqual([
      ['burnrate: team discovery, service search', SERVICES.discovery],
      ['burnrate: team payments, service checkout', SERVICES.payments],
      ['burnrate: team web, service storefront', SERVICES.web],
    ]);
    expect(router()?.catch_all.actions).toEqual({ route_to: 'unrouted' });
    expect(globalPath()?.sets[0]?.rules.map((r) => [r.label, r.actions.severity])).toEqual([
      ['burnrate: tier page', 'critical'],
      ['burnrate: tier ticket', 'warning'],
      ['burnrate: tier nodata', 'warning'],
      ['burnrate: tier budget', 'info'],
    ]);
    expect(puts()).toHaveLength(2);

    const second = await account.cli(['apply']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('router: no changes (3 Burnrate rules up to date)');
    expect(second.stdout).toContain('No changes: the Event Orchestration matches the definitions.');
    expect(puts()).toHaveLength(2);
  });

  it('shows drift made in PagerDuty, keeps rules Burnrate does not own, and repairs the drift', async () => {
    await account.applyInProcess();
    const start = router()?.sets[0];
    if (!start) throw new Error('router has no start set');
    const payments = start.rules.find((r) => r.label.includes('payments'));
    if (!payments) throw new Error('payments rule missing');
    payments.actions = { route_to: SERVICES.web };
    start.rules = start.rules.filter((r) => !r.label.includes('discovery'));
    start.rules.unshift({ id: 'manual01', label: 'Database alerts', conditions: [{ expression: "event.source matches 'db'" }], actions: { route_to: SERVICES.web }, disabled: false });

    const plan = await account.cli(['plan', '--check']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('the Event Orchestration differs from the definitions');
    expect(plan.stdout).toContain("router: 1 to add, 1 to change, 0 to remove (1 unchanged, 1 rule not managed by Burnrate kept after Burnrate's)");
    expect(plan.stdout).toContain('~ burnrate: team payments, service checkout');
    expect(plan.stdout).toContain(`then route_to ${SERVICES.web} -> route_to ${SERVICES.payments}`);
    expect(plan.stdout).toContain('+ burnrate: team discovery, service search');
    expect(plan.stdout).toContain('global: no changes');

    const apply = await account.cli(['apply']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Applied: 1 added, 1 changed, 0 removed (updated router).');
    const labels = router()?.sets[0]?.rules.map((r) => r.label);
    expect(labels).toEqual(['burnrate: team discovery, service search', 'burnrate: team payments, service checkout', 'burnrate: team web, service storefront', 'Database alerts']);
    expect(router()?.sets[0]?.rules.find((r) => r.label.includes('payments'))?.id).toBe(payments.id);
    expect(await account.planInProcess()).toBe(false);
  });

  it('removes a Burnrate rule whose team no longer has SLOs', async () => {
    await account.applyInProcess();
    router()?.sets[0]?.rules.push({ id: 'old00001', label: 'burnrate: team legacy, service billing', conditions: [{ expression: "event.custom_details.team matches 'legacy'" }], actions: { route_to: SERVICES.web }, disabled: false });
    const apply = await account.cli(['apply']);
    expect(apply.stdout).toContain('router: 0 to add, 0 to change, 1 to remove');
    expect(apply.stdout).toContain('- burnrate: team legacy, service billing');
    expect(apply.stdout).toContain('Applied: 0 added, 0 changed, 1 removed (updated router).');
    expect(router()?.sets[0]?.rules.map((r) => r.label)).not.toContain('burnrate: team legacy, service billing');
  });
});
