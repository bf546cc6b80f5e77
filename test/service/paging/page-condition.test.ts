/**
 * The page condition is the generated Prometheus page alert evaluated on the service's snapshots. The
 * oracle reads the alert's PromQL text, so policy and rules cannot drift apart unnoticed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorRatioThreshold, pageCondition } from '../../../src/service/paging/page-condition.js';
import { availability, BURNING, latency, minutes, noDataSnapshot, snapshot, type WindowSpec } from './paging-fixtures.js';
import { isTie, pageRuleExpr, pageRulePairs, ruleFires } from './rule-oracle.js';

const PAGE_WINDOWS = ['5m', '30m', '1h', '6h'] as const;
const counts = fc.record({ bad: fc.integer({ min: 0, max: 3000 }), total: fc.integer({ min: 1, max: 20_000 }) }).filter((c) => c.bad <= c.total);

describe('page condition', () => {
  it('reads the same windows, factors and guard as the generated page alert', () => {
    const pairs = pageCondition(availability, snapshot({ at: minutes(0) })).pairs;
    const rule = pageRulePairs(availability);
    expect(pairs.map((p) => p.conditions.map((c) => ({ window: c.window, factor: c.factor })))).toEqual(rule.map((p) => p.conditions));
    expect(rule.map((p) => p.conditions.map((c) => c.window))).toEqual([
      ['1h', '5m'],
      ['6h', '30m', '5m'],
    ]);
    // Thresholds are compared as PromQL computes them from the rule text.
    for (const m of pageRuleExpr(availability).matchAll(/> \((\d+(?:\.\d+)?) \* \(1 - ([\d.]+)\)\)/g)) {
      expect(errorRatioThreshold(Number(m[1]), 0.999)).toBe(Number(m[1]) * (1 - Number(m[2])));
    }
    expect(rule.every((p) => p.guard?.minEvents === availability.alerting.minEvents)).toBe(true);
  });

  it('fires exactly when the generated rule fires: every window of some page pair above its factor, enough events', () => {
    const rule = pageRulePairs(availability);
    fc.assert(
      fc.property(fc.record({ '5m': counts, '30m': counts, '1h': counts, '6h': counts }), (windows) => {
        // At exact ties float and integer arithmetic may disagree; the rule's ">" is tested separately.
        fc.pre(rule.every((p) => p.conditions.every((c) => !isTie(windows[c.window as '5m'], c.factor, 1000))));
        const condition = pageCondition(availability, snapshot({ at: minutes(0), windows }));
        expect(condition.state === 'burning').toBe(ruleFires(rule, windows, 1000));
        expect(condition.state).not.toBe('no-data');
      }),
      { numRuns: 500 },
    );
  });

  it('fires only when both the long and the short window exceed the factor', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAGE_WINDOWS), fc.constantFrom(...PAGE_WINDOWS), (hotA, hotB) => {
        const windows = { [hotA]: BURNING, [hotB]: BURNING };
        const burning = pageCondition(availability, snapshot({ at: minutes(0), windows })).state === 'burning';
        const set = new Set([hotA, hotB]);
        expect(burning).toBe((set.has('1h') && set.has('5m')) || (set.has('6h') && set.has('30m') && set.has('5m')));
      }),
    );
  });

  it('does not fire on a burn exactly at the factor (the rule compares with ">")', () => {
    // 14.4 × 0.1% = 1.44% bad: exactly the fast threshold in both fast windows.
    const atFactor = { bad: 144, total: 10_000 };
    expect(pageCondition(availability, snapshot({ at: minutes(0), windows: { '1h': atFactor, '5m': atFactor } })).state).toBe('clear');
    const justAbove = { bad: 145, total: 10_000 };
    expect(pageCondition(availability, snapshot({ at: minutes(0), windows: { '1h': justAbove, '5m': justAbove } })).state).toBe('burning');
  });

  it('keeps quiet while the long window holds fewer than minEvents events, like the rule', () => {
    const half = (total: number): WindowSpec => ({ bad: total / 2, total });
    expect(latency.alerting.minEvents).toBe(50);
    const below = pageCondition(latency, snapshot({ slo: latency, at: minutes(0), group: { route: '/cart' }, windows: { '1h': half(48), '5m': half(10) } }));
    expect(below.state).toBe('clear');
    expect(below.pairs[0]).toMatchObject({ burning: false, belowMinEvents: true });
    const enough = pageCondition(latency, snapshot({ slo: latency, at: minutes(0), group: { route: '/cart' }, windows: { '1h': half(50), '5m': half(10) } }));
    expect(enough.state).toBe('burning');
  });

  it('is no-data, never clear or burning, when nothing could be measured', () => {
    expect(pageCondition(availability, noDataSnapshot(minutes(0))).state).toBe('no-data');
    const silent = snapshot({ at: minutes(0), windows: { '5m': null, '1h': null, '30m': null, '6h': null } });
    expect(silent.status).toBe('ok');
    expect(pageCondition(availability, silent).state).toBe('no-data');
    // Quiet for five minutes: both pairs read the 5m window, so nothing proves recovery.
    expect(pageCondition(availability, snapshot({ at: minutes(0), windows: { '5m': null } })).state).toBe('no-data');
    expect(pageCondition(availability, snapshot({ at: minutes(0), windows: { '30m': null } })).state).toBe('clear');
  });
});
