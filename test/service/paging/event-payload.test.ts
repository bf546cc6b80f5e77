/** What on-call receives: the Events v2 body names the SLO, budget left, burn rate, runbook and dashboard. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventProblems } from '../../support/fake-pagerduty-events.js';
import { dedupKey } from '../../../src/service/paging/dedup-key.js';
import { groupDedupText } from '../../../src/service/engine/group-labels.js';
import { resolveBody, triggerBody } from '../../../src/service/paging/event-payload.js';
import { pageCondition } from '../../../src/service/paging/page-condition.js';
import { pagerDutySeverity } from '../../../src/service/paging/severity.js';
import { availability, latency, minutes, snapshot } from './paging-fixtures.js';

const KEY = 'e93facc04764012d7bfb002500d5d1a6';
const labels = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 5 });

describe('dedup keys', () => {
  it('are one stable key per SLO, group and tier, whatever the label order', () => {
    fc.assert(
      fc.property(labels, fc.string({ minLength: 1, maxLength: 300 }), (group, sloId) => {
        const reversed = Object.fromEntries(Object.entries(group).reverse());
        const key = dedupKey(sloId, group);
        expect(dedupKey(sloId, reversed)).toBe(key);
        expect(key.length).toBeLessThanOrEqual(255);
        expect(key.startsWith('burnrate/')).toBe(true);
        expect(key.endsWith('/page')).toBe(true);
      }),
    );
  });

  it('tell different groups and SLOs apart', () => {
    fc.assert(
      fc.property(labels, labels, fc.constantFrom('a', 'a-b', 'b'), fc.constantFrom('a', 'a-b', 'b'), (g1, g2, s1, s2) => {
        const same = s1 === s2 && groupDedupText(g1) === groupDedupText(g2);
        expect(dedupKey(s1, g1) === dedupKey(s2, g2)).toBe(same);
      }),
    );
    expect(groupDedupText({ route: '/a",b="c' })).not.toBe(groupDedupText({ route: '/a', b: 'c' }));
  });

  it('read like the alert labels', () => {
    expect(dedupKey('checkout-latency', { route: '/cart', method: 'GET' })).toBe('burnrate/checkout-latency/{method="GET",route="/cart"}/page');
    expect(dedupKey('checkout-availability', {})).toBe('burnrate/checkout-availability/{}/page');
  });
});

describe('trigger body', () => {
  const burning = { bad: 2000, total: 10_000 };
  const snap = snapshot({ at: minutes(0), windows: { '5m': burning, '1h': burning }, window: { good: 998_800, total: 1_000_000 } });
  const body = triggerBody(availability, snap, pageCondition(availability, snap), dedupKey(availability.id, {}));

  it('passes the Events v2 contract check of the fake PagerDuty', () => {
    expect(eventProblems({ routing_key: KEY, ...body })).toEqual([]);
    expect(eventProblems({ routing_key: KEY, ...resolveBody(body.dedup_key) })).toEqual([]);
  });

  it('names the SLO, the budget left and the burn rate in the summary', () => {
    expect(body.payload!.summary).toBe('checkout-availability: error budget burning 200x over 1h, 200x over 5m (pages above 14.4x over 1h and 5m); the 30d budget is spent (-20%)');
  });

  it('carries routing fields, numbers and links for on-call', () => {
    expect(body).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'burnrate/checkout-availability/{}/page',
      client: 'Burnrate',
      client_url: 'https://grafana.example.com/d/burnrate-checkout',
      links: [
        { href: 'https://runbooks.example.com/checkout', text: 'Runbook' },
        { href: 'https://grafana.example.com/d/burnrate-checkout', text: 'Dashboard' },
      ],
      payload: { source: 'burnrate', severity: 'critical', component: 'checkout', group: 'payments', class: 'slo-burn', timestamp: minutes(0).toISOString() },
    });
    expect(body.payload!.custom_details).toMatchObject({
      slo: 'checkout-availability',
      service: 'checkout',
      team: 'payments',
      burnrate_tier: 'page',
      objective: '99.9%',
      window: '30d',
      budget_remaining: '-20%',
      budget_remaining_ratio: -0.2,
      time_to_exhaustion: 'spent',
      runbook_url: 'https://runbooks.example.com/checkout',
      dashboard_url: 'https://grafana.example.com/d/burnrate-checkout',
      firing: ['fast burn: 200x over 1h > 14.4x, 200x over 5m > 14.4x'],
    });
    expect((body.payload!.custom_details as { burn_rates: Record<string, number> }).burn_rates).toMatchObject({ '5m': 200, '1h': 200, '30m': 0.1, '6h': 0.1 });
  });

  it('forecasts exhaustion while budget is left', () => {
    const fresh = snapshot({ at: minutes(0), windows: { '5m': burning, '1h': burning } });
    const details = triggerBody(availability, fresh, pageCondition(availability, fresh), 'k').payload!.custom_details!;
    // 50% left of 30 days at 200x: 0.5 × 2,592,000 s / 200 = 6480 s.
    expect(details.seconds_to_exhaustion).toBe(6480);
    expect(details.time_to_exhaustion).toBe('1h48m');
    expect(triggerBody(availability, fresh, pageCondition(availability, fresh), 'k').payload!.summary).toMatch(/; 50% of the 30d budget left$/);
  });

  it('maps the page tier severity onto the four PagerDuty severities, unknown words to critical', () => {
    const grouped = snapshot({ slo: latency, at: minutes(0), group: { route: '/cart' }, fill: burning });
    expect(triggerBody(latency, grouped, pageCondition(latency, grouped), 'k').payload!.severity).toBe('error');
    expect(['critical', 'page', 'P1', 'error', 'warning', 'info', 'low', 'bananas'].map(pagerDutySeverity)).toEqual(['critical', 'critical', 'critical', 'error', 'warning', 'info', 'info', 'critical']);
  });
});
