/** Service dashboard, per SLO: the events behind the SLI (good and total per second), or the raw error ratio. */
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import { BASE_WINDOW_MS } from '../../../core/windows/alert-windows.js';
import { UNIT_RATIO } from './panel-options.js';
import { eventCountExpr, eventRateExpr, worstErrorRatio } from './promql.js';
import { referenceLine, timeseries } from './timeseries.js';
import { hasEventCounts } from '../../../core/sli/sli-kinds.js';

export function eventsPanel(slo: Slo) {
  if (!hasEventCounts(slo.sli)) {
    return timeseries(`Error ratio (${formatDuration(BASE_WINDOW_MS)})`, [
      { expr: worstErrorRatio(slo, { windowMs: BASE_WINDOW_MS }), legend: 'error ratio' },
    ])
      .description('A raw SLI records an error ratio, not event counts.')
      .unit(UNIT_RATIO);
  }
  if (slo.timeSlices) {
    const slice = formatDuration(slo.timeSlices.sliceSeconds * 1000);
    return timeseries(`Good and judged ${slice} slices per ${formatDuration(BASE_WINDOW_MS)}`, [
      { expr: eventCountExpr(slo, 'total'), legend: 'judged' },
      { expr: eventCountExpr(slo, 'good'), legend: 'good' },
    ])
      .description(`Each ${slice} slice is judged once; slices without data are not judged. The gap between the lines is the bad slices.`)
      .min(0)
      .overrideByName('judged', referenceLine('blue'))
      .overrideByName('good', [{ id: 'color', value: { mode: 'fixed', fixedColor: 'green' } }]);
  }
  return timeseries('Good and total events per second', [
    { expr: eventRateExpr(slo, 'total'), legend: 'total' },
    { expr: eventRateExpr(slo, 'good'), legend: 'good' },
  ])
    .description(`From the ${formatDuration(BASE_WINDOW_MS)} event counts the rules record; the gap between the lines is the bad events.`)
    .unit('ops')
    .min(0)
    .overrideByName('total', referenceLine('blue'))
    .overrideByName('good', [{ id: 'color', value: { mode: 'fixed', fixedColor: 'green' } }]);
}
