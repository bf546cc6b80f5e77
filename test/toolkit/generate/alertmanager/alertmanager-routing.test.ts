/**
 * The generated Alertmanager routing, checked by the real amtool of each Alertmanager line (0.25 and 0.35):
 * the config loads, and each team's page, ticket, no-data and budget alerts reach the receiver of the right urgency.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_NAMES, TIER_LABEL } from '../../../../src/core/conventions/metrics.js';
import { amtool, labelArgs, routeFor } from '../../../support/alertmanager.js';
import { REPO_ROOT } from '../../../support/cli.js';
import { alertmanagerLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { generateRouting, type GeneratedRouting } from './generated-routing.js';

const TIER_ALERT: Record<string, string> = {
  page: ALERT_NAMES.page,
  ticket: ALERT_NAMES.ticket,
  nodata: ALERT_NAMES.noData,
  budget: ALERT_NAMES.budgetExhausted,
};

/** Expected receiver per team and tier, written out by hand; absent tiers are not used by the team. */
const CATALOGS: { name: string; definitions: string; expected: Record<string, Record<string, string>> }[] = [
  {
    name: 'example catalog',
    definitions: 'slo-definitions',
    expected: {
      payments: { page: 'burnrate-payments-page', ticket: 'burnrate-payments-ticket', nodata: 'burnrate-payments-ticket', budget: 'burnrate-payments-ticket' },
      discovery: { page: 'burnrate-discovery-page', ticket: 'burnrate-discovery-ticket', nodata: 'burnrate-discovery-ticket', budget: 'burnrate-discovery-ticket' },
      web: { page: 'burnrate-web-page', ticket: 'burnrate-web-ticket', nodata: 'burnrate-web-ticket', budget: 'burnrate-web-ticket' },
    },
  },
  {
    name: 'multi-team fixture',
    definitions: 'test/routing/fixtures/multi-team',
    expected: {
      payments: { page: 'burnrate-payments-page', ticket: 'burnrate-payments-ticket', nodata: 'burnrate-payments-ticket', budget: 'burnrate-payments-ticket' },
      'Platform SRE': { page: 'burnrate-platform-sre-page', ticket: 'burnrate-platform-sre-ticket', nodata: 'burnrate-platform-sre-ticket', budget: 'burnrate-platform-sre-ticket' },
      data: { ticket: 'burnrate-data-ticket', nodata: 'burnrate-data-ticket', budget: 'burnrate-data-ticket' },
      discovery: { page: 'burnrate-discovery-page' },
    },
  },
];

const temp = await makeTempDir('burnrate-routing-');
afterAll(() => temp.remove());

const CASES = alertmanagerLines().flatMap((line) => CATALOGS.map((catalog) => ({ ...catalog, line })));

describe.each(CASES)('Alertmanager $line.name routing for the $name', ({ name, definitions, expected, line }) => {
  let routing: GeneratedRouting;
  beforeAll(async () => {
    routing = await generateRouting(definitions, path.join(temp.dir, `${line.name}-${name.replace(/\W+/g, '-')}`));
  });

  it('passes amtool check-config', () => {
    const result = amtool(line.amtool, ['check-config', routing.configFile]);
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('passes amtool check-config merged under an existing root route with a global section', async () => {
    // What an operator does: keep their root and receivers, nest Burnrate's route, add its receivers.
    const merged = `global:\n  resolve_timeout: 5m\n  pagerduty_url: https://events.pagerduty.com/v2/enqueue\n${(await readFile(routing.configFile, 'utf8')).replace('route:\n  receiver: burnrate-default\n', 'route:\n  receiver: burnrate-default\n  group_by: [alertname]\n')}`;
    const file = `${routing.configFile}.merged.yaml`;
    await writeFile(file, merged);
    expect(amtool(line.amtool, ['check-config', file]).code).toBe(0);
  });

  it("routes every team's alerts by tier to the right receiver", () => {
    const teams = [...new Set(routing.slos.map((slo) => slo.team))].sort();
    expect(teams).toEqual(Object.keys(expected).sort());
    for (const slo of routing.slos) {
      for (const [tier, receiver] of Object.entries(expected[slo.team] ?? {})) {
        const labels = { alertname: TIER_ALERT[tier] ?? '', team: slo.team, service: slo.service, slo: slo.id, [TIER_LABEL]: tier, severity: 'critical' };
        const result = routeFor(line.amtool, routing.configFile, labels);
        expect({ slo: slo.id, tier, receivers: result.receivers, code: result.code }).toEqual({ slo: slo.id, tier, receivers: receiver, code: 0 });
        const verified = amtool(line.amtool, ['config', 'routes', 'test', `--config.file=${routing.configFile}`, `--verify.receivers=${receiver}`, ...labelArgs(labels)]);
        expect(verified.code).toBe(0);
      }
    }
  });

  it('sends alerts Burnrate does not own, and unknown teams, to the default receiver', () => {
    expect(routeFor(line.amtool, routing.configFile, { alertname: 'KubePodCrashLooping', team: 'payments', [TIER_LABEL]: 'page' }).receivers).toBe('burnrate-default');
    expect(routeFor(line.amtool, routing.configFile, { alertname: ALERT_NAMES.page, team: 'nobody', [TIER_LABEL]: 'page' }).receivers).toBe('burnrate-default');
  });

  it('reads routing keys from mounted Secret files only and resolves incidents', () => {
    const configs = routing.config.receivers.flatMap((r) => (r.pagerduty_configs ?? []).map((c) => ({ receiver: r.name, ...c })));
    expect(configs.length).toBeGreaterThan(0);
    for (const config of configs) {
      expect(config.routing_key).toBeUndefined();
      const kind = config.receiver.endsWith('-page') ? 'page' : 'ticket';
      expect(config.routing_key_file).toMatch(new RegExp(`^/etc/alertmanager/secrets/burnrate-pagerduty-[a-z0-9-]+/routing-key-${kind}$`));
      expect(config.receiver.replace(/^burnrate-/, '').replace(/-(page|ticket)$/, '')).toBe(config.routing_key_file?.split('/')[4]?.replace('burnrate-pagerduty-', ''));
      expect(config.send_resolved).toBe(true);
      expect(Object.keys(config.details)).toEqual(['slo', 'service', 'team', 'burnrate_tier', 'severity', 'summary', 'description', 'runbook_url', 'dashboard_url']);
    }
    for (const content of routing.files.values()) expect(content).not.toMatch(/\b[0-9a-f]{32}\b/);
  });

  it('groups by SLO, severity and alert name, and inhibits tickets while the same SLO and group pages', () => {
    const burnrate = routing.config.route.routes?.[0];
    expect(burnrate?.group_by).toEqual(['alertname', 'slo', 'severity']);
    const groupLabels = [...new Set(routing.slos.flatMap((s) => s.groupBy))].sort();
    expect(routing.config.inhibit_rules).toEqual([
      {
        source_matchers: [`alertname="${ALERT_NAMES.page}"`, 'burnrate_tier="page"'],
        target_matchers: [`alertname="${ALERT_NAMES.ticket}"`, 'burnrate_tier="ticket"'],
        equal: ['slo', ...groupLabels],
      },
    ]);
  });
});

it('writes the example catalog routing into the repository unchanged', async () => {
  const routing = await generateRouting('slo-definitions', path.join(temp.dir, 'repo-check'));
  for (const [file, content] of routing.files) {
    expect(await readFile(path.join(REPO_ROOT, file), 'utf8'), `${file} is stale: run burnrate generate`).toBe(content);
  }
});
