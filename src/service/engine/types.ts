/**
 * Contract between collectors (which return counts) and the budget engine (which computes budgets).
 * Collectors never compute budgets; merging clusters or sources sums good and total.
 */
import type { GroupLabels } from './group-labels.js';

export interface EventCounts {
  good: number;
  total: number;
}


/** What one cluster (or source) reported for one SLO group. */
export interface ClusterCounts {
  cluster: string;
  /** "stale": the cluster failed or timed out; its counts are absent, never zero. */
  status: 'ok' | 'stale';
  error?: string;
  /** Counts over the whole SLO window (rolling) or the current calendar period so far. */
  window?: EventCounts;
  /** Counts per alert window, keyed by window text ("5m", "1h", ...). */
  alertWindows: Record<string, EventCounts>;
}

export interface SloObservation {
  sloId: string;
  group: GroupLabels;
  clusters: ClusterCounts[];
}

export interface BurnRateReading {
  window: string;
  errorRatio: number | null;
  burnRate: number | null;
  /** Events in the window, when reported: the paging policy's minEvents guard reads it, as the rules do. */
  totalEvents?: number;
}

export interface BudgetSnapshot {
  sloId: string;
  group: GroupLabels;
  at: Date;
  objectiveRatio: number;
  /** Start of the window the budget covers (rolling: now − window; calendar: period start). */
  windowStart: Date;
  windowSeconds: number;
  /** Calendar windows only: start of the budget period (equals windowStart); the budget resets at the next one. */
  periodStart?: Date;
  /** Summed over the clusters that answered; null when none answered: an outage is unknown, never zero events. */
  goodEvents: number | null;
  totalEvents: number | null;
  /** good / total over the window; null without events. */
  sli: number | null;
  budget: {
    /** Bad events the window allows: (1 − objective) × total. */
    allowedBadEvents: number;
    consumedBadEvents: number;
    /** 1 untouched, 0 spent, negative overspent; null without events. */
    remainingRatio: number | null;
    /** Minutes of full outage the remaining budget absorbs at the window's average traffic. */
    remainingMinutesOfOutage: number | null;
  };
  burnRates: BurnRateReading[];
  /** Seconds until the budget is spent at the current (shortest-window) burn; null when not burning. */
  secondsToExhaustion: number | null;
  /** "partial": some clusters are stale; "no-data": no events at all (counts null: no cluster answered). */
  status: 'ok' | 'partial' | 'no-data';
  clusters: { cluster: string; status: 'ok' | 'stale'; goodEvents: number | null; totalEvents: number | null; error?: string }[];
}
