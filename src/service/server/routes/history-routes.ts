/** GET /api/v1/slos/:id/history: stored budget points of an SLO (or one group) over a time range. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { errorResponses, historyPointSchema } from '../schemas.js';
import { historyRange, parseGroup, type HistoryQuery } from './history-params.js';
import { idParams, unknownSlo } from './slo-routes.js';
import { readStore } from './store-read.js';

export function historyRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string }; Querystring: HistoryQuery }>(
    '/api/v1/slos/:id/history',
    {
      schema: {
        summary: 'Budget history of an SLO',
        description:
          'Points from the store, oldest first: raw points for recent times, hourly and daily ones further back. Without `group`, the whole SLO. ' +
          '`goodEvents`/`totalEvents` null: no cluster answered (unknown), unlike 0 (a quiet window). 503 STORE_UNAVAILABLE with Retry-After while the database cannot be reached.',
        tags: ['slos'],
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', description: 'ISO 8601 time or Unix epoch seconds; default `to` − 24h' },
            to: { type: 'string', description: 'ISO 8601 time or Unix epoch seconds; default now' },
            group: { type: 'string', description: 'one group, e.g. `route=/cart`' },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              sloId: { type: 'string' },
              group: { type: 'object', additionalProperties: { type: 'string' } },
              from: { type: 'string', format: 'date-time' },
              to: { type: 'string', format: 'date-time' },
              points: { type: 'array', items: historyPointSchema },
            },
          },
          ...errorResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const slo = deps.catalog().slos.find((s) => s.id === request.params.id);
      if (!slo) throw unknownSlo(deps, request.params.id);
      const { from, to } = historyRange(request.query, deps.clock(), deps.maxHistoryRangeMs);
      const group = request.query.group === undefined ? {} : parseGroup(request.query.group, slo.groupBy);
      const points = await readStore(reply, deps.metrics.storeHealth, () => deps.store.history({ sloId: slo.id, group, from, to }));
      return {
        sloId: slo.id,
        group,
        from: from.toISOString(),
        to: to.toISOString(),
        points: points.map((p) => ({ ...p, at: p.at.toISOString(), group: p.group ?? group })),
      };
    },
  );
}
