/**
 * The generated routing running in a real Alertmanager of each line (0.25, 0.35): routing keys read from
 * Secret files, tickets inhibited while the page of the same SLO and group fires (and only then), and the
 * PagerDuty events that reach a local Events API v2 carrying the right key, severity and details.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_NAMES, TIER_LABEL } from '../../../../src/core/conventions/metrics.js';
import { listAlerts, postAlerts, startAlertmanager, type AlertInput, type AlertmanagerServer } from '../../../support/alertmanager.js';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from '../../../support/fake-pagerduty-events.js';
import { waitFor } from '../../../support/processes.js';
import { overlayAlertmanagerConfig } from '../../../support/routing-overlay.js';
import { alertmanagerLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { generateRouting } from './generated-routing.js';

function alert(slo: string, team: string, tier: 'page' | 'ticket', severity: string, extra: Record<string, string> = {}): AlertInput {
  return {
    labels: { alertname: tier === 'page' ? ALERT_NAMES.page : ALERT_NAMES.ticket, slo, team, service: slo.split('-')[0] ?? '', [TIER_LABEL]: tier, severity, ...extra },
    annotations: { summary: `${slo}${extra.route ? ` route=${extra.route}` : ''} is burning`, description: `${slo} burns its budget`, runbook_url: `https://runbooks.example.com/${slo}` },
  };
}

const GATEWAY = 'gateway-requests-by-route';
const LEDGER = 'ledger-writes';

describe.each(alertmanagerLines())('generated routing in a real Alertmanager $name', (line) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let events: FakePagerDutyEvents;
  let alertmanager: AlertmanagerServer;
  let keys: Map<string, string>;

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-inhibit-');
    events = await startFakePagerDutyEvents();
    const routing = await generateRouting('test/routing/fixtures/multi-team', temp.dir);
    const overlay = await overlayAlertmanagerConfig(routing.configFile, {
      secretsDir: path.join(temp.dir, 'secrets'),
      pagerdutyUrl: events.url,
      groupWait: '1s',
      groupInterval: '1s',
      repeatInterval: '1h',
    });
    keys = overlay.keys;
    alertmanager = await startAlertmanager(line.alertmanager, overlay.file, temp.dir);
    await postAlerts(alertmanager.url, [
      alert(LEDGER, 'payments', 'page', 'critical'),
      alert(LEDGER, 'payments', 'ticket', 'warning'),
      // A grouped SLO: the page of route /a must not mute the ticket of route /b.
      alert(GATEWAY, 'Platform SRE', 'page', 'sev1', { route: '/a', region: 'eu' }),
      alert(GATEWAY, 'Platform SRE', 'ticket', 'warning', { route: '/a', region: 'eu' }),
      alert(GATEWAY, 'Platform SRE', 'ticket', 'warning', { route: '/b', region: 'eu' }),
    ]);
    await waitFor('three PagerDuty events', async () => events.events.length >= 3, 30_000, alertmanager.process.output);
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await events?.close();
    await temp?.remove();
  });

  it('inhibits a ticket only while the page of the same SLO and group fires', async () => {
    const alerts = await listAlerts(alertmanager.url);
    const state = (slo: string, tier: string, route?: string) => {
      const found = alerts.find((a) => a.labels.slo === slo && a.labels[TIER_LABEL] === tier && a.labels.route === route);
      return { state: found?.status.state, inhibited: (found?.status.inhibitedBy.length ?? 0) > 0 };
    };
    expect(state(LEDGER, 'ticket')).toEqual({ state: 'suppressed', inhibited: true });
    expect(state(LEDGER, 'page')).toEqual({ state: 'active', inhibited: false });
    expect(state(GATEWAY, 'ticket', '/a')).toEqual({ state: 'suppressed', inhibited: true });
    expect(state(GATEWAY, 'ticket', '/b')).toEqual({ state: 'active', inhibited: false });
  });

  it("sends each page and unmuted ticket to its team's integration key, with the details on-call needs", async () => {
    // Give a wrongly sent ticket time to arrive before counting.
    await new Promise((r) => setTimeout(r, 3000));
    expect(events.rejected).toEqual([]);
    const sent = events.events.map((e) => ({ key: e.routing_key, action: e.event_action, slo: e.payload?.custom_details?.slo, tier: e.payload?.custom_details?.[TIER_LABEL], severity: e.payload?.severity }));
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(
      expect.arrayContaining([
        { key: keys.get('burnrate-payments-page'), action: 'trigger', slo: LEDGER, tier: 'page', severity: 'critical' },
        // The SLO's own severity word "sev1" is not a PagerDuty severity: the page receiver sends critical.
        { key: keys.get('burnrate-platform-sre-page'), action: 'trigger', slo: GATEWAY, tier: 'page', severity: 'critical' },
        { key: keys.get('burnrate-platform-sre-ticket'), action: 'trigger', slo: GATEWAY, tier: 'ticket', severity: 'warning' },
      ]),
    );
    const page = events.events.find((e) => e.routing_key === keys.get('burnrate-payments-page'));
    expect(page?.payload?.summary).toBe(`${LEDGER} is burning`);
    expect(page?.payload?.custom_details).toMatchObject({
      slo: LEDGER,
      service: 'ledger',
      team: 'payments',
      burnrate_tier: 'page',
      severity: 'critical',
      description: `${LEDGER} burns its budget`,
      runbook_url: `https://runbooks.example.com/${LEDGER}`,
    });
    expect(page?.payload?.component).toBe('ledger');
    expect(page?.payload?.group).toBe('payments');
    expect(page?.payload?.class).toBe(ALERT_NAMES.page);
  });
});
