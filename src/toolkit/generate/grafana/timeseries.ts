/** Time series panels with the settings every Burnrate graph shares. */
import { GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode, TimeseriesPanel } from './sdk.js';
import type { DynamicConfigValue } from '@grafana/grafana-foundation-sdk/dashboard';
import { sharedTooltip, tableLegend } from './panel-options.js';
import { promTargets, type PromTarget } from './targets.js';

export const GRAPH_HEIGHT = 8;

export function timeseries(title: string, targets: readonly PromTarget[]): TimeseriesPanel {
  return new TimeseriesPanel()
    .title(title)
    .targets(promTargets(targets))
    .legend(tableLegend())
    .tooltip(sharedTooltip())
    .lineWidth(2)
    .fillOpacity(0)
    .spanNulls(false)
    .height(GRAPH_HEIGHT)
    .span(12);
}

/** Draws the thresholds as dashed lines (the objective, alert factors). */
export function dashedThresholds(): GraphThresholdsStyleConfigBuilder {
  return new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed);
}

/** Override for a reference series such as the objective: fixed colour, dashed. */
export function referenceLine(color: string): DynamicConfigValue[] {
  return [
    { id: 'color', value: { mode: 'fixed', fixedColor: color } },
    { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
  ];
}
