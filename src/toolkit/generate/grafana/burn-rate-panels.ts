/**
 * Burn rate per alert window against the factor that fires the alert. The factors come from the SLO's own
 * period (maths/alert-windows.ts), so a 7-day SLO shows its own thresholds, not the 30-day ones.
 */
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import type { AlertTierName, AlertWindow } from '../../../core/windows/alert-windows.js';
import { UNIT_TIMES } from './panel-options.js';
import { burnRateExpr, worstErrorRatio } from './promql.js';
import { burnRateThresholds } from './thresholds.js';
import { sloAlertWindows } from '../../../core/windows/alert-windows.js';
import { dashedThresholds, timeseries } from './timeseries.js';
import { traceDataLinks } from './trace-links.js';

function pairText(w: AlertWindow): string {
  return `${w.factor}x over ${formatDuration(w.longWindowMs)} and ${formatDuration(w.shortWindowMs)} (${w.speed})`;
}

export function burnRatePanel(slo: Slo, tier: AlertTierName) {
  const pairs = sloAlertWindows(slo).filter((w) => w.tier === tier);
  const targets = pairs.flatMap((w) =>
    [w.longWindowMs, w.shortWindowMs].map((windowMs) => ({
      expr: burnRateExpr(slo, worstErrorRatio(slo, { windowMs })),
      legend: `${formatDuration(windowMs)} (${w.speed}, ${windowMs === w.longWindowMs ? 'long' : 'short'})`,
    })),
  );
  const enabled = slo.alerting[tier].enabled ? '' : ' (alert disabled)';
  const worst = slo.groupBy.length > 0 ? ` (worst ${slo.groupBy.join(', ')})` : '';
  return timeseries(`${tier === 'page' ? 'Page' : 'Ticket'} burn rate${worst}${enabled}`, targets)
    .description(`The ${tier} alert fires when both windows of a pair burn at or above its factor: ${pairs.map(pairText).join('; ')}.`)
    .unit(UNIT_TIMES)
    .decimals(2)
    .min(0)
    .thresholds(burnRateThresholds(pairs, 'transparent'))
    .thresholdsStyle(dashedThresholds())
    .dataLinks(traceDataLinks(slo));
}
