/**
 * An SLO's budget trend as a tiny inline SVG line, drawn on the server: no script, no image request (the
 * page's CSP allows none). The shape carries the trend without colour; its <title> names the numbers
 * (first, lowest, now), which is what a screen reader announces.
 */
import { percentText } from './format.js';
import { html, type SafeHtml } from './html.js';

const WIDTH = 84;
const HEIGHT = 20;

export interface TrendPoint {
  at: Date;
  /** null: no stored point in that step (no data, or the service was not running). */
  ratio: number | null;
}

/** Remaining ratio 1 (untouched) at the top, 0 (spent) at the bottom; overspent stays on the bottom line. */
const y = (ratio: number) => Math.round(1 + (1 - Math.min(1, Math.max(0, ratio))) * (HEIGHT - 2));

/** One path: "M" starts a segment after a gap, so missing steps show as gaps, never as interpolated budget. */
function pathData(points: readonly TrendPoint[]): string {
  const t0 = points[0]!.at.getTime();
  const span = Math.max(1, points.at(-1)!.at.getTime() - t0);
  let d = '';
  let drawing = false;
  for (const p of points) {
    if (p.ratio === null) {
      drawing = false;
      continue;
    }
    // Whole pixels keep the markup short; the numbers themselves are in the title.
    const x = Math.round(((p.at.getTime() - t0) / span) * WIDTH);
    d += `${drawing ? 'L' : 'M'}${x} ${y(p.ratio)}`;
    drawing = true;
  }
  return d;
}

export function trendSummary(points: readonly TrendPoint[], days: number): string | undefined {
  const known = points.filter((p): p is TrendPoint & { ratio: number } => p.ratio !== null);
  if (known.length === 0) return undefined;
  const lowest = Math.min(...known.map((p) => p.ratio));
  return `budget left over ${days} days: ${percentText(known[0]!.ratio)} first, lowest ${percentText(lowest)}, ${percentText(known.at(-1)!.ratio)} now`;
}

export function renderTrend(points: readonly TrendPoint[], days: number): SafeHtml {
  const summary = trendSummary(points, days);
  if (!summary) return html`<span class="trend-none muted small">no history yet</span>`;
  return html`<svg class="trend" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}"><title>${summary}</title><path d="${pathData(points)}"/></svg>`;
}
