/** GET /metrics: the service's budgets, span counters and its own health in the Prometheus text format. */
import type { FastifyInstance } from 'fastify';
import { Gauge, Registry } from 'prom-client';
import { CLUSTER_LABEL, SERVICE_METRICS } from '../../../core/conventions/metrics.js';
import type { AppDeps } from '../app-deps.js';
import { duplicatedClusters } from '../slo-views.js';

/**
 * Series read from the latest evaluation at scrape time, so a standby reports what the leader found:
 * `burnrate_cluster_duplicate`, 1 for a cluster that looks like another configured cluster (the other replica
 * of its HA pair, or the same Prometheus under another name), whose counts are doubled (ha-replicas.ts).
 */
function evaluationRegistry(deps: AppDeps): Registry {
  const registry = new Registry();
  new Gauge({
    name: SERVICE_METRICS.clusterDuplicate,
    help: '1 when the cluster looks like another configured cluster (the other replica of an HA pair, or the same Prometheus listed twice): its counts are doubled.',
    labelNames: [CLUSTER_LABEL],
    registers: [registry],
    collect() {
      this.reset();
      for (const { cluster, duplicate } of duplicatedClusters(deps.latest())) this.set({ [CLUSTER_LABEL]: cluster }, duplicate ? 1 : 0);
    },
  });
  return registry;
}

export function metricsRoutes(app: FastifyInstance, deps: AppDeps): void {
  let cache: { latest: ReturnType<AppDeps['latest']>; text: string } | undefined;
  const fromEvaluation = evaluationRegistry(deps);
  app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['metrics'], produces: ['text/plain'] } }, async (_request, reply) => {
    const latest = deps.latest();
    if (!cache || cache.latest !== latest) cache = { latest, text: `${await fromEvaluation.metrics()}${deps.sloRegistry ? await deps.sloRegistry.metrics() : ''}` };
    const live = await deps.registry.metrics();
    return reply.type(deps.registry.contentType).send(`${live}${cache.text}`);
  });
}
