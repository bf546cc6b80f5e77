/**
 * One query endpoint that fronts several clusters (Thanos Query, Mimir with one tenant for all): with
 * `clusterLabel` its answers are split by that label's value into one cluster each, so budgets stay per
 * cluster. `expectedClusters` names the clusters that must answer: one that is missing from every answer
 * (its sidecar is down and Thanos dropped it) is then reported, never silently left out.
 */
import { z } from 'zod';

const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a Prometheus label name such as "cluster"');

/** Fields of a `clusters[]` entry (spread into the config schema). */
export const clusterSplitFields = {
  /** Split this endpoint's answers by this label (an external label such as `cluster`) into one cluster per value. */
  clusterLabel: labelName.optional(),
  /** Values of `clusterLabel` that must be present; a missing one is reported as stale. Needs `clusterLabel`. */
  expectedClusters: z.array(z.string().min(1)).optional(),
};

export interface ClusterSplit {
  label: string;
  expected: readonly string[];
}

export function splitOf(config: { clusterLabel?: string; expectedClusters?: readonly string[] }): ClusterSplit | undefined {
  return config.clusterLabel ? { label: config.clusterLabel, expected: config.expectedClusters ?? [] } : undefined;
}

/**
 * The name of the cluster a series belongs to: its `clusterLabel` value; series without the label stay
 * under the endpoint's own name.
 */
export function clusterOfSeries(endpoint: string, split: ClusterSplit | undefined, labels: Record<string, string>): string {
  if (!split) return endpoint;
  const value = labels[split.label];
  return value === undefined || value === '' ? endpoint : value;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The clusters a partial-response warning names. Thanos writes the failing store's label sets in several
 * spellings (`cluster="us"`, `{cluster="us", …}`, protobuf text `name:"cluster" value:"us"`). An empty
 * answer means the warning cannot be attributed: then every cluster of the endpoint is affected.
 */
export function clustersNamedIn(warning: string, split: ClusterSplit | undefined, known: Iterable<string>): string[] {
  if (!split) return [];
  const label = escapeRegex(split.label);
  const named: string[] = [];
  for (const value of known) {
    const v = escapeRegex(value);
    const patterns = [
      new RegExp(`(^|[^A-Za-z0-9_])${label}\\s*=\\s*\\\\?"${v}\\\\?"`),
      new RegExp(`name:\\s*\\\\?"${label}\\\\?"\\s+value:\\s*\\\\?"${v}\\\\?"`),
    ];
    if (patterns.some((p) => p.test(warning))) named.push(value);
  }
  return named;
}

interface StoreStatus {
  name?: unknown;
  labelSets?: unknown;
}

/**
 * The clusters of the stores a warning names by address. Thanos (0.42) names a failing store only as
 * `Addr: 127.0.0.1:10901 MinTime: … MaxTime: …`; its `/api/v1/stores` answer (`data`) maps each address to the
 * store's external label sets, which it keeps for strict endpoints that stopped answering.
 */
export function clustersOfStoresIn(warning: string, split: ClusterSplit | undefined, stores: unknown): string[] {
  if (!split || typeof stores !== 'object' || stores === null) return [];
  const named = new Set<string>();
  for (const list of Object.values(stores as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const store of list as StoreStatus[]) {
      if (typeof store?.name !== 'string' || store.name === '' || !new RegExp(`(^|[^0-9A-Za-z.:])${escapeRegex(store.name)}($|[^0-9])`).test(warning)) continue;
      for (const set of Array.isArray(store.labelSets) ? (store.labelSets as Record<string, unknown>[]) : []) {
        const value = set?.[split.label];
        if (typeof value === 'string' && value !== '') named.add(value);
      }
    }
  }
  return [...named];
}
