/**
 * Recorded count series with exactly known values. Events are drawn per minute; the five-minute count
 * series (`window="5m"`) is sampled every `sampleSeconds` as the rules would record it (the sum of the
 * last five minutes), and every alert window's series holds the exact sum of its minutes.
 * Ground truth is plain arithmetic over the same minutes.
 */
import { RECORDED } from '../../../src/core/conventions/metrics.js';
import { parseDurationMs } from '../../../src/core/model/duration.js';
import type { BackfillSeries } from './backfill.js';

export const SLOT_SECONDS = 300;
const MINUTE = 60;

export interface KnownSlo {
  id: string;
  /** Label sets of its groups; [{}] for ungrouped SLOs. */
  groups: Record<string, string>[];
  /** Alert windows the rules record, e.g. ["5m", "1h", …]. */
  windows: string[];
}

export interface SlotCounts {
  good: number;
  total: number;
}

/** Deterministic traffic per minute: a diurnal wave, noise, and an incident (30% bad) every ~8 hours. */
export function minuteCounts(seed: string, minute: number): SlotCounts {
  let h = 2166136261;
  for (const c of `${seed}:${minute}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const hour = (minute / 60) % 24;
  const total = Math.round(40 + 30 * Math.sin((hour / 24) * 2 * Math.PI) + (h % 10));
  const incident = minute % 487 < 10;
  const bad = incident ? Math.round(total * 0.3) : (h >>> 8) % 7 === 0 ? 1 : 0;
  return { good: total - bad, total };
}

export interface KnownDataset {
  series: BackfillSeries[];
  /** Exact counts of the minutes in (end − seconds, end]. */
  truth: (sloId: string, group: Record<string, string>, seconds: number) => SlotCounts;
}

/** `endSeconds` must be a multiple of SLOT_SECONDS; data covers the `days` before it. */
export function knownDataset(cluster: string, slos: readonly KnownSlo[], endSeconds: number, days: number, sampleSeconds = SLOT_SECONDS): KnownDataset {
  const endMinute = endSeconds / MINUTE;
  const firstMinute = endMinute - (days * 86_400) / MINUTE - 10;
  const prefix = new Map<string, { good: Float64Array; total: Float64Array }>();
  const key = (id: string, group: Record<string, string>) => `${cluster}/${id}/${JSON.stringify(group)}`;
  /** Cumulative counts per minute since firstMinute, so any window is one subtraction. */
  const sums = (id: string, group: Record<string, string>) => {
    const k = key(id, group);
    let p = prefix.get(k);
    if (!p) {
      const n = endMinute - firstMinute + 1;
      p = { good: new Float64Array(n + 1), total: new Float64Array(n + 1) };
      for (let i = 0; i < n; i++) {
        const c = minuteCounts(k, firstMinute + i);
        p.good[i + 1] = p.good[i]! + c.good;
        p.total[i + 1] = p.total[i]! + c.total;
      }
      prefix.set(k, p);
    }
    return p;
  };
  /** Events of the minutes ending in (until − seconds, until]. */
  const sumUntil = (id: string, group: Record<string, string>, seconds: number, untilSeconds: number): SlotCounts => {
    const p = sums(id, group);
    const hi = untilSeconds / MINUTE - firstMinute + 1;
    const lo = hi - seconds / MINUTE;
    return { good: p.good[hi]! - p.good[lo]!, total: p.total[hi]! - p.total[lo]! };
  };
  const series: BackfillSeries[] = [];
  for (const slo of slos) {
    for (const group of slo.groups) {
      const times: number[] = [];
      for (let t = endSeconds - days * 86_400 + sampleSeconds; t <= endSeconds; t += sampleSeconds) times.push(t);
      const five = times.map((t) => sumUntil(slo.id, group, SLOT_SECONDS, t));
      const labels = { slo: slo.id, ...group, window: '5m' };
      series.push({ name: RECORDED.goodEvents, labels, samples: times.map((t, i) => [t, five[i]!.good]) });
      series.push({ name: RECORDED.totalEvents, labels, samples: times.map((t, i) => [t, five[i]!.total]) });
      for (const window of slo.windows.filter((w) => w !== '5m')) {
        const seconds = (parseDurationMs(window) ?? 0) / 1000;
        // The rules record every window continuously; the collector reads the latest sample.
        const recent = [endSeconds - 2 * SLOT_SECONDS, endSeconds - SLOT_SECONDS, endSeconds];
        const counts = recent.map((t) => sumUntil(slo.id, group, seconds, t));
        const wl = { slo: slo.id, ...group, window };
        series.push({ name: RECORDED.goodEvents, labels: wl, samples: recent.map((t, i) => [t, counts[i]!.good]) });
        series.push({ name: RECORDED.totalEvents, labels: wl, samples: recent.map((t, i) => [t, counts[i]!.total]) });
      }
    }
  }
  return { series, truth: (id, group, seconds) => sumUntil(id, group, seconds, endSeconds) };
}
