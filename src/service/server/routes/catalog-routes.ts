/**
 * GET /api/v1/catalog: the catalog in use and the versions recorded before it. GET /api/v1/catalog/sources:
 * the discovered catalog sources with their states and the SLO ids refused because several sources define
 * them, from memory: it answers while the store is down, when /api/v1/catalog cannot.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { errorResponses } from '../schemas.js';
import { readStore } from './store-read.js';

const sourcesSchema = {
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
} as const;

const conflictsSchema = {
  type: 'array',
  description: 'discovered catalogs only: SLO ids several sources define, refused in all of them',
  items: { type: 'object', properties: { id: { type: 'string' }, sources: { type: 'array', items: { type: 'string' } } } },
} as const;

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
              sources: sourcesSchema,
              conflicts: conflictsSchema,
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

  app.get(
    '/api/v1/catalog/sources',
    {
      schema: {
        summary: 'The catalog sources and the SLO ids refused because several sources define them',
        description:
          'From memory, without the store. `discovered` is false for a single catalog file (no sources, no conflicts). ' +
          'A broken source keeps its last good catalog (`stale`) or serves nothing (`failed`); every other source keeps serving.',
        tags: ['catalog'],
        response: {
          200: {
            type: 'object',
            properties: {
              version: { type: 'string' },
              discovered: { type: 'boolean', description: 'whether catalogs are discovered (a directory and/or ConfigMaps)' },
              sources: sourcesSchema,
              conflicts: conflictsSchema,
            },
          },
        },
      },
    },
    async () => {
      const catalog = deps.catalog();
      return { version: catalog.version, discovered: catalog.sources !== undefined, sources: catalog.sources ?? [], conflicts: catalog.conflicts ?? [] };
    },
  );
}
