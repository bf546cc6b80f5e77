/**
 * PromQL for a window's event count from the recorded tiles: the tile now plus the tiles ending one, two,
 * ... tile lengths ago. Each term is tagged with its own `burnrate_tile` label so `or` keeps them all, then
 * summed: a missing term (history shorter than the window, a gap after a restart) counts as no events
 * instead of hiding the window. `last_over_time` over a few minutes finds a tile recorded by a
 * slower group or just before a short gap.
 */
import { formatDuration } from '../model/duration.js';
import { composeWindow, type CountWindowPlan } from '../windows/count-windows.js';

/**
 * How far back a tile's sample may be found: longer than the slow group's interval and most restarts,
 * but shorter than the tile, so a missing tile is never replaced by its older neighbour (counted twice).
 */
const TILE_LOOKBACK_MS = 10 * 60_000;

function lookbackMs(tileMs: number): number {
  return Math.min(TILE_LOOKBACK_MS, tileMs - 1000);
}
const TILE_LABEL = 'burnrate_tile';

/** `selector` picks the recorded tile series (metric, slo, window and any further matchers). */
export function tiledCountText(selector: string, tileMs: number, count: number): string {
  const terms: string[] = [];
  const range = formatDuration(lookbackMs(tileMs));
  for (let k = 0; k < count; k++) {
    const offset = k === 0 ? '' : ` offset ${formatDuration(k * tileMs)}`;
    terms.push(`label_replace(last_over_time(${selector}[${range}]${offset}), "${TILE_LABEL}", "${k}", "", "")`);
  }
  return `sum without (${TILE_LABEL}) (\n    ${terms.join('\n    or ')}\n  )`;
}

/** The count over `windowMs`: the recorded series, or the tiles that compose it; undefined when neither exists. */
export function windowCountText(plan: CountWindowPlan, windowMs: number, selectorOf: (windowMs: number) => string): string | undefined {
  const source = composeWindow(plan, windowMs);
  if (!source) return undefined;
  return source.recorded ? selectorOf(windowMs) : tiledCountText(selectorOf(source.tileMs), source.tileMs, source.count);
}
