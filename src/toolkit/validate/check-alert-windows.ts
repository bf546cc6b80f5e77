/**
 * Window/alert-window consistency: alert windows scale with the SLO window, and nothing shorter than the
 * 5m base window can be measured. When a long window clamps to 5m, the multiwindow pair collapses into
 * one window and the burn-rate factor no longer spends the intended share of the budget.
 */
import { alertingPeriodMs, BASE_WINDOW_MS, WORKBOOK_POLICIES } from '../../core/windows/alert-windows.js';
import { formatDuration } from '../../core/model/duration.js';
import type { SloWindow } from '../../core/model/slo.js';
import { windowText } from '../../core/windows/window-text.js';
import type { ProblemSink } from '../../core/diagnostics/problem.js';

const BASE_PERIOD_MS = 30 * 86_400_000;

export function checkAlertWindows(window: SloWindow, sink: ProblemSink): void {
  const periodMs = alertingPeriodMs(window);
  const clamped = WORKBOOK_POLICIES.filter((p) => (p.baseLongWindowMs * periodMs) / BASE_PERIOD_MS < BASE_WINDOW_MS);
  if (clamped.length === 0) return;
  const first = clamped[0];
  if (!first) return;
  const scaled = formatDuration(Math.max(1000, Math.round((first.baseLongWindowMs * periodMs) / BASE_PERIOD_MS / 1000) * 1000));
  const minDays = Math.ceil((BASE_WINDOW_MS * BASE_PERIOD_MS) / first.baseLongWindowMs / 86_400_000);
  const tiers = clamped.map((p) => `${p.tier} ${p.speed}`).join(', ');
  sink.warning(
    'alert-windows-clamped',
    'window',
    `a ${windowText(window)} window is too short for multiwindow alerts: the ${tiers} long window${clamped.length > 1 ? 's' : ''} (${formatDuration(first.baseLongWindowMs)} at 30d) scale${clamped.length > 1 ? '' : 's'} to ${scaled}, below the ${formatDuration(BASE_WINDOW_MS)} resolution, and ${clamped.length > 1 ? 'are' : 'is'} clamped to ${formatDuration(BASE_WINDOW_MS)}; use a window of ${minDays}d or more`,
  );
}
