/**
 * The charts' data, embedded in the page as JSON (a data block, not script: the CSP need not allow it),
 * and the text each chart carries for readers who cannot see it: a summary of the plotted numbers.
 */
import { percentText, utcText } from '../status-page/format.js';
import { html, type SafeHtml } from '../status-page/html.js';
import type { HistoryPoint } from '../../store/types.js';
import type { CatalogAlertWindow } from '../../../core/catalog/compiled-catalog.js';

/** The burn-rate chart of one alert tier: its windows' stored burn rates and each pair's threshold. */
export interface BurnChartData {
  tier: string;
  windows: string[];
  /** Per window, one value per point (null: no burn rate stored then). */
  rates: (number | null)[][];
  thresholds: { label: string; factor: number }[];
}

/** One chart per enabled tier: page (fast burns) and ticket (slow burns). */
export function burnChartData(points: readonly HistoryPoint[], alertWindows: readonly CatalogAlertWindow[]): BurnChartData[] {
  const tiers = [...new Set(alertWindows.map((w) => w.tier))];
  return tiers.map((tier) => {
    const pairs = alertWindows.filter((w) => w.tier === tier);
    const windows = [...new Set(pairs.flatMap((p) => [p.longWindow, p.shortWindow]))];
    return {
      tier,
      windows,
      rates: windows.map((window) => points.map((p) => p.burnRates[window] ?? null)),
      thresholds: pairs.map((p) => ({ label: `${p.factor}× (${p.longWindow} and ${p.shortWindow})`, factor: p.factor })),
    };
  });
}

export function burnSummary(points: readonly HistoryPoint[], chart: BurnChartData): SafeHtml {
  const peaks = chart.windows.flatMap((window, i) => {
    let peak: { value: number; at: Date } | undefined;
    (chart.rates[i] ?? []).forEach((v, j) => {
      if (v !== null && (peak === undefined || v > peak.value)) peak = { value: v, at: points[j]!.at };
    });
    return peak ? [`${window} ${peak.value}× at ${utcText(peak.at)}`] : [];
  });
  const thresholds = chart.thresholds.map((t) => t.label).join(', ');
  if (peaks.length === 0) return html`No stored burn rates in this range. The ${chart.tier} alert fires above ${thresholds}.`;
  return html`Highest burn rate per window: ${peaks.join('; ')}. The ${chart.tier} alert fires when both windows of a pair burn above its threshold: ${thresholds}.`;
}

export interface ChartData {
  /** Unix seconds (uPlot's x values), oldest first. */
  t: number[];
  remaining: (number | null)[];
  sli: (number | null)[];
  resolution: HistoryPoint['resolution'][];
  objective: number;
  sliDigits: number;
  burn: BurnChartData[];
}

/** Enough digits to compare an SLI with its objective: 99.9 → 3 decimals, as on the status page. */
export function sliDigits(objectivePercent: number): number {
  return Math.min(4, Math.max(1, (String(objectivePercent).split('.')[1]?.length ?? 0) + 1));
}

export function chartData(points: readonly HistoryPoint[], objectivePercent: number, alertWindows: readonly CatalogAlertWindow[] = []): ChartData {
  return {
    t: points.map((p) => p.at.getTime() / 1000),
    remaining: points.map((p) => p.remainingRatio),
    sli: points.map((p) => p.sli),
    resolution: points.map((p) => p.resolution),
    objective: objectivePercent / 100,
    sliDigits: sliDigits(objectivePercent),
    burn: burnChartData(points, alertWindows),
  };
}

/** JSON inside <script type="application/json">: "<" escaped so no value can close the element. */
export function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function lowest(points: readonly HistoryPoint[], value: (p: HistoryPoint) => number | null): { value: number; at: Date } | undefined {
  let found: { value: number; at: Date } | undefined;
  for (const p of points) {
    const v = value(p);
    if (v !== null && (found === undefined || v < found.value)) found = { value: v, at: p.at };
  }
  return found;
}

function known(points: readonly HistoryPoint[], value: (p: HistoryPoint) => number | null): number[] {
  return points.map(value).filter((v): v is number => v !== null);
}

export function budgetSummary(points: readonly HistoryPoint[]): SafeHtml {
  const values = known(points, (p) => p.remainingRatio);
  const low = lowest(points, (p) => p.remainingRatio);
  if (values.length === 0 || !low) return html`No stored budget in this range.`;
  return html`${points.length} points. Budget remaining went from ${percentText(values[0]!)} to ${percentText(values[values.length - 1]!)}; lowest ${percentText(low.value)} at ${utcText(low.at)}.`;
}

export function sliSummary(points: readonly HistoryPoint[], objectivePercent: number): SafeHtml {
  const digits = sliDigits(objectivePercent);
  const values = known(points, (p) => p.sli);
  const low = lowest(points, (p) => p.sli);
  if (values.length === 0 || !low) return html`No stored SLI in this range.`;
  const below = values.filter((v) => v < objectivePercent / 100).length;
  return html`${points.length} points. Latest SLI ${percentText(values[values.length - 1]!, digits)}; lowest ${percentText(low.value, digits)} at ${utcText(low.at)}; below the ${objectivePercent}% objective in ${below} of ${values.length} points.`;
}
