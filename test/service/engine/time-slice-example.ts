/**
 * The worked example of docs/time-slices.md: the same month of traffic budgeted by events and by one-minute
 * slices, computed by the real engine from the SLOs of the time-slice golden catalog.
 * Print it with `npx jiti test/service/engine/time-slice-example.ts`; time-slice-example.test.ts keeps the doc in step.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog.js';
import { computeSnapshot } from '../../../src/service/engine/compute-snapshot.js';

const AT = new Date('2026-12-06T12:00:00Z');
const MINUTES = 28 * 24 * 60;

/**
 * 28 days of one route: 2,000 requests a minute by day (16 hours) of which 6 fail (0.3%), 20 by night
 * without failures, and one 40-minute night-time outage that fails every request.
 */
function month() {
  let good = 0;
  let total = 0;
  let goodMinutes = 0;
  for (let minute = 0; minute < MINUTES; minute++) {
    const day = minute % 1440 >= 360 && minute % 1440 < 1320;
    const requests = day ? 2000 : 20;
    const outage = minute >= 10 * 1440 + 60 && minute < 10 * 1440 + 100;
    const bad = outage ? requests : day ? 6 : 0;
    good += requests - bad;
    total += requests;
    if ((requests - bad) / requests >= 0.95) goodMinutes++;
  }
  return { events: { good, total }, slices: { good: goodMinutes, total: MINUTES } };
}

export function timeSliceExample() {
  const catalog = JSON.parse(readFileSync(new URL('../../toolkit/generate/golden/time-slices-ratio/alerts/catalog.json', import.meta.url), 'utf8')) as CompiledCatalog;
  const sliced = catalog.slos.find((s) => s.id === 'payments-api-good-minutes')!;
  const { timeSlices: _slices, ...byEvents } = sliced;
  const counts = month();
  const observe = (window: { good: number; total: number }) => ({ sloId: sliced.id, group: { route: '/pay' }, clusters: [{ cluster: 'eu-west', status: 'ok' as const, window, alertWindows: {} }] });
  const pick = ({ sli, goodEvents, totalEvents, budget }: ReturnType<typeof computeSnapshot>) => ({ sli, goodEvents, totalEvents, budget });
  return {
    byEvents: pick(computeSnapshot(byEvents, observe(counts.events), AT)),
    bySlices: pick(computeSnapshot(sliced, observe(counts.slices), AT)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(timeSliceExample(), null, 2));
}
