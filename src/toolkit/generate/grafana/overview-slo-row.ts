/** One overview row per SLO: objective, SLI over the window, budget left, current burn rate, firing alerts. */
import {
  DashboardLinkBuilder,
  FieldColorBuilder,
  FieldColorModeId,
  GaugePanel,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
} from './sdk.js';
import { formatDuration } from '../../../core/model/duration.js';
import type { Slo } from '../../../core/model/slo.js';
import { windowText } from '../../../core/windows/window-text.js';
import { VARIABLES } from './datasources.js';
import { lastValue, percentDecimals, statPanel, UNIT_RATIO, UNIT_TIMES } from './panel-options.js';
import { budgetRemainingExpr, burnRateExpr, firingAlertCountExpr, objectiveExpr, sliExpr, worstErrorRatio } from './promql.js';
import { promTargets } from './targets.js';
import { budgetThresholds, burnRateThresholds, sliThresholds } from './thresholds.js';
import { sloAlertWindows } from '../../../core/windows/alert-windows.js';

const HEIGHT = 5;

export function sloTitle(slo: Slo): string {
  return `${slo.service} / ${slo.name}: ${slo.objectivePercent}% over ${windowText(slo.window)}`;
}

function detailLink(detailUid: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder('Service dashboard').url(
    `/d/${detailUid}?\${__url_time_range}&\${${VARIABLES.cluster}:queryparam}`,
  );
}

export function overviewSloRow(slo: Slo, detailUid: string) {
  const link = [detailLink(detailUid)];
  const decimals = percentDecimals(slo.objectivePercent);
  const current = sloAlertWindows(slo)[0];
  const currentWindow = current ? { windowMs: current.longWindowMs } : ('slo-window' as const);
  const grouped = slo.groupBy.length > 0 ? ` (worst ${slo.groupBy.join(', ')})` : '';
  const row = new RowBuilder(sloTitle(slo));
  const panels = [
    statPanel('Objective')
      .description(slo.description)
      .targets(promTargets([{ expr: objectiveExpr(slo), instant: true }]))
      .unit(UNIT_RATIO)
      .decimals(decimals)
      .colorScheme(new FieldColorBuilder().mode(FieldColorModeId.Fixed).fixedColor('text'))
      .links(link)
      .span(3),
    statPanel(`SLI over ${windowText(slo.window)}${grouped}`)
      .targets(promTargets([{ expr: sliExpr(slo, 'slo-window'), instant: true }]))
      .unit(UNIT_RATIO)
      .decimals(decimals)
      .thresholds(sliThresholds(slo))
      .links(link)
      .span(5),
    new GaugePanel()
      .title(`Error budget remaining${grouped}`)
      .targets(promTargets([{ expr: budgetRemainingExpr(slo), instant: true }]))
      .reduceOptions(lastValue())
      .unit(UNIT_RATIO)
      .decimals(1)
      .min(0)
      .max(1)
      .thresholds(budgetThresholds())
      .links(link)
      .span(6),
    statPanel(`Burn rate (${current ? formatDuration(current.longWindowMs) : 'window'})`)
      .description('How many times faster than the budget allows errors arrive; 1 spends exactly the budget over the window.')
      .targets(promTargets([{ expr: burnRateExpr(slo, worstErrorRatio(slo, currentWindow)), instant: true }]))
      .unit(UNIT_TIMES)
      .decimals(2)
      .thresholds(burnRateThresholds(sloAlertWindows(slo)))
      .links(link)
      .span(5),
    statPanel('Firing alerts')
      .targets(promTargets([{ expr: firingAlertCountExpr(slo), instant: true }]))
      .decimals(0)
      .thresholds(
        new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
          { value: null, color: 'green' },
          { value: 1, color: 'red' },
        ]),
      )
      .links(link)
      .span(5),
  ];
  return { row, panels: panels.map((p) => p.height(HEIGHT)) };
}
