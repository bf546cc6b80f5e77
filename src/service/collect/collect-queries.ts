/**
 * PromQL the collectors send: batched over many SLOs (`slo=~"a|b|c"`), reading only the recorded count
 * series. Whole-window counts use the rules' formula with the engine's exact range, so calendar periods
 * are counted to the second (DST included), which fixed rule ranges cannot do.
 */
import { RECORDED, SLO_LABEL, WINDOW_LABEL } from '../../core/conventions/metrics.js';
import { formatDuration } from '../../core/model/duration.js';
import { BASE_WINDOW_MS } from '../../core/windows/alert-windows.js';
import type { ComposedWindow } from '../../core/windows/count-windows.js';
import { tiledCountText } from '../../core/promql/window-count-text.js';
import { averageRange } from '../../core/promql/promql-text.js';

export const BASE_WINDOW = formatDuration(BASE_WINDOW_MS);
const BASE_WINDOW_SECONDS = BASE_WINDOW_MS / 1000;

export type CountMetric = 'good' | 'total';

export function countSeries(metric: CountMetric): string {
  return metric === 'good' ? RECORDED.goodEvents : RECORDED.totalEvents;
}

/** A PromQL string literal of an anchored regex matching exactly these ids. */
export function idsMatcher(ids: readonly string[]): string {
  const regex = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return JSON.stringify(regex);
}

/**
 * Every alert window of the SLOs at once; the window label tells them apart. Recorded windows are read
 * as they are; the others are summed from their recorded tiles as the rules do and labelled with their
 * own window. `composed` must be the same for every SLO of the batch.
 */
export function alertWindowsQuery(metric: CountMetric, ids: readonly string[], composed: readonly ComposedWindow[] = []): string {
  const tile = (tileMs: number) => `${countSeries(metric)}{${SLO_LABEL}=~${idsMatcher(ids)},${WINDOW_LABEL}="${formatDuration(tileMs)}"}`;
  const parts = composed.map(
    (w) => `label_replace(${tiledCountText(tile(w.tileMs), w.tileMs, w.count)}, "${WINDOW_LABEL}", "${formatDuration(w.windowMs)}", "", "")`,
  );
  return [`${countSeries(metric)}{${SLO_LABEL}=~${idsMatcher(ids)}}`, ...parts].join(' or ');
}

/** Events over the last `rangeSeconds`, from the five-minute counts: their average times the number of slots. */
export function wholeWindowQuery(metric: CountMetric, ids: readonly string[], rangeSeconds: number): string {
  const selector = `${countSeries(metric)}{${SLO_LABEL}=~${idsMatcher(ids)},${WINDOW_LABEL}="${BASE_WINDOW}"}`;
  return `avg_over_time(${selector}${averageRange(rangeSeconds * 1000)}) * ${rangeSeconds / BASE_WINDOW_SECONDS}`;
}

/** Splits into batches of at most `size`, keeping order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
