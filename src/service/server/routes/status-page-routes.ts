/**
 * GET / and /status: the operators' status page, rendered from the latest in-memory evaluation (the
 * same one /api/v1/slos serves). A strict Content-Security-Policy proves the page loads nothing else.
 */
import { pageCsp } from './page-csp.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { renderPage } from '../status-page/render-page.js';
import { createStatusViewCache } from '../status-page/status-view-cache.js';
import { createTrendReader } from '../status-page/budget-trends.js';
import { parseIndexQuery, type RawIndexQuery } from '../status-page/index-query.js';
import { startIndexWarmer } from '../status-page/index-warmer.js';
import { renderSloRow } from '../status-page/render-slo-row.js';
import type { LoadedCatalog } from '../../catalog/load-catalog.js';

export const DEFAULT_REFRESH_SECONDS = 30;
const MIN_REFRESH_SECONDS = 2;
const MAX_REFRESH_SECONDS = 3600;

interface PageQuery extends RawIndexQuery {
  q?: string;
  refresh?: string;
}

/** A page should not fail on a hand-edited URL: out-of-range refresh values are clamped, junk ignored. */
export function refreshSeconds(text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) return DEFAULT_REFRESH_SECONDS;
  return Math.min(MAX_REFRESH_SECONDS, Math.max(MIN_REFRESH_SECONDS, Math.round(value)));
}

function contentSecurityPolicy(nonce: string): string {
  return pageCsp(`'nonce-${nonce}'`, "'unsafe-inline'");
}

export function statusPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const schema = {
    hide: true,
    querystring: {
      type: 'object',
      properties: {
        q: { type: 'string', maxLength: 200, description: 'filter: terms matched against service, team, id and name' },
        refresh: { type: 'string', maxLength: 8, description: `seconds between refreshes (${MIN_REFRESH_SECONDS}–${MAX_REFRESH_SECONDS})` },
        // status, team, service, sort: checked by parseIndexQuery, whose 400s name the allowed values.
      },
    },
  };
  // The budgets are in memory; a store that cannot answer only costs the page its trends.
  const trends = createTrendReader(deps.store, (error) => deps.logger.warn({ err: error }, 'status page: budget trends unavailable'));
  const views = createStatusViewCache();
  const currentView = async (catalog: LoadedCatalog, now: Date) =>
    views(catalog, deps.latest(), now, await trends(catalog.slos.map((s) => s.id), catalog.version, now));
  const stopWarmer = startIndexWarmer(async () => {
    for (const slo of (await currentView(deps.catalog(), deps.clock())).slos) renderSloRow(slo, false);
  });
  app.addHook('onClose', async () => stopWarmer());
  const handler = async (request: FastifyRequest<{ Querystring: PageQuery }>, reply: FastifyReply) => {
    const catalog = deps.catalog();
    const index = parseIndexQuery(request.query, {
      teams: [...new Set(catalog.slos.map((s) => s.team))],
      services: [...new Set(catalog.slos.map((s) => s.service))],
    });
    const nonce = randomBytes(16).toString('base64');
    const now = deps.clock();
    const view = await currentView(catalog, now);
    const page = renderPage(view, { query: request.query.q ?? '', index, refreshSeconds: refreshSeconds(request.query.refresh), nonce });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(page);
  };
  app.get<{ Querystring: PageQuery }>('/', { schema }, handler);
  app.get<{ Querystring: PageQuery }>('/status', { schema }, handler);
}
