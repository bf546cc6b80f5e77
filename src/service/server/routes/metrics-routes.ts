/** GET /metrics: the service's budgets, span counters and its own health in the Prometheus text format. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

export function metricsRoutes(app: FastifyInstance, deps: AppDeps): void {
  let cache: { latest: ReturnType<AppDeps['latest']>; text: string } | undefined;
  app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['metrics'], produces: ['text/plain'] } }, async (_request, reply) => {
    const latest = deps.latest();
    if (!cache || cache.latest !== latest) cache = { latest, text: deps.sloRegistry ? await deps.sloRegistry.metrics() : '' };
    const live = await deps.registry.metrics();
    return reply.type(deps.registry.contentType).send(`${live}${cache.text}`);
  });
}
