/**
 * /healthz: the process answers. /readyz: ready to serve budgets: one evaluation has completed and the
 * store answers; 503 with the reasons otherwise.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { errorBody } from '../error-body.js';

const STORE_PING_TIMEOUT_MS = 2000;

async function storeProblem(deps: AppDeps): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STORE_PING_TIMEOUT_MS}ms`)), STORE_PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([deps.store.ping(), timeout]);
    return undefined;
  } catch (error) {
    return `store unreachable: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const ok = { type: 'object', properties: { status: { type: 'string' } } } as const;
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'], response: { 200: ok } } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: evaluated at least once and the store answers',
        tags: ['health'],
        response: {
          200: { type: 'object', properties: { status: { type: 'string' }, evaluatedAt: { type: 'string', format: 'date-time' } } },
          503: { $ref: 'Error#', description: 'Not ready, with the reasons' },
        },
      },
    },
    async (_request, reply) => {
      const reasons: string[] = [];
      const latest = deps.latest();
      if (!latest) reasons.push('no evaluation has completed yet');
      const store = await storeProblem(deps);
      if (store) reasons.push(store);
      if (reasons.length > 0 || !latest) return reply.code(503).send(errorBody('NOT_READY', reasons.join('; '), { reasons }));
      return { status: 'ready', evaluatedAt: latest.at.toISOString() };
    },
  );
}
