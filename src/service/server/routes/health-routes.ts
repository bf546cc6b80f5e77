/**
 * /healthz: the process answers. /readyz: this replica can serve: a catalog is loaded and an evaluation has
 * completed, which the API serves from memory. The store's health is detail, not a condition: a database
 * outage would otherwise take every replica out of the Service at once, while the routes that need the
 * database answer 503 STORE_UNAVAILABLE themselves. The health comes from the store calls already made
 * (store-health.ts), so a probe never waits on the database. Clusters listed twice (ha-replicas.ts) are
 * detail too: doubled counts are a configuration mistake to fix, not a reason to stop serving.
 */
import type { FastifyInstance } from 'fastify';
import type { StoreHealth } from '../../store/store-health.js';
import type { AppDeps } from '../app-deps.js';
import { errorBody } from '../error-body.js';
import { clusterWarnings } from '../slo-views.js';

const isoOrNull = { type: ['string', 'null'], format: 'date-time' } as const;
const storeSchema = {
  type: 'object',
  description: 'What the last store calls found; ok null before the first one',
  properties: {
    ok: { type: ['boolean', 'null'] },
    since: { ...isoOrNull, description: 'when the current state began' },
    error: { type: 'string', description: 'while down: why' },
    operation: { type: 'string', description: 'while down: the call that found out' },
    lastSuccessAt: isoOrNull,
    lastFailureAt: isoOrNull,
  },
} as const;

function storeDetail(health: StoreHealth) {
  const s = health.state();
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    ok: s.ok,
    since: iso(s.since),
    ...(s.error ? { error: s.error } : {}),
    ...(s.operation ? { operation: s.operation } : {}),
    lastSuccessAt: iso(s.lastSuccessAt),
    lastFailureAt: iso(s.lastFailureAt),
  };
}

function hasCatalog(deps: AppDeps): boolean {
  try {
    deps.catalog();
    return true;
  } catch {
    return false;
  }
}

export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const ok = { type: 'object', properties: { status: { type: 'string' } } } as const;
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'], response: { 200: ok } } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: a catalog and a completed evaluation to serve from memory',
        description: 'The store is reported (`store.ok`), not required: while the database is down this stays 200 and the routes that need it answer 503.',
        tags: ['health'],
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              evaluatedAt: { type: 'string', format: 'date-time' },
              role: { type: 'string', enum: ['leader', 'standby'], description: 'leader: evaluates and pages; standby: serves the leader\'s latest evaluation' },
              store: storeSchema,
              clusterWarnings: {
                type: 'array',
                description: 'configuration problems of the clusters (reported, not a condition): two entries that look like the two replicas of one HA pair, or one Prometheus listed twice, whose counts are doubled',
                items: { type: 'object', properties: { clusters: { type: 'array', items: { type: 'string' } }, message: { type: 'string' } } },
              },
            },
          },
          503: { $ref: 'Error#', description: 'Not ready, with the reasons' },
        },
      },
    },
    async (_request, reply) => {
      const reasons: string[] = [];
      if (!hasCatalog(deps)) reasons.push('no catalog is loaded');
      const latest = deps.latest();
      if (!latest) reasons.push('no evaluation has completed yet');
      const store = storeDetail(deps.metrics.storeHealth);
      if (reasons.length > 0 || !latest) return reply.code(503).send(errorBody('NOT_READY', reasons.join('; '), { reasons, store }));
      return { status: 'ready', evaluatedAt: latest.at.toISOString(), ...(deps.role ? { role: deps.role() } : {}), store, clusterWarnings: clusterWarnings(latest) };
    },
  );
}
