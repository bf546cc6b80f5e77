import type { Slo } from '../../../core/model/slo.js';

export type ServiceSlos = [service: string, slos: Slo[]];

/**
 * Splits services into `count` shards of about equal work, each SLO counting one unit. Largest service first
 * onto the lightest shard: deterministic, and within one service of the best split.
 */
export function shardServices(services: readonly ServiceSlos[], count: number): ServiceSlos[][] {
  const shards: ServiceSlos[][] = Array.from({ length: count }, () => []);
  const load = Array.from({ length: count }, () => 0);
  const largestFirst = [...services].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
  for (const entry of largestFirst) {
    const lightest = load.indexOf(Math.min(...load));
    shards[lightest]!.push(entry);
    load[lightest]! += entry[1].length;
  }
  return shards;
}
