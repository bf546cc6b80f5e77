/**
 * Production cardinality for the fleet's raw counters: one route's requests of one status code are counted by
 * every pod for every method, so the counter the SLO sums is split into many series. Each minute's events are
 * dealt out across the series in whole requests, turn by turn, so the series sum exactly to the group's counts.
 */

/** Methods first (GET, POST, PUT when the count divides by three), the rest are pods. */
const METHODS = ['GET', 'POST', 'PUT'];

export function splitLabels(series: number): Array<Record<string, string>> {
  const methods = series % METHODS.length === 0 ? METHODS.length : 1;
  return Array.from({ length: series }, (_, k) => ({ pod: `pod-${Math.floor(k / methods)}`, method: METHODS[k % methods] ?? 'GET' }));
}

/**
 * Counters of `series` series that together count `perMinute[from..]`, each starting at zero at minute `from`
 * (as a fresh pod would). The one-event remainders rotate by minute, so every series sees some of the errors.
 */
export function splitCounters(perMinute: ArrayLike<number>, from: number, series: number): Float64Array[] {
  const counters = Array.from({ length: series }, () => new Float64Array(perMinute.length - from));
  const running = new Float64Array(series);
  for (let m = from; m < perMinute.length; m++) {
    const events = perMinute[m] ?? 0;
    const base = Math.floor(events / series);
    const extra = events - base * series;
    const first = (m * 7) % series;
    for (let k = 0; k < series; k++) {
      const turn = (k - first + series) % series;
      running[k] = (running[k] ?? 0) + base + (turn < extra ? 1 : 0);
      const counter = counters[k];
      if (counter) counter[m - from] = running[k] ?? 0;
    }
  }
  return counters;
}
