/**
 * Burn-rate windows and factors: the Workbook's 30d numbers exactly, other periods scaled with the
 * factor derived as budgetFraction × period / longWindow, and thresholds written as `(f * (1 - objective))`.
 */
import path from 'node:path';
import { parse } from 'yaml';
import { alertComparisons } from '../../support/alert-comparisons.js';
import { describe, expect, it } from 'vitest';
import { alertingPeriodMs, alertWindows, type AlertWindow } from '../../../src/core/windows/alert-windows.js';
import { formatDuration } from '../../../src/core/model/duration.js';
import type { Slo } from '../../../src/core/model/slo.js';
import { generateArtifacts } from '../../../src/toolkit/generate/artifacts.js';
import { thresholdText } from '../../../src/core/promql/promql-text.js';
import { FIXTURE_DIR, loadSlos } from '../../toolkit/generate/prometheus/rule-files.js';

const DAY_MS = 86_400_000;

function table(windows: readonly AlertWindow[]) {
  return windows.map((w) => `${w.tier}-${w.speed} ${formatDuration(w.longWindowMs)}/${formatDuration(w.shortWindowMs)} ${w.factor}x`);
}

describe('burn-rate windows and factors', () => {
  it('30d is the Workbook table: 14.4 / 6 / 3 / 1 over 1h/5m, 6h/30m, 1d/2h, 3d/6h', () => {
    expect(table(alertWindows(30 * DAY_MS))).toEqual(['page-fast 1h/5m 14.4x', 'page-slow 6h/30m 6x', 'ticket-fast 1d/2h 3x', 'ticket-slow 3d/6h 1x']);
    expect(alertWindows(30 * DAY_MS).map((w) => w.budgetFraction)).toEqual([0.02, 0.05, 0.1, 0.1]);
  });

  it('28d scales the windows by 28/30 (never under 5m)', () => {
    expect(table(alertWindows(28 * DAY_MS)).map((row) => row.split(' ').slice(0, 2).join(' '))).toEqual([
      'page-fast 56m/5m',
      'page-slow 5h36m/28m',
      'ticket-fast 22h24m/1h52m',
      'ticket-slow 2d19h12m/5h36m',
    ]);
  });

  it('7d scales the windows by 7/30 (never under 5m)', () => {
    expect(table(alertWindows(7 * DAY_MS)).map((row) => row.split(' ').slice(0, 2).join(' '))).toEqual([
      'page-fast 14m/5m',
      'page-slow 1h24m/7m',
      'ticket-fast 5h36m/28m',
      'ticket-slow 16h48m/1h24m',
    ]);
  });

  it.each([7, 28, 30, 90])('%sd factors equal budgetFraction × period / longWindow', (days) => {
    for (const w of alertWindows(days * DAY_MS)) {
      expect(w.factor).toBeCloseTo((w.budgetFraction * days * DAY_MS) / w.longWindowMs, 9);
      expect(w.shortWindowMs).toBe(Math.max(5 * 60_000, Math.round(w.longWindowMs / 12 / 1000) * 1000));
    }
  });

  it('a very short period keeps 5m windows and derives the factor from them', () => {
    const [pageFast] = alertWindows(1 * DAY_MS);
    expect(pageFast?.longWindowMs).toBe(5 * 60_000);
    expect(pageFast?.factor).toBe(0.02 * (DAY_MS / (5 * 60_000)));
  });

  it('calendar months alert like 30d, calendar weeks like 7d', () => {
    expect(alertingPeriodMs({ kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' })).toBe(30 * DAY_MS);
    expect(alertingPeriodMs({ kind: 'calendar', unit: 'week', timeZone: 'UTC' })).toBe(7 * DAY_MS);
  });
});

describe('thresholds in PromQL', () => {
  const slo = (objectivePercent: number) => ({ objectivePercent }) as Slo;

  it('writes the budget from the objective, so float noise never reaches the rules', () => {
    expect(thresholdText(14.4, slo(99.9))).toBe('(14.4 * (1 - 0.999))');
    expect(thresholdText(6, slo(99.95))).toBe('(6 * (1 - 0.9995))');
    expect(thresholdText(3, slo(99.99))).toBe('(3 * (1 - 0.9999))');
    expect(thresholdText(1, slo(99.5))).toBe('(1 * (1 - 0.995))');
  });

  it('generated alert expressions compare each pair against its own threshold, over the window they compose', async () => {
    const [orders] = await loadSlos([path.join(FIXTURE_DIR, 'ratio-good.slo.ts')]);
    const rules = generateArtifacts([orders as Slo]).get('alerts/prometheus/orders.rules.yaml') ?? '';
    const exprs = (parse(rules) as { groups: { rules: { alert?: string; expr: string }[] }[] }).groups
      .flatMap((g) => g.rules)
      .filter((r) => r.alert?.startsWith('SloErrorBudgetBurn'))
      .map((r) => r.expr)
      .join('\nor\n');
    // Each comparison reads one window: its recorded label, or its tile times the number of tiles summed.
    const compared = alertComparisons(exprs).map((c) => `${c.tiles > 1 ? `${c.tiles}x${c.tile}` : c.tile} > ${c.factor}`);
    expect(compared).toEqual(['1h > 14.4', '5m > 14.4', '6x1h > 6', '6x5m > 6', '5m > 3', '1d > 3', '2x1h > 3', '3d > 1', '6x1h > 1']);
    expect(rules).toContain('burnrate:slo_total_events{slo="orders-availability",window="1h"} >= 100');
  });
});
