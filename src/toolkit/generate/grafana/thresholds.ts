/** Threshold colours: budget remaining, burn rates against the alert factors or the budget, firing alerts. */
import type { Threshold } from '@grafana/grafana-foundation-sdk/dashboard';
import { ThresholdsConfigBuilder, ThresholdsMode } from './sdk.js';
import type { AlertWindow } from '../../../core/windows/alert-windows.js';

/**
 * Grafana colours a value with the highest step at or below it, so a spent budget (exactly 0) only stays
 * red when the next step starts just above zero.
 */
export const BUDGET_SPENT_ABOVE = 0.000001;

export const BUDGET_STEPS: readonly Threshold[] = Object.freeze([
  { value: null, color: 'red' },
  { value: BUDGET_SPENT_ABOVE, color: 'orange' },
  { value: 0.25, color: 'yellow' },
  { value: 0.5, color: 'green' },
]);

/** Colour of a burn-rate alert pair, most severe for the fastest page. */
const PAIR_COLOURS: Record<string, string> = {
  'page-fast': 'dark-red',
  'page-slow': 'red',
  'ticket-fast': 'orange',
  'ticket-slow': 'yellow',
};

export function pairColour(window: Pick<AlertWindow, 'tier' | 'speed'>): string {
  return PAIR_COLOURS[`${window.tier}-${window.speed}`] ?? 'red';
}

function thresholds(steps: readonly Threshold[]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(steps.map((s) => ({ ...s })));
}

export function budgetThresholds(): ThresholdsConfigBuilder {
  return thresholds(BUDGET_STEPS);
}

/** Green below 1, orange from 1: at or above 1 the budget runs out before the window ends. */
export function budgetPaceThresholds(): ThresholdsConfigBuilder {
  return thresholds([
    { value: null, color: 'green' },
    { value: 1, color: 'orange' },
  ]);
}

/** Green with no alert firing, red from one. */
export function firingThresholds(): ThresholdsConfigBuilder {
  return thresholds([
    { value: null, color: 'green' },
    { value: 1, color: 'red' },
  ]);
}

/** Steps at each alert pair's burn-rate factor (from the SLO's own period), ascending; equal factors keep the most severe colour. */
export function burnRateSteps(windows: readonly AlertWindow[], base: string): Threshold[] {
  const byFactor = new Map<number, string>();
  for (const w of [...windows].reverse()) byFactor.set(w.factor, pairColour(w));
  const steps = [...byFactor.entries()].sort(([a], [b]) => a - b).map(([value, color]) => ({ value, color }));
  return [{ value: null, color: base }, ...steps];
}

export function burnRateThresholds(windows: readonly AlertWindow[], base = 'green'): ThresholdsConfigBuilder {
  return thresholds(burnRateSteps(windows, base));
}
