/**
 * What a team moving from Sloth or Pyrra must update after `burnrate import`: the names its Alertmanager
 * routes, dashboards and queries match. Alerts are renamed to Burnrate's own unless the import keeps their
 * names (`--keep-alert-names`); recorded series and labels always change, as Burnrate records its own.
 */
import { ALERT_NAMES, ALERT_TIERS, RECORDED, SERVICE_LABEL, SLO_LABEL, TIER_LABEL, WINDOW_LABEL } from '../../core/conventions/metrics.js';
import type { Slo } from '../../core/model/slo.js';
import { SLOTH_EXPORT_ALERT_NAME } from '../load/sloth/sloth-alerting.js';

/** Pyrra's default alert names, for objects that did not name theirs. */
const PYRRA_DEFAULT_NAME = 'ErrorBudgetBurn';
const PYRRA_ABSENT_NAME = 'SLOMetricAbsent';

function selector(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.entries(labels).map(([label, value]) => `${label}="${value}"`).join(',')}}`;
}

/** The burn alert of the tier after the import: the kept name (with --keep-alert-names), else Burnrate's. */
function burnTarget(slo: Slo, tier: 'page' | 'ticket', keep: boolean): string {
  const name = keep && slo.alerting.burnAlertName !== undefined ? slo.alerting.burnAlertName : ALERT_NAMES[tier];
  return selector(name, { [SLO_LABEL]: slo.id, [TIER_LABEL]: ALERT_TIERS[tier] });
}

function slothAlerts(slo: Slo, original: string, keep: boolean): string[] {
  const lines: string[] = [];
  for (const tier of ['page', 'ticket'] as const) {
    if (!slo.alerting[tier].enabled) continue;
    lines.push(`${selector(original, { sloth_id: slo.id, sloth_severity: tier })} → ${burnTarget(slo, tier, keep)}`);
  }
  return lines;
}

function pyrraAlerts(slo: Slo, original: string, keep: boolean): string[] {
  const lines: string[] = [];
  for (const tier of ['page', 'ticket'] as const) {
    if (!slo.alerting[tier].enabled) continue;
    lines.push(`${selector(original, { slo: slo.id, severity: tier === 'page' ? 'critical' : 'warning' })} → ${burnTarget(slo, tier, keep)}`);
  }
  if (slo.alerting.noData.enabled) lines.push(`${selector(PYRRA_ABSENT_NAME, { slo: slo.id })} → ${selector(ALERT_NAMES.noData, { [SLO_LABEL]: slo.id })}`);
  return lines;
}

const SLOTH_SERIES = [
  `labels: sloth_id → ${SLO_LABEL}, sloth_service → ${SERVICE_LABEL}, sloth_window → ${WINDOW_LABEL}, sloth_severity → ${TIER_LABEL} (on alerts)`,
  `slo:sli_error:ratio_rate<window> (5m, 1h) → 1 - ${RECORDED.goodEvents}{${WINDOW_LABEL}="<window>"} / ${RECORDED.totalEvents}{${WINDOW_LABEL}="<window>"}; other windows are sums of these counts (docs/rules.md)`,
  `slo:sli_error:ratio_rate30d (the period) → 1 - ${RECORDED.windowGoodEvents} / ${RECORDED.windowTotalEvents}`,
  `slo:objective:ratio, sloth_slo_info → ${RECORDED.objective}`,
  `slo:period_error_budget_remaining:ratio → ${RECORDED.budgetRemaining}`,
  `slo:error_budget:ratio, slo:current_burn_rate:ratio, slo:period_burn_rate:ratio, slo:time_period:days → none: derive them from the series above (docs/rules.md)`,
];

const PYRRA_SERIES = [
  `<metric>:burnrate<window>{slo} → 1 - ${RECORDED.goodEvents} / ${RECORDED.totalEvents} {${SLO_LABEL},${WINDOW_LABEL}="<window>"} (5m, 1h; other windows are sums of these counts)`,
  `<metric>:increase<window>{slo} → ${RECORDED.windowTotalEvents}, ${RECORDED.windowGoodEvents}`,
];

/**
 * Lines to print after an import, or none when no SLO came from Sloth or Pyrra. `keep` says whether the
 * import kept the burn alert names (the SLOs here still carry the names read from the source either way).
 */
export function migrationNotes(slos: readonly Slo[], keep: boolean): string[] {
  const lines: string[] = [];
  for (const [format, tool] of [['sloth', 'Sloth'], ['pyrra', 'Pyrra']] as const) {
    const from = slos.filter((slo) => slo.source.format === format);
    if (from.length === 0) continue;
    const alerts = from.flatMap((slo) => {
      const original = slo.alerting.burnAlertName ?? (format === 'pyrra' ? PYRRA_DEFAULT_NAME : SLOTH_EXPORT_ALERT_NAME);
      return format === 'sloth' ? slothAlerts(slo, original, keep) : pyrraAlerts(slo, original, keep);
    });
    lines.push(`update what matches ${tool}'s names (Alertmanager routes, dashboards, queries):`);
    if (alerts.length > 0) {
      const named = from.some((slo) => slo.alerting.burnAlertName !== undefined);
      const note = !named ? '' : keep ? ' (burn alert names kept by --keep-alert-names)' : ' (--keep-alert-names keeps the burn alert names)';
      lines.push(`  alerts${note}:`);
      lines.push(...alerts.map((line) => `    ${line}`));
    }
    lines.push('  series:');
    lines.push(...(format === 'sloth' ? SLOTH_SERIES : PYRRA_SERIES).map((line) => `    ${line}`));
  }
  return lines;
}
