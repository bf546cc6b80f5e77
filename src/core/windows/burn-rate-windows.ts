/** The windows the engine reports burn rates for: every window the rules record, shortest first. */
import { recordedWindowsMs, sloAlertWindows } from './alert-windows.js';
import { formatDuration } from '../model/duration.js';
import type { Slo } from '../model/slo.js';

export interface BurnRateWindow {
  /** The key collectors use in `ClusterCounts.alertWindows`, e.g. "5m", "1h". */
  window: string;
  ms: number;
}

export function burnRateWindows(slo: Pick<Slo, 'window'>): BurnRateWindow[] {
  return recordedWindowsMs(sloAlertWindows(slo)).map((ms) => ({ window: formatDuration(ms), ms }));
}
