/** GET /api/v1/slos and /api/v1/slos/:id: definitions joined with the latest budgets. */
import type { FastifyInstance } from 'fastify';
import { closestName } from '../../validate/closest-name.js';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../error-body.js';
import { errorResponses } from '../schemas.js';
import { sloDetail, sloSummary } from '../slo-views.js';

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 256, description: 'SLO id: <service>-<name>' } },
} as const;

export function unknownSlo(deps: AppDeps, id: string): ApiError {
  const catalog = deps.catalog();
  const ids = catalog.slos.map((s) => s.id);
  const suggestion = closestName(id, ids);
  return new ApiError(404, 'SLO_NOT_FOUND', `no SLO "${id}" in catalog ${catalog.version}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, {
    id,
    catalogVersion: catalog.version,
    ...(suggestion ? { suggestion } : {}),
    list: '/api/v1/slos',
  });
}

export function sloRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    '/api/v1/slos',
    {
      schema: {
        summary: 'All SLOs with status and budget summary',
        tags: ['slos'],
        response: {
          200: {
            type: 'object',
            properties: {
              catalogVersion: { type: 'string' },
              evaluatedAt: { type: ['string', 'null'], format: 'date-time' },
              slos: { type: 'array', items: { $ref: 'SloSummary#' } },
            },
          },
        },
      },
    },
    async () => {
      const catalog = deps.catalog();
      const latest = deps.latest();
      return {
        catalogVersion: catalog.version,
        evaluatedAt: latest ? latest.at.toISOString() : null,
        slos: catalog.slos.map((slo) => sloSummary(slo, latest)),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/slos/:id',
    {
      schema: {
        summary: 'One SLO: budget, burn rates, per-cluster breakdown and groups',
        tags: ['slos'],
        params: idParams,
        response: { 200: { $ref: 'SloDetail#' }, ...errorResponses(404) },
      },
    },
    async (request) => {
      const slo = deps.catalog().slos.find((s) => s.id === request.params.id);
      if (!slo) throw unknownSlo(deps, request.params.id);
      return sloDetail(slo, deps.latest());
    },
  );
}
