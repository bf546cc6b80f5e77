/**
 * The colour of a remaining budget, with the steps of the Grafana budget panels
 * (generate/grafana/thresholds.ts): red when spent (the same test as the budget gate), orange below 25%,
 * yellow below 50%, green from 50%. No data has no colour: it must never look like a full, green budget.
 */
export type BudgetColour = 'green' | 'yellow' | 'orange' | 'red' | 'none';

export function isSpent(remainingRatio: number, minRemaining = 0): boolean {
  return remainingRatio <= minRemaining;
}

export function budgetColour(remainingRatio: number | null): BudgetColour {
  if (remainingRatio === null) return 'none';
  if (isSpent(remainingRatio)) return 'red';
  if (remainingRatio < 0.25) return 'orange';
  if (remainingRatio < 0.5) return 'yellow';
  return 'green';
}
