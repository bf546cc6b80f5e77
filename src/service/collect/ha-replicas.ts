/**
 * Two `clusters` entries that are the two replicas of one HA Prometheus pair would count every event twice.
 * Each Prometheus names itself by its external labels (`/api/v1/status/config`, `global.external_labels`):
 * two clusters whose labels differ only in a replica label, or not at all, are flagged. The service warns
 * rather than refuses: the check is a heuristic, a cluster may not serve its config (Thanos Query, Mimir),
 * and refusing would turn a config mistake into an outage of every budget. What it finds is logged, and
 * carried on each flagged cluster's report (collector.ts), from where /readyz, the status page and the
 * `burnrate_cluster_duplicate` gauge show it.
 */
import { parse } from 'yaml';
import type { PrometheusClient } from './prometheus-client.js';

/** Labels HA setups use to tell replicas apart (Prometheus Operator: prometheus_replica; Cortex/Mimir: __replica__). */
export const REPLICA_LABELS: readonly string[] = ['replica', 'prometheus_replica', '__replica__'];

export type ExternalLabels = Record<string, string>;

/** A cluster's external labels, or undefined when it does not say (not Prometheus, no access, no labels). */
export async function externalLabelsOf(client: PrometheusClient): Promise<ExternalLabels | undefined> {
  try {
    const data = (await client.getData('/api/v1/status/config')) as { yaml?: unknown } | undefined;
    if (typeof data?.yaml !== 'string') return undefined;
    const config = parse(data.yaml) as { global?: { external_labels?: Record<string, unknown> } } | null;
    const labels = config?.global?.external_labels;
    if (!labels || typeof labels !== 'object' || Object.keys(labels).length === 0) return undefined;
    return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  } catch {
    return undefined;
  }
}

function withoutReplica(labels: ExternalLabels): string {
  const kept = Object.entries(labels).filter(([k]) => !REPLICA_LABELS.includes(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(kept);
}

function render(labels: ExternalLabels): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

/** Two configured clusters that look like one Prometheus (pair) listed twice, and why. */
export interface ReplicaFinding {
  clusters: [string, string];
  message: string;
}

/** Every pair of clusters that look like one Prometheus (pair) listed twice. Pure. */
export function replicaFindings(clusters: readonly { name: string; labels: ExternalLabels | undefined }[]): ReplicaFinding[] {
  const findings: ReplicaFinding[] = [];
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      const a = clusters[i] as (typeof clusters)[number];
      const b = clusters[j] as (typeof clusters)[number];
      if (!a.labels || !b.labels || withoutReplica(a.labels) !== withoutReplica(b.labels)) continue;
      const differing = REPLICA_LABELS.filter((k) => a.labels?.[k] !== b.labels?.[k]);
      findings.push({
        clusters: [a.name, b.name],
        message:
          differing.length > 0
            ? `clusters ${a.name} and ${b.name} look like replicas of one HA pair (external labels differ only in ${differing.join(', ')}): ` +
              'their counts would be doubled; point Burnrate at Thanos Query or list one replica'
            : `clusters ${a.name} and ${b.name} have the same external labels ${render(a.labels)}: they look like one Prometheus ` +
              'listed twice, and its counts would be doubled; list it once',
      });
    }
  }
  return findings;
}

/** The warnings for every pair of clusters that look like one Prometheus (pair) listed twice. Pure. */
export function replicaWarnings(clusters: readonly { name: string; labels: ExternalLabels | undefined }[]): string[] {
  return replicaFindings(clusters).map((f) => f.message);
}

/** Asks every cluster for its external labels (in parallel, each bounded by its timeout) and compares them. */
export async function detectReplicaFindings(clients: readonly PrometheusClient[]): Promise<ReplicaFinding[]> {
  const candidates = clients.filter((c) => !c.cluster.clusterLabel);
  if (candidates.length < 2) return [];
  const labels = await Promise.all(candidates.map((c) => externalLabelsOf(c)));
  return replicaFindings(candidates.map((c, i) => ({ name: c.cluster.name, labels: labels[i] })));
}

export async function detectReplicaClusters(clients: readonly PrometheusClient[]): Promise<string[]> {
  return (await detectReplicaFindings(clients)).map((f) => f.message);
}
