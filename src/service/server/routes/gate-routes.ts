/**
 * GET /api/v1/gate: the budget gate a delivery pipeline asks before deploying. 200 with a decision
 * (open, frozen or unknown) and one reason per SLO; unknown rather than open whenever data is missing.
 */
import type { FastifyInstance } from 'fastify';
import { closestName } from '../../../core/diagnostics/closest-name.js';
import type { AppDeps } from '../app-deps.js';
import { ApiError } from '../error-body.js';
import { errorResponses, sloStatusEnum } from '../schemas.js';
import { gateDecision } from '../status-page/gate-decision.js';
import { unknownSlo } from './slo-routes.js';

interface GateQuery {
  service?: string;
  slo?: string;
  minRemaining?: string;
}

const reasonSchema = {
  type: 'object',
  required: ['sloId', 'decision', 'status', 'remainingRatio', 'policy', 'message'],
  properties: {
    sloId: { type: 'string' },
    name: { type: 'string' },
    service: { type: 'string' },
    decision: { type: 'string', enum: ['open', 'frozen', 'unknown', 'ignored'], description: 'ignored: raw SLIs have no budget in the service' },
    status: { type: 'string', enum: sloStatusEnum },
    remainingRatio: { type: ['number', 'null'], description: '1 untouched, 0 spent, negative overspent; null without data' },
    policy: { type: 'string' },
    message: { type: 'string' },
    staleClusters: { type: 'array', items: { type: 'string' } },
  },
} as const;

const gateResponseSchema = {
  type: 'object',
  required: ['decision', 'minRemaining', 'summary', 'reasons'],
  properties: {
    decision: { type: 'string', enum: ['open', 'frozen', 'unknown'] },
    service: { type: 'string' },
    slo: { type: 'string' },
    minRemaining: { type: 'number' },
    catalogVersion: { type: 'string' },
    evaluatedAt: { type: ['string', 'null'], format: 'date-time' },
    summary: { type: 'string' },
    reasons: { type: 'array', items: reasonSchema },
  },
} as const;

function bad(message: string, parameter: string): ApiError {
  return new ApiError(400, 'BAD_REQUEST', message, { parameter });
}

export function parseMinRemaining(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw bad(`minRemaining: expected a share of the error budget between 0 and 1, such as 0.1 for 10%, got "${text}"`, 'minRemaining');
  }
  return value;
}

function unknownService(deps: AppDeps, name: string): ApiError {
  const catalog = deps.catalog();
  const services = [...new Set(catalog.slos.map((s) => s.service))].sort();
  const suggestion = closestName(name, services);
  return new ApiError(404, 'SERVICE_NOT_FOUND', `no service "${name}" in catalog ${catalog.version}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, {
    service: name,
    catalogVersion: catalog.version,
    ...(suggestion ? { suggestion } : {}),
    services,
  });
}

export function gateRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: GateQuery }>(
    '/api/v1/gate',
    {
      schema: {
        summary: 'Budget gate: may this service deploy?',
        description:
          'Frozen when any SLO of the service (or the one SLO) has `remainingRatio` at or below `minRemaining`; unknown when an SLO has no data, partial data, or has not been evaluated yet (never open on missing data); open otherwise. Raw-SLI SLOs are ignored.',
        tags: ['gate'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            service: { type: 'string', minLength: 1, maxLength: 256, description: 'every SLO of this service' },
            slo: { type: 'string', minLength: 1, maxLength: 256, description: 'one SLO id instead of a service' },
            minRemaining: { type: 'string', description: 'freeze at or below this share of the budget, 0..1; default 0 (spent)' },
          },
        },
        response: { 200: gateResponseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { service, slo: sloId } = request.query;
      if ((service === undefined) === (sloId === undefined)) throw bad('give exactly one of service=<name> or slo=<id>', service === undefined ? 'service' : 'slo');
      const minRemaining = parseMinRemaining(request.query.minRemaining);
      const catalog = deps.catalog();
      const slos = service !== undefined ? catalog.slos.filter((s) => s.service === service) : catalog.slos.filter((s) => s.id === sloId);
      if (slos.length === 0) throw service !== undefined ? unknownService(deps, service) : unknownSlo(deps, sloId ?? '');
      const latest = deps.latest();
      const result = gateDecision(slos, latest, minRemaining);
      return {
        decision: result.decision,
        ...(service !== undefined ? { service } : { slo: sloId }),
        minRemaining,
        catalogVersion: catalog.version,
        evaluatedAt: latest ? latest.at.toISOString() : null,
        summary: result.summary,
        reasons: result.reasons,
      };
    },
  );
}
