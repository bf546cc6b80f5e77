/**
 * The promtool expectations are written from the SLO model, not copied from the rule generator: they agree
 * with the generated alerting rules for every SLO shape, disagree with a rule that carries a wrong label or
 * annotation, and a generator that writes a wrong label leaves the promtool test file as it was, so promtool fails.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ALERT_NAMES } from '../../../../src/core/conventions/metrics.js';
import type { Slo } from '../../../../src/core/model/slo.js';
import { sloAlertWindows } from '../../../../src/core/windows/alert-windows.js';
import { ARTIFACT_DIRS, generateArtifacts } from '../../../../src/toolkit/generate/artifacts.js';
import { alertingRules } from '../../../../src/toolkit/generate/prometheus/alert-rules.js';
import { expectedAlert, expectedRule } from '../../../../src/toolkit/generate/prometheus/expected-alerts.js';
import { burnExpressionLabels, noDataExpressionLabels } from '../../../../src/toolkit/generate/prometheus/expected-labels.js';
import type { AlertingRule } from '../../../../src/toolkit/generate/prometheus/rule-types.js';
import type { CheckedAlert } from '../../../../src/toolkit/generate/prometheus/scenario-types.js';
import { writeArtifacts } from '../../../../src/toolkit/generate/write-artifacts.js';
import { makeSlo } from '../../../service/engine/slo-fixture.js';
import { prometheusLines } from '../../../support/stack-tools.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { FIXTURE_DIR, loadSlos, promtoolEach } from './rule-files.js';

type RuleMutation = (rule: AlertingRule) => AlertingRule;
/** Lets one test make the real generator write a wrong rule, for every module that calls it. */
const generator = vi.hoisted(() => ({ mutate: undefined as RuleMutation | undefined }));
vi.mock('../../../../src/toolkit/generate/prometheus/alert-rules.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src/toolkit/generate/prometheus/alert-rules.js')>();
  const alertingRules: typeof real.alertingRules = (...args) => real.alertingRules(...args).map((rule) => generator.mutate?.(rule) ?? rule);
  return { ...real, alertingRules };
});

const ALERTS: CheckedAlert[] = ['page', 'ticket', 'noData'];
const base = makeSlo(99.9);
const FULL: Slo = {
  ...base,
  groupBy: ['route', 'method'],
  labels: { plan: 'gold' },
  runbookUrl: 'https://runbooks.example.com/test',
  dashboardUrl: 'https://grafana.example.com/d/test',
  alerting: { ...base.alerting, labels: { component: 'api' } },
};
const OWN_TIERS = { ...base.alerting, page: { enabled: false, severity: 'critical' }, ticket: { enabled: true, severity: 'sev3' }, noData: { enabled: true, forSeconds: 1800, severity: 'info' } };
const SHAPES: { name: string; slo: Slo }[] = [
  { name: 'ungrouped', slo: base },
  { name: 'grouped over 7d', slo: { ...base, groupBy: ['route', 'method'], window: { kind: 'rolling', days: 7 } } },
  { name: 'extra labels', slo: { ...base, labels: { plan: 'gold' }, alerting: { ...base.alerting, labels: { component: 'api' } } } },
  { name: 'runbook and dashboard', slo: { ...base, runbookUrl: FULL.runbookUrl, dashboardUrl: FULL.dashboardUrl } },
  { name: 'page disabled, own severities, calendar month', slo: { ...base, window: { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' }, alerting: OWN_TIERS } },
  { name: 'no-data disabled', slo: { ...base, alerting: { ...base.alerting, noData: { ...base.alerting.noData, enabled: false } } } },
  { name: 'everything at once', slo: FULL },
];

/** Runs `fn` while the generator writes `alert`'s rule through `mutate`. */
function withWrongGenerator<T>(alert: CheckedAlert, mutate: RuleMutation, fn: () => T): T {
  generator.mutate = (rule) => (rule.alert === ALERT_NAMES[alert] ? mutate(rule) : rule);
  try {
    return fn();
  } finally {
    generator.mutate = undefined;
  }
}

function generatedRule(slo: Slo, alert: CheckedAlert): AlertingRule | undefined {
  return alertingRules(slo, sloAlertWindows(slo)).find((rule) => rule.alert === ALERT_NAMES[alert]);
}

const GROUP = { route: '/a', method: 'GET' };
function expressionLabels(slo: Slo, alert: CheckedAlert) {
  return alert === 'noData' ? noDataExpressionLabels(slo) : burnExpressionLabels(slo, GROUP);
}

describe('expected alerts against the real generator', () => {
  it.each(SHAPES)('$name: each alert has exactly the name, labels and annotations of the contract', ({ slo }) => {
    for (const alert of ALERTS) {
      const rule = generatedRule(slo, alert);
      const generated = rule && { alert: rule.alert, labels: rule.labels, annotations: rule.annotations };
      expect(generated, alert).toEqual(expectedRule(slo, alert));
    }
  });

  it('the page promtool expects carries the group labels, Burnrate labels and expanded summary', () => {
    const page = expectedRule(FULL, 'page');
    expect(page && expectedAlert(page, expressionLabels(FULL, 'page'))).toEqual({
      exp_labels: { component: 'api', method: 'GET', plan: 'gold', route: '/a', service: 'test', severity: 'critical', slo: 'test-availability', team: 'team', burnrate_tier: 'page' },
      exp_annotations: {
        dashboard_url: 'https://grafana.example.com/d/test',
        description: 'Objective 99.9% over 30d; the error budget is 0.1% of events. Errors burn the budget at or above 14.4x over 1h and 5m (2% of the budget in 1h), or 6x over 6h and 30m (5% of the budget in 6h).',
        runbook_url: 'https://runbooks.example.com/test',
        summary: 'test-availability route=/a method=GET is burning its error budget fast',
      },
    });
  });

  it('the no-data alert promtool expects carries the window of the series absent() watches', () => {
    const noData = expectedRule(base, 'noData');
    expect(noData && expectedAlert(noData, expressionLabels(base, 'noData')).exp_labels).toEqual({
      service: 'test', severity: 'warning', slo: 'test-availability', team: 'team', burnrate_tier: 'nodata', window: '5m',
    });
  });
});

const setLabel = (name: string, value: string): RuleMutation => (r) => ({ ...r, labels: { ...r.labels, [name]: value } });
const dropLabel = (name: string): RuleMutation => (r) => ({ ...r, labels: Object.fromEntries(Object.entries(r.labels).filter(([n]) => n !== name)) });
const setAnnotation = (name: string, value: string): RuleMutation => (r) => ({ ...r, annotations: { ...r.annotations, [name]: value } });
const dropAnnotation = (name: string): RuleMutation => (r) => ({ ...r, annotations: Object.fromEntries(Object.entries(r.annotations).filter(([n]) => n !== name)) });

const MUTATIONS: { name: string; alert: CheckedAlert; mutate: RuleMutation }[] = [
  { name: 'page severity warning', alert: 'page', mutate: setLabel('severity', 'warning') },
  { name: 'ticket tier page', alert: 'ticket', mutate: setLabel('burnrate_tier', 'page') },
  { name: 'no-data without team', alert: 'noData', mutate: dropLabel('team') },
  { name: 'wrong service', alert: 'page', mutate: setLabel('service', 'other') },
  { name: 'alerting label changed', alert: 'ticket', mutate: setLabel('component', 'web') },
  { name: 'definition label dropped', alert: 'noData', mutate: dropLabel('plan') },
  { name: 'stray label', alert: 'page', mutate: setLabel('owner', 'nobody') },
  { name: 'runbook dropped', alert: 'noData', mutate: dropAnnotation('runbook_url') },
  { name: 'dashboard changed', alert: 'ticket', mutate: setAnnotation('dashboard_url', 'https://elsewhere.example.com') },
  { name: 'summary without the group', alert: 'page', mutate: setAnnotation('summary', 'test-availability is burning its error budget fast') },
];

describe('expected alerts against a generator that writes a wrong rule', () => {
  it.each(MUTATIONS)('$name: the expectation agrees with the real rule, stays put, and disagrees with the wrong one', ({ alert, mutate }) => {
    const labels = expressionLabels(FULL, alert);
    const [right, want] = [generatedRule(FULL, alert), expectedRule(FULL, alert)];
    const [wrong, wantWhileWrong] = withWrongGenerator(alert, mutate, () => [generatedRule(FULL, alert), expectedRule(FULL, alert)]);
    if (!right || !wrong || !want) throw new Error(`${FULL.id} has no ${alert} alert`);
    expect(expectedAlert(right, labels)).toEqual(expectedAlert(want, labels));
    expect(wantWhileWrong).toEqual(want);
    expect(expectedAlert(wrong, labels)).not.toEqual(expectedAlert(want, labels));
  });
});

describe.each(prometheusLines())('promtool test files of a generator that writes a wrong label, on Prometheus $name', ({ promtool }) => {
  const RULES = 'alerts/prometheus/orders.rules.yaml';
  const TEST = 'alerts/promtool/orders-availability.test.yaml';

  it('changes the rule file, not the promtool test file, and promtool test rules fails on the page', async () => {
    const slos = await loadSlos([path.join(FIXTURE_DIR, 'ratio-good.slo.ts')]);
    const right = generateArtifacts(slos);
    const wrong = withWrongGenerator('page', setLabel('severity', 'sev9'), () => generateArtifacts(slos));
    expect(wrong.get(RULES)).not.toBe(right.get(RULES));
    expect(wrong.get(TEST)).toBe(right.get(TEST));

    const temp = await makeTempDir('burnrate-expected-alerts-');
    try {
      const roots = [path.join(temp.dir, 'right'), path.join(temp.dir, 'wrong')];
      await Promise.all([right, wrong].map((artifacts, i) => writeArtifacts(roots[i] ?? '', artifacts, ARTIFACT_DIRS)));
      const files = roots.map((root) => path.join(root, TEST));
      const [pass, fail] = await promtoolEach(promtool, 'test', files);
      expect(pass?.code, pass?.output).toBe(0);
      expect(fail?.code, fail?.output).not.toBe(0);
      expect(fail?.output).toContain(`alertname: ${ALERT_NAMES.page}`);
      expect(fail?.output).toContain('severity="sev9"');
    } finally {
      await temp.remove();
    }
  }, 120_000);
});
