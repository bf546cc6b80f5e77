/** The incident scenarios: synthetic counters whose ground truth follows from the events themselves. */
import type { Scenario } from './scenario-types.js';
import { day3, diurnal, flat } from './timeline.js';

const BACKGROUND = 0.0002; // a healthy service still fails 0.02% of requests: 0.2× the budget of 99.9%
const steady = (id: string, title: string, incidents: Scenario['groups'][number]['incidents']): Scenario => ({
  id,
  title,
  objectivePercent: 99.9,
  groups: [{ requestsPerMinute: flat(100), backgroundErrorRatio: BACKGROUND, incidents }],
});
const hourlySpikes = [0, 1, 2, 3, 4, 5].map((h) => ({ start: day3(10 + h), end: day3(10 + h, 5), errorRatio: 1 }));

export const SCENARIOS: readonly Scenario[] = [
  steady('healthy', 'healthy control, steady traffic', []),
  {
    id: 'diurnal-healthy',
    title: 'healthy control, diurnal traffic (0.2×–1.8×)',
    objectivePercent: 99.9,
    groups: [{ requestsPerMinute: diurnal(100), backgroundErrorRatio: BACKGROUND, incidents: [] }],
  },
  steady('outage-5m', 'total outage for 5 minutes', [{ start: day3(10), end: day3(10, 5), errorRatio: 1 }]),
  steady('errors-15pct-10m', '15% errors for 10 minutes', [{ start: day3(10), end: day3(10, 10), errorRatio: 0.15 }]),
  steady('errors-2pct-6h', '2% errors for 6 hours', [{ start: day3(10), end: day3(16), errorRatio: 0.02 }]),
  steady('burn-7x-8h', '0.7% errors (7× burn) for 8 hours', [{ start: day3(10), end: day3(18), errorRatio: 0.007 }]),
  steady('burn-3-5x-36h', '0.35% errors (3.5× burn) for 36 hours', [{ start: day3(10), end: day3(46), errorRatio: 0.0035 }]),
  steady('burn-1-1x-3d', '0.11% errors (1.1× burn) for 3 days', [{ start: day3(0), end: day3(72), errorRatio: 0.0011 }]),
  steady('below-threshold', '1% errors for 30 minutes (0.7% of the budget)', [{ start: day3(10), end: day3(10, 30), errorRatio: 0.01 }]),
  steady('hourly-spikes', '100% errors for 5 minutes at the top of every hour, 6 hours', hourlySpikes),
  steady('recovery-relapse', 'outage 5m, recovery for 30m, relapse 5m', [
    { start: day3(10), end: day3(10, 5), errorRatio: 1 },
    { start: day3(10, 35), end: day3(10, 40), errorRatio: 1 },
  ]),
  {
    id: 'night-incident',
    title: 'diurnal traffic, 15-minute outage at 03:00 (traffic 0.2× the mean)',
    objectivePercent: 99.9,
    groups: [{ requestsPerMinute: diurnal(100), backgroundErrorRatio: BACKGROUND, incidents: [{ start: day3(3), end: day3(3, 15), errorRatio: 1 }] }],
  },
  {
    id: 'low-traffic-failure',
    title: '10 requests an hour, one failed request',
    objectivePercent: 99.9,
    groups: [{ requestsPerMinute: () => 10 / 60, backgroundErrorRatio: 0, incidents: [], failuresAt: [day3(12)] }],
  },
  {
    id: 'vanishing-series',
    title: 'target gone for 2 hours, then back with reset counters',
    objectivePercent: 99.9,
    groups: [{ requestsPerMinute: flat(100), backgroundErrorRatio: BACKGROUND, incidents: [], absent: { start: day3(10), end: day3(12) } }],
  },
  {
    id: 'partial-outage',
    title: 'groupBy route: route c (10% of traffic) fails for 10 minutes',
    objectivePercent: 99.9,
    groups: [
      { route: 'a', requestsPerMinute: flat(60), backgroundErrorRatio: BACKGROUND, incidents: [] },
      { route: 'b', requestsPerMinute: flat(30), backgroundErrorRatio: BACKGROUND, incidents: [] },
      { route: 'c', requestsPerMinute: flat(10), backgroundErrorRatio: BACKGROUND, incidents: [{ start: day3(10), end: day3(10, 10), errorRatio: 1 }] },
    ],
  },
];
