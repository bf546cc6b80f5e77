/**
 * Multiwindow, multi-burn-rate alert windows (Google SRE Workbook, "Alerting on SLOs").
 * Pure functions: no clock, no I/O.
 */
import type { Slo, SloWindow } from '../model/slo.js';
import { roundRatio } from '../model/slo.js';

export type AlertTierName = 'page' | 'ticket';

export interface BurnRatePolicy {
  tier: AlertTierName;
  speed: 'fast' | 'slow';
  /** Share of the whole error budget this alert lets burn before it fires. */
  budgetFraction: number;
  /** Long window for a 30-day period; other periods scale it. */
  baseLongWindowMs: number;
}

export interface AlertWindow {
  tier: AlertTierName;
  speed: 'fast' | 'slow';
  budgetFraction: number;
  longWindowMs: number;
  shortWindowMs: number;
  /** Burn-rate factor: budgetFraction × period / longWindow. */
  factor: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BASE_PERIOD_MS = 30 * DAY_MS;
/** Short windows are a twelfth of the long one. */
const SHORT_WINDOW_DIVISOR = 12;
/** Every window is built from five-minute event counts, so nothing shorter can be measured. */
export const BASE_WINDOW_MS = 5 * 60_000;

export const WORKBOOK_POLICIES: readonly BurnRatePolicy[] = Object.freeze([
  { tier: 'page', speed: 'fast', budgetFraction: 0.02, baseLongWindowMs: 1 * HOUR_MS },
  { tier: 'page', speed: 'slow', budgetFraction: 0.05, baseLongWindowMs: 6 * HOUR_MS },
  { tier: 'ticket', speed: 'fast', budgetFraction: 0.1, baseLongWindowMs: 1 * DAY_MS },
  { tier: 'ticket', speed: 'slow', budgetFraction: 0.1, baseLongWindowMs: 3 * DAY_MS },
]);

/** The period alerting is designed for: rolling days, or 30 / 7 days for calendar months / weeks. */
export function alertingPeriodMs(window: SloWindow): number {
  if (window.kind === 'rolling') return window.days * DAY_MS;
  return window.unit === 'month' ? 30 * DAY_MS : 7 * DAY_MS;
}

/** Burn-rate factor for spending `budgetFraction` of the budget within `longWindowMs` of a `periodMs` budget. */
export function burnRateFactor(budgetFraction: number, periodMs: number, longWindowMs: number): number {
  return roundRatio((budgetFraction * periodMs) / longWindowMs);
}

function scaleWindow(baseMs: number, periodMs: number): number {
  const scaled = Math.round((baseMs * periodMs) / BASE_PERIOD_MS / 1000) * 1000;
  return Math.max(scaled, BASE_WINDOW_MS);
}

/** The four alert windows for a period, scaled from the 30-day Workbook windows, factors derived. */
export function alertWindows(periodMs: number, policies: readonly BurnRatePolicy[] = WORKBOOK_POLICIES): AlertWindow[] {
  return policies.map((policy) => {
    const longWindowMs = scaleWindow(policy.baseLongWindowMs, periodMs);
    const shortWindowMs = scaleWindow(policy.baseLongWindowMs / SHORT_WINDOW_DIVISOR, periodMs);
    return {
      tier: policy.tier,
      speed: policy.speed,
      budgetFraction: policy.budgetFraction,
      longWindowMs,
      shortWindowMs,
      factor: burnRateFactor(policy.budgetFraction, periodMs, longWindowMs),
    };
  });
}

/** Per alerting period: every SLO of a period shares one frozen list, so plans derived from it can be shared too. */
const windowsByPeriod = new Map<number, readonly AlertWindow[]>();

/** The four alert windows of an SLO: the one place rules, dashboards, catalog and paging take them from. */
export function sloAlertWindows(slo: Pick<Slo, 'window'>): readonly AlertWindow[] {
  const periodMs = alertingPeriodMs(slo.window);
  let windows = windowsByPeriod.get(periodMs);
  if (windows === undefined) {
    windows = Object.freeze(alertWindows(periodMs).map((w) => Object.freeze(w)));
    windowsByPeriod.set(periodMs, windows);
  }
  return windows;
}

/** Every distinct window the rules record, shortest first. */
export function recordedWindowsMs(windows: readonly AlertWindow[]): number[] {
  const all = new Set<number>([BASE_WINDOW_MS]);
  for (const w of windows) {
    all.add(w.longWindowMs);
    all.add(w.shortWindowMs);
  }
  return [...all].sort((a, b) => a - b);
}

/** Burn rate: how many times faster than "exactly on budget" errors arrive. */
export function burnRate(errorRatio: number, objectiveRatio: number): number {
  return errorRatio / (1 - objectiveRatio);
}
