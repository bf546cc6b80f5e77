/** GET /assets/<name>-<hash>.<ext>: the SLO page's scripts and stylesheets, cached for good (the hash changes with the content). */
import type { FastifyInstance } from 'fastify';
import type { ChartAssets } from '../assets/chart-assets.js';

export function assetRoutes(app: FastifyInstance, assets: ChartAssets): void {
  for (const asset of Object.values(assets)) {
    app.get(asset.path, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(asset.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body),
    );
  }
}
