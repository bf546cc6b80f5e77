import { describe, expect, it } from 'vitest';
import { alertingRules } from '../../../../src/toolkit/generate/prometheus/alert-rules.js';
import { sloAlertWindows } from '../../../../src/core/windows/alert-windows.js';
import { ALERT_NAMES } from '../../../../src/core/conventions/metrics.js';
import { validateDocuments } from '../../../../src/toolkit/validate/validate-documents.js';
import { formatProblem } from '../../../../src/core/diagnostics/problem.js';

function validate(page: unknown) {
  const set = {
    service: 'orders',
    team: 'payments',
    slos: {
      availability: {
        objective: 99.9,
        sli: { kind: 'ratio', errors: 'orders_requests_total{code="500"}', total: 'orders_requests_total' },
        ...(page === undefined ? {} : { alerting: { page } }),
      },
    },
  };
  return validateDocuments([{ file: 'orders.slo.ts', format: 'typescript', sets: [set], problems: [] }]);
}

function pageRule(page: unknown) {
  const [slo] = validate(page).slos;
  if (!slo) throw new Error('invalid fixture');
  return alertingRules(slo, sloAlertWindows(slo)).find((rule) => rule.alert === ALERT_NAMES.page);
}

describe('page keep_firing_for', () => {
  it('holds a page for 5m by default', () => {
    expect(pageRule(undefined)?.keep_firing_for).toBe('5m');
  });

  it('follows alerting.page.keepFiringFor, and "0s" resolves at once', () => {
    expect(pageRule({ keepFiringFor: '2m' })?.keep_firing_for).toBe('2m');
    expect(pageRule({ keepFiringFor: '0s', severity: 'sev1' })).toMatchObject({ labels: { severity: 'sev1' } });
    expect(pageRule({ keepFiringFor: '0s' })).not.toHaveProperty('keep_firing_for');
  });

  it('names the field when the hold is not a duration', () => {
    const result = validate({ keepFiringFor: 'five minutes' });
    expect(result.ok).toBe(false);
    expect(result.problems.map(formatProblem).join('\n')).toContain('orders.slo.ts › orders-availability › alerting.page.keepFiringFor: must be a duration');
  });
});
