/** Shared panel settings: how stats reduce, legends, units. */
import {
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from './sdk.js';

export const UNIT_RATIO = 'percentunit';
/** Burn rates: a custom suffix, e.g. "14.4x". */
export const UNIT_TIMES = 'suffix:x';

export function lastValue(): ReduceDataOptionsBuilder {
  return new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

export function tableLegend(calcs: string[] = ['lastNotNull']): VizLegendOptionsBuilder {
  return new VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(LegendDisplayMode.Table)
    .placement(LegendPlacement.Bottom)
    .calcs(calcs);
}

export function sharedTooltip(): VizTooltipOptionsBuilder {
  return new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending);
}

/** Decimals that show the objective's own precision (99.95% needs two). */
export function percentDecimals(objectivePercent: number): number {
  const fraction = String(objectivePercent).split('.')[1] ?? '';
  return Math.min(Math.max(fraction.length + 1, 2), 6);
}
