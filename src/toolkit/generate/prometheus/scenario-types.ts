/** Shapes shared by the scenario builders and the promtool test renderer. */
import { BASE_WINDOW_MS, type AlertWindow } from '../../../core/windows/alert-windows.js';
import type { Slo } from '../../../core/model/slo.js';
import type { Timeline } from './synthetic-series.js';
import type { PairContext } from './scenario-traffic.js';

export type CheckedAlert = 'page' | 'ticket' | 'noData';

export interface Check {
  minute: number;
  alert: CheckedAlert;
  fires: boolean;
  /**
   * The SLO's other burn alert when it shares this one's name (a kept Sloth or Pyrra name) and surely fires
   * at this minute: promtool lists every alert of the name, so the check expects it too.
   */
  alsoFiring?: CheckedAlert[];
}

export interface Scenario {
  name: string;
  /** Undefined: the scenario has no input series at all. */
  timeline: Timeline | undefined;
  checks: Check[];
}

/** A scenario, or why it cannot be built for this SLO (written into the test file as a comment). */
export type ScenarioResult = Scenario | { skipped: string };

export interface ScenarioContext {
  slo: Slo;
  /** Burn-rate pairs of the enabled tiers. */
  page: AlertWindow[];
  ticket: AlertWindow[];
  /** Error budget as a ratio (0.001 for 99.9%). */
  budget: number;
  /** Steady traffic of the scenarios: counter events, or gauge samples, per minute. */
  eventsPerMinute: number;
  /** Gauges carry one event per sample, so their traffic cannot be made sparse. */
  gauge: boolean;
}

export function pairContext(ctx: ScenarioContext, timeline: Timeline): PairContext {
  return { timeline, slo: ctx.slo, budget: ctx.budget };
}

export const BASE_MINUTES = BASE_WINDOW_MS / 60_000;
/** promtool evaluates every rule once a minute; longer scenarios would make the test file slow to run. */
export const MAX_SCENARIO_MINUTES = 24 * 60;
/** Healthy traffic burns a tenth of the budget rate: well under every threshold. */
export const HEALTHY_BURN = 0.1;
