/** GET /api/v1/catalog: the catalog in use and the versions recorded before it. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

export function catalogRoutes(app: FastifyInstance, deps: AppDeps): void {
  const version = {
    type: 'object',
    properties: { version: { type: 'string' }, sloCount: { type: 'integer' }, loadedAt: { type: 'string', format: 'date-time' } },
  } as const;
  app.get(
    '/api/v1/catalog',
    {
      schema: {
        summary: 'The compiled catalog in use',
        tags: ['catalog'],
        response: {
          200: {
            type: 'object',
            properties: {
              version: { type: 'string' },
              sloCount: { type: 'integer' },
              loadedAt: { type: 'string', format: 'date-time' },
              source: { type: 'string', description: 'file the catalog was read from' },
              history: { type: 'array', items: version, description: 'recorded versions, newest first' },
            },
          },
        },
      },
    },
    async () => {
      const catalog = deps.catalog();
      const history = await deps.store.catalogVersions(20).catch(() => []);
      return {
        version: catalog.version,
        sloCount: catalog.slos.length,
        loadedAt: catalog.loadedAt.toISOString(),
        source: catalog.source,
        history: history.map((h) => ({ ...h, loadedAt: h.loadedAt.toISOString() })),
      };
    },
  );
}
