/**
 * From definition to PagerDuty with real binaries: `burnrate generate` writes the rules and the routing;
 * a real Prometheus scrapes a synthetic exporter and evaluates the generated rules; a real Alertmanager
 * routes with the generated config to a local PagerDuty Events API v2. Runs twice: Debian's Prometheus 2.x
 * with Alertmanager 0.25, and Prometheus 3.x with Alertmanager 0.35.
 *
 * Why it takes seconds, not hours: with 100% errors every window's error ratio is 1 as soon as it has a
 * sample (avg_over_time averages the samples that exist), so the page fires within a few scrapes. To
 * resolve, the exporter switches to healthy traffic 10^7 times larger than the errors: the errors still
 * sit inside the 5m window, but now as a tiny share of its events, so every window's ratio falls below
 * the lowest threshold (1x the budget) at the next evaluation — the burn has honestly stopped.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_NAMES } from '../../src/core/conventions/metrics.js';
import { listAlerts, startAlertmanager, type AlertmanagerServer } from '../support/alertmanager.js';
import { runCli } from '../support/cli.js';
import { runRulesAtTestPace } from '../support/rules-at-test-pace.js';
import { alertmanagerLines, prometheusLines } from '../support/stack-tools.js';
import { startFakePagerDutyEvents, type FakePagerDutyEvents, type PagerDutyEvent } from '../support/fake-pagerduty-events.js';
import { waitFor } from '../support/processes.js';
import { overlayAlertmanagerConfig } from '../support/routing-overlay.js';
import { startSyntheticExporter, type SyntheticExporter } from '../support/synthetic-exporter.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startPrometheus, type PrometheusServer } from '../service/support/prometheus-server.js';

const SLO = 'orders-availability';

/** The Debian pair and the current pair: every line of each component runs once. */
const STACKS = prometheusLines().map((prometheus, i) => ({ prometheus, alertmanager: alertmanagerLines()[i]! }));

describe.each(STACKS)('an SLO burning its budget pages PagerDuty and resolves (Prometheus $prometheus.name, Alertmanager $alertmanager.name)', (stack) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let events: FakePagerDutyEvents;
  let alertmanager: AlertmanagerServer;
  let exporter: SyntheticExporter;
  let prometheus: PrometheusServer;
  let keys: Map<string, string>;

  const output = () => `--- prometheus\n${prometheus?.process.output().slice(-3000)}\n--- alertmanager\n${alertmanager?.process.output().slice(-3000)}`;
  const pageKey = () => keys.get('burnrate-payments-page');
  const ticketKey = () => keys.get('burnrate-payments-ticket');

  async function firingAlerts(): Promise<string[]> {
    const response = await fetch(`${prometheus.url}/api/v1/alerts`);
    const body = (await response.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
    return body.data.alerts.filter((a) => a.state === 'firing').map((a) => a.labels.alertname ?? '');
  }

  beforeAll(async () => {
    temp = await makeTempDir('burnrate-e2e-');
    const generated = await runCli(['generate', 'test/e2e/fixtures', '--out', temp.dir]);
    expect(generated.code, generated.stderr).toBe(0);
    // The ticket reads the daily count of the window group.
    await runRulesAtTestPace(path.join(temp.dir, 'alerts/prometheus/orders.rules.yaml'));

    events = await startFakePagerDutyEvents();
    const overlay = await overlayAlertmanagerConfig(path.join(temp.dir, 'alerts/alertmanager/alertmanager.yaml'), {
      secretsDir: path.join(temp.dir, 'secrets'),
      pagerdutyUrl: events.url,
      groupWait: '1s',
      groupInterval: '1s',
      repeatInterval: '1h',
    });
    keys = overlay.keys;
    alertmanager = await startAlertmanager(stack.alertmanager.alertmanager, overlay.file, temp.dir);

    // An outage: every request fails.
    exporter = await startSyntheticExporter('orders_requests_total', { goodPerSecond: 0, errorsPerSecond: 20 });
    const config = [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${path.join(temp.dir, 'alerts/prometheus/orders.rules.yaml')}`,
      'alerting:',
      '  alertmanagers:',
      `    - static_configs: [{ targets: ["${new URL(alertmanager.url).host}"] }]`,
      'scrape_configs:',
      '  - job_name: orders',
      `    static_configs: [{ targets: ["${exporter.target}"] }]`,
      '',
    ].join('\n');
    prometheus = await startPrometheus(path.join(temp.dir, 'prometheus-data'), { binary: stack.prometheus.prometheus, config });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await exporter?.close();
    await events?.close();
    await temp?.remove();
  });

  let trigger: PagerDutyEvent | undefined;

  it('triggers the page on the team page key with the SLO, severity and budget details', async () => {
    await waitFor('a page trigger at the fake PagerDuty', async () => events.events.some((e) => e.event_action === 'trigger' && e.routing_key === pageKey()), 90_000, output);
    expect(events.rejected).toEqual([]);
    trigger = events.events.find((e) => e.routing_key === pageKey());
    expect(trigger?.payload?.severity).toBe('critical');
    expect(trigger?.payload?.summary).toBe(`${SLO} is burning its error budget fast`);
    expect(trigger?.payload?.class).toBe(ALERT_NAMES.page);
    expect(trigger?.payload?.custom_details).toMatchObject({
      slo: SLO,
      service: 'orders',
      team: 'payments',
      burnrate_tier: 'page',
      severity: 'critical',
      runbook_url: 'https://runbooks.example.com/orders',
      dashboard_url: 'https://grafana.example.com/d/burnrate-orders',
    });
    const description = String(trigger?.payload?.custom_details?.description);
    expect(description).toContain('Objective 99.9% over 30d; the error budget is 0.1% of events.');
    expect(description).toContain('14.4x over 1h and 5m (2% of the budget in 1h)');
    // The slow-burn ticket fires too, reaches Alertmanager, and is inhibited there while the page fires.
    await waitFor('the ticket firing in Prometheus', async () => (await firingAlerts()).includes(ALERT_NAMES.ticket), 30_000, output);
    const inhibitedTicket = async () => (await listAlerts(alertmanager.url)).find((a) => a.labels.alertname === ALERT_NAMES.ticket);
    await waitFor('the ticket inhibited in Alertmanager', async () => ((await inhibitedTicket())?.status.inhibitedBy.length ?? 0) > 0, 30_000, output);
    expect((await inhibitedTicket())?.status.state).toBe('suppressed');
    expect(events.events.filter((e) => e.routing_key === ticketKey())).toEqual([]);
  });

  it('resolves the page with the same dedup key once the errors are diluted by healthy traffic', async () => {
    exporter.setRates({ goodPerSecond: 2e8, errorsPerSecond: 0 });
    const resolved = () => events.events.find((e) => e.event_action === 'resolve' && e.routing_key === pageKey());
    await waitFor('the page resolve at the fake PagerDuty', async () => resolved() !== undefined, 60_000, output);
    expect(resolved()?.dedup_key).toBe(trigger?.dedup_key);
    expect(events.rejected).toEqual([]);
    // No ticket reached PagerDuty while the page fired. Once the page resolves the inhibition lifts; with
    // these 1s group timings the ticket can be sent in the second before Prometheus resolves it too
    // (recording and alerting groups evaluate concurrently), so later events only need the right key.
    const resolveIndex = events.events.indexOf(resolved() as PagerDutyEvent);
    expect(events.events.slice(0, resolveIndex).filter((e) => e.routing_key === ticketKey())).toEqual([]);
    for (const event of events.events) expect([pageKey(), ticketKey()]).toContain(event.routing_key);
    expect(await readFile(path.join(temp.dir, 'alerts/alertmanager/alertmanager.yaml'), 'utf8')).toContain('routing_key_file: /etc/alertmanager/secrets/burnrate-pagerduty-payments/routing-key-page');
  });
});
