/** How an SLO window is written for people and in the `window` label: one home for every reader and writer. */
import type { SloWindow } from '../model/slo.js';

/** Human name of the window: "30d", "calendar month (Europe/Berlin)". */
export function windowText(window: SloWindow): string {
  if (window.kind === 'rolling') return `${window.days}d`;
  return `calendar ${window.unit} (${window.timeZone})`;
}

/** Short label value of whole-window series: "30d", "month", "week". */
export function windowLabel(window: SloWindow): string {
  return window.kind === 'rolling' ? `${window.days}d` : window.unit;
}
