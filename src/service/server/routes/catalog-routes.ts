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
              sources: {
                type: 'array',
                description: 'discovered catalogs only: each source (a file of the directory, or a ConfigMap namespace/name) and its state',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    kind: { type: 'string', enum: ['file', 'configmap'] },
                    state: { type: 'string', enum: ['ok', 'stale', 'failed'], description: 'stale: the new content is broken and the last good one serves; failed: nothing serves' },
                    version: { type: 'string' },
                    sloCount: { type: 'integer' },
                    error: { type: 'string' },
                  },
                },
              },
              conflicts: {
                type: 'array',
                description: 'discovered catalogs only: SLO ids several sources define, refused in all of them',
                items: { type: 'object', properties: { id: { type: 'string' }, sources: { type: 'array', items: { type: 'string' } } } },
              },
              slos: {
                type: 'array',
                description: 'discovered catalogs only: each SLO in use and the source defining it',
                items: { type: 'object', properties: { id: { type: 'string' }, source: { type: 'string' } } },
              },
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
        source: catalog.sources ? catalog.source : path.basename(catalog.source),
        history: history.map((h) => ({ ...h, loadedAt: h.loadedAt.toISOString() })),
        ...(catalog.sources
          ? {
              sources: catalog.sources,
              conflicts: catalog.conflicts ?? [],
              slos: catalog.slos.map((slo) => ({ id: slo.id, source: catalog.sloSources?.[slo.id] ?? '' })),
            }
          : {}),
      };
    },
  );
}
