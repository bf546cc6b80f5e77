/** Pyrra ServiceLevelObjective objects: each SLI kind, grouping, window and target, alerting options. */
import { describe, expect, it } from 'vitest';
import { byId, loadFixture, texts, yamlText } from './load-support.js';

describe('Pyrra fixtures', () => {
  it('reads a ratio SLI with grouping from the CRD; labels are labels, pyrra.dev/ dropped', async () => {
    const result = await loadFixture('pyrra/checkout.yaml');
    expect(texts(result.problems)).toEqual([]);
    const slo = byId(result.slos, 'checkout-availability'); // the Pyrra name: service "checkout", SLO "availability"
    expect(slo.service).toBe('checkout');
    expect(slo.name).toBe('availability');
    expect(slo.team).toBe('payments'); // pyrra.dev/team
    expect(slo.labels).toEqual({ prometheus: 'k8s', role: 'alert-rules' });
    expect(slo.objectivePercent).toBe(99.9); // target: "99.9"
    expect(slo.window).toEqual({ kind: 'rolling', days: 28 }); // 4w
    expect(slo.groupBy).toEqual(['route']);
    expect(slo.sli).toEqual({ kind: 'ratio', errors: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' });
    expect(slo.description).toBe('Checkout requests on each route complete without a server error.');
    expect(slo.source.format).toBe('pyrra');
    expect(slo.alerting.page.enabled && slo.alerting.ticket.enabled && slo.alerting.noData.enabled).toBe(true);
  });

  it('reads a latency SLI (le bucket over _count) and absent: false as no no-data alert', async () => {
    const result = await loadFixture('pyrra/checkout.yaml');
    const slo = byId(result.slos, 'checkout-latency');
    expect(slo.sli).toEqual({ kind: 'latency', histogram: 'http_request_duration_seconds{job="checkout"}', thresholdSeconds: 0.3 });
    expect(slo.window).toEqual({ kind: 'rolling', days: 14 });
    expect(slo.alerting.noData.enabled).toBe(false);
    expect(slo.alerting.page.enabled).toBe(true);
  });

  it('reads a bool_gauge SLI and burnrates: false as no burn-rate alerts', async () => {
    const result = await loadFixture('pyrra/checkout.yaml');
    const slo = byId(result.slos, 'checkout-probe');
    expect(slo.sli).toEqual({ kind: 'boolGauge', metric: 'probe_success{job="blackbox",instance="https://shop.example.com/checkout"}' });
    expect(slo.labels).toEqual({ component: 'edge' });
    expect([slo.alerting.page.enabled, slo.alerting.ticket.enabled, slo.alerting.noData.enabled]).toEqual([false, false, true]);
  });

  it('reads latencyNative as a native latency SLI: the latency in seconds or as a duration, grouping as groupBy', async () => {
    const result = await loadFixture('pyrra/native-latency.yaml');
    expect(texts(result.problems)).toEqual([]);
    const browse = byId(result.slos, 'catalog-browse-latency');
    expect(browse.sli).toEqual({ kind: 'latency', histogram: 'catalog_render_duration_seconds{job="catalog"}', thresholdSeconds: 0.1, native: true });
    expect(browse.groupBy).toEqual(['route']);
    expect(browse.window).toEqual({ kind: 'rolling', days: 28 });
    const search = byId(result.slos, 'catalog-search-latency');
    expect(search.sli).toEqual({ kind: 'latency', histogram: 'catalog_search_duration_seconds{job="catalog",handler="/search"}', thresholdSeconds: 1.2, native: true });
    expect(search.groupBy).toEqual([]);
  });

  it('reads the plain-file form; the service label names the service, disabled: true switches burn alerts off', async () => {
    const result = await loadFixture('pyrra/plain-file.yaml');
    expect(texts(result.problems)).toEqual([]);
    const slo = byId(result.slos, 'monitoring-prometheus-api-query');
    expect(slo.team).toBe('observability');
    expect(slo.labels).toEqual({});
    expect(slo.objectivePercent).toBe(99);
    expect(slo.window).toEqual({ kind: 'rolling', days: 7 });
    expect([slo.alerting.page.enabled, slo.alerting.ticket.enabled]).toEqual([false, false]);
  });

  it('refuses what it cannot honour, one error per field', async () => {
    const result = await loadFixture('pyrra/unsupported.yaml');
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => `${p.slo} › ${p.field}: ${p.code}`)).toEqual([
      'search-latency › spec.partial_response_strategy: pyrra-partial-response',
      'search-latency › spec.window: pyrra-window',
      'search-latency › spec.indicator.latencyNative.latency: pyrra-latency-native',
      'search-latency › spec.alerting.absentName: pyrra-alert-name',
      'search-errors › spec.target: pyrra-target',
      'search-errors › spec.indicator.ratio.errors.metric: pyrra-selector',
    ]);
  });
});

const object = (body: string, name = 'api-availability', labels = '{ pyrra.dev/team: core }') => `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: ${name}
  labels: ${labels}
spec:
  target: "99"
  window: 28d
${body}`;
const ratio = '  indicator:\n    ratio: { errors: { metric: e_total }, total: { metric: a_total } }\n';

describe('Pyrra mapping details', () => {
  it('names service and team, or says which is missing', () => {
    expect(yamlText(object(ratio)).slos.map((s) => s.id)).toEqual(['api-availability']);
    expect(texts(yamlText(object(ratio, 'availability')).problems)).toEqual([expect.stringContaining('availability › metadata.name: names no service')]);
    // The owning team is read as for Sloth: no team, owner label.
    expect(yamlText(object(ratio, 'api-availability', '{ owner: core }')).slos[0]?.team).toBe('core');
    // Without one the SLO is still read: alerts route to a team named like the service, with a warning.
    const teamless = yamlText(object(ratio, 'api-availability', '{ app.kubernetes.io/part-of: shop }'));
    expect(teamless.ok).toBe(true);
    expect(teamless.slos[0]?.team).toBe('api');
    expect(texts(teamless.problems, 'warning')).toEqual([
      'inline.yaml:5:3 › api-availability › metadata.labels: no owning team: alerts route to team "api", the service\'s name; set the label "team" (or "owner") to the team that owns it',
    ]);
  });

  it('refuses unknown fields and a latency whose bucket is not of the total histogram', () => {
    const typo = yamlText(object(`${ratio}  alerting: { burnrate: false }\n`));
    expect(texts(typo.problems)).toEqual(['inline.yaml:11:15 › api-availability › spec.alerting.burnrate: is not a field of Pyrra ServiceLevelObjective here; check the spelling']);
    const latency = yamlText(object('  indicator:\n    latency: { success: { metric: \'a_bucket{le="1"}\' }, total: { metric: b_count } }\n'));
    expect(texts(latency.problems)).toEqual([expect.stringContaining('spec.indicator.latency.success.metric: must be the le bucket')]);
  });

  it('refuses a latencyNative latency that is no latency above zero, and a total that is no selector, at their positions', () => {
    const native = (latency: string, metric = 'h_seconds') => yamlText(object(`  indicator:\n    latencyNative:\n      latency: ${latency}\n      total: { metric: '${metric}' }\n`));
    expect(texts(native('soon').problems)).toEqual([
      'inline.yaml:11:7 › api-availability › spec.indicator.latencyNative.latency: must be a latency above zero such as "300ms", "1s" or "0.3" (seconds), got "soon"',
    ]);
    expect(texts(native('"0"').problems)).toEqual([expect.stringContaining('spec.indicator.latencyNative.latency: must be a latency above zero')]);
    expect(texts(native('250ms', 'sum(rate(h[5m]))').problems)).toEqual([expect.stringContaining('spec.indicator.latencyNative.total.metric: must be a selector')]);
    expect(native('250ms').slos[0]?.sli).toEqual({ kind: 'latency', histogram: 'h_seconds', thresholdSeconds: 0.25, native: true });
  });
});
