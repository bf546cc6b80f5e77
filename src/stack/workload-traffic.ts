/**
 * The demo's traffic: a diurnal wave (busiest mid-afternoon, quietest before dawn), a small steady error
 * rate within budget, and an incident every few minutes that hits one SLO after another. Pure: time in.
 */

export interface TrafficOptions {
  /** Events per second of an SLO at the daily average. */
  baseEventsPerSecond: number;
  /** Time between incident starts. */
  incidentEveryMs: number;
  incidentLengthMs: number;
  /** Share of bad events during an incident. */
  incidentErrorRatio: number;
  /** Share of the error budget the steady error rate uses (0.3 = 30% of what the objective allows). */
  steadyBudgetShare: number;
}

export const DEFAULT_TRAFFIC: TrafficOptions = {
  baseEventsPerSecond: 20,
  incidentEveryMs: 4 * 60_000,
  incidentLengthMs: 75_000,
  incidentErrorRatio: 0.25,
  steadyBudgetShare: 0.3,
};

export interface TrafficAt {
  eventsPerSecond: number;
  errorRatio: number;
  incident: boolean;
}

/** 0.5 at 04:00 UTC, 1.5 at 16:00 UTC. */
export function diurnalFactor(at: Date): number {
  const hours = at.getUTCHours() + at.getUTCMinutes() / 60;
  return 1 + 0.5 * Math.sin(((hours - 10) / 24) * 2 * Math.PI);
}

/** Which SLO (by index) has an incident at `at`, or -1. Incidents start one interval after `startedAt`. */
export function incidentSlo(at: Date, startedAt: Date, sloCount: number, options: TrafficOptions): number {
  const elapsed = at.getTime() - startedAt.getTime() - options.incidentEveryMs;
  if (elapsed < 0 || sloCount === 0) return -1;
  const n = Math.floor(elapsed / options.incidentEveryMs);
  return elapsed - n * options.incidentEveryMs < options.incidentLengthMs ? n % sloCount : -1;
}

export function trafficAt(sloIndex: number, sloCount: number, objectiveRatio: number, at: Date, startedAt: Date, options = DEFAULT_TRAFFIC): TrafficAt {
  const incident = incidentSlo(at, startedAt, sloCount, options) === sloIndex;
  return {
    eventsPerSecond: options.baseEventsPerSecond * diurnalFactor(at),
    errorRatio: incident ? options.incidentErrorRatio : (1 - objectiveRatio) * options.steadyBudgetShare,
    incident,
  };
}
