/**
 * Burnrate's own conventions never block an import: labels named like what Burnrate sets (`tier`, `team`,
 * `service`, `severity`) keep their meaning, and a spec without an owning team is read with a default team
 * and a warning. Only a contradiction is an error, naming both values.
 */
import { describe, expect, it } from 'vitest';
import { TIER_LABEL } from '../../../src/core/conventions/metrics.js';
import { formatProblem } from '../../../src/core/diagnostics/problem.js';
import { sloRuleGroups } from '../../../src/toolkit/generate/prometheus/rule-groups.js';
import type { AlertingRule } from '../../../src/toolkit/generate/prometheus/rule-types.js';
import type { LoadedDocument } from '../../../src/toolkit/load/document.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { validateDocuments } from '../../../src/toolkit/validate/validate-documents.js';
import { byId, loadFixture, texts } from './load-support.js';

function alertRules(slo: Slo): AlertingRule[] {
  return sloRuleGroups(slo).flatMap((group) => group.rules.filter((rule): rule is AlertingRule => 'alert' in rule));
}

const RATIO = { kind: 'ratio', errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' };

function typescript(set: Record<string, unknown>): LoadedDocument {
  return { file: 'checkout.slo.ts', format: 'typescript', sets: [{ service: 'checkout', slos: { availability: { objective: 99.9, sli: RATIO } }, ...set }], problems: [] };
}

describe('the label "tier"', () => {
  it('is an ordinary label, kept on every alert next to Burnrate\'s own burnrate_tier', async () => {
    const result = await loadFixture('sloth/tier-owner.yml');
    expect(texts(result.problems)).toEqual([]);
    const slo = byId(result.slos, 'giftcards-redeem-availability');
    expect(slo.team).toBe('shop-core'); // from the label "owner", consumed
    expect(slo.labels).toEqual({ repo: 'shop/giftcards', tier: '1' });
    const rules = alertRules(slo);
    expect(rules.map((rule) => [rule.labels.tier, rule.labels[TIER_LABEL]])).toEqual([
      ['1', 'page'],
      ['1', 'ticket'],
      ['1', 'nodata'],
      ['1', 'budget'],
    ]);
    // Recorded series carry no author labels: only the alerts do.
    const recording = sloRuleGroups(slo)[0]?.rules ?? [];
    expect(recording.some((rule) => 'labels' in rule && rule.labels !== undefined && 'tier' in rule.labels)).toBe(false);
  });
});

describe('a spec without an owning team', () => {
  it('is read from Sloth with the service as team and one warning', async () => {
    const result = await loadFixture('sloth/no-team.yml');
    expect(result.ok).toBe(true);
    expect(byId(result.slos, 'wishlist-requests-availability').team).toBe('wishlist');
    expect(texts(result.problems, 'warning')).toEqual([
      'test/fixtures/sloth/no-team.yml:5:1 › wishlist › labels: no owning team: alerts route to team "wishlist", the service\'s name; set the label "team" (or "owner") to the team that owns it',
    ]);
  });

  it('is read from OpenSLO the same way, its label "tier" kept', async () => {
    const result = await loadFixture('openslo/no-team.yaml');
    expect(result.ok).toBe(true);
    const slo = byId(result.slos, 'search-availability');
    expect(slo.team).toBe('search');
    expect(slo.labels).toEqual({ tier: '2' });
    expect(texts(result.problems, 'warning')).toEqual([
      'test/fixtures/openslo/no-team.yaml:15:3 › document 2 › search-availability › metadata.labels: no owning team: alerts route to team "search", the service\'s name; set the label "team" or the annotation "burnrate.dev/team" on this SLO or on its Service "search"',
    ]);
  });

  it('is a warning in a definition too, and the team a label names is the owning team', () => {
    const teamless = validateDocuments([typescript({})]);
    expect(teamless.ok).toBe(true);
    expect(teamless.slos[0]?.team).toBe('checkout');
    expect(teamless.problems.map(formatProblem)).toEqual([
      'checkout.slo.ts › team: no owning team: alerts route to team "checkout", the service\'s name; set team (e.g. team: "payments") to the team that owns the service',
    ]);
    const labelled = validateDocuments([typescript({ labels: { team: 'payments', env: 'prod' } })]);
    expect(labelled.problems).toEqual([]);
    expect(labelled.slos[0]).toMatchObject({ team: 'payments', labels: { env: 'prod' } });
  });

  it('reports the set\'s other problems in the same run', async () => {
    const result = validateDocuments([typescript({ slos: { availability: { objective: 100, sli: RATIO } } })]);
    expect(texts(result.problems)).toEqual(['checkout.slo.ts › checkout-availability › objective: must be below 100 (100% leaves no error budget), got 100']);
    expect(texts(result.problems, 'warning')).toEqual([expect.stringContaining('checkout.slo.ts › team: no owning team')]);
  });
});

describe('labels "team", "service" and "severity"', () => {
  it('are read as the owning team, the service and the severity of page and ticket alerts that set none', async () => {
    const result = await loadFixture('sloth/mapped-labels.yml');
    expect(texts(result.problems)).toEqual([]);
    expect(texts(result.problems, 'warning')).toEqual([
      'test/fixtures/sloth/mapped-labels.yml:8:3 › labels.severity: becomes the severity ("high") of the page and ticket alerts that set none of their own, on every SLO of the service; no-data and budget alerts keep theirs',
    ]);
    const slo = byId(result.slos, 'payments-api-charge-availability');
    expect(slo.team).toBe('payments');
    expect(slo.labels).toEqual({});
    expect(slo.alerting.page.severity).toBe('high'); // from the label
    expect(slo.alerting.ticket.severity).toBe('low'); // its own
    expect(slo.alerting.noData.severity).toBe('warning');
    const page = alertRules(slo).find((rule) => rule.labels[TIER_LABEL] === 'page');
    expect(page?.labels).toMatchObject({ team: 'payments', service: 'payments-api', severity: 'high' });
  });

  it('are one error each, naming both values, when they contradict the spec', async () => {
    const result = await loadFixture('sloth/conflicting-labels.yml');
    expect(result.ok).toBe(false);
    expect(texts(result.problems)).toEqual([
      'test/fixtures/sloth/conflicting-labels.yml:12:7 › payments-api-refund-availability › slos[0].labels.service: is "refunds" but the service is "payments-api"; Burnrate labels every alert service="payments-api", so remove the label or make it "payments-api"',
      'test/fixtures/sloth/conflicting-labels.yml:11:7 › payments-api-refund-availability › slos[0].labels.team: names team "finance" but the owning team is "payments"; alerts route to one owning team, so remove the label or make the two the same',
    ]);
  });

  it('refuse a severity that is no lowercase word, and keep refusing slo and burnrate_tier', () => {
    const result = validateDocuments([typescript({ team: 'payments', labels: { severity: 'P1', slo: 'x', burnrate_tier: 'page' } })]);
    expect(texts(result.problems)).toEqual([
      'checkout.slo.ts › labels.slo: "slo" is set by Burnrate itself (reserved: slo, burnrate_tier and names starting with "__"); choose another label name',
      'checkout.slo.ts › labels.burnrate_tier: "burnrate_tier" is set by Burnrate itself (reserved: slo, burnrate_tier and names starting with "__"); choose another label name',
      'checkout.slo.ts › labels.severity: must be a lowercase word such as "critical" or "warning", got "P1"; did you mean "p1"?',
    ]);
  });

  it('keep window, sli_kind and le reserved for groupBy only', () => {
    const result = validateDocuments([typescript({ team: 'payments', labels: { window: 'business-hours', le: 'x', sli_kind: 'y' } })]);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]?.labels).toEqual({ window: 'business-hours', le: 'x', sli_kind: 'y' });
  });
});

describe('kept alert names and tier decoration', () => {
  it("keeps a Pyrra object's alert name for both burn alerts, with a default team and its label tier", async () => {
    const result = await loadFixture('pyrra/alert-name.yaml');
    expect(result.ok).toBe(true);
    const slo = byId(result.slos, 'inventory-reservations');
    expect(slo.alerting.burnAlertName).toBe('InventoryReservationsBurn');
    expect(slo.team).toBe('inventory');
    expect(slo.labels).toMatchObject({ tier: '2' });
    expect(alertRules(slo).map((rule) => [rule.alert, rule.labels[TIER_LABEL]])).toEqual([
      ['InventoryReservationsBurn', 'page'],
      ['InventoryReservationsBurn', 'ticket'],
      ['SloNoData', 'nodata'],
      ['SloErrorBudgetExhausted', 'budget'],
    ]);
  });

  it('refuses what a tier cannot carry and alert names Prometheus or Burnrate would not take', () => {
    const alerting = {
      burnAlertName: 'SloNoData',
      page: { labels: { team: 'other', routing_key: 'x' }, annotations: { summary: 'burning at {{ $value }}', 'runbook-link': 'x' } },
      ticket: { annotations: { summary: '{{ $labels.route }} burns' } },
    };
    const result = validateDocuments([typescript({ team: 'payments', slos: { availability: { objective: 99.9, sli: RATIO, alerting } } })]);
    expect(texts(result.problems)).toEqual([
      'checkout.slo.ts › checkout-availability › alerting.burnAlertName: "SloNoData" is the name of Burnrate\'s no-data alert; choose another name for the burn alerts',
      'checkout.slo.ts › checkout-availability › alerting.page.labels.team: "team" is set by Burnrate on every alert; set the owning team with team (or the label "team" of the SLO)',
      'checkout.slo.ts › checkout-availability › alerting.page.annotations.summary: templates other than {{ $labels.<name> }} are not supported (Burnrate proves every annotation in promtool tests, which can expand only those); write the text without them, got "burning at {{ $value }}"',
      'checkout.slo.ts › checkout-availability › alerting.page.annotations.runbook-link: annotation names must match [a-zA-Z_][a-zA-Z0-9_]* (Prometheus refuses others), got "runbook-link"',
    ]);
  });
});
