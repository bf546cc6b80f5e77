/**
 * The worked example of docs/budget-maths.md, computed by the real engine from the real catalog.
 * Print it with `npx jiti test/service/engine/worked-example.ts`; worked-example.test.ts keeps the doc in step.
 */
import { pathToFileURL } from 'node:url';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';
import type { ClusterCounts, EventCounts } from '../../../src/service/engine/types.js';
import { windowRangeSeconds } from '../../../src/service/engine/window-bounds.js';
import { loadCatalog } from './slo-fixture.js';

export const EXAMPLE_NOW = new Date('2025-06-15T12:00:00Z');
const WINDOW_MINUTES: Record<string, number> = { '5m': 5, '30m': 30, '1h': 60, '2h': 120, '6h': 360, '1d': 1440, '3d': 4320 };

/** Steady traffic with a 0.05% baseline error share, plus an incident of 1% errors in the last 40 minutes. */
function windowCounts(perMinute: number): Record<string, EventCounts> {
  return Object.fromEntries(
    Object.entries(WINDOW_MINUTES).map(([key, minutes]) => {
      const total = perMinute * minutes;
      const bad = Math.round(total * 0.0005 + perMinute * Math.min(minutes, 40) * 0.01);
      return [key, { good: total - bad, total }];
    }),
  );
}

export const EXAMPLE_CLUSTERS: ClusterCounts[] = [
  { cluster: 'eu-west', status: 'ok', window: { good: 19_988_000, total: 20_000_000 }, alertWindows: windowCounts(460) },
  { cluster: 'us-east', status: 'ok', window: { good: 4_996_500, total: 5_000_000 }, alertWindows: windowCounts(115) },
  { cluster: 'ap-south', status: 'stale', error: 'query timed out after 10000ms', alertWindows: {} },
];

export function workedExample() {
  const catalog = loadCatalog();
  const rolling = catalog.slos.find((s) => s.id === 'checkout-availability')!;
  const calendar = catalog.slos.find((s) => s.id === 'storefront-monthly-availability')!;
  const calendarAt = new Date('2025-03-15T12:00:00Z');
  const monthly = computeSnapshot(
    calendar,
    { sloId: calendar.id, group: {}, clusters: [{ cluster: 'eu-west', status: 'ok', window: { good: 4_199_000, total: 4_200_000 }, alertWindows: {} }] },
    calendarAt,
  );
  const { sloId, at, windowStart, windowSeconds, periodStart, sli, budget, status } = monthly;
  return {
    rolling: computeSnapshot(rolling, { sloId: rolling.id, group: {}, clusters: EXAMPLE_CLUSTERS }, EXAMPLE_NOW),
    calendar: { windowRangeSeconds: windowRangeSeconds(calendar, calendarAt), sloId, at, windowStart, windowSeconds, periodStart, sli, budget, status },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(workedExample(), null, 2));
}
