/** GET /api/v1/slos and /api/v1/slos/:id: definitions joined with the latest budgets. */
import type { FastifyInstance } from 'fastify';
import fastJson from 'fast-json-stringify';
import type { LoadedCatalog } from '../../catalog/load-catalog.js';
import type { Evaluation } from '../../scheduler/evaluator.js';
import { closestName } from '../../../core/diagnostics/closest-name.js';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../error-body.js';
import { errorResponses, sloSummarySchema } from '../schemas.js';
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

function listSchema(summary: object) {
  return {
    type: 'object',
    properties: {
      catalogVersion: { type: 'string' },
      evaluatedAt: { type: ['string', 'null'], format: 'date-time' },
      slos: { type: 'array', items: summary },
    },
  } as const;
}
const { $id: _id, ...inlineSummary } = sloSummarySchema;
/** The serialiser Fastify would build from the response schema, run once per evaluation. */
const serializeList = fastJson(listSchema(inlineSummary));

export function sloRoutes(app: FastifyInstance, deps: AppDeps): void {
  let cache: { catalog: LoadedCatalog; latest: Evaluation | undefined; json: string } | undefined;
  app.get(
    '/api/v1/slos',
    {
      schema: {
        summary: 'All SLOs with status and budget summary',
        tags: ['slos'],
        response: { 200: listSchema({ $ref: 'SloSummary#' }) },
      },
    },
    async (_request, reply) => {
      const catalog = deps.catalog();
      const latest = deps.latest();
      // The list changes only with an evaluation or a catalog: serialise it once per pair.
      if (cache?.catalog !== catalog || cache.latest !== latest) {
        const body = { catalogVersion: catalog.version, evaluatedAt: latest ? latest.at.toISOString() : null, slos: catalog.slos.map((slo) => sloSummary(slo, latest)) };
        cache = { catalog, latest, json: serializeList(body) };
      }
      return reply.type('application/json; charset=utf-8').send(cache.json);
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
