/**
 * Recorded count series with exactly known values: five-minute good/total counts for every slot of the
 * last `days`, and the alert-window counts the rules would record, as exact sums of those slots.
 * Ground truth is then plain arithmetic over the same slots.
 */
import { RECORDED } from '../../../service/src/conventions/metrics.js';
import { parseDurationMs } from '../../../service/src/model/duration.js';
import type { BackfillSeries } from './backfill.js';

export const SLOT_SECONDS = 300;

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

/** Deterministic traffic: a diurnal wave, noise, and an incident (30% bad) every few hours. */
export function slotCounts(seed: string, slotIndex: number): SlotCounts {
  let h = 2166136261;
  for (const c of `${seed}:${slotIndex}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const hour = ((slotIndex * SLOT_SECONDS) / 3600) % 24;
  const total = Math.round(200 + 150 * Math.sin((hour / 24) * 2 * Math.PI) + (h % 50));
  const incident = slotIndex % 97 < 2;
  const bad = incident ? Math.round(total * 0.3) : (h >>> 8) % 3;
  return { good: total - bad, total };
}

export interface KnownDataset {
  series: BackfillSeries[];
  /** Exact counts of the slots ending in (end − seconds, end]. */
  truth: (sloId: string, group: Record<string, string>, seconds: number) => SlotCounts;
}

/** `endSeconds` must be a multiple of SLOT_SECONDS: the last slot ends there. */
export function knownDataset(cluster: string, slos: readonly KnownSlo[], endSeconds: number, days: number): KnownDataset {
  const slots = (days * 86_400) / SLOT_SECONDS;
  const endSlot = endSeconds / SLOT_SECONDS;
  const seed = (id: string, group: Record<string, string>) => `${cluster}/${id}/${JSON.stringify(group)}`;
  const sumUntil = (sloId: string, group: Record<string, string>, seconds: number, lastSlot: number): SlotCounts => {
    const sum = { good: 0, total: 0 };
    for (let s = lastSlot - seconds / SLOT_SECONDS + 1; s <= lastSlot; s++) {
      const c = slotCounts(seed(sloId, group), s);
      sum.good += c.good;
      sum.total += c.total;
    }
    return sum;
  };
  const truth = (sloId: string, group: Record<string, string>, seconds: number) => sumUntil(sloId, group, seconds, endSlot);
  const series: BackfillSeries[] = [];
  for (const slo of slos) {
    for (const group of slo.groups) {
      const five = Array.from({ length: slots }, (_, i) => endSlot - slots + 1 + i);
      const counts = five.map((s) => slotCounts(seed(slo.id, group), s));
      const labels = { slo: slo.id, ...group, window: '5m' };
      series.push({ name: RECORDED.goodEvents, labels, samples: five.map((s, i) => [s * SLOT_SECONDS, counts[i]!.good]) });
      series.push({ name: RECORDED.totalEvents, labels, samples: five.map((s, i) => [s * SLOT_SECONDS, counts[i]!.total]) });
      for (const window of slo.windows.filter((w) => w !== '5m')) {
        const seconds = (parseDurationMs(window) ?? 0) / 1000;
        // The rules record every window continuously; the collector reads the latest sample.
        const times = [endSeconds - 2 * SLOT_SECONDS, endSeconds - SLOT_SECONDS, endSeconds];
        const at = (t: number) => sumUntil(slo.id, group, seconds, t / SLOT_SECONDS);
        const wl = { slo: slo.id, ...group, window };
        series.push({ name: RECORDED.goodEvents, labels: wl, samples: times.map((t) => [t, at(t).good]) });
        series.push({ name: RECORDED.totalEvents, labels: wl, samples: times.map((t) => [t, at(t).total]) });
      }
    }
  }
  return { series, truth };
}
