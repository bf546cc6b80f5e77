/**
 * A fleet of N SLOs × M route groups with 30 days of diurnal traffic (0.2×–1.8× the mean) and incidents
 * at busy (13:00–17:00) and quiet (02:00–05:00) hours, deterministic from a seed.
 */
import type { GroupSpec } from '../alert-quality/scenario-types.js';
import { diurnal, MINUTES_PER_DAY, noise } from '../alert-quality/timeline.js';

export interface FleetOptions {
  slos: number;
  groups: number;
  /** Minutes of data; the last 30 days are the measured window. */
  minutes: number;
  incidentsPerGroup: number;
  /** Raw series each route's counter of one status code is split into, by pod and method (default 1: unsplit). */
  rawSeriesPerCode?: number;
  /** Minutes, ending with the data, in which the counters are split (default: all); before, one series per route and code. */
  splitMinutes?: number;
}

export interface FleetGroup {
  slo: string;
  route: string;
  spec: GroupSpec;
}

const unit = (seed: string, n: number) => (noise(seed, n) + 1) / 2;

export function sloName(i: number): string {
  return `slo-${String(i).padStart(3, '0')}`;
}

export function fleet(options: FleetOptions): FleetGroup[] {
  const groups: FleetGroup[] = [];
  const days = Math.floor(options.minutes / MINUTES_PER_DAY);
  for (let i = 0; i < options.slos; i++) {
    for (let j = 0; j < options.groups; j++) {
      const seed = `${i}/${j}`;
      const incidents = Array.from({ length: options.incidentsPerGroup }, (_, k) => {
        const busy = k % 2 === 0;
        const day = Math.floor(unit(seed, 10 * k) * (days - 1));
        const hour = busy ? 13 + unit(seed, 10 * k + 1) * 4 : 2 + unit(seed, 10 * k + 1) * 3;
        const start = day * MINUTES_PER_DAY + Math.floor(hour * 60) + 60;
        const duration = 10 + Math.floor(unit(seed, 10 * k + 2) * 80);
        return { start, end: start + duration, errorRatio: 0.01 + unit(seed, 10 * k + 3) * 0.3 };
      });
      const mean = 10 * (1 + ((i * 7 + j * 13) % 20));
      groups.push({ slo: sloName(i), route: `r${j}`, spec: { route: `r${j}`, requestsPerMinute: diurnal(mean), backgroundErrorRatio: 0.0002, incidents } });
    }
  }
  return groups;
}
