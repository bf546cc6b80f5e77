/** What an alert-quality scenario is: SLO shape, per-group traffic and errors, and the incidents to score against. */

export interface Incident {
  /** Minutes since T0, end exclusive. */
  start: number;
  end: number;
  /** Share of requests that fail during the incident. */
  errorRatio: number;
}

export interface GroupSpec {
  /** Value of the `route` label; absent for SLOs without groupBy. */
  route?: string;
  requestsPerMinute: (minute: number, seed: string) => number;
  /** Share of requests that fail outside incidents. */
  backgroundErrorRatio: number;
  incidents: Incident[];
  /** Single failed requests at these minutes (on top of the traffic). */
  failuresAt?: number[];
  /** Minutes during which the target is gone: no samples; counters restart from zero afterwards. */
  absent?: { start: number; end: number };
}

export interface Scenario {
  id: string;
  title: string;
  objectivePercent: number;
  groups: GroupSpec[];
}
