/**
 * An independent reading of generated burn-alert PromQL: each `… > (factor * (1 - objective))` comparison and
 * the window it reads, as its recorded `window` label or as a tile summed several times at offsets, and the
 * low-traffic guard its total carries (`good / (total >= n)`).
 */
export interface Comparison {
  /** The recorded window label of the counts read (the tile, when they are summed). */
  tile: string;
  /** How many copies of the tile are summed: 1 for a recorded window. */
  tiles: number;
  factor: number;
  /** `n` of a guard on the divisor, `(total >= n)`: no ratio, so no alert, below n events. */
  minEvents?: number;
}

/** The window the text before a comparison reads: the totals after its last good-events selector. */
function windowReadBy(reads: string): Omit<Comparison, 'factor'> {
  const totals = reads.slice(reads.lastIndexOf('burnrate:slo_good_events'));
  const guard = /\s>= (\d+)\)/.exec(totals);
  return {
    tile: /window="([^"]+)"/.exec(totals)?.[1] ?? '?',
    tiles: (totals.match(/burnrate:slo_total_events/g) ?? []).length,
    ...(guard ? { minEvents: Number(guard[1]) } : {}),
  };
}

/** Every ratio comparison of `expr` in order. */
export function alertComparisons(expr: string): Comparison[] {
  const parts = expr.split(/> \((\d+(?:\.\d+)?) \* \(1 - [\d.]+\)\)/);
  const comparisons: Comparison[] = [];
  for (let i = 1; i < parts.length; i += 2) comparisons.push({ ...windowReadBy(parts[i - 1] ?? ''), factor: Number(parts[i]) });
  return comparisons;
}
