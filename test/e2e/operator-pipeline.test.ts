/**
 * Bundle → prometheus-operator → Prometheus → Alertmanager → PagerDuty, nothing copied by hand. charts/burnrate
 * (the service only) is installed on a real API server, and a team applies the GitOps bundle `burnrate generate
 * --bundle --alertmanager-config` writes for a test SLO (operator-fixtures/) with `kubectl apply -k`, through an
 * overlay of its own; prometheus-operator, out of cluster, renders the rule files of a Prometheus object and the
 * config of an Alertmanager object from the bundle's PrometheusRule and AlertmanagerConfig; a real Prometheus 3
 * and Alertmanager 0.35 load those files as they are, and the burning SLO pages a local PagerDuty Events v2,
 * then resolves when the burn stops.
 * Aimed at local ports by configuration, not by edits: global.pagerduty_url in the Alertmanager's base config
 * Secret (the cluster owner's), and the static targets of the test's own Prometheus config.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_NAMES } from '../../src/core/conventions/metrics.js';
import { REPO_ROOT } from '../support/cli.js';
import { startFakePagerDutyEvents, type FakePagerDutyEvents } from '../support/fake-pagerduty-events.js';
import { helm } from '../support/helm.js';
import { startKubeControlPlane, type KubeControlPlane } from '../support/kube-control-plane.js';
import { kubectlOk, listObjects } from '../support/kubectl.js';
import { waitFor, type RunningProcess } from '../support/processes.js';
import { startPrometheusOperator } from '../support/prometheus-operator.js';
import { startSyntheticExporter, type SyntheticExporter } from '../support/synthetic-exporter.js';
import { makeTempDir } from '../support/temp-dir.js';
import { operatorResources, BROKEN_RULE, EXTRA_RULE } from './operator-pipeline-objects.js';
import {
  bundleWithDefinitions,
  operatorAlertmanagerConfig,
  operatorRuleFiles,
  startAlertmanager35,
  startPrometheus3,
  type Server,
} from './operator-pipeline-support.js';

const CHART = path.join(REPO_ROOT, 'charts/burnrate');
const NAMESPACE = 'slo';
const NAME = 'main';
const PAGE_KEY = randomBytes(16).toString('hex');
const TICKET_KEY = randomBytes(16).toString('hex');
const temp = await makeTempDir('burnrate-operator-');
let plane: KubeControlPlane;
let operator: RunningProcess;
let events: FakePagerDutyEvents;
let alertmanager: Server | undefined;
let prometheus: Server | undefined;
let exporter: SyntheticExporter | undefined;

const kubeconfig = () => plane.kubeconfig;
const output = () =>
  [`--- operator\n${operator?.output().slice(-3000)}`, `--- prometheus\n${prometheus?.process.output().slice(-2000)}`, `--- alertmanager\n${alertmanager?.process.output().slice(-2000)}`].join('\n');
const ruleFiles = () => operatorRuleFiles(kubeconfig(), NAMESPACE, NAME);
const pages = (action: string) => events.events.filter((e) => e.routing_key === PAGE_KEY && e.event_action === action);

beforeAll(async () => {
  // The routing as generated, only its group timings shortened by the team's overlay, so a resolve reaches
  // PagerDuty in seconds instead of at the next 5m group interval.
  const bundle = await bundleWithDefinitions(path.join(import.meta.dirname, 'operator-fixtures'), temp.dir, 'orders', { groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' });
  plane = await startKubeControlPlane();
  events = await startFakePagerDutyEvents();
  await kubectlOk(kubeconfig(), ['create', 'namespace', NAMESPACE]);
  // The team Secret the bundle's AlertmanagerConfig references (docs/routing.md).
  await kubectlOk(kubeconfig(), ['create', 'secret', 'generic', 'burnrate-pagerduty-payments', '-n', NAMESPACE, `--from-literal=routing-key-page=${PAGE_KEY}`, `--from-literal=routing-key-ticket=${TICKET_KEY}`]);
  await kubectlOk(kubeconfig(), ['apply', '-n', NAMESPACE, '-f', '-'], operatorResources(NAME, events.url));
  operator = await startPrometheusOperator(plane, NAMESPACE);

  const install = helm(['install', 'demo', CHART, '-n', NAMESPACE, '--kubeconfig', kubeconfig()]);
  if (install.code !== 0) throw new Error(`helm install failed: ${install.stderr}`);
  await kubectlOk(kubeconfig(), ['apply', '--server-side', '-k', bundle, '-n', NAMESPACE]);
});

afterAll(async () => {
  await prometheus?.process.stop();
  await alertmanager?.process.stop();
  await exporter?.close();
  await operator?.stop();
  await events?.close();
  await plane?.stop();
  await temp.remove();
});

describe('a team\'s bundle through prometheus-operator to PagerDuty', () => {
  it("renders the bundle's PrometheusRule into the rule files and its AlertmanagerConfig into Alertmanager's config", async () => {
    await waitFor('the rule files of the bundle\'s PrometheusRule', async () => Object.keys(await ruleFiles()).some((k) => k.includes('burnrate-orders')), 60_000, output);
    const [file] = Object.entries(await ruleFiles()).filter(([key]) => key.includes('burnrate-orders'));
    const generated = parse(await readFile(path.join(temp.dir, 'generated/alerts/prometheus/orders.rules.yaml'), 'utf8')) as { groups: unknown[] };
    expect((parse(file?.[1] ?? '') as { groups: unknown[] }).groups).toEqual(generated.groups);

    await waitFor('the generated Alertmanager config', async () => (await operatorAlertmanagerConfig(kubeconfig(), NAMESPACE, NAME))?.includes('burnrate-payments-page') ?? false, 60_000, output);
    const config = parse((await operatorAlertmanagerConfig(kubeconfig(), NAMESPACE, NAME)) ?? '') as Record<string, any>;
    expect(config.global.pagerduty_url).toBe(events.url);
    const burnrate = config.route.routes.find((r: { receiver: string }) => r.receiver === 'slo/burnrate-orders/burnrate-default');
    expect(burnrate).toMatchObject({ group_wait: '1s', group_interval: '1s', repeat_interval: '1h' });
    // alertmanagerConfigMatcherStrategy None: no namespace matcher, which Burnrate's alerts could never meet.
    expect(JSON.stringify(burnrate.matchers)).not.toContain('namespace');
    const page = config.receivers.find((r: { name: string }) => r.name === 'slo/burnrate-orders/burnrate-payments-page');
    expect(page.pagerduty_configs[0]).toMatchObject({ routing_key: PAGE_KEY, send_resolved: true });
  });

  it('refuses a PrometheusRule with bad PromQL: a Warning event InvalidConfiguration, its rules left out', async () => {
    // The broken rule goes first; once the valid one shows up, the operator has reconciled with both.
    await kubectlOk(kubeconfig(), ['apply', '-n', NAMESPACE, '-f', '-'], BROKEN_RULE);
    await kubectlOk(kubeconfig(), ['apply', '-n', NAMESPACE, '-f', '-'], EXTRA_RULE);
    const warnings = async () =>
      (await listObjects(kubeconfig(), ['events', '-n', NAMESPACE, '--field-selector', 'reason=InvalidConfiguration'])).filter(
        (e) => e.type === 'Warning' && (e.involvedObject as { name: string }).name === 'broken-rules',
      );
    await waitFor('the InvalidConfiguration event', async () => (await warnings()).length > 0, 60_000, output);
    expect((await warnings())[0]?.message).toBe('PrometheusRule broken-rules was rejected due to invalid configuration: invalid rule');
    expect(operator.output()).toMatch(/msg="invalid rule" .*prometheusrule=broken-rules .*parse error: unclosed left parenthesis/);
    await waitFor('the valid rule in the rule files', async () => Object.keys(await ruleFiles()).some((k) => k.includes('extra-rules')), 60_000, output);
    const files = await ruleFiles();
    expect(Object.keys(files).filter((k) => k.includes('broken-rules'))).toEqual([]);
    expect(Object.values(files).join('\n')).not.toContain('BrokenRule');
    expect(Object.keys(files).some((k) => k.includes('burnrate-orders'))).toBe(true);
  });

  it('pages PagerDuty from Prometheus 3 and Alertmanager 0.35 loaded with the operator\'s files while the SLO burns', async () => {
    const rulesDir = path.join(temp.dir, 'rules');
    await mkdir(rulesDir);
    for (const [key, text] of Object.entries(await ruleFiles())) await writeFile(path.join(rulesDir, key), text);
    const configFile = path.join(temp.dir, 'alertmanager.yaml');
    await writeFile(configFile, (await operatorAlertmanagerConfig(kubeconfig(), NAMESPACE, NAME)) ?? '');
    alertmanager = await startAlertmanager35(configFile, temp.dir);
    // An outage: every request fails.
    exporter = await startSyntheticExporter('orders_requests_total', { goodPerSecond: 0, errorsPerSecond: 20 });
    prometheus = await startPrometheus3(temp.dir, { ruleFiles: path.join(rulesDir, '*.yaml'), target: exporter.target, alertmanager: alertmanager.url });
    expect(((await (await fetch(`${prometheus.url}/api/v1/status/buildinfo`)).json()) as { data: { version: string } }).data.version).toBe('3.16.0');
    expect(((await (await fetch(`${alertmanager.url}/api/v2/status`)).json()) as { versionInfo: { version: string } }).versionInfo.version).toBe('0.35.0');

    await waitFor('a page trigger at the fake PagerDuty', async () => pages('trigger').length > 0, 90_000, output);
    expect(events.rejected).toEqual([]);
    expect(pages('trigger')[0]?.payload).toMatchObject({
      severity: 'critical',
      class: ALERT_NAMES.page,
      summary: 'orders-availability is burning its error budget fast',
      custom_details: { slo: 'orders-availability', service: 'orders', team: 'payments', burnrate_tier: 'page' },
    });
  }, 120_000);

  it('resolves the page with the same dedup key once the burn stops', async () => {
    // Healthy traffic 10^7 times the errors: every window's error ratio falls below its threshold at once.
    exporter?.setRates({ goodPerSecond: 2e8, errorsPerSecond: 0 });
    await waitFor('the page resolve at the fake PagerDuty', async () => pages('resolve').length > 0, 90_000, output);
    expect(pages('resolve')[0]?.dedup_key).toBe(pages('trigger')[0]?.dedup_key);
    expect(events.rejected).toEqual([]);
    for (const event of events.events) expect([PAGE_KEY, TICKET_KEY]).toContain(event.routing_key);
  }, 120_000);
});
