import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/cli.js';
import { byId, FIXTURES, loadFixture, sloth, texts } from './load-support.js';

const SLOTH = path.join(REPO_ROOT, '.tools/bin/sloth');
const VALID_FIXTURES = [
  'checkout.yml', 'home-wifi.yml', 'api-gateway-by-route.yml', 'search-crd.yml', 'multi-document.yml', 'multi-crd.yml', 'located-errors.yml',
  'tier-owner.yml', 'no-team.yml', 'mapped-labels.yml', 'conflicting-labels.yml', 'operator-crd.yml',
];

async function slothValidate(fixture: string): Promise<boolean> {
  try {
    await promisify(execFile)(SLOTH, ['validate', '--no-log', '-i', path.join(FIXTURES, 'sloth', fixture)]);
    return true;
  } catch {
    return false;
  }
}

describe('Sloth fixtures', () => {
  it('are specs that Sloth itself accepts (v0.16.0, installed by bin/setup), except the plugin one', async () => {
    for (const fixture of VALID_FIXTURES) expect(await slothValidate(fixture), fixture).toBe(true);
    expect(await slothValidate('plugin.yml')).toBe(false); // Sloth cannot find the plugin either
  });

  it('reads a multi-SLO service: counter events become a ratio SLI, count minus bucket a latency SLI', async () => {
    const result = await loadFixture('sloth/checkout.yml');
    expect(result.ok).toBe(true);
    const availability = byId(result.slos, 'checkout-requests-availability');
    expect(availability.team).toBe('payments'); // from labels.owner
    expect(availability.labels).toEqual({ repo: 'shop/checkout', tier_level: '2' }); // owner consumed
    expect(availability.objectivePercent).toBe(99.9);
    expect(availability.window).toEqual({ kind: 'rolling', days: 30 }); // Sloth's default period
    expect(availability.sli).toEqual({
      kind: 'ratio',
      errors: 'http_request_duration_seconds_count{job="checkout",code=~"(5..|429)"}',
      total: 'http_request_duration_seconds_count{job="checkout"}',
    });
    expect(availability.groupBy).toEqual([]);
    expect(availability.runbookUrl).toBe('https://runbooks.example.com/checkout/availability');
    expect(availability.alerting.labels).toEqual({ category: 'availability' });
    // Sloth's name of both burn alerts, and its summary on both (Sloth puts alerting.annotations on each).
    expect(availability.alerting.burnAlertName).toBe('CheckoutHighErrorRate');
    const summary = { summary: "High error rate on 'checkout' requests responses" };
    expect(availability.alerting.page).toEqual({ enabled: true, severity: 'critical', annotations: summary, keepFiringForSeconds: 300 });
    expect(availability.alerting.ticket).toEqual({ enabled: true, severity: 'warning', annotations: summary });
    expect(availability.source.format).toBe('sloth');

    const latency = byId(result.slos, 'checkout-requests-latency');
    expect(latency.sli).toEqual({ kind: 'latency', histogram: 'http_request_duration_seconds{job="checkout"}', thresholdSeconds: 0.4 });
    expect(latency.labels).toEqual({ repo: 'shop/checkout', tier_level: '2', category: 'latency' });
    expect(latency.alerting.ticket.enabled).toBe(false); // ticket_alert.disable: true
    expect(latency.alerting.page.enabled).toBe(true);
    expect(texts(result.problems, 'warning')).not.toEqual(expect.arrayContaining([expect.stringContaining('is not kept')]));
  });

  it('maps events that are not counters, and raw error ratios, to raw SLIs with {{window}}', async () => {
    const result = await loadFixture('sloth/home-wifi.yml');
    expect(result.ok).toBe(true);
    const events = byId(result.slos, 'home-wifi-good-wifi-client-satisfaction');
    expect(events.sli).toEqual({
      kind: 'raw',
      errorRatio:
        '(sum_over_time((count(unifipoller_client_satisfaction_ratio < 0.75))[{{window}}:]) OR on() vector(0)) / (sum_over_time((count(unifipoller_client_satisfaction_ratio))[{{window}}:]))',
    });
    expect(events.alerting.minEvents).toBe(0); // raw SLIs have no event counts
    expect(texts(result.problems, 'warning')).toEqual([expect.stringContaining('home-wifi-good-wifi-client-satisfaction › slos[0].sli.events: the queries are not')]);

    const raw = byId(result.slos, 'home-wifi-wifi-client-satisfaction');
    expect(raw.sli.kind).toBe('raw');
    expect(raw.sli.kind === 'raw' && raw.sli.errorRatio).toBe(
      '1 - (\n  sum(sum_over_time(unifipoller_client_satisfaction_ratio[{{window}}]))\n  /\n  sum(count_over_time(unifipoller_client_satisfaction_ratio[{{window}}]))\n)',
    );
    expect(raw.team).toBe('homelab');
    expect(raw.labels).toEqual({ cluster: 'valhalla', component: 'ubiquiti' });
    expect(raw.alerting.page.severity).toBe('home');
    expect(raw.objectivePercent).toBe(95);
  });

  it('turns sum by (route) into groupBy and a disabled ticket alert into a switched-off tier', async () => {
    const result = await loadFixture('sloth/api-gateway-by-route.yml');
    expect(result.problems).toEqual([]);
    const slo = byId(result.slos, 'api-gateway-route-availability');
    expect(slo.groupBy).toEqual(['route']);
    expect(slo.sli).toEqual({ kind: 'ratio', errors: 'gateway_requests_total{code=~"5.."}', total: 'gateway_requests_total' });
    expect(slo.alerting.ticket).toEqual({ enabled: false, severity: 'warning' });
    expect(slo.alerting.labels).toEqual({ component: 'gateway' });
    expect(slo.team).toBe('edge');
    expect(slo.labels).toEqual({});
  });

  it('reads the Kubernetes PrometheusServiceLevel form', async () => {
    const result = await loadFixture('sloth/search-crd.yml');
    expect(result.problems).toEqual([]);
    const slo = byId(result.slos, 'search-query-availability');
    expect(slo.team).toBe('discovery');
    expect(slo.sli).toEqual({ kind: 'ratio', errors: 'search_queries_total{job="search",status="error"}', total: 'search_queries_total{job="search"}' });
    expect(slo.alerting.ticket).toEqual({ enabled: true, severity: 'ticket' });
    expect(slo.objectivePercent).toBe(99.5);
  });

  it('reads several prometheus/v1 specs in one file, and count_over_time minus sum_over_time as a bool gauge', async () => {
    const result = await loadFixture('sloth/multi-document.yml');
    expect(result.problems).toEqual([]);
    expect(result.slos.map((s) => s.id)).toEqual(['cart-add-item-availability', 'cart-probe-homepage-up']);
    expect(byId(result.slos, 'cart-add-item-availability').team).toBe('shop');
    const probe = byId(result.slos, 'cart-probe-homepage-up');
    expect(probe.team).toBe('shop'); // owner
    expect(probe.labels).toEqual({ tier_level: '2' });
    expect(probe.sli).toEqual({ kind: 'boolGauge', metric: 'probe_success{job="cart"}' });
    expect(probe.alerting.page.enabled).toBe(false);
  });

  it('reads several PrometheusServiceLevel objects in one file, and total minus good as a ratio with good', async () => {
    const result = await loadFixture('sloth/multi-crd.yml');
    expect(result.problems).toEqual([]);
    expect(byId(result.slos, 'orders-create-availability').sli).toEqual({ kind: 'ratio', errors: 'orders_created_total{status="failed"}', total: 'orders_created_total' });
    expect(byId(result.slos, 'shipping-label-printing').sli).toEqual({ kind: 'ratio', good: 'labels_printed_total{result="ok"}', total: 'labels_printed_total' });
    expect(result.slos.every((slo) => slo.team === 'fulfilment')).toBe(true);
  });

  it('refuses SLI plugins', async () => {
    const result = await loadFixture('sloth/plugin.yml');
    expect(result.ok).toBe(false);
    expect(texts(result.problems)).toEqual([
      'test/fixtures/sloth/plugin.yml:11:7 › orders-requests-availability › slos[0].sli.plugin: SLI plugins run Sloth\'s Go code (plugin "sloth-common/kubernetes/apiserver/availability"), which Burnrate cannot run; write the plugin\'s queries under sli.events instead',
    ]);
  });
});

const spec = (slo: string, root = 'labels: { team: core }') => `
version: "prometheus/v1"
service: "api"
${root}
slos:
${slo}
`;
const events = (error: string, total: string) => `
  - name: "availability"
    objective: 99
    sli:
      events:
        error_query: ${error}
        total_query: ${total}
`;

describe('Sloth mapping details', () => {
  it('refuses, with the field, what Burnrate cannot honour', () => {
    const cases: [string, string][] = [
      [spec(events('sum(rate(e_total[5m]))', 'sum(rate(a_total[{{.window}}]))')), 'api-availability › slos[0].sli.events.error_query: must use {{.window}}'],
      [spec(events('sum(rate(e_total[{{.window}}]))', 'sum(rate(a_total{x="{{.service}}"}[{{.window}}]))')), 'slos[0].sli.events.total_query: only the {{.window}} template variable is supported'],
      [spec(events('sum(rate(e_total[{{.window}}]))', 'sum(rate(a_total[{{.window}}]))'), 'labels: { team: core }\nslo_plugins: { chain: [{ id: "sloth.dev/contrib/alert_for/v1" }] }'), 'api › slo_plugins: SLO plugins change how Sloth generates rules'],
      [spec('  - name: "x"\n    objective: 99\n    sli: { evnts: {} }'), 'slos[0].sli.evnts: is not a field of Sloth prometheus/v1 here'],
      [spec('  - name: "x"\n    objective: 99\n    sli: {}'), 'api-x › slos[0].sli: give exactly one of events, raw or plugin, got none'],
    ];
    for (const [yaml, expected] of cases) {
      expect(texts(sloth(yaml).problems), expected).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
    }
  });

  it('reads increase() and keeps differently grouped queries as a raw SLI', () => {
    const ratio = sloth(spec(events('sum(increase(e_total[{{ .window }}]))', 'sum(increase(a_total[{{.window}}]))')));
    expect(ratio.slos[0]?.sli).toEqual({ kind: 'ratio', errors: 'e_total', total: 'a_total' });
    const mixed = sloth(spec(events('sum by (route) (rate(e_total[{{.window}}]))', 'sum(rate(a_total[{{.window}}]))')));
    expect(mixed.slos[0]?.sli).toEqual({ kind: 'raw', errorRatio: '(sum by (route) (rate(e_total[{{window}}]))) / (sum(rate(a_total[{{window}}])))' });
  });

  it('reads the native-histogram form (share above the threshold times the count) as a native latency SLI', () => {
    const q = (h: string) => `sum by (route) (rate(${h}[{{.window}}]))`;
    const native = (error: string, total: string) => sloth(spec(events(`'${error}'`, `'${total}'`))).slos[0]?.sli;
    expect(native(`histogram_fraction(0.25, +Inf, ${q('lat_seconds')}) * histogram_count(${q('lat_seconds')})`, `histogram_count(${q('lat_seconds')})`)).toEqual({
      kind: 'latency',
      histogram: 'lat_seconds',
      thresholdSeconds: 0.25,
      native: true,
    });
    // Another histogram in the error query is no such SLI: it stays the error ratio as written.
    expect(native(`histogram_fraction(0.25, +Inf, ${q('other_seconds')}) * histogram_count(${q('lat_seconds')})`, `histogram_count(${q('lat_seconds')})`)?.kind).toBe('raw');
    expect(native(`histogram_fraction(0, +Inf, ${q('lat_seconds')}) * histogram_count(${q('lat_seconds')})`, `histogram_count(${q('lat_seconds')})`)?.kind).toBe('raw');
  });

  it("keeps per-tier labels other than severity, and annotations, on that tier's alert", () => {
    const yaml = spec(`${events('sum(rate(e_total[{{.window}}]))', 'sum(rate(a_total[{{.window}}]))')}    alerting:
      name: ApiErrors
      annotations: { summary: "API errors", owner_doc: "shared" }
      page_alert:
        labels: { severity: critical, routing_key: core }
        annotations: { owner_doc: "page only" }`);
    const result = sloth(yaml);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    const { alerting } = result.slos[0] ?? {};
    expect(alerting?.burnAlertName).toBe('ApiErrors');
    expect(alerting?.page).toMatchObject({ severity: 'critical', labels: { routing_key: 'core' }, annotations: { summary: 'API errors', owner_doc: 'page only' } });
    expect(alerting?.ticket).toMatchObject({ severity: 'warning', annotations: { summary: 'API errors', owner_doc: 'shared' } });
    expect(alerting?.ticket.labels).toBeUndefined();
  });
});
