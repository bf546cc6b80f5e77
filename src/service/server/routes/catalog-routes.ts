/** GET /api/v1/catalog: the catalog in use and the versions recorded before it. */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { errorResponses } from '../schemas.js';
import { readStore } from './store-read.js';

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
        description: 'With the versions recorded in the store: 503 STORE_UNAVAILABLE with Retry-After while the database cannot be reached.',
        tags: ['catalog'],
        response: {
          200: {
            type: 'object',
            properties: {
              version: { type: 'string' },
              sloCount: { type: 'integer' },
              loadedAt: { type: 'string', format: 'date-time' },
              source: { type: 'string', description: 'name of the file the catalog was read from (the full path is in the service log)' },
              history: { type: 'array', items: version, description: 'recorded versions, newest first' },
            },
          },
          ...errorResponses(503),
        },
      },
    },
    async (_request, reply) => {
      const catalog = deps.catalog();
      // Not an empty list when the store fails: that would read as "no versions recorded".
      const history = await readStore(reply, deps.metrics.storeHealth, () => deps.store.catalogVersions(20));
      return {
        version: catalog.version,
        sloCount: catalog.slos.length,
        loadedAt: catalog.loadedAt.toISOString(),
        source: path.basename(catalog.source),
        history: history.map((h) => ({ ...h, loadedAt: h.loadedAt.toISOString() })),
      };
    },
  );
}
